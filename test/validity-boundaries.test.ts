// The validity rules at their boundaries (GB 3095 table 4, HJ 663), in a leap year: 26 vs 27 valid days in a
// month, 24 vs 25 in February, and the 324-day year that the monthly minima alone do not reach (11·27 + 25 = 322).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Workspace } from '../analytics/workspace.js';
import { importFiles } from '../analytics/import/import-files.js';
import { computeIndicators } from '../indicators/engine.js';
import { getValue } from '../indicators/results.js';
import { writeCsv, type Cell } from './helpers/files.js';
import { tempDir } from './helpers/sample-workspace.js';
import { localNow } from '../service/clock.js';

const DAYS_IN_MONTH_2024 = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Per district: how many valid days each month keeps (the rest of the month's days have no data). */
const SCENARIOS: Record<string, { label: string; validDays: (month: number) => number; expectValid: boolean }> = {
  '500101': { label: 'March 27 days', validDays: (m) => (m === 3 ? 27 : DAYS_IN_MONTH_2024[m - 1]!), expectValid: true },
  '500102': { label: 'March 26 days', validDays: (m) => (m === 3 ? 26 : DAYS_IN_MONTH_2024[m - 1]!), expectValid: false },
  '500103': { label: 'February 25 days', validDays: (m) => (m === 2 ? 25 : DAYS_IN_MONTH_2024[m - 1]!), expectValid: true },
  '500104': { label: 'February 24 days', validDays: (m) => (m === 2 ? 24 : DAYS_IN_MONTH_2024[m - 1]!), expectValid: false },
  '500105': { label: 'every month at its minimum: 322 days', validDays: (m) => (m === 2 ? 25 : 27), expectValid: false },
  '500106': { label: 'minima plus two days: 324 days', validDays: (m) => (m === 2 ? 25 : m <= 2 ? 28 : 27 + (m === 3 ? 1 : 0)), expectValid: true },
};

let ws: Workspace;

beforeAll(async () => {
  const dir = await tempDir();
  ws = await Workspace.create(join(dir, 'validity.duckdb'));
  const stations: Cell[][] = [['站点编码', '站点名称', '区县代码', '是否城市点']];
  const rows: Cell[][] = [['站点编码', '监测时间', '污染物', '浓度']];
  for (const [district, s] of Object.entries(SCENARIOS)) {
    const code = `S${district}`;
    stations.push([code, s.label, district, '是']);
    for (let h = 1; h <= 8784; h++) {
      const end = new Date(Date.UTC(2024, 0, 1, h));
      const start = new Date(end.getTime() - 3600_000);
      if (start.getUTCDate() > s.validDays(start.getUTCMonth() + 1)) continue; // the month's last days missing
      rows.push([code, `${end.toISOString().slice(0, 10)} ${end.toISOString().slice(11, 16)}`, 'PM2.5', 30]);
    }
  }
  await importFiles(ws, [await writeCsv(join(dir, 'st.csv'), stations), await writeCsv(join(dir, 'h.csv'), rows)]);
  await computeIndicators(ws, { at: localNow(), year: 2024 });
});
afterAll(async () => ws.close());

describe('annual validity at its boundaries (leap year 2024)', () => {
  for (const [district, s] of Object.entries(SCENARIOS)) {
    it(`${s.label} → ${s.expectValid ? 'valid' : '数据不足'}`, async () => {
      const v = await getValue(ws, 'C1', district, 2024);
      if (s.expectValid) expect(v).toMatchObject({ value: 30, status: expect.not.stringMatching('数据不足') });
      else expect(v).toMatchObject({ value: null, status: '数据不足' });
      expect(v.denominator).toBe(Array.from({ length: 12 }, (_, i) => s.validDays(i + 1)).reduce((a, b) => a + b, 0));
      expect(v.completeness).toBeCloseTo(v.denominator! / 366, 4);
    });
  }
});
