// The air rules at their exact boundaries, through the real importer and the real SQL (validity-boundaries
// covers 26/27 days in March, 24/25 in a leap February and the 324-day year):
//   limits exactly met attain; 19 vs 20 valid hours; hour 24:00 written both ways and the year's first
//   00:00 belonging to the year before; O3 8-h with 13 vs 14 valid windows and the exceedance exception (13
//   windows above 160 stand, at 160 do not); February 25 vs 24 days in a non-leap year.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Workspace } from '../analytics/workspace.js';
import { importFiles } from '../analytics/import/import-files.js';
import { computeIndicators } from '../indicators/engine.js';
import { getMeasure } from '../indicators/results.js';
import { buildAirDaily, roundHalfEvenSql } from '../indicators/measures/air-daily.js';
import { attainmentRows } from '../indicators/measures/air-attainment.js';
import type { MeasureRow } from '../indicators/measures/air-annual.js';
import { writeCsv, type Cell } from './helpers/files.js';
import { tempDir } from './helpers/sample-workspace.js';
import { localNow } from '../service/clock.js';

const pad = (n: number) => String(n).padStart(2, '0');
const hourEnding = (start: Date) => {
  const end = new Date(start.getTime() + 3600_000);
  return `${end.toISOString().slice(0, 10)} ${end.toISOString().slice(11, 16)}`;
};

/** A full year of wide hourly rows, the same values every hour. */
function constantYear(code: string, year: number, v: Record<string, number>): Cell[][] {
  const rows: Cell[][] = [];
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 3600_000) {
    rows.push([code, hourEnding(new Date(t)), v.SO2!, v.NO2!, v.CO!, v.O3!, v.PM10!, v['PM2.5']!]);
  }
  return rows;
}

describe('limits exactly met (GB 3095-2012 grade 2 and grade 1)', () => {
  let ws: Workspace;
  const AT_LIMIT = { SO2: 60, NO2: 40, CO: 4, O3: 160, PM10: 70, 'PM2.5': 35 };
  const AT_GRADE1 = { SO2: 20, NO2: 40, CO: 4, O3: 100, PM10: 40, 'PM2.5': 15 };
  beforeAll(async () => {
    const dir = await tempDir();
    ws = await Workspace.create(join(dir, 'limits.duckdb'));
    const stations = await writeCsv(join(dir, 'st.csv'), [
      ['站点编码', '站点名称', '区县代码', '是否城市点'], ['L1', '限值站', '500103', '是'], ['M1', '超限站', '500104', '是'],
      ['G1', '一级限值站', '500105', '是'],
    ]);
    const hourly = await writeCsv(join(dir, 'h.csv'), [
      ['站点编码', '监测时间', 'SO2', 'NO2', 'CO', 'O3', 'PM10', 'PM2.5'],
      ...constantYear('L1', 2025, AT_LIMIT),
      ...constantYear('M1', 2025, { ...AT_LIMIT, 'PM2.5': 36 }),
      ...constantYear('G1', 2025, AT_GRADE1),
    ]);
    await importFiles(ws, [stations, hourly]);
    await computeIndicators(ws, { at: localNow(), year: 2025, edition: '2012' });
  });
  afterAll(async () => ws.close());

  it('every statistic at its limit (annual means 60/40/70/35, CO p95 4, O3 p90 160) attains', async () => {
    expect(await getMeasure(ws, 'air.pm25_annual_mean', '500103', 2025)).toMatchObject({ value: 35, status: '有效' });
    expect((await getMeasure(ws, 'air.co_24h_p95', '500103', 2025)).value).toBe(4);
    expect((await getMeasure(ws, 'air.o3_8h_p90', '500103', 2025)).value).toBe(160);
    expect(await getMeasure(ws, 'air.attainment', '500103', 2025)).toMatchObject({ value: 1, detail: '六项污染物均达到二级标准' });
  });
  it('one μg/m³ above (PM2.5 36) does not', async () => {
    expect(await getMeasure(ws, 'air.attainment', '500104', 2025)).toMatchObject({ value: 0, detail: '超标：PM2.5年均浓度36（限值35）' });
  });

  /** The stored annual statistics of an entity, judged again at a given grade. */
  const judged = async (entity: string, grade: 1 | 2) => {
    const rows = await ws.all<MeasureRow>(`SELECT measure_id AS measure, entity_code, entity_level, year, value, numerator, denominator,
      completeness, valid, detail, batches FROM measure_values WHERE entity_code = '${entity}' AND year = 2025
      AND run_id = (SELECT max(run_id) FROM compute_runs) AND measure_id NOT IN ('air.attainment', 'air.composite_index')`);
    return attainmentRows(rows, '2012', () => grade).find((r) => r.measure === 'air.attainment')!;
  };
  it('grade 1 (class-1 zone): its own limits exactly met attain; the grade-2 limits do not', async () => {
    expect(await judged('500105', 1)).toMatchObject({ value: 1, detail: '六项污染物均达到一级标准' });
    expect(await judged('500103', 1)).toMatchObject({
      value: 0,
      detail: '超标（一级标准）：SO2年均浓度60（限值20），SO2日均值第98百分位60（限值50），PM10年均浓度70（限值40），' +
        'PM10日均值第95百分位70（限值50），PM2.5年均浓度35（限值15），O3日最大8小时第90百分位160（限值100）',
    });
    expect(await judged('500105', 2)).toMatchObject({ value: 1, detail: '六项污染物均达到二级标准' });
  });
});

