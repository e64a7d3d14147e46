// Five-year evaluation (domain/indicators.md): the five years ending in the evaluation year, with the year
// before as baseline. Each year is the annual run of computeIndicators (reused when it is still current); then
// one SQL builds, per catalogue indicator of every district and the city and per unit-level measure of every
// unit in force in the evaluation year (older codes matched through unit_crosswalk): baseline, yearly values,
// final value, change (absolute and %), Spearman trend with significance, and target completion.
import type { Sql, Workspace } from '../../analytics/workspace.js';
import { UserError } from '../../analytics/errors.js';
import { APP_VERSION } from '../../analytics/app-version.js';
import { sqlString } from '../../analytics/sql.js';
import { unitCodeInYearSql } from '../../analytics/units/unit-plans.js';
import { computeIndicators } from '../engine.js';
import { catalogueInForce, layeredCatalogues } from '../catalogue/workspace-layers.js';
import type { Catalogue } from '../catalogue/schema.js';
import { editionsFor } from '../standards/editions.js';
import { roundHalfEvenSql } from '../value-format.js';
import { spearmanSql, trendWordsSql } from './spearman.js';
import { appendAudit } from '../../analytics/audit/audit-log.js';
import { referenceDateOf } from '../../analytics/settings/workspace-settings.js';

export const WINDOW_YEARS = 5;

/** Years ending a five-year plan period (2020, 2025, 2030 …): their annual tracking is folded into the evaluation. */
export const isEvaluationYear = (year: number) => year % 5 === 0;

export interface FiveYearRun { year: number; runId: number; reused: boolean }

export interface FiveYearSummary {
  evaluationId: number;
  year: number;
  baselineYear: number;
  fromYear: number;
  toYear: number;
  runs: FiveYearRun[];
  items: number;
  significantTrends: number;
  /** In an evaluation year the annual tracking is carried by the five-year evaluation, not produced separately. */
  foldsAnnual: boolean;
}

export function windowOf(year: number) {
  if (!Number.isInteger(year) || year < 2005 || year > 2100) throw new UserError('BAD_YEAR', `评估年份无效：${year}`);
  const fromYear = year - WINDOW_YEARS + 1;
  return { baselineYear: fromYear - 1, fromYear, toYear: year, years: Array.from({ length: WINDOW_YEARS }, (_, i) => fromYear + i) };
}

/** Actions that change what an annual run reads: batches imported (data packages too), replaced or removed, and
 *  screenings recorded (A5 and the record measures read access_screenings). A restore brings back runs and data
 *  together, as they were. */
const INPUT_ACTIONS = ['import', 'supersede', 'batch/remove', 'package/import', 'access/screen', 'access/screen-approvals'];

/** The latest annual run of `year` when it is still current: same app, edition, catalogue, layers and reference
 *  date, and no input changed after it. "After" is the order of the audit log (the run's 'compute' entry and the
 *  entries of INPUT_ACTIONS are written in the transactions that make them), never a time stamp: the run's
 *  computed_at is the caller's time (service/clock.ts, whole seconds, taken before the run starts and fakeable),
 *  which a batch's DuckDB stamp cannot be compared with. */
async function currentRun(sql: Sql, year: number): Promise<number | undefined> {
  const layered = await layeredCatalogues(sql);
  const catalogue = layered.city;
  const r = await sql.one<{ run_id: number; layers: string | null }>(`
    WITH latest AS (SELECT * FROM compute_runs WHERE year = $y AND run_id = (SELECT max(run_id) FROM compute_runs WHERE year = $y)),
    logged AS (SELECT max(seq) AS seq FROM audit_log, latest
               WHERE action = 'compute' AND TRY_CAST(json_extract_string(detail, '$.run') AS INTEGER) = latest.run_id)
    SELECT r.run_id, r.layers FROM latest r, logged l
    WHERE r.app_version = $app AND r.standard_edition = $ed AND r.catalogue_id = $cid AND r.catalogue_version = $cver
      AND r.reference_date IS NOT DISTINCT FROM $ref::DATE
      AND l.seq IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.seq > l.seq AND a.action IN (${INPUT_ACTIONS.map(sqlString).join(', ')}))`,
  { y: year, app: APP_VERSION, ed: editionsFor(year).edition, cid: catalogue.id, cver: catalogue.version, ref: (await referenceDateOf(sql, year)).date });
  const sameLayers = (r?.layers ?? '[]') === JSON.stringify(layered.refs);
  return sameLayers ? r?.run_id : undefined;
}

