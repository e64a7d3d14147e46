// Reading computed results back: one value with its lineage, score sheets, rankings. Always from the latest
// compute run of the year, so what the CLI, the UI and the reports show is the same snapshot.
import type { Sql } from '../analytics/workspace.js';
import { regionGroupsOfYear } from '../analytics/reference/region-groups.js';
import { UserError } from '../analytics/errors.js';
import { defaultReferenceDate } from '../analytics/settings/workspace-settings.js';
import { runCatalogues } from './catalogue/workspace-layers.js';
import { gradeOf, ruleText } from './scoring/score-item.js';
import { applyScoreEntries, readScoreEntries, type EnteredScores } from './scoring/score-entries.js';
import { capGrade, firedVetoes, type FiredVeto } from './scoring/vetoes.js';

export interface RunInfo {
  run_id: number;
  year: number;
  catalogue_id: string;
  catalogue_version: string;
  standard_edition: string;
  app_version: string;
  computed_at: Date;
  /** JSON list of the catalogue layers the run used (null before layers existed). */
  layers: string | null;
  /** The evaluation's reference date the run judged deadlines by (null for runs before it was recorded). */
  reference_date: Date | null;
  /** Set while the run is the year's finalized snapshot (定稿); null for a draft. */
  finalized_at: Date | null;
  finalized_by: string | null;
  finalize_reason: string | null;
}

/** The reference date a run judged deadlines by (YYYY-MM-DD); runs from before it was recorded: the default. */
export function referenceDateOfRun(run: RunInfo): string {
  return run.reference_date ? run.reference_date.toISOString().slice(0, 10) : defaultReferenceDate(run.year);
}

/** Which run of a year to read: the finalized one when there is one, else the latest ('default'); the latest
 *  whatever its state ('draft'); or a run by its id. */
export type RunChoice = 'default' | 'draft' | number;

/** The year's run everything reads: the finalized snapshot (定稿) when there is one — later imports and
 *  computations make drafts beside it and never change it — else the latest computation. */
export async function latestRun(sql: Sql, year: number, which: RunChoice = 'default'): Promise<RunInfo> {
  const run = await sql.one<RunInfo>(`SELECT * FROM compute_runs WHERE year = $y ${typeof which === 'number' ? `AND run_id = ${Math.trunc(which)}` : ''}
    ORDER BY ${which === 'default' ? 'finalized_at IS NOT NULL DESC,' : ''} run_id DESC LIMIT 1`, { y: year });
  if (!run) throw new UserError('NOT_COMPUTED', `${year}年的指标尚未计算，请先运行“计算指标”（zonetrack compute --year ${year}）`);
  return run;
}

export interface IndicatorValue {
  indicator: string;
  name: string;
  entity: string;
  entityName: string;
  year: number;
  value: number | null;
  unit: string;
  decimals: number;
  direction: 'lower_better' | 'higher_better';
  numerator: number | null;
  denominator: number | null;
  /** The previous year's value under the same edition (for 同比). */
  previous: number | null;
  target: number | null;
  targetSource: string | null;
  status: string;
  points: number | null;
  maxPoints: number | null;
  completeness: number;
  explanation: string;
  standardEdition: string;
  runId: number;
  batches: { id: number; dataset: string; file: string; sha256: string; rows: number }[];
}

const ENTITY_NAME = `coalesce((SELECT name FROM districts d WHERE d.district_code = v.entity_code), CASE WHEN v.entity_code = 'city' THEN '全市' END)`;

async function valuesOf(sql: Sql, run: RunInfo, where: string, params: Record<string, string>): Promise<IndicatorValue[]> {
  const runId = run.run_id;
  const catalogues = await runCatalogues(sql, run.layers);
  const rows = await sql.all<Record<string, unknown>>(
    `SELECT v.*, ${ENTITY_NAME} AS entity_name, r.standard_edition FROM indicator_values v JOIN compute_runs r USING (run_id)
     WHERE v.run_id = ${runId} ${where} ORDER BY v.indicator_id, v.entity_code`, params);
  const batchById = new Map((await batchInfo(sql, [...new Set(rows.flatMap((r) => r.batches as number[]))])).map((b) => [b.id, b]));
  return rows.map((r) => {
    const ind = catalogues.forEntity(r.entity_code as string).indicators.find((i) => i.id === r.indicator_id);
    return {
      indicator: r.indicator_id as string,
      name: ind?.name ?? (r.indicator_id as string),
      entity: r.entity_code as string,
      entityName: (r.entity_name as string) ?? (r.entity_code as string),
      year: r.year as number,
      value: r.value as number | null,
      unit: ind?.unit ?? '',
      decimals: ind?.decimals ?? 1,
      direction: ind?.direction ?? 'higher_better',
      numerator: r.numerator as number | null,
      denominator: r.denominator as number | null,
      previous: r.previous_value as number | null,
      target: r.target as number | null,
      targetSource: r.target_source as string | null,
      status: r.status as string,
      points: r.points as number | null,
      maxPoints: r.max_points as number | null,
      completeness: r.completeness as number,
      explanation: r.explanation as string,
      standardEdition: r.standard_edition as string,
      runId,
      batches: (r.batches as number[]).map((id) => batchById.get(id) ?? { id, dataset: '', file: '', sha256: '', rows: 0 }),
    };
  });
}

