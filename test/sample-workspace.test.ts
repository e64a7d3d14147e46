// The sample workspace of test/helpers: built once per run and copied, each caller gets a workspace of its own
// whose recorded file paths are its own (a copy that still named the first build's folder would let a test
// read or change another file's data).
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSampleWorkspace, type SampleWorkspace } from './helpers/sample-workspace.js';

describe('buildSampleWorkspace', () => {
  const made: SampleWorkspace[] = [];
  afterAll(async () => {
    for (const s of made) {
      await s.ws.close();
      await rm(s.dir, { recursive: true, force: true });
    }
  });

  it('gives each caller its own copy: files, workspace and the paths it records', async () => {
    const [a, b] = await Promise.all([buildSampleWorkspace({ years: [2025], compute: [] }), buildSampleWorkspace({ years: [2025], compute: [] })]);
    made.push(a!, b!);
    expect(a!.dir).not.toBe(b!.dir);
    for (const [s, other] of [[a!, b!], [b!, a!]] as const) {
      expect(s.ws.path).toBe(join(s.dir, 'test.duckdb'));
      expect(s.files.length).toBeGreaterThan(10);
      for (const f of s.files) {
        expect(f.path.startsWith(join(s.dir, 'sample'))).toBe(true);
        expect(existsSync(f.path)).toBe(true);
      }
      const batches = await s.ws.all<{ file_path: string }>('SELECT file_path FROM import_batches ORDER BY batch_id');
      expect(batches.length).toBeGreaterThan(10);
      expect(batches.map((r) => r.file_path).filter((p) => !s.files.some((f) => f.path === p))).toEqual([]);
      const elsewhere = await s.ws.one<{ n: number }>(
        'SELECT count(*) AS n FROM audit_log WHERE contains(coalesce(detail, \'\') || coalesce(target, \'\'), $other)', { other: other.dir });
      expect(elsewhere!.n).toBe(0);
    }
    const count = async (s: SampleWorkspace) => (await s.ws.one<{ n: number }>('SELECT count(*) AS n FROM air_hourly'))!.n;
    const before = await count(b!);
    expect(before).toBeGreaterThan(0);
    await a!.ws.run('DELETE FROM air_hourly');
    expect(await count(a!)).toBe(0);
    expect(await count(b!)).toBe(before);
  }, 600_000);

  it('computes the years asked for', async () => {
    const s = await buildSampleWorkspace({ years: [2025] });
    made.push(s);
    const runs = await s.ws.all<{ year: number }>('SELECT DISTINCT year FROM compute_runs ORDER BY year');
    expect(runs.map((r) => r.year)).toEqual([2025]);
  }, 600_000);
});
