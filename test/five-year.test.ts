// The five-year evaluation on the real sample over 2020–2025 (two small districts): baseline 2020 and five
// yearly values taken from each year's annual run, change, Spearman trend, target completion from the targets
// dataset; units matched across the 2020 and 2023 plans through unit_crosswalk; the service op and the CLI.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Workspace } from '../analytics/workspace.js';
import { importFiles } from '../analytics/import/import-files.js';
import { generateSample, plantedWatchFaults } from '../analytics/sample/generate-sample.js';
import { computeFiveYear, readFiveYear, type FiveYearEvaluation, type FiveYearSummary } from '../indicators/five-year/evaluation.js';
import { getValue } from '../indicators/results.js';
import { createService } from '../service/zonetrack-service.js';
import { main } from '../cli/main.js';
import type { Io } from '../cli/cli-io.js';
import { tempDir } from './helpers/sample-workspace.js';
import { writeCsv } from './helpers/files.js';
import { CHONGQING_DISTRICTS } from '../analytics/reference/chongqing-districts.js';
import { localNow } from '../service/clock.js';

let ws: Workspace;
let dir: string;
let summary: FiveYearSummary;
let evaluation: FiveYearEvaluation;
// 渝中区 has one key unit: in the sample's 2020 plan it was two units, merged into it by the 2023 adjustment
const DISTRICT = '500103', MERGED = 'ZH50010320001', OLD_A = 'ZH50010320002', OLD_B = 'ZH50010320003';
// 万州区 comes first in reference order: the sample plants its watch-list faults in the first district (示例数据_说明.md)
const FIRST = '500101', DISTRICTS = [FIRST, DISTRICT], YEARS = [2020, 2021, 2022, 2023, 2024, 2025];

beforeAll(async () => {
  dir = await tempDir();
  const files = await generateSample({ outDir: join(dir, 'sample'), years: YEARS, scale: 'small', seed: 5, districts: DISTRICTS });
  ws = await Workspace.create(join(dir, 'five.duckdb'));
  await importFiles(ws, files.map((f) => f.path));
  // cases of 2021 filed under the 2020 codes of the merged unit, as the registers of that time wrote them
  const extra = await writeCsv(join(dir, '2021年案件_旧单元编码.csv'), [
    ['立案号', '立案日期', '区县代码', '管控单元编码', '违法类型', '罚没金额（元）'],
    ['渝中环立〔2021〕801号', '2021-04-02', DISTRICT, OLD_A, '超标排放', 30000],
    ['渝中环立〔2021〕802号', '2021-05-06', DISTRICT, OLD_B, '危废违规', 50000],
    ['渝中环立〔2021〕803号', '2021-06-07', DISTRICT, OLD_B, '其他', 10000],
  ]);
  await importFiles(ws, [extra], { dataset: 'cases' });
  summary = await computeFiveYear(ws, { at: localNow(), year: 2025 });
  evaluation = await readFiveYear(ws, 2025);
}, 900_000);
afterAll(async () => {
  await ws.close().catch(() => undefined);
});

const item = (kind: string, id: string, entity: string) => evaluation.items.find((i) => i.kind === kind && i.id === id && i.entity === entity);

/** Spearman's ρ by the textbook: average ranks, then Pearson on the ranks (the test's own reference). */
function spearman(values: number[]): number {
  const rank = (xs: number[]) => xs.map((x) => xs.filter((y) => y < x).length + (xs.filter((y) => y === x).length + 1) / 2);
  const rx = rank(values.map((_, i) => i)), ry = rank(values);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const [mx, my] = [mean(rx), mean(ry)];
  const cov = rx.reduce((s, x, i) => s + (x - mx) * (ry[i]! - my), 0);
  return cov / Math.sqrt(rx.reduce((s, x) => s + (x - mx) ** 2, 0) * ry.reduce((s, y) => s + (y - my) ** 2, 0));
}