export interface MeasureValue {
  measure: string;
  entity: string;
  entityName: string;
  entityLevel: string;
  year: number;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  completeness: number;
  status: '有效' | '数据不足' | '无站点' | '无断面' | '数据缺失';
  detail: string | null;
  standardEdition: string;
  runId: number;
  batches: IndicatorValue['batches'];
}

const ANY_ENTITY_NAME = `coalesce((SELECT name FROM districts d WHERE d.district_code = $e),
  (SELECT unit_name FROM units u WHERE u.unit_code = $e ORDER BY plan_version DESC LIMIT 1),
  (SELECT name FROM water_sections s WHERE s.section_code = $e LIMIT 1), CASE WHEN $e = 'city' THEN '全市' END)`;

const MEASURE_FAMILY = /^(air|water|soil|eco|emissions|online|enforcement|zoning|drinking|veto)\.[\w.\u4e00-\u9fa5-]+$/;

/** One measure (e.g. air.pm25_24h_p95) of a district, a unit or the city, as stored with the latest run. */
export async function getMeasure(sql: Sql, measure: string, entity: string, year: number): Promise<MeasureValue> {
  const run = await latestRun(sql, year);
  const name = (await sql.one<{ n: string | null }>(`SELECT ${ANY_ENTITY_NAME} AS n`, { e: entity }))?.n;
  if (!name) throw new UserError('NO_ENTITY', `找不到评价对象“${entity}”（区县代码、管控单元编码或 city）`);
  if (!MEASURE_FAMILY.test(measure)) throw new UserError('NO_MEASURE', `没有名为“${measure}”的测算（测算名如 air.pm25_annual_mean、water.good_ratio）`);
  const r = await sql.one<Record<string, unknown>>(
    `SELECT * FROM measure_values WHERE run_id = ${run.run_id} AND measure_id = $m AND entity_code = $e AND year = $y`, { m: measure, e: entity, y: year });
  const level = (r?.entity_level as string | undefined)
    ?? (entity === 'city' ? 'city' : /^ZH/.test(entity) ? 'unit' : /^\d{6}$/.test(entity) ? 'district' : 'section');
  const base = { measure, entity, entityName: name, entityLevel: level, year, standardEdition: run.standard_edition, runId: run.run_id };
  if (!r) {
    // A unit without city sites has no air values of its own: said plainly, never filled from its district.
    // units have no air or water values of their own without a site or section inside them
    const status = level === 'unit' && measure.startsWith('air.') ? '无站点' : level === 'unit' && measure.startsWith('water.') ? '无断面' : '数据缺失';
    return { ...base, value: null, numerator: null, denominator: null, completeness: 0, status, detail: null, batches: [] };
  }
  const batches = await batchInfo(sql, r.batches as number[]);
  return {
    ...base, value: r.valid ? (r.value as number | null) : null, numerator: r.numerator as number | null,
    denominator: r.denominator as number | null, completeness: r.completeness as number,
    status: r.valid ? '有效' : '数据不足', detail: r.detail as string | null, batches,
  };
}

async function batchInfo(sql: Sql, ids: number[]): Promise<IndicatorValue['batches']> {
  if (ids.length === 0) return [];
  const rows = await sql.all<{ batch_id: number; dataset: string; file_name: string; sha256: string; rows_accepted: number }>(
    `SELECT batch_id, dataset, file_name, sha256, rows_accepted FROM import_batches WHERE batch_id IN (${ids.join(',')}) ORDER BY batch_id`);
  return rows.map((b) => ({ id: b.batch_id, dataset: b.dataset, file: b.file_name, sha256: b.sha256, rows: b.rows_accepted }));
}

