// One evaluation snapshot reads no clock below the service (issue 16): indicators/ and reports/ take every time
// stamp from their caller. The service takes them (service/clock.ts), so faking the process clock moves every stamp
// a user action writes — a stamp taken by DuckDB's now() inside indicators/ or reports/ would not move.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildSampleWorkspace, type SampleWorkspace } from './helpers/sample-workspace.js';
import { createService } from '../service/zonetrack-service.js';
import { inProcessClient } from '../service/in-process-client.js';
import { activeCatalogue } from '../indicators/catalogue/load-catalogue.js';

const ROOT = join(import.meta.dirname, '..');
const CLOCK_READS = /\bnow\(\)|\bcurrent_date\b|\bcurrent_timestamp\b|\btoday\(\)|new Date\(\)|Date\.now\(/i;

async function sources(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(join(ROOT, dir), { withFileTypes: true, recursive: true })) {
    if (e.isFile() && e.name.endsWith('.ts')) out.push(join(e.parentPath, e.name));
  }
  return out;
}

describe('no clock in indicators/ or reports/', () => {
  it('no source line reads the clock (SQL or TypeScript)', async () => {
    const hits: string[] = [];
    for (const file of [...await sources('indicators'), ...await sources('reports')]) {
      (await readFile(file, 'utf8')).split('\n').forEach((line, i) => {
        const code = line.replace(/\/\/.*$/, '');
        if (CLOCK_READS.test(code)) hits.push(`${file.slice(ROOT.length + 1)}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(hits).toEqual([]);
  });
});

describe('stamps come from the service', () => {
  let s: SampleWorkspace;
  // a day no test run happens on, in local time as the workspace records it
  const FAKE = new Date(2031, 4, 6, 7, 8, 9);
  const STAMP = '2031-05-06 07:08:09';
  beforeAll(async () => {
    s = await buildSampleWorkspace({ years: [2024, 2025], compute: [], districts: ['500101', '500103'] });
  }, 600_000);
  afterAll(async () => {
    vi.useRealTimers();
    await s?.ws.close().catch(() => undefined);
  });

  it('compute, finalize, scores, report texts and layers are stamped with the service’s (faked) time', async () => {
    const layer = join(s.dir, 'cq.json');
    const def = activeCatalogue();
    await writeFile(layer, JSON.stringify({ layer: { level: 'municipal', entity: 'city', id: 'cq', version: '1', name: '重庆市细化' },
      base: { id: def.id, version: def.version }, change: [] }));
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(FAKE);
    const api = inProcessClient(createService(s.ws, { log: () => undefined }));
    await api.call('catalogue/add-layer', { path: layer });
    const run = await api.call('indicators/compute', { year: 2025 });
    await api.call('scores/set-review', { year: 2025, entity: '500103', indicator: 'C1', reviewScore: 1, note: '复核' });
    await api.call('reports/texts-set', { year: 2025, entity: '500103', section: 'organisation', text: '本年度工作总结' });
    await api.call('snapshots/finalize', { year: 2025, reason: '报送' });
    vi.useRealTimers();
    const fmt = (col: string, table: string, where: string) =>
      s.ws.one<{ t: string | null }>(`SELECT strftime(${col}, '%Y-%m-%d %H:%M:%S') AS t FROM ${table} WHERE ${where}`);
    expect((await fmt('computed_at', 'compute_runs', `run_id = ${run.runId}`))?.t).toBe(STAMP);
    expect((await fmt('finalized_at', 'compute_runs', `run_id = ${run.runId}`))?.t).toBe(STAMP);
    expect((await fmt('updated_at', 'score_entries', "year = 2025 AND entity_code = '500103' AND indicator_id = 'C1'"))?.t).toBe(STAMP);
    expect((await fmt('updated_at', 'report_texts', "year = 2025 AND entity_code = '500103'"))?.t).toBe(STAMP);
    expect((await fmt('imported_at', 'catalogue_layers', "layer_key = 'cq'"))?.t).toBe(STAMP);
  }, 300_000);
});
