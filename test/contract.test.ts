// One contract suite, run unchanged against every transport that has no Electron in it: in-process calls and
// browser mode's HTTP server (with the renderer's own HTTP client). Both serve a page-like caller, so both
// confine file paths to the workspace's folder; both stream progress and honour cancel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { ApiCallError, OPERATION_NAMES, type ApiClient } from '../service/contract.js';
import { ARG_SCHEMAS } from '../service/arg-schemas.js';
import { createService, type Service } from '../service/zonetrack-service.js';
import { inProcessClient } from '../service/in-process-client.js';
import { startHttpServer, type RunningServer } from '../service/http-server.js';
import { pathPolicy } from '../service/path-policy.js';
import { createHttpClient } from '../renderer/api/http-client.js';
import { buildSampleWorkspace, tempDir, type SampleWorkspace } from './helpers/sample-workspace.js';

let sample: SampleWorkspace;
let service: Service;
let server: RunningServer;

beforeAll(async () => {
  sample = await buildSampleWorkspace();
  service = createService(sample.ws, { paths: pathPolicy(sample.dir), log: () => undefined });
  const site = join(await tempDir(), 'site');
  await mkdir(site);
  await writeFile(join(site, 'index.html'), '<!doctype html><title>ok</title>');
  server = await startHttpServer(service, { port: 0, staticDir: site });
  await symlink('/etc', join(sample.dir, 'etc-link'));
});
afterAll(async () => {
  await server?.close();
  await sample?.ws.close();
});

const transports: [string, () => ApiClient][] = [
  ['in-process', () => inProcessClient(service)],
  ['http', () => createHttpClient({ token: server.token, baseUrl: `http://127.0.0.1:${server.port}` })],
];

async function refusal(p: Promise<unknown>): Promise<ApiCallError['error']> {
  const e = await p.then(() => undefined, (x: unknown) => x);
  expect(e).toBeInstanceOf(ApiCallError);
  return (e as ApiCallError).error;
}

describe('the operation list', () => {
  it('names every operation that has an argument schema (transports refuse names not on it)', () => {
    expect([...OPERATION_NAMES].sort()).toEqual(Object.keys(ARG_SCHEMAS).sort());
  });
});

describe.each(transports)('contract over the %s transport', (_name, client) => {
  it('describes the workspace', async () => {
    const info = await client().call('workspace/info', {});
    expect(info.districts).toBe(38);
    expect(info.years).toEqual([2024, 2025]);
    expect(info.computedYears).toContain(2025);
  });

  it('answers an indicator value that agrees with its measure and names its batches', async () => {
    const api = client();
    const v = await api.call('indicators/value', { indicator: 'C1', entity: '500103', year: 2025 });
    const m = await api.call('measures/get', { measure: 'air.pm25_annual_mean', entity: '500103', year: 2025 });
    expect(v.value).not.toBeNull();
    expect(v.value).toBe(m.value);
    expect(v.batches.length).toBeGreaterThan(0);
  });

  it('refuses bad arguments naming the field, and unknown operations', async () => {
    const bad = await refusal(client().call('indicators/value', { indicator: 'C1', entity: '500103', year: 1900 }));
    expect(bad.code).toBe('BAD_ARGUMENTS');
    expect(bad.message).toContain('year');
    const unknown = await refusal(client().call('fs/delete' as never, {} as never));
    expect(unknown.code).toBe('UNKNOWN_OPERATION');
  });

  it('confines file paths to the workspace folder: "..", absolute paths elsewhere and symlink escapes are refused', async () => {
    const api = client();
    const before = (await api.call('batches/list', {})).length;
    for (const path of ['../secret.csv', 'sample/../../x.csv', '/etc/passwd', 'etc-link/passwd']) {
      const e = await refusal(api.call('import/files', { paths: [path], dryRun: true }));
      expect(e.code, path).toBe('PATH_NOT_ALLOWED');
      expect(e.message).toContain(path);
    }
    const outside = await refusal(api.call('reports/generate', { year: 2025, entity: '500103', outDir: '/tmp/zt-escape' }));
    expect(outside.code).toBe('PATH_NOT_ALLOWED');
    expect((await api.call('batches/list', {})).length).toBe(before);
  });

  it('takes a path relative to the workspace folder, and a dry run writes nothing', async () => {
    const api = client();
    const before = await api.call('batches/list', {});
    const file = sample.files.find((f) => f.dataset === 'air_stations')!;
    const rel = join('sample', basename(file.path));
    const r = await api.call('import/files', { paths: [rel], dryRun: true });
    expect(r.dryRun).toBe(true);
    expect(r.batches[0]!.dataset).toBe('air_stations');
    expect(await api.call('batches/list', {})).toEqual(before);
  });

  it('streams the steps of a long operation', async () => {
    const steps: string[] = [];
    const summary = await client().call('indicators/compute', { year: 2025 }, { onProgress: (p) => steps.push(p.step) });
    expect(summary.year).toBe(2025);
    expect(steps.length).toBeGreaterThanOrEqual(3);
    expect(new Set(steps).size).toBe(steps.length);
  });

  it('cancels a long operation: the call ends as 已取消 and nothing was written', async () => {
    const runsBefore = await sample.ws.one<{ n: bigint }>('SELECT count(*) AS n FROM compute_runs');
    const cancel = new AbortController();
    const e = await refusal(client().call('indicators/compute', { year: 2025 }, {
      signal: cancel.signal,
      onProgress: () => cancel.abort(),
    }));
    expect(e.code).toBe('CANCELLED');
    expect(e.message).toContain('已取消');
    // the server side may still be unwinding its transaction when the client has given up
    await expect.poll(async () => (await sample.ws.one<{ n: bigint }>('SELECT count(*) AS n FROM compute_runs'))!.n).toBe(runsBefore!.n);
    const again = await client().call('indicators/value', { indicator: 'C1', entity: '500103', year: 2025 });
    expect(again.value).not.toBeNull();
  });
});
