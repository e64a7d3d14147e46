// The data-quality summary finds the faults a hand-made year carries: a short month, flagged and missing hours,
// an implausible spike, a station without data, districts without city sites.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Workspace } from '../analytics/workspace.js';
import { importFiles } from '../analytics/import/import-files.js';
import { qualitySummary, type QualitySummary } from '../analytics/quality/quality-summary.js';
import { writeCsv, type Cell } from './helpers/files.js';
import { tempDir } from './helpers/sample-workspace.js';

let ws: Workspace;
let q: QualitySummary;

beforeAll(async () => {
  const dir = await tempDir();
  ws = await Workspace.create(join(dir, 'q.duckdb'));
  const stations = await writeCsv(join(dir, 'st.csv'), [
    ['站点编码', '站点名称', '区县代码', '是否城市点'], ['A1', '甲站', '500103', '是'], ['Z9', '停用站', '500103', '是'],
  ]);
  const rows: Cell[][] = [['站点编码', '监测时间', '污染物', '浓度', '数据标记']];
  for (let h = 1; h <= 8760; h++) {
    const end = new Date(Date.UTC(2025, 0, 1, h));
    const start = new Date(end.getTime() - 3600_000);
    const t = `${end.toISOString().slice(0, 10)} ${end.toISOString().slice(11, 16)}`;
    // March 1–6 missing entirely (25 valid days < 27); one flagged hour; one spike of 900 in July
    const marchGap = start.getUTCMonth() === 2 && start.getUTCDate() <= 6;
    for (const p of ['SO2', 'NO2', 'CO', 'O3', 'PM10', 'PM2.5']) {
      const base = p === 'CO' ? 0.8 : 30 + ((h * 7) % 11);
      const spike = p === 'PM2.5' && t === '2025-07-15 10:00' ? 900 : base;
      rows.push(['A1', t, p, marchGap ? null : spike, h === 100 && p === 'SO2' ? 'H' : null]);
    }
  }
  await importFiles(ws, [stations, await writeCsv(join(dir, 'h.csv'), rows)]);
  q = await qualitySummary(ws, 2025);
});

afterAll(async () => ws.close());

const check = (name: string) => q.checks.find((c) => c.check.startsWith(name))!;

describe('quality summary', () => {
  it('finds the short station-month, naming station, month and days', () => {
    expect(q.incompleteStationMonths).toEqual([
      expect.objectContaining({ station_code: 'A1', month: 3, valid_days: 25, required_days: 27 }),
    ]);
    expect(check('站点月有效日数不足')).toMatchObject({ count: 1, total: 12, severity: '警告' });
  });

  it('counts missing and flagged hours', () => {
    expect(check('缺测小时值').count).toBe(6 * 24 * 6);
    expect(check('标记为无效').count).toBe(1);
    expect(check('标记为无效').detail).toContain('H');
  });

  it('lists the spike as an outlier with its time and value', () => {
    const o = check('疑似异常值');
    expect(o.count).toBeGreaterThanOrEqual(1);
    expect(o.examples[0]).toContain('A1 2025-07-15 10:00 PM2.5=900');
  });

  it('names the station without data and the districts without city sites', () => {
    expect(check('站点名录中有、当年无小时数据').examples).toEqual(['停用站（Z9）']);
    const noSite = check('没有城市点数据的区县');
    expect(noSite.count).toBe(37);
    expect(noSite.examples).not.toContain('渝中区');
  });
});