describe('five-year evaluation 2021–2025', () => {
  it('computes the annual run of the baseline and each window year, and folds the annual tracking of 2025', () => {
    expect(summary).toMatchObject({ year: 2025, baselineYear: 2020, fromYear: 2021, toYear: 2025, foldsAnnual: true });
    expect(summary.runs.map((r) => r.year)).toEqual([2020, 2021, 2022, 2023, 2024, 2025]);
    expect(summary.items).toBe(evaluation.items.length);
  });

  it('a district indicator has the baseline, five yearly values from the annual runs, change and trend', async () => {
    const c1 = item('indicator', 'C1', DISTRICT)!;
    expect(c1.values.map((v) => v.year)).toEqual([2021, 2022, 2023, 2024, 2025]);
    for (const v of c1.values) expect(v.value).toBe((await getValue(ws, 'C1', DISTRICT, v.year)).value);
    expect(c1.baseline).toBe((await getValue(ws, 'C1', DISTRICT, 2020)).value);
    expect(c1.values.every((v) => typeof v.value === 'number')).toBe(true);
    expect(c1.final).toBe(c1.values[4]!.value);
    expect(c1.changeAbs).toBeCloseTo(c1.final! - c1.baseline!, 6);
    expect(c1.changePct).toBeCloseTo(((c1.final! - c1.baseline!) / c1.baseline!) * 100, 2);
    expect(c1.n).toBe(5);
    expect(c1.rho).toBeCloseTo(spearman(c1.values.map((v) => v.value!)), 4);
    expect(c1.significant).toBe(Math.abs(c1.rho!) >= 0.9);
    expect(c1.trend).toMatch(/^(显著上升（变差）|显著下降（改善）|无显著变化趋势)$/);
  });

  it('target completion is judged against the end-year target of the responsibility letter', async () => {
    const c1 = item('indicator', 'C1', DISTRICT)!;
    const t = (await ws.one<{ target_value: number }>(`SELECT target_value FROM targets WHERE entity_code = '${DISTRICT}' AND year = 2025 AND indicator_id = 'C1'`))!;
    expect(c1.target).toBe(t.target_value);
    expect(c1.targetSource).toContain('目标责任书');
    expect(c1.targetMet).toBe(c1.final! <= t.target_value);
  });

  it('the annual score of the end year uses the same target, with the same source, as the five-year evaluation', async () => {
    const c1 = item('indicator', 'C1', DISTRICT)!;
    const annual = await getValue(ws, 'C1', DISTRICT, 2025);
    expect(annual.target).toBe(c1.target);
    expect(annual.targetSource).toBe(c1.targetSource);
  });

  it('units are matched across plan versions: the merged unit carries its two 2020 codes', async () => {
    const cases = item('measure', 'enforcement.cases', MERGED)!;
    expect(cases.sourceCodes).toEqual(expect.arrayContaining([OLD_A, OLD_B]));
    const raw = await ws.all<{ y: number; n: number }>(`SELECT year(filed_on) AS y, count(*)::INTEGER AS n FROM cases
      WHERE unit_code IN ('${MERGED}', '${OLD_A}', '${OLD_B}') GROUP BY y`);
    const byYear = new Map(raw.map((r) => [r.y, r.n]));
    expect(byYear.get(2021)).toBeGreaterThanOrEqual(3);
    for (const v of cases.values) expect(v.value ?? 0).toBe(byYear.get(v.year) ?? 0);
    // old codes do not appear as units of their own in the evaluation of the 2023 plan
    expect(evaluation.items.some((i) => i.entity === OLD_A || i.entity === OLD_B)).toBe(false);
  });

  it('records of 2020–2022 name the units in force then: the merged unit’s 2020 codes have records in those annual runs', async () => {
    const raw = await ws.all<{ y: number; unit_code: string; n: number }>(`SELECT year(date) AS y, unit_code, count(*)::INTEGER AS n FROM inspections
      WHERE unit_code IN ('${MERGED}', '${OLD_A}', '${OLD_B}') GROUP BY ALL`);
    // 渝中's one key unit hosts all its permit holders: inspected every year, under the codes of that year's plan
    for (const y of [2020, 2021, 2022]) {
      expect(raw.filter((r) => r.y === y && r.unit_code === MERGED)).toEqual([]);
      expect(raw.filter((r) => r.y === y).reduce((t, r) => t + r.n, 0)).toBeGreaterThan(0);
    }
    for (const y of [2023, 2024, 2025]) expect(raw.filter((r) => r.y === y).map((r) => r.unit_code)).toEqual([MERGED]);
    for (const y of [2021, 2022]) {
      const run = summary.runs.find((r) => r.year === y)!.runId;
      const stored = await ws.all<{ entity_code: string; value: number }>(`SELECT entity_code, value FROM measure_values
        WHERE run_id = ${run} AND year = ${y} AND measure_id = 'enforcement.inspections' AND entity_code IN ('${MERGED}', '${OLD_A}', '${OLD_B}')`);
      expect(stored.map((r) => [r.entity_code, r.value]).sort()).toEqual(
        raw.filter((r) => r.y === y).map((r) => [r.unit_code, r.n]).sort());
    }
    // the five-year series of the merged unit adds its two 2020 units up in the years before the adjustment
    const series = item('measure', 'enforcement.inspections', MERGED)!;
    for (const v of series.values) expect(v.value ?? 0).toBe(raw.filter((r) => r.y === v.year).reduce((t, r) => t + r.n, 0));
  });

  it('registers drawn up in 2020 name the merged unit’s 2020 codes; each annual run reads them as the units in force that year', async () => {
    // 渝中's key-unit permit holders and city sites all lie in the merged unit: the registers name its two 2020 codes
    const key = `substr(unit_code, 9, 1) = '2' AND district_code = '${DISTRICT}'`;
    const holders = await ws.all<{ unit_code: string }>(`SELECT DISTINCT unit_code FROM permit_holders WHERE ${key}`);
    const sites = await ws.all<{ unit_code: string }>(`SELECT DISTINCT unit_code FROM air_stations WHERE is_city_site AND ${key}`);
    for (const codes of [holders, sites]) {
      expect(codes.length).toBeGreaterThan(0);
      expect(codes.every((r) => r.unit_code === OLD_A || r.unit_code === OLD_B)).toBe(true);
    }
    const stored = async (y: number, measure: string) => ws.all<{ entity_code: string; value: number }>(`SELECT entity_code, value FROM measure_values
      WHERE run_id = ${summary.runs.find((r) => r.year === y)!.runId} AND year = ${y} AND measure_id = '${measure}'
        AND entity_code IN ('${MERGED}', '${OLD_A}', '${OLD_B}') ORDER BY entity_code`);
    const reporting = async (y: number) => (await ws.one<{ n: number }>(`SELECT count(DISTINCT permit_no)::INTEGER AS n
      FROM emissions_annual JOIN permit_holders h USING (permit_no) WHERE year = ${y} AND substr(h.unit_code, 9, 1) = '2' AND h.district_code = '${DISTRICT}'`))!.n;
    for (const y of [2021, 2022]) {
      // before the adjustment: the 2020 units, each with the holders and sites the register gives it
      const rows = await stored(y, 'emissions.holders_reporting');
      expect(rows.map((r) => r.entity_code).every((c) => c === OLD_A || c === OLD_B)).toBe(true);
      expect(rows.reduce((t, r) => t + r.value, 0)).toBe(await reporting(y));
      expect((await stored(y, 'air.good_day_ratio')).map((r) => r.entity_code)).toEqual(sites.map((r) => r.unit_code).sort());
    }
    for (const y of [2024, 2025]) {
      // from 2023 on: the same register rows read through the crosswalk as the merged unit
      expect(await stored(y, 'emissions.holders_reporting')).toEqual([{ entity_code: MERGED, value: await reporting(y) }]);
      expect((await stored(y, 'air.good_day_ratio')).map((r) => r.entity_code)).toEqual([MERGED]);
    }
  });

  it('a second run reuses every annual run while nothing changed', async () => {
    const again = await computeFiveYear(ws, { at: localNow(), year: 2025 });
    expect(again.runs.every((r) => r.reused)).toBe(true);
    expect(again.runs.map((r) => r.runId)).toEqual(summary.runs.map((r) => r.runId));
    expect(again.evaluationId).toBeGreaterThan(summary.evaluationId);
  });

  it('the service op narrows to a district and its units; an unknown entity is refused', async () => {
    const r = await createService(ws).dispatch('evaluation/five-year', { year: 2025, entity: DISTRICT });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.result.items.every((i) => i.entity === DISTRICT || i.entity.startsWith(`ZH${DISTRICT}`))).toBe(true);
    expect(r.result.items.some((i) => i.entityLevel === 'unit')).toBe(true);
    const bad = await createService(ws).dispatch('evaluation/five-year', { year: 2025, entity: '500199' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'NO_ENTITY' } });
    const none = await createService(ws).dispatch('evaluation/five-year', { year: 2024 });
    expect(none).toMatchObject({ ok: false, error: { code: 'NOT_EVALUATED' } });
  });

  it('zonetrack compute --cycle five-year says the annual tracking is folded in (annual compute points there); a bad cycle is refused', async () => {
    await ws.close();
    let out = '', err = '';
    const io: Io = { out: (t) => void (out += t + '\n'), err: (t) => void (err += t + '\n') };
    expect(await main(['compute', ws.path, '--year', '2025', '--cycle', 'five-year', '--json'], io)).toBe(0);
    const doc = JSON.parse(out) as FiveYearSummary & { note: string };
    expect(doc).toMatchObject({ ok: true, year: 2025, baselineYear: 2020, foldsAnnual: true });
    expect(doc.note).toContain('并入五年评估');
    out = '';
    expect(await main(['compute', ws.path, '--year', '2025', '--cycle', 'five-year'], io)).toBe(0);
    expect(out).toContain('不再单独生成年度跟踪评估');
    expect(await main(['compute', ws.path, '--year', '2025'], io)).toBe(0);
    expect(err).toContain('2025年为五年评估年');
    out = '';
    expect(await main(['compute', ws.path, '--year', '2025', '--json'], io)).toBe(0);
    expect((JSON.parse(out) as { note: string }).note).toContain('--cycle five-year');
    expect(await main(['compute', ws.path, '--year', '2025', '--cycle', 'decade'], io)).toBe(2);
    expect(err).toContain('--cycle');
  });
});