export async function getValue(sql: Sql, indicator: string, entity: string, year: number): Promise<IndicatorValue> {
  const run = await latestRun(sql, year);
  const rows = await valuesOf(sql, run, 'AND v.indicator_id = $i AND v.entity_code = $e', { i: indicator, e: entity });
  if (!rows[0]) {
    throw new UserError('NO_VALUE', `没有找到指标 ${indicator} 在“${entity}”${year}年的计算结果（检查指标编号和区县代码；全市用 city）`);
  }
  return rows[0];
}

export interface ScoreSheet {
  entity: string;
  name: string;
  year: number;
  runId: number;
  catalogue: { id: string; version: string };
  standardEdition: string;
  /** The catalogue layers this sheet was scored under (municipal, and the district's own). */
  layers: { level: string; entity: string; id: string; version: string; sha256: string }[];
  items: (IndicatorValue & { ruleText: string; dimension: string } & EnteredScores & {
    /** 不适用: the item's points left the total (shown as —). */
    notApplicable: boolean;
    /** The self-score a person entered here (人工填报), for the dialog to show; null when none. */
    enteredSelfScore: number | null;
    /** A self-score entered here or submitted by the district (not the computed points). */
    selfEntered: boolean;
  })[];
  earned: number;
  applicableMax: number;
  total: number;
  /** The grade cut-offs of the catalogue in force for this district (layers included), best first. */
  grades: { min: number; name: string }[];
  /** The grade after the vetoes (gradeBeforeVetoes: what the total alone earns). */
  grade: string;
  gradeBeforeVetoes: string;
  vetoes: FiredVeto[];
  /** The total and grade with the reviewer's scores where entered (else the item's points), the grade capped by
   *  the vetoes like the sheet's (gradeBeforeVetoes: what the review total alone earns); null before review. */
  review: { total: number; grade: string; gradeBeforeVetoes: string; reviewed: number } | null;
  /** Some items of the catalogue were not computed in this run (a run from an older catalogue). */
  partial: boolean;
  /** No item has a value or an entered score: the year has no data for the district and is not scored (the
   *  grade says 无数据, never 不合格; rankings leave it out). */
  noData: boolean;
  /** The snapshot the sheet was read from: 定稿 (finalized) or 草稿 (a draft computation). */
  snapshot: { runId: number; state: '定稿' | '草稿'; finalizedAt: string | null; finalizedBy: string | null };
}

/** The grade of a sheet that is not scored for want of any data. */
export const NO_DATA_GRADE = '无数据';