export interface FiveYearOptions {
  year: number;
  /** When the evaluation (and any annual run it needs) is computed: local time from the service. */
  at: string;
  onProgress?: (p: { step: string; done: number; total: number }) => void;
}

export async function computeFiveYear(ws: Workspace, options: FiveYearOptions): Promise<FiveYearSummary> {
  const w = windowOf(options.year);
  const all = [w.baselineYear, ...w.years];
  const total = all.length + 1;
  const runs: FiveYearRun[] = [];
  // Each year is its own annual run (a complete, valid result by itself); the evaluation below is one transaction.
  for (const [i, y] of all.entries()) {
    const existing = await currentRun(ws, y);
    options.onProgress?.({ step: `${y}年指标${existing ? '（沿用现有计算结果）' : ''}`, done: i, total });
    runs.push(existing ? { year: y, runId: existing, reused: true } : { year: y, runId: (await computeIndicators(ws, { year: y, at: options.at })).runId, reused: false });
  }
  options.onProgress?.({ step: '五年评估：变化、趋势与目标完成情况', done: all.length, total });
  const summary = await ws.transaction(async (tx) => {
    const ev = (await tx.one<{ id: number }>("SELECT nextval('evaluation_id_seq')::INTEGER AS id"))!.id;
    await tx.run(`INSERT INTO five_year_evaluations VALUES ($id, $year, $base, $from, $to, ${`[${runs.map((r) => r.runId).join(', ')}]`}::INTEGER[], $app, $at::TIMESTAMP)`,
      { at: options.at, id: ev, year: w.toYear, base: w.baselineYear, from: w.fromYear, to: w.toYear, app: APP_VERSION });
    const finalRun = (await tx.one<{ layers: string | null }>(`SELECT layers FROM compute_runs WHERE run_id = ${runs.at(-1)!.runId}`))!;
    await tx.run(`INSERT INTO five_year_values ${evaluationSql(ev, w, runs, await catalogueInForce(tx, finalRun))}`);
    await appendAudit(tx, { action: 'evaluation/five-year', target: `${w.fromYear}–${w.toYear}年 五年评估`, detail: { evaluationId: ev, runs: runs.map((r) => r.runId) } });
    const c = (await tx.one<{ n: number; s: number }>(
      `SELECT count(*)::INTEGER AS n, (count(*) FILTER (WHERE significant))::INTEGER AS s FROM five_year_values WHERE evaluation_id = ${ev}`))!;
    return { evaluationId: ev, year: w.toYear, baselineYear: w.baselineYear, fromYear: w.fromYear, toYear: w.toYear, runs,
      items: c.n, significantTrends: c.s, foldsAnnual: isEvaluationYear(w.toYear) };
  });
  await ws.checkpoint();
  options.onProgress?.({ step: '完成', done: total, total });
  return summary;
}

