// C1–C3 on a hand-made data set whose answers can be worked out on paper, through the real importer and
// engine; plus the worked examples of domain/examples.md that concern the AQI.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Workspace } from '../analytics/workspace.js';
import { importFiles } from '../analytics/import/import-files.js';
import { computeIndicators } from '../indicators/engine.js';
import { getValue, scoreSheets } from '../indicators/results.js';
import { iaqiSql } from '../indicators/measures/air-daily.js';
import type { AirEdition } from '../indicators/standards/editions.js';
import { gradeOf, scoreItem } from '../indicators/scoring/score-item.js';
import { activeCatalogue } from '../indicators/catalogue/load-catalogue.js';
import { writeCsv, type Cell } from './helpers/files.js';
import { tempDir } from './helpers/sample-workspace.js';
import { localNow } from '../service/clock.js';

/*
 * 2025, district 渝中区 with two city sites A and B and one regional site R (not a city site, ignored).
 * Every hour: SO2 10, NO2 20, CO 0.5, O3 50, PM10 40; PM2.5 A 30, B 50 (district daily 40 → IAQI 57, 良).
 * Special days (PM2.5 at both sites unless said):
 *   01-10: 90 → 2012 IAQI 119, 2026 IAQI 128: not good in either edition            (examples 1, 11)
 *   01-11: 70 → 2012 IAQI 94 (good), 2026 IAQI 110 (not good)                       (example 12)
 *   01-12: A 30 all day; B 200 but only 19 valid hours → B has no daily mean; district = 30, good (example 15)
 *   01-13: 200 → IAQI 250: a heavy-pollution day in both editions
 * C1 = (361·40 + 90 + 70 + 30 + 200) / 365 = 40.63 → 41.
 * C2 (2012) = 363/365 = 99.45 % → 99.5; C2 (2026) = 362/365 = 99.18 % → 99.2. C3 = 1.
 */
const SPECIAL: Record<string, { A: number; B: number; bValidHours?: number }> = {
  '2025-01-10': { A: 90, B: 90 },
  '2025-01-11': { A: 70, B: 70 },
  '2025-01-12': { A: 30, B: 200, bValidHours: 19 },
  '2025-01-13': { A: 200, B: 200 },
};

