// The service in a process of its own, started the way the desktop shell starts it (there utilityProcess.fork,
// here child_process.fork of the same entry, dist/service/child-host.js, speaking the same messages): the
// contract works through it, with progress and a cancel that rolls back, and it closes the workspace in order.
// Needs `npm run build` first (it runs dist/).
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiCallError, type ApiClient, type Progress } from '../service/contract.js';
import { forkedChannel, serviceProcess, type ServiceProcess } from '../service/child-client.js';
import { inProcessClient } from '../service/in-process-client.js';
import { generateSample } from '../analytics/sample/generate-sample.js';
import { Workspace } from '../analytics/workspace.js';
import { buildSampleWorkspace, TEST_DISTRICTS, type SampleWorkspace } from './helpers/sample-workspace.js';

const ENTRY = resolve('dist/service/child-host.js');

let sample: SampleWorkspace;
let child: ChildProcess;
let service: ServiceProcess;
let api: ApiClient;
let moreFiles: string[];
let batchesAfterImport = 0;

beforeAll(async () => {
  if (!existsSync(ENTRY)) throw new Error(`找不到 ${ENTRY}：请先运行 npm run build`);
  sample = await buildSampleWorkspace({ years: [2025], compute: [] });
  await sample.ws.close(); // the child owns the file from now on
  const more = await generateSample({ outDir: join(sample.dir, 'more'), years: [2024], scale: 'small', seed: 7, districts: TEST_DISTRICTS, datasets: ['water_samples'] });
  moreFiles = more.map((f) => f.path);
  child = fork(ENTRY, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  service = serviceProcess(forkedChannel(child));
  api = inProcessClient(service);
}, 600_000);

afterAll(async () => {
  if (child && child.exitCode === null) child.kill();
  if (sample) await rm(sample.dir, { recursive: true, force: true });
});

async function refusal(p: Promise<unknown>): Promise<ApiCallError> {
  const e = await p.then(() => undefined, (x: unknown) => x);
  expect(e).toBeInstanceOf(ApiCallError);
  return e as ApiCallError;
}

describe('the service in a child process', () => {
  it('refuses calls before a workspace is open, and reports why a file will not open', async () => {
    expect((await refusal(api.call('workspace/info', {}))).error.code).toBe('NOT_STARTED');
    const missing = await service.start({ path: join(sample.dir, 'missing.duckdb'), backups: false });
    expect(missing).toMatchObject({ ok: false, error: { code: 'WORKSPACE_MISSING' } });
  });

  it('opens the workspace and answers workspace/info', async () => {
    expect(await service.start({ path: join(sample.dir, 'test.duckdb'), backups: false })).toEqual({ ok: true, readOnly: false, notices: [] });
    const info = await api.call('workspace/info', {});
    expect(info.path).toBe(join(sample.dir, 'test.duckdb'));
    expect(info.years).toContain(2025);
    expect(info.batches).toBeGreaterThan(10);
  });

  it('cancels an import: the call ends as 已取消 and no batch was written', async () => {
    const before = await api.call('batches/list', {});
    const cancel = new AbortController();
    const e = await refusal(api.call('import/files', { paths: moreFiles }, { signal: cancel.signal, onProgress: () => cancel.abort() }));
    expect(e.error.code).toBe('CANCELLED');
    expect(await api.call('batches/list', {})).toEqual(before);
  });

  it('imports with progress events relayed from the child', async () => {
    const before = await api.call('batches/list', {});
    const steps: Progress[] = [];
    const r = await api.call('import/files', { paths: moreFiles }, { onProgress: (p) => steps.push(p) });
    expect(r.batches.length).toBe(moreFiles.length);
    expect(steps.length).toBeGreaterThan(0);
    expect(steps.every((p) => p.total === moreFiles.length)).toBe(true);
    batchesAfterImport = (await api.call('batches/list', {})).length;
    expect(batchesAfterImport).toBe(before.length + moreFiles.length);
  });

  it('refuses a path outside the workspace folder until the shell grants that file (and only that file)', async () => {
    const outside = resolve('test/corpus');
    expect((await refusal(api.call('review/submission', { year: 2025, path: join(outside, 'none.xlsx') }))).error.code).toBe('PATH_NOT_ALLOWED');
    service.allow(join(outside, 'none.xlsx'), 'import-files');
    expect((await refusal(api.call('review/submission', { year: 2025, path: join(outside, 'none.xlsx') }))).error.code).not.toBe('PATH_NOT_ALLOWED');
    expect((await refusal(api.call('review/submission', { year: 2025, path: join(outside, 'other.xlsx') }))).error.code).toBe('PATH_NOT_ALLOWED');
  });

  it('closes the workspace in order and exits; the file then opens elsewhere with what was imported', async () => {
    const exited = new Promise<number | null>((r) => child.once('exit', r));
    await service.close();
    expect(await exited).toBe(0);
    expect((await refusal(api.call('workspace/info', {}))).error.message).toContain('服务进程已退出');
    const ws = await Workspace.open(join(sample.dir, 'test.duckdb'));
    try {
      const n = await ws.one<{ n: number }>('SELECT count(*) AS n FROM import_batches');
      expect(n!.n).toBe(batchesAfterImport);
    } finally {
      await ws.close();
    }
  });
});