// Issue 5, done when: compute --cycle five-year, then score and watchlist — through the CLI, on the sample.
describe('the evaluation year through the CLI: score sheets, city ranking and watch list', () => {
  interface Sheet {
    entity: string; name: string; total: number; earned: number; applicableMax: number; grade: string;
    items: { indicator: string; maxPoints: number | null; points: number | null; status: string }[];
  }
  interface Ranked { rank: number; entity: string; name: string; total: number; grade: string }
  interface Flag { unitCode: string; unitType: string; district: string; flag: string; evidence: { condition: string; value: number | string | null; records?: string[] }[] }
  async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '', err = '';
    const code = await main(args, { out: (t) => void (out += t + '\n'), err: (t) => void (err += t + '\n') });
    return { code, out, err };
  }

  it('score --json: a sheet for every district whose item points add up to its total, and the ranking of all districts', async () => {
    const r = await cli(['score', ws.path, '--year', '2025', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as { sheets: Sheet[]; ranking: Ranked[] };
    // the workspace holds all 38 districts of the city: each has its sheet, the 36 without sample data too
    const all = CHONGQING_DISTRICTS.map((d) => d.code).sort();
    expect(all).toHaveLength(38);
    expect(doc.sheets.map((s) => s.entity).sort()).toEqual(all);
    for (const d of DISTRICTS) expect(doc.sheets.find((s) => s.entity === d)!.items.some((i) => i.status === '达标')).toBe(true);
    for (const s of doc.sheets) {
      expect(new Set(s.items.map((i) => i.indicator)).size).toBe(s.items.length);
      expect(s.items.reduce((t, i) => t + (i.maxPoints ?? 0), 0)).toBeCloseTo(100, 6); // default-2025 is worth 100 points
      const applicable = s.items.filter((i) => i.status !== '不适用');
      expect(s.earned).toBeCloseTo(applicable.reduce((t, i) => t + (i.points ?? 0), 0), 6);
      expect(s.applicableMax).toBeCloseTo(applicable.reduce((t, i) => t + (i.maxPoints ?? 0), 0), 6);
      expect(s.total).toBe(s.applicableMax > 0 ? Math.round((s.earned / s.applicableMax) * 1000) / 10 : 0);
      for (const i of s.items) if (i.points !== null) expect(i.points).toBeLessThanOrEqual(i.maxPoints!);
    }
    // every district once, best total first, ties sharing a rank
    expect(doc.ranking.map((x) => x.entity).sort()).toEqual(all);
    for (const x of doc.ranking) {
      const sheet = doc.sheets.find((s) => s.entity === x.entity)!;
      expect(x).toMatchObject({ total: sheet.total, grade: sheet.grade, name: sheet.name });
      expect(x.rank).toBe(1 + doc.sheets.filter((s) => s.total > sheet.total).length);
    }
    expect(doc.ranking.map((x) => x.total)).toEqual([...doc.ranking.map((x) => x.total)].sort((a, b) => b - a));
    const one = JSON.parse((await cli(['score', ws.path, '--year', '2025', '--entity', DISTRICT, '--json'])).out) as { sheets: Sheet[]; ranking?: unknown };
    expect(one.sheets.map((s) => s.entity)).toEqual([DISTRICT]);
    expect(one.ranking).toBeUndefined();
  });

  it('score in words ends with the city ranking', async () => {
    const r = await cli(['score', ws.path, '--year', '2025']);
    expect(r.code).toBe(0);
    const table = r.out.slice(r.out.indexOf('2025年全市区县评分排名'));
    expect(table).toContain('折算总分');
    for (const d of DISTRICTS) expect(table).toContain(d);
  });

  it('watchlist --json holds every fault the sample plants for it, with its evidence', async () => {
    const r = await cli(['watchlist', ws.path, '--year', '2025', '--json']);
    expect(r.code).toBe(0);
    const { flags } = JSON.parse(r.out) as { flags: Flag[] };
    const ev = (unit: string, cond: string) => flags.find((f) => f.unitCode === unit)?.evidence.find((e) => e.condition.includes(cond));
    // the first district's first and second priority units: 0.8 km² of red line lost, 5 new human-activity patches
    expect(flags.find((f) => f.unitCode === `ZH${FIRST}10001`)).toMatchObject({ unitType: '优先保护', flag: '生态功能明显降低', district: FIRST });
    expect(Number(ev(`ZH${FIRST}10001`, '红线面积')!.value)).toBeCloseTo(-0.8, 2);
    expect(ev(`ZH${FIRST}10002`, '人类活动')!.value).toBe(5);
    // its first key unit: a 62.5万元 case and a problem not rectified by its deadline (未按期整改), two conditions of the key-unit rule
    expect(flags.find((f) => f.unitCode === `ZH${FIRST}20001`)).toMatchObject({ unitType: '重点管控', flag: '生态环境问题突出' });
    expect(ev(`ZH${FIRST}20001`, '案件')!.records!.some((x) => x.includes('〔2025〕900号') && x.includes('62.5万元'))).toBe(true);
    expect(ev(`ZH${FIRST}20001`, '未按期整改')!.records!.some((x) => x.startsWith(`WT${FIRST}2025900`))).toBe(true);
    // its first general unit: unit EQI down 2.6; the second, down 0.8, is below the threshold
    expect(ev(`ZH${FIRST}30001`, 'ΔEQI')).toMatchObject({ value: -2.6 });
    expect(flags.find((f) => f.unitCode === `ZH${FIRST}30002`)).toBeUndefined();
    // the generator's own list of what it plants names these same units, each found with its condition
    const planted = plantedWatchFaults({ seed: 5, scale: 'small', districts: DISTRICTS, years: YEARS });
    expect(planted.map((p) => p.unitCode)).toEqual([`ZH${FIRST}10001`, `ZH${FIRST}10002`, `ZH${FIRST}20001`, `ZH${FIRST}20001`, `ZH${FIRST}30001`]);
    for (const p of planted) expect(ev(p.unitCode, p.condition), `${p.unitCode} ${p.condition}`).toBeDefined();
  });
});