function hourText(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:00`;
}

function yearOfHours(): Cell[][] {
  const rows: Cell[][] = [['站点编码', '监测时间', 'SO2', 'NO2', 'CO', 'O3', 'PM10', 'PM2.5']];
  for (let h = 1; h <= 8760; h++) {
    const end = new Date(Date.UTC(2025, 0, 1, h)); // hour-ending
    const day = new Date(end.getTime() - 3600_000).toISOString().slice(0, 10);
    const hourOfDay = new Date(end.getTime() - 3600_000).getUTCHours() + 1; // 1…24
    const s = SPECIAL[day];
    const bMissing = s?.bValidHours !== undefined && hourOfDay > s.bValidHours;
    rows.push(['A1', hourText(end), 10, 20, 0.5, 50, 40, s?.A ?? 30]);
    rows.push(['B1', hourText(end), 10, 20, 0.5, 50, 40, bMissing ? null : (s?.B ?? 50)]);
    rows.push(['R1', hourText(end), 10, 20, 0.5, 50, 40, 500]);
  }
  return rows;
}

let ws: Workspace;

beforeAll(async () => {
  const dir = await tempDir();
  ws = await Workspace.create(join(dir, 'hand.duckdb'));
  const stations = await writeCsv(join(dir, 'stations.csv'), [
    ['站点编码', '站点名称', '区县代码', '是否城市点'], ['A1', '甲站', '500103', '是'], ['B1', '乙站', '500103', '是'], ['R1', '区域站', '500103', '否'],
  ]);
  const hourly = await writeCsv(join(dir, 'hourly.csv'), yearOfHours());
  await importFiles(ws, [stations, hourly]);
});

afterAll(async () => {
  await ws.close();
});

describe('C1–C3 on a hand-made year', () => {
  it('HJ 633-2012: C1 41, C2 99.5 %, C3 1, with numerators, denominators and scores', async () => {
    await computeIndicators(ws, { at: localNow(), year: 2025, edition: '2012' });
    const c1 = await getValue(ws, 'C1', '500103', 2025);
    expect(c1).toMatchObject({ value: 41, denominator: 365, target: 35, status: '未达标', points: 2, maxPoints: 5 });
    expect(c1.numerator).toBeCloseTo(361 * 40 + 90 + 70 + 30 + 200, 6);
    expect(c1.explanation).toBe('高于目标6微克/立方米，扣3分');
    expect(c1.batches.map((b) => b.dataset).sort()).toEqual(['air_hourly', 'air_stations']);
    const c2 = await getValue(ws, 'C2', '500103', 2025);
    expect(c2).toMatchObject({ value: 99.5, numerator: 363, denominator: 365, status: '数据缺失', points: 0 });
    expect(c2.explanation).toContain('缺少2024年数据');
    const c3 = await getValue(ws, 'C3', '500103', 2025);
    expect(c3).toMatchObject({ value: 1, numerator: 1, target: 0, status: '未达标', points: 1 });
    // The city is the mean over all city sites: here the same two sites.
    expect((await getValue(ws, 'C1', 'city', 2025)).value).toBe(41);
  });

  it('HJ 633-2026: the 70 μg/m³ day is no longer good; the PM2.5 target tightens to 30', async () => {
    await computeIndicators(ws, { at: localNow(), year: 2025, edition: '2026' });
    expect(await getValue(ws, 'C2', '500103', 2025)).toMatchObject({ value: 99.2, numerator: 362, standardEdition: '2026' });
    expect(await getValue(ws, 'C3', '500103', 2025)).toMatchObject({ value: 1 });
    expect(await getValue(ws, 'C1', '500103', 2025)).toMatchObject({ value: 41, target: 30, points: 0 });
  });

  it('a district without stations is 数据缺失, never zero or full marks', async () => {
    const v = await getValue(ws, 'C1', '500101', 2025);
    expect(v).toMatchObject({ value: null, status: '数据缺失', points: 0 });
    const [sheet] = await scoreSheets(ws, 2025, '500101');
    expect(sheet!.total).toBe(0);
  });
});

async function iaqi(metric: string, conc: number, edition: AirEdition): Promise<number | null> {
  const rows = await ws.all<{ iaqi: number | null }>(iaqiSql(`(SELECT 'x' AS entity_code, DATE '2025-01-01' AS day, '${metric}' AS metric, ${conc}::DOUBLE AS conc_r)`, edition));
  return rows[0]!.iaqi;
}

describe('worked examples (domain/examples.md)', () => {
  it('1 and 11: PM2.5 90 → 119 (2012), 128 (2026), rounded up', async () => {
    expect(await iaqi('PM2.5_24H', 90, '2012')).toBe(119);
    expect(await iaqi('PM2.5_24H', 90, '2026')).toBe(128);
  });
  it('12: PM2.5 70 → 94 (良) in 2012, 110 (轻度污染) in 2026', async () => {
    expect(await iaqi('PM2.5_24H', 70, '2012')).toBe(94);
    expect(await iaqi('PM2.5_24H', 70, '2026')).toBe(110);
  });
  it('2: O3 8-h 850 → no 8-h IAQI in 2012, 300 in 2026', async () => {
    expect(await iaqi('O3_8H', 850, '2012')).toBeNull();
    expect(await iaqi('O3_8H', 850, '2026')).toBe(300);
  });
  it('13: SO2 24-h 100 → 75 (the 24-h column, not the 1-h one)', async () => {
    expect(await iaqi('SO2_24H', 100, '2012')).toBe(75);
    expect(await iaqi('SO2_24H', 100, '2026')).toBe(75);
  });
  it('breakpoints give exact integers without being pushed up by float error', async () => {
    expect(await iaqi('PM2.5_24H', 75, '2012')).toBe(100);
    expect(await iaqi('PM2.5_24H', 35, '2026')).toBe(50);
    expect(await iaqi('CO_24H', 4, '2012')).toBe(100);
  });
  it('16: scoring C1 37 vs 35 → 4.0; C2 … per point rules', () => {
    const c1 = activeCatalogue().indicators.find((i) => i.id === 'C1')!;
    expect(scoreItem(c1, 37, 35, { missing: false }).points).toBe(4);
    const c2 = activeCatalogue().indicators.find((i) => i.id === 'C2')!;
    expect(scoreItem(c2, 89.1, 90.3, { missing: false })).toMatchObject({ points: 4.4, explanation: '低于目标1.2个百分点，扣0.6分' });
  });
  it('17: not-applicable items leave the denominator: 70 of 86 → 81.4 良好', () => {
    expect(gradeOf(70, 86, activeCatalogue().grades)).toEqual({ total: 81.4, grade: '良好' });
  });
});

describe('O3 from the entity hourly means (hour by hour, air.md)', () => {
  it('averages sites hour by hour before taking the daily maxima', async () => {
    const dir = await tempDir();
    const w = await Workspace.create(join(dir, 'o3.duckdb'));
    try {
      const stations = await writeCsv(join(dir, 'st.csv'), [['站点编码', '站点名称', '区县代码', '是否城市点'], ['A1', '甲', '500103', '是'], ['B1', '乙', '500103', '是']]);
      const rows: Cell[][] = [['站点编码', '监测时间', '污染物', '浓度']];
      for (let h = 1; h <= 24; h++) {
        const t = `2025-07-01 ${String(h).padStart(2, '0')}:00`; // hour-ending; 24:00 is the day's last hour
        rows.push(['A1', t, 'O3', h === 14 ? 200 : 50]);
        rows.push(['B1', t, 'O3', h === 16 ? 200 : h > 19 ? null : 50]); // B misses hours 20–24: A alone stands for them
      }
      await importFiles(w, [stations, await writeCsv(join(dir, 'o3.csv'), rows)]);
      const { buildAirDaily } = await import('../indicators/measures/air-daily.js');
      await buildAirDaily(w, { fromYear: 2025, toYear: 2025, edition: '2012' });
      const o3 = await w.all<{ metric: string; conc: number }>(
        "SELECT metric, conc FROM zt_entity_daily WHERE entity_code = '500103' ORDER BY metric");
      // hour 14: (200 + 50) / 2; hour 16: (50 + 200) / 2 — not the mean of the two sites' maxima (200)
      expect(o3.find((r) => r.metric === 'O3_1H')!.conc).toBe(125);
      // 8-h windows ending 16…23 contain one of the two peaks: max = (7·50 + 125) / 8 … with both: (6·50 + 2·125)/8
      expect(o3.find((r) => r.metric === 'O3_8H')!.conc).toBeCloseTo((6 * 50 + 2 * 125) / 8, 9);
    } finally {
      await w.close();
    }
  });
});

describe('targets say where they come from', () => {
  const c1 = () => activeCatalogue().indicators.find((i) => i.id === 'C1')!.target;
  it('takes the stricter of last year and the limit, naming both', async () => {
    const { resolveTarget } = await import('../indicators/targets.js');
    expect(resolveTarget(c1(), { year: 2025, edition: '2012', previous: { value: 33, valid: true }, editionSensitive: false }))
      .toEqual({ target: 33, source: '2024年实际值，取2024年实际值与GB 3095-2012二级浓度限值中较严者' });
    expect(resolveTarget(c1(), { year: 2026, edition: '2026', previous: { value: 33, valid: true }, editionSensitive: false }))
      .toMatchObject({ target: 30, source: expect.stringContaining('GB 3095-2026二级浓度限值（过渡期）') });
  });
  it('tells missing data from insufficient data', async () => {
    const { resolveTarget } = await import('../indicators/targets.js');
    expect(resolveTarget(c1(), { year: 2025, edition: '2012', previous: undefined, editionSensitive: false }).source).toContain('缺少2024年数据');
    expect(resolveTarget({ kind: 'previous_year' }, { year: 2025, edition: '2012', previous: { value: 90, valid: false }, editionSensitive: true }))
      .toEqual({ target: null, source: expect.stringContaining('2024年数据不足') });
    expect(resolveTarget({ kind: 'previous_year' }, { year: 2026, edition: '2026', previous: { value: 90, valid: true }, editionSensitive: true }).source)
      .toBe('2025年实际值（按HJ 633-2026口径重算）');
  });
});

describe('annual statistics, composite index and attainment (HJ 663)', () => {
  it('gives every statistic of the hand-made year, with the composite index and what failed', async () => {
    const { getMeasure } = await import('../indicators/results.js');
    await computeIndicators(ws, { at: localNow(), year: 2025, edition: '2012' });
    const m = async (id: string) => (await getMeasure(ws, id, '500103', 2025)).value;
    expect(await m('air.so2_annual_mean')).toBe(10);
    expect(await m('air.no2_24h_p98')).toBe(20);
    expect(await m('air.pm25_annual_mean')).toBe(41);
    expect(await m('air.pm25_24h_p95')).toBe(40); // 361 days at 40; the four special days do not move the 95th
    expect(await m('air.co_24h_p95')).toBe(0.5);
    expect(await m('air.o3_8h_p90')).toBe(50);
    const composite = 10 / 60 + 20 / 40 + 40 / 70 + 41 / 35 + 0.5 / 4 + 50 / 160;
    expect(await m('air.composite_index')).toBe(Math.round(composite * 100) / 100);
    const att = await getMeasure(ws, 'air.attainment', '500103', 2025);
    expect(att).toMatchObject({ value: 0, status: '有效' });
    expect(att.detail).toBe('超标：PM2.5年均浓度41（限值35）');
  });

  it('14: the same 33 μg/m³ attains GB 3095-2012 and fails GB 3095-2026', async () => {
    const { attainmentRows } = await import('../indicators/measures/air-attainment.js');
    const ids = ['air.so2_annual_mean', 'air.so2_24h_p98', 'air.no2_annual_mean', 'air.no2_24h_p98', 'air.pm10_annual_mean',
      'air.pm10_24h_p95', 'air.pm25_annual_mean', 'air.pm25_24h_p95', 'air.co_24h_p95', 'air.o3_8h_p90'];
    const values: Record<string, number> = { 'air.pm25_annual_mean': 33, 'air.pm25_24h_p95': 55, 'air.pm10_annual_mean': 50, 'air.pm10_24h_p95': 100, 'air.co_24h_p95': 1.2, 'air.o3_8h_p90': 150 };
    const rows = ids.map((measure) => ({ measure, entity_code: '500103', entity_level: 'district' as const, year: 2026, value: values[measure] ?? 10,
      numerator: null, denominator: 365, completeness: 1, valid: true, detail: null, batches: [] }));
    const of = (ed: '2012' | '2026') => attainmentRows(rows, ed).find((r) => r.measure === 'air.attainment')!;
    expect(of('2012').value).toBe(1);
    expect(of('2026')).toMatchObject({ value: 0, detail: '超标：PM2.5年均浓度33（限值30）' });
  });

  it('3: the percentile is HJ 663 appendix A — k = 1 + (n−1)p, linear between X(s) and X(s+1) — on random years', async () => {
    const hj663 = (xs: number[], p: number) => {
      const x = [...xs].sort((a, b) => a - b);
      const k = 1 + (x.length - 1) * p;
      const s = Math.floor(k);
      return s >= x.length ? x[x.length - 1]! : x[s - 1]! + (x[s]! - x[s - 1]!) * (k - s);
    };
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let trial = 0; trial < 25; trial++) {
      const n = 300 + Math.floor(rand() * 66);
      const xs = Array.from({ length: n }, () => Math.round(rand() * 300));
      for (const p of [0.9, 0.95, 0.98]) {
        const sql = await ws.one<{ q: number }>(`SELECT quantile_cont(x, ${p}) AS q FROM (SELECT unnest([${xs.join(',')}]) AS x)`);
        expect(sql!.q).toBeCloseTo(hj663(xs, p), 9);
      }
    }
  });

  it('a unit without city sites shows 无站点, never its district’s value', async () => {
    const { getMeasure } = await import('../indicators/results.js');
    await ws.run(`INSERT INTO units (unit_code, plan_version, unit_name, unit_type, district_code, batch_id, src_row)
      VALUES ('ZH50010320009', '2023', '无站点单元', 2, '500103', 999, 1)`);
    expect(await getMeasure(ws, 'air.pm25_annual_mean', 'ZH50010320009', 2025)).toMatchObject({ value: null, status: '无站点' });
  });
});