function evaluationSql(ev: number, w: ReturnType<typeof windowOf>, runs: FiveYearRun[], catalogue: Catalogue): string {
  const directions = catalogue.indicators.map((i) => `(${sqlString(i.id)}, ${sqlString(i.direction)})`).join(', ');
  const yearly = w.years.map((y) => `max(value) FILTER (WHERE year = ${y})`).join(', ');
  return `
    WITH runs(year, run_id) AS (VALUES ${runs.map((r) => `(${r.year}, ${r.runId})`).join(', ')}),
    codes AS (SELECT DISTINCT code, code_in_year FROM ${unitCodeInYearSql(w.toYear)}),
    indicator_series AS (
      SELECT 'indicator' AS kind, v.indicator_id AS item_id, v.entity_code, any_value(v.entity_level) AS entity_level, r.year,
             max(v.value) AS value, [v.entity_code] AS source_codes
      FROM indicator_values v JOIN runs r USING (run_id) GROUP BY ALL
    ),
    unit_values AS (
      SELECT m.measure_id, c.code_in_year, r.year, m.entity_code AS source_code, CASE WHEN m.valid THEN m.value END AS value, m.denominator
      FROM measure_values m JOIN runs r ON r.run_id = m.run_id AND r.year = m.year JOIN codes c ON c.code = m.entity_code
      WHERE m.entity_level = 'unit'
    ),
    unit_series AS (
      -- one code: its value; several old codes merged into one unit: their sum where the measure adds up
      -- (counts and amounts have no denominator), else no value — rates and means do not combine
      SELECT 'measure' AS kind, measure_id AS item_id, code_in_year AS entity_code, 'unit' AS entity_level, year,
             CASE WHEN count(*) = 1 THEN any_value(value)
                  WHEN bool_and(denominator IS NULL) AND bool_and(value IS NOT NULL) THEN sum(value) END AS value,
             list(DISTINCT source_code ORDER BY source_code) AS source_codes
      FROM unit_values GROUP BY measure_id, code_in_year, year
    ),
    series AS (SELECT * FROM indicator_series UNION ALL SELECT * FROM unit_series),
    win AS (SELECT * FROM series WHERE year BETWEEN ${w.fromYear} AND ${w.toYear}),
    trend AS ${spearmanSql('win', ['kind', 'item_id', 'entity_code'])},
    agg AS (
      SELECT kind, item_id, entity_code, any_value(entity_level) AS entity_level,
             list_sort(list_distinct(flatten(list(source_codes)))) AS source_codes,
             max(value) FILTER (WHERE year = ${w.baselineYear}) AS baseline, [${yearly}] AS yearly,
             max(value) FILTER (WHERE year = ${w.toYear}) AS final
      FROM series GROUP BY kind, item_id, entity_code
    ),
    directions(item_id, direction) AS (VALUES ${directions}),
    -- the end year's targets as its annual run resolved and recorded them (目标责任书 first; indicators/targets.ts)
    final_targets AS (
      SELECT v.indicator_id AS item_id, v.entity_code, v.target, v.target_source
      FROM indicator_values v WHERE v.run_id = ${runs.at(-1)!.runId}
    ),
    joined AS (
      SELECT a.*, t.n, t.rho, t.significant, d.direction,
             CASE WHEN a.kind = 'indicator' THEN ft.target END AS target,
             CASE WHEN a.kind = 'indicator' THEN ft.target_source END AS target_source
      FROM agg a LEFT JOIN trend t USING (kind, item_id, entity_code)
      LEFT JOIN directions d ON a.kind = 'indicator' AND d.item_id = a.item_id
      LEFT JOIN final_targets ft ON a.kind = 'indicator' AND ft.item_id = a.item_id AND ft.entity_code = a.entity_code
    )
    SELECT ${ev}, kind, item_id, entity_code, entity_level, source_codes, baseline, yearly, final,
           final - baseline AS change_abs,
           CASE WHEN baseline <> 0 THEN ${roundHalfEvenSql('(final - baseline) / abs(baseline) * 100', 2)} END AS change_pct,
           coalesce(n, 0), rho, coalesce(significant, false),
           ${trendWordsSql('rho', 'coalesce(significant, false)', 'coalesce(n, 0)', 'direction')},
           target, target_source,
           CASE WHEN final IS NULL OR target IS NULL THEN NULL
                WHEN direction = 'lower_better' THEN final <= target ELSE final >= target END
    FROM joined`;
}