describe('daily rules: 19/20 hours, hour 24:00, O3 8-h windows', () => {
  let ws: Workspace;
  const rows: Cell[][] = [['站点编码', '监测时间', '污染物', '浓度', '数据标记']];
  const stations: Cell[][] = [['站点编码', '站点名称', '区县代码', '是否城市点']];
  /** One site-day of one pollutant: value(he) or null for a missing hour; hour 24 written as 24:00 or as next 00:00. */
  function siteDay(code: string, district: string, day: string, pollutant: string, value: (he: number) => number | null, h24: '24:00' | 'next' = '24:00', flag?: string) {
    if (!stations.some((s) => s[0] === code)) stations.push([code, code, district, '是']);
    for (let he = 1; he <= 24; he++) {
      const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      const time = he < 24 ? `${day} ${pad(he)}:00` : h24 === '24:00' ? `${day} 24:00` : `${next} 00:00`;
      const v = value(he);
      // a missing hour is written either blank or with an invalid flag
      rows.push([code, time, pollutant, v ?? (flag ? 50 : null), v === null ? (flag ?? null) : null]);
    }
  }
  beforeAll(async () => {
    const dir = await tempDir();
    ws = await Workspace.create(join(dir, 'daily.duckdb'));
    siteDay('H19', '500101', '2025-05-01', 'PM2.5', (he) => (he <= 19 ? 40 : null), '24:00', 'H'); // 19 valid hours
    siteDay('H20', '500102', '2025-05-01', 'PM2.5', (he) => (he <= 20 ? 40 : null), '24:00', 'BB'); // 20 valid hours
    siteDay('T24', '500103', '2025-03-01', 'PM2.5', (he) => (he === 24 ? 34 : 10), '24:00');
    siteDay('T00', '500104', '2025-03-01', 'PM2.5', (he) => (he === 24 ? 34 : 10), 'next');
    siteDay('NY1', '500105', '2024-12-31', 'PM2.5', () => 20, 'next'); // its 24th hour is 2025-01-01 00:00
    // O3 with hours 1…k missing: the windows ending 08:00…24:00 with ≥ 6 valid hours are 19 − k.
    siteDay('W14', '500106', '2025-07-01', 'O3', (he) => (he <= 5 ? null : 100)); // 14 windows
    siteDay('W13', '500107', '2025-07-01', 'O3', (he) => (he <= 6 ? null : 100)); // 13 windows
    siteDay('X13', '500108', '2025-07-01', 'O3', (he) => (he <= 6 ? null : 170)); // 13 windows, above 160
    siteDay('L13', '500109', '2025-07-01', 'O3', (he) => (he <= 6 ? null : 160)); // 13 windows, at 160
    // CO daily means of exactly 2.45 and 2.55 mg/m³ (10 hours each of two values, 4 hours missing)
    siteDay('C45', '500110', '2025-08-01', 'CO', (he) => (he > 20 ? null : he % 2 ? 2.4 : 2.5));
    siteDay('C55', '500111', '2025-08-01', 'CO', (he) => (he > 20 ? null : he % 2 ? 2.5 : 2.6));
    const st = await writeCsv(join(dir, 'st.csv'), stations);
    await importFiles(ws, [st, await writeCsv(join(dir, 'h.csv'), rows)]);
    await buildAirDaily(ws, { fromYear: 2024, toYear: 2025, edition: '2012' });
  });
  afterAll(async () => ws.close());

  const daily = async (entity: string, metric: string) =>
    ws.all<{ day: string; conc: number }>(`SELECT day::VARCHAR AS day, conc FROM zt_entity_daily WHERE entity_code = '${entity}' AND metric = '${metric}' ORDER BY day`);

  it('19 valid hours give no 24-h mean; 20 do (flagged hours do not count)', async () => {
    expect(await daily('500101', 'PM2.5_24H')).toEqual([]);
    expect(await daily('500102', 'PM2.5_24H')).toEqual([{ day: '2025-05-01', conc: 40 }]);
  });
  it('hour 24:00 and the next day 00:00 are the same, last hour of the day', async () => {
    const mean = (23 * 10 + 34) / 24;
    expect(await daily('500103', 'PM2.5_24H')).toEqual([{ day: '2025-03-01', conc: mean }]);
    expect(await daily('500104', 'PM2.5_24H')).toEqual([{ day: '2025-03-01', conc: mean }]);
  });
  it('1 January 00:00 closes 31 December of the year before', async () => {
    const r = await ws.one<{ n: number; day: string }>(
      "SELECT count(*)::INTEGER AS n, any_value(day)::VARCHAR AS day FROM zt_hourly WHERE station_code = 'NY1'");
    expect(r).toEqual({ n: 24, day: '2024-12-31' });
    expect(await daily('500105', 'PM2.5_24H')).toEqual([{ day: '2024-12-31', conc: 20 }]);
  });
  it('O3 daily max 8-h: 14 valid windows are enough, 13 are not', async () => {
    expect(await daily('500106', 'O3_8H')).toEqual([{ day: '2025-07-01', conc: 100 }]);
    expect(await daily('500107', 'O3_8H')).toEqual([]);
  });
  it('exceedance exception: 13 windows above the limit stand; at the limit (160) they do not', async () => {
    expect(await daily('500108', 'O3_8H')).toEqual([{ day: '2025-07-01', conc: 170 }]);
    expect(await daily('500109', 'O3_8H')).toEqual([]);
  });
  it('GB/T 8170 half to even on the decimal value: CO 2.45 → 2.4, 2.55 → 2.6 (float noise does not decide)', async () => {
    const r = async (entity: string) => (await ws.one<{ c: number }>(
      `SELECT conc_r AS c FROM zt_entity_daily WHERE entity_code = '${entity}' AND metric = 'CO_24H'`))!.c;
    expect(await r('500110')).toBe(2.4);
    expect(await r('500111')).toBe(2.6);
    // the double nearest 2.45 (the mean a property-test year produced), which DuckDB's round_even takes to 2.5
    const q = await ws.one<{ a: number; b: number; c: number }>(
      `SELECT ${roundHalfEvenSql('2.45::DOUBLE', 1)} AS a, ${roundHalfEvenSql('40.5::DOUBLE', 0)} AS b, ${roundHalfEvenSql('40.4999::DOUBLE', 0)} AS c`);
    expect(q).toEqual({ a: 2.4, b: 40, c: 40 });
  });
  it('O3 1-h max is kept only with a valid 8-h value', async () => {
    expect(await daily('500106', 'O3_1H')).toEqual([{ day: '2025-07-01', conc: 100 }]);
    expect(await daily('500107', 'O3_1H')).toEqual([]);
  });
});