export async function scoreSheets(sql: Sql, year: number, entity?: string, which: RunChoice = 'default'): Promise<ScoreSheet[]> {
  const run = await latestRun(sql, year, which);
  const catalogues = await runCatalogues(sql, run.layers);
  const entries = await readScoreEntries(sql, run.run_id, entity);
  const values = await valuesOf(sql, run, `AND v.entity_level = 'district' ${entity ? 'AND v.entity_code = $e' : ''}`, entity ? { e: entity } : {});
  if (entity && values.length === 0) throw new UserError('NO_ENTITY', `找不到区县“${entity}”的评分结果（请使用6位区县代码）`);
  const byEntity = new Map<string, IndicatorValue[]>();
  for (const v of values) byEntity.set(v.entity, [...(byEntity.get(v.entity) ?? []), v]);
  // vetoes as the city's catalogue states them (a district layer refines indicators, not vetoes)
  const vetoes = await firedVetoes(sql, run.run_id, catalogues.city);
  return [...byEntity.entries()].map(([code, unordered]) => {
    const catalogue = catalogues.forEntity(code);
    const position = new Map(catalogue.indicators.map((i, k) => [i.id, k]));
    const items = [...unordered].sort((a, b) => (position.get(a.indicator) ?? 99) - (position.get(b.indicator) ?? 99))
      .map((i) => applyScoreEntries(i, catalogue.indicators.find((x) => x.id === i.indicator), entries.get(`${code}|${i.indicator}`)));
    const applicable = items.filter((i) => i.status !== '不适用');
    const earned = applicable.reduce((s, i) => s + (i.points ?? 0), 0);
    const applicableMax = applicable.reduce((s, i) => s + (i.maxPoints ?? 0), 0);
    const { total, grade } = gradeOf(earned, applicableMax, catalogue.grades);
    const reviewed = applicable.filter((i) => i.reviewScore !== null).length;
    const reviewEarned = applicable.reduce((s, i) => s + (i.reviewScore ?? i.points ?? 0), 0);
    const fired = vetoes.get(code) ?? [];
    const review = reviewed ? gradeOf(reviewEarned, applicableMax, catalogue.grades) : null;
    const noData = items.every((i) => i.value === null && (i.selfSource === null || i.selfSource === '系统计算') && i.reviewScore === null);
    return {
      entity: code, name: items[0]!.entityName, year, runId: run.run_id,
      catalogue: { id: run.catalogue_id, version: run.catalogue_version }, standardEdition: run.standard_edition,
      layers: catalogue.layers ?? [],
      items: items.map((i) => {
        const ind = catalogue.indicators.find((x) => x.id === i.indicator)!;
        const e = entries.get(`${code}|${i.indicator}`);
        return { ...i, ruleText: ruleText(ind), dimension: catalogue.dimensions.find((d) => d.id === ind.dimension)?.name ?? ind.dimension,
          notApplicable: i.status === '不适用', enteredSelfScore: i.status === '不适用' ? null : e?.self_score ?? null,
          selfEntered: i.status !== '不适用' && (e?.self_score ?? e?.submitted_score ?? null) !== null };
      }),
      earned: Math.round(earned * 100) / 100, applicableMax, total, grade: noData ? NO_DATA_GRADE : capGrade(grade, fired, catalogue.grades), gradeBeforeVetoes: noData ? NO_DATA_GRADE : grade, noData,
      grades: [...catalogue.grades].sort((a, b) => b.min - a.min),
      snapshot: { runId: run.run_id, state: run.finalized_at ? '定稿' : '草稿', finalizedAt: run.finalized_at?.toISOString() ?? null, finalizedBy: run.finalized_by },
      vetoes: fired, partial: catalogue.indicators.some((i) => !items.some((x) => x.indicator === i.id)),
      review: review ? { total: review.total, grade: capGrade(review.grade, fired, catalogue.grades), gradeBeforeVetoes: review.grade, reviewed } : null,
    };
  });
}

export interface RankingRow {
  rank: number | null;
  entity: string;
  name: string;
  value: number | null;
  status: string;
  points: number | null;
  /** The district's 一区两群 group in the year (analytics/reference/region-groups.ts). */
  regionGroup: string | null;
  subGroup: string | null;
}

/** Districts ordered best first by one indicator (ties share a rank); districts without a value last. */
export async function ranking(sql: Sql, year: number, indicator: string): Promise<{ indicator: IndicatorValue['name']; unit: string; decimals: number; rows: RankingRow[]; city: number | null }> {
  const run = await latestRun(sql, year);
  const ind = (await runCatalogues(sql, run.layers)).city.indicators.find((i) => i.id === indicator);
  if (!ind) throw new UserError('NO_INDICATOR', `指标体系中没有指标 ${indicator}`);
  const order = ind.direction === 'lower_better' ? 'ASC' : 'DESC';
  const rows = await sql.all<RankingRow>(`
    SELECT CASE WHEN v.value IS NOT NULL THEN rank() OVER (PARTITION BY v.value IS NULL ORDER BY v.value ${order}) END::INTEGER AS rank,
           v.entity_code AS entity, ${ENTITY_NAME} AS name, v.value, v.status, v.points, g.region_group AS "regionGroup", g.sub_group AS "subGroup"
    FROM indicator_values v LEFT JOIN ${regionGroupsOfYear(Math.trunc(year))} g ON g.district_code = v.entity_code
    WHERE v.run_id = ${run.run_id} AND v.indicator_id = $i AND v.entity_level = 'district'
    ORDER BY v.value IS NULL, v.value ${order}, v.entity_code`, { i: indicator });
  const city = await sql.one<{ value: number | null }>(
    `SELECT value FROM indicator_values WHERE run_id = ${run.run_id} AND indicator_id = $i AND entity_code = 'city'`, { i: indicator });
  return { indicator: ind.name, unit: ind.unit, decimals: ind.decimals, rows, city: city?.value ?? null };
}

export async function monthlyAir(sql: Sql, year: number, entity: string) {
  const run = await latestRun(sql, year);
  return sql.all<{ month: number; pm25_mean: number | null; valid_days: number; good_days: number; heavy_days: number }>(
    `SELECT month, pm25_mean, valid_days, good_days, heavy_days FROM air_entity_monthly
     WHERE run_id = ${run.run_id} AND entity_code = $e ORDER BY month`, { e: entity });
}
