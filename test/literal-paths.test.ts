// File names are read as themselves: DuckDB's readers take a path as a glob pattern, so `h[12].csv` would read
// its neighbours h1.csv and h2.csv (and be recorded under its own hash). analytics/sql.ts sqlPath escapes it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Workspace } from '../analytics/workspace.js';
import { importFiles } from '../analytics/import/import-files.js';
import { writeCsv } from './helpers/files.js';
import { stationWorkspace } from './helpers/station-workspace.js';

let dir: string;
let ws: Workspace;
const H = ['站点编码', '监测时间', '污染物', '浓度'];

beforeAll(async () => ({ dir, ws } = await stationWorkspace()));
afterAll(async () => ws.close());

describe('paths are literal', () => {
  it('h[12].csv beside h1.csv and h2.csv imports its own row only; so does q?.csv beside qx.csv', async () => {
    await writeCsv(join(dir, 'h1.csv'), [H, ['1801A', '2025-01-01 01:00', 'PM2.5', 11]]);
    await writeCsv(join(dir, 'h2.csv'), [H, ['1801A', '2025-01-01 02:00', 'PM2.5', 12]]);
    await writeCsv(join(dir, 'qx.csv'), [H, ['1802A', '2025-01-01 02:00', 'PM2.5', 13]]);
    const own = await writeCsv(join(dir, 'h[12].csv'), [H, ['1801A', '2025-01-01 03:00', 'PM2.5', 99]]);
    const q = await writeCsv(join(dir, 'q?.csv'), [H, ['1802A', '2025-01-01 03:00', 'PM2.5', 98]]);
    const r = await importFiles(ws, [own, q]);
    expect(r.batches.map((b) => [b.file, b.accepted])).toEqual([['h[12].csv', 1], ['q?.csv', 1]]);
    const rows = await ws.all<{ v: number }>('SELECT value AS v FROM air_hourly ORDER BY v');
    expect(rows.map((x) => x.v)).toEqual([98, 99]);
  });
});