export interface FiveYearItem {
  kind: 'indicator' | 'measure';
  id: string;
  name: string;
  entity: string;
  entityName: string;
  entityLevel: string;
  /** For units: the codes the values were recorded under (more than one where the unit merged older units). */
  sourceCodes: string[];
  baseline: number | null;
  values: { year: number; value: number | null }[];
  final: number | null;
  changeAbs: number | null;
  changePct: number | null;
  n: number;
  rho: number | null;
  significant: boolean;
  trend: string;
  target: number | null;
  targetSource: string | null;
  targetMet: boolean | null;
}

export interface FiveYearEvaluation {
  evaluationId: number;
  year: number;
  baselineYear: number;
  fromYear: number;
  toYear: number;
  runIds: number[];
  computedAt: string;
  foldsAnnual: boolean;
  items: FiveYearItem[];
}

/** The latest five-year evaluation of `year`; `entity` narrows it to a district (with its units), a unit or the city. */
export async function readFiveYear(sql: Sql, year: number, entity?: string): Promise<FiveYearEvaluation> {
  const ev = await sql.one<{ evaluation_id: number; year: number; baseline_year: number; from_year: number; to_year: number; run_ids: number[]; computed_at: Date }>(
    'SELECT * FROM five_year_evaluations WHERE year = $y ORDER BY evaluation_id DESC LIMIT 1', { y: year });
  if (!ev) throw new UserError('NOT_EVALUATED', `${year}年的五年评估尚未计算，请先运行 zonetrack compute --year ${year} --cycle five-year`);
  const filter = entity ? `AND (v.entity_code = $e OR (length($e) = 6 AND v.entity_level = 'unit' AND substr(v.entity_code, 3, 6) = $e))` : '';
  const rows = await sql.all<Record<string, unknown>>(`
    SELECT v.*, coalesce(d.name, u.unit_name, CASE WHEN v.entity_code = 'city' THEN '全市' END, v.entity_code) AS entity_name
    FROM five_year_values v
    LEFT JOIN districts d ON d.district_code = v.entity_code
    LEFT JOIN (SELECT unit_code, max_by(unit_name, plan_version) AS unit_name FROM units GROUP BY unit_code) u ON u.unit_code = v.entity_code
    WHERE v.evaluation_id = ${ev.evaluation_id} ${filter}
    ORDER BY v.kind, v.entity_level, v.entity_code, v.item_id`, entity ? { e: entity } : {});
  if (entity && rows.length === 0) throw new UserError('NO_ENTITY', `${year}年五年评估中没有“${entity}”（请使用6位区县代码、管控单元编码或 city）`);
  const finalRun = await sql.one<{ layers: string | null }>(`SELECT layers FROM compute_runs WHERE run_id = ${ev.run_ids.at(-1) ?? -1}`);
  const names = new Map((await catalogueInForce(sql, finalRun ?? null)).indicators.map((i) => [i.id, i.name]));
  const years = Array.from({ length: WINDOW_YEARS }, (_, i) => ev.from_year + i);
  return {
    evaluationId: ev.evaluation_id, year: ev.year, baselineYear: ev.baseline_year, fromYear: ev.from_year, toYear: ev.to_year,
    runIds: [...ev.run_ids], computedAt: ev.computed_at.toISOString(), foldsAnnual: isEvaluationYear(ev.year),
    items: rows.map((r) => ({
      kind: r.kind as FiveYearItem['kind'], id: r.item_id as string, name: names.get(r.item_id as string) ?? (r.item_id as string),
      entity: r.entity_code as string, entityName: r.entity_name as string, entityLevel: r.entity_level as string,
      sourceCodes: [...(r.source_codes as string[])], baseline: r.baseline as number | null,
      values: years.map((y, i) => ({ year: y, value: (r.yearly as (number | null)[])[i] ?? null })),
      final: r.final as number | null, changeAbs: r.change_abs as number | null, changePct: r.change_pct as number | null,
      n: r.n as number, rho: r.rho as number | null, significant: r.significant as boolean, trend: r.trend as string,
      target: r.target as number | null, targetSource: r.target_source as string | null, targetMet: r.target_met as boolean | null,
    })),
  };
}
