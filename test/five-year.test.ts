// The five-year evaluation on the real sample over 2020–2025 (two small districts): baseline 2020 and five
// yearly values taken from each year's annual run, change, Spearman trend, target completion from the targets
// dataset; units matched across the 2020 and 2023 plans through unit_crosswalk; the service op and the CLI.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Workspace } from '../analytics/workspace.js';
import { importFiles } from '../analytics/import/import-files.js';
import { generateSample } from '../analytics/sample/generate-sample.js';
import { computeFiveYear, readFiveYear, type FiveYearEvaluation, type FiveYearSummary } from '../indicators/five-year/evaluation.js';
import { getValue } from '../indicators/results.js';
import { createService } from '../service/zonetrack-service.js';
import { main } from '../cli/main.js';
import type { Io } from '../cli/cli-io.js';
import { tempDir } from './helpers/sample-workspace.js';
import { writeCsv } from './helpers/files.js';

let ws: Workspace;
let dir: string;
let summary: FiveYearSummary;
let evaluation: FiveYearEvaluation;
// 渝中区 has one key unit: in the sample's 2020 plan it was two units, merged into it by the 2023 adjustment
const DISTRICT = '500103', MERGED = 'ZH50010320001', OLD_A = 'ZH50010320002', OLD_B = 'ZH50010320003';

beforeAll(async () => {
  dir = await tempDir();
  const files = await generateSample({ outDir: join(dir, 'sample'), years: [2020, 2021, 2022, 2023, 2024, 2025], scale: 'small', seed: 5, districts: [DISTRICT, '500104'] });
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
  summary = await computeFiveYear(ws, { year: 2025 });
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

  it('a second run reuses every annual run while nothing changed', async () => {
    const again = await computeFiveYear(ws, { year: 2025 });
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
    expect(await main(['compute', ws.path, '--year', '2025', '--cycle', 'decade'], io)).toBe(2);
    expect(err).toContain('--cycle');
  });
});
