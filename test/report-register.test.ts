// The register of generated reports through the service: a generated report is listed with the hash and size of
// the file on disk and the snapshot it came from (run, catalogue, batches, operator); computing the year again,
// changing the file or deleting it marks it stale; generating again lists the new generation only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { appendFile, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createService } from '../service/zonetrack-service.js';
import { inProcessClient } from '../service/in-process-client.js';
import type { ApiClient, Progress } from '../service/contract.js';
import { buildSampleWorkspace, type SampleWorkspace } from './helpers/sample-workspace.js';

const DISTRICT = '500103';
let s: SampleWorkspace;
let api: ApiClient;
let outDir: string;

beforeAll(async () => {
  s = await buildSampleWorkspace();
  api = inProcessClient(createService(s.ws, { log: () => undefined }));
  outDir = join(s.dir, 'reports');
  await api.call('audit/set-user', { name: '李四' });
}, 600_000);
afterAll(async () => {
  await s.ws.close();
});

const sha256 = async (path: string) => createHash('sha256').update(await readFile(path)).digest('hex');

describe('reports/list', () => {
  it('lists a generated report with the file on disk and the snapshot it came from', async () => {
    const { files: [written] } = await api.call('reports/generate', { year: 2025, entity: DISTRICT, outDir });
    const { files } = await api.call('reports/list', { year: 2025 });
    expect(files.map((f) => [f.kind, f.path])).toEqual([['workbook', written!.xlsx], ['report', written!.docx]]);
    const run = (await s.ws.one<{ run_id: number; catalogue_id: string; catalogue_version: string }>(
      'SELECT run_id, catalogue_id, catalogue_version FROM compute_runs WHERE year = 2025 ORDER BY run_id DESC LIMIT 1'))!;
    for (const f of files) {
      expect(f.sha256).toBe(await sha256(f.path));
      expect(f.size).toBe((await stat(f.path)).size);
      expect(f).toMatchObject({ year: 2025, cycle: 'annual', entity: DISTRICT, entityName: '渝中区', user: '李四', stale: false, staleReasons: [] });
      expect(f.snapshot).toMatchObject({ runId: run.run_id, catalogueId: run.catalogue_id, catalogueVersion: run.catalogue_version, evaluationId: null });
      // the batches are the report's own: every one exists in the workspace, and the district's air data is among them
      const known = await s.ws.all<{ id: number; dataset: string }>(`SELECT batch_id AS id, dataset FROM import_batches WHERE batch_id IN (${f.snapshot.batchIds.join(',')})`);
      expect(known.map((b) => b.id).sort((a, b) => a - b)).toEqual(f.snapshot.batchIds);
      expect(known.some((b) => b.dataset === 'air_hourly')).toBe(true);
    }
    expect((await api.call('reports/list', { year: 2024 })).files).toEqual([]);
  }, 600_000);

  it('marks the files stale when the year is computed again, and lists only the latest generation of a path', async () => {
    await api.call('indicators/compute', { year: 2025 });
    const before = (await api.call('reports/list', {})).files;
    expect(before.map((f) => f.staleReasons)).toEqual([['recomputed'], ['recomputed']]);
    const { files: [again] } = await api.call('reports/generate', { year: 2025, entity: DISTRICT, outDir });
    const after = (await api.call('reports/list', { year: 2025 })).files;
    expect(after.map((f) => f.path)).toEqual([again!.xlsx, again!.docx]);
    expect(after.every((f) => !f.stale && f.snapshot.runId > before[0]!.snapshot.runId)).toBe(true);
    expect(after[0]!.id).toBeGreaterThan(before[0]!.id);
  }, 600_000);

  it('marks a changed file and a deleted file', async () => {
    const [xlsx, docx] = (await api.call('reports/list', { year: 2025 })).files;
    await appendFile(xlsx!.path, 'x');
    await rm(docx!.path);
    const listed = (await api.call('reports/list', { year: 2025 })).files;
    expect(listed.map((f) => [f.kind, f.stale, f.staleReasons])).toEqual([['workbook', true, ['changed']], ['report', true, ['missing']]]);
  }, 600_000);

  it("'all' writes every district and the city in one call, with progress, and records each file", async () => {
    const steps: Progress[] = [];
    const { files } = await api.call('reports/generate', { year: 2025, entity: 'all', outDir }, { onProgress: (p) => steps.push(p) });
    const sheets = (await api.call('scores/get', { year: 2025 })).sheets;
    expect(files.map((f) => f.entity)).toEqual([...sheets.map((x) => x.entity), 'city']);
    expect(steps.at(-1)).toMatchObject({ done: files.length, total: files.length });
    const listed = (await api.call('reports/list', { year: 2025 })).files;
    expect(listed).toHaveLength(files.length * 2);
    expect(new Set(listed.map((f) => f.entity))).toEqual(new Set(files.map((f) => f.entity)));
    expect(listed.every((f) => !f.stale)).toBe(true);
  }, 900_000);

  it("a cancelled 'all' records the reports it completed", async () => {
    const cancel = new AbortController();
    const dir = join(s.dir, 'cancelled');
    const refused = await api.call('reports/generate', { year: 2025, entity: 'all', outDir: dir },
      { signal: cancel.signal, onProgress: () => cancel.abort() }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ error: { code: 'CANCELLED' } });
    const first = (await api.call('scores/get', { year: 2025 })).sheets[0]!;
    const listed = (await api.call('reports/list', { year: 2025 })).files.filter((f) => f.path.startsWith(dir));
    expect(listed.map((f) => [f.kind, f.entity])).toEqual([['workbook', first.entity], ['report', first.entity]]);
    for (const f of listed) expect(f.sha256).toBe(await sha256(f.path));
  }, 600_000);
});