describe('February in a non-leap year (2023: 28 days)', () => {
  let ws: Workspace;
  const FEB: Record<string, number> = { '500101': 25, '500102': 24 };
  beforeAll(async () => {
    const dir = await tempDir();
    ws = await Workspace.create(join(dir, 'feb.duckdb'));
    const stations: Cell[][] = [['站点编码', '站点名称', '区县代码', '是否城市点']];
    const rows: Cell[][] = [['站点编码', '监测时间', '污染物', '浓度']];
    for (const [district, febDays] of Object.entries(FEB)) {
      stations.push([`F${district}`, `F${district}`, district, '是']);
      for (let t = Date.UTC(2023, 0, 1); t < Date.UTC(2024, 0, 1); t += 3600_000) {
        const start = new Date(t);
        if (start.getUTCMonth() === 1 && start.getUTCDate() > febDays) continue;
        rows.push([`F${district}`, hourEnding(start), 'PM2.5', 30]);
      }
    }
    await importFiles(ws, [await writeCsv(join(dir, 'st.csv'), stations), await writeCsv(join(dir, 'h.csv'), rows)]);
    await computeIndicators(ws, { at: localNow(), year: 2023 });
  });
  afterAll(async () => ws.close());

  it('25 valid days in February are enough, 24 are not; completeness over 365 days', async () => {
    const ok = await getMeasure(ws, 'air.pm25_annual_mean', '500101', 2023);
    expect(ok).toMatchObject({ value: 30, status: '有效', denominator: 362 });
    expect(ok.completeness).toBeCloseTo(362 / 365, 4);
    expect(await getMeasure(ws, 'air.pm25_annual_mean', '500102', 2023)).toMatchObject({ value: null, status: '数据不足', denominator: 361 });
  });
});
