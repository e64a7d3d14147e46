// Everything a district's report shows, read once from the latest compute run (the snapshot), so the .docx and
// the .xlsx of one generation can never disagree with each other or with `zonetrack value`.
import type { Sql } from '../analytics/workspace.js';
import { sqlString } from '../analytics/sql.js';
import { datasetByName } from '../analytics/import/datasets.js';
import { unitsInForceSql } from '../analytics/units/unit-plans.js';
import { APP_VERSION } from '../analytics/app-version.js';
import { CITY, qualitySummaries, storedQualitySummary, type QualityCheck, type QualitySummary, type StationMonth } from '../analytics/quality/quality-summary.js';
import { latestRun, monthlyAir, referenceDateOfRun, scoreSheets, type ScoreSheet } from '../indicators/results.js';
import { editionsFor, type AirEdition } from '../indicators/standards/editions.js';
import { catalogueInWords, catalogueName } from '../indicators/catalogue/layers.js';
import { loadUnitRows, type UnitRow } from './unit-rows.js';
import { readReportTexts } from './user-texts.js';
import { catalogueInForce } from '../indicators/catalogue/workspace-layers.js';
import { readSettings } from '../analytics/settings/workspace-settings.js';
import { annualNotice, loadFiveYearData, type FiveYearReportData, type ReportCycle } from './five-year-data.js';
import { mapLayers, type MapDistrictProperties, type MapFeature, type MapUnitProperties } from '../analytics/spatial/map-layers.js';

export type { WatchFlag } from '../indicators/watchlist/watchlist.js';
import type { WatchFlag } from '../indicators/watchlist/watchlist.js';

/** Text the user typed for the sections that need human judgement; absent sections print a marked placeholder. */
export type UserSections = Partial<Record<'organisation' | 'management' | 'cases' | 'problems' | 'nextSteps', string>>;

export interface ReportInputs {
  watchFlags?: WatchFlag[];
  userText?: UserSections;
  /** 'five-year': the report of the five-year window ending in the year (needs its stored evaluation). */
  cycle?: ReportCycle;
}

export interface ReportBatch {
  id: number;
  dataset: string;
  /** The dataset's Chinese name, as the report prints it. */
  datasetLabel: string;
  file: string;
  sha256: string;
  rows: number;
  importedAt: string;
}

export interface UnitTypeCount { unitType: number; typeName: string; count: number; areaKm2: number | null }

export interface UnitChanges { added: string[]; removed: string[]; adjusted: { from: string; to: string; relation: string }[]; previousPlan: string | null }

export interface WorkItem { item: string; count: number | null; titles: string | null; evidence: string | null }

export interface EiaStats { approvals: number; withAnalysis: number; nonConforming: number; nonConformingNos: string[] }

export interface EmissionRow { pollutant: string; actualT: number | null; previousT: number | null; changePct: number | null; batches: number[] }

/** Reported emissions by pollutant (执行报告 actual tonnes) with the change on last year, as stored. */
async function emissionRows(sql: Sql, runId: number, year: number, entity: string): Promise<EmissionRow[]> {
  const rows = await sql.all<{ pollutant: string; actual: number | null; previous: number | null; pct: number | null; batches: number[] | null }>(`
    SELECT split_part(measure_id, '.', 3) AS pollutant,
           max(value) FILTER (WHERE measure_id LIKE 'emissions.actual_t.%' AND valid) AS actual,
           max(denominator) FILTER (WHERE measure_id LIKE 'emissions.change_pct.%' AND valid) AS previous,
           max(value) FILTER (WHERE measure_id LIKE 'emissions.change_pct.%' AND valid) AS pct,
           flatten(list(batches)) AS batches
    FROM measure_values WHERE run_id = ${Math.trunc(runId)} AND entity_code = $e AND year = ${Math.trunc(year)}
      AND (measure_id LIKE 'emissions.actual_t.%' OR measure_id LIKE 'emissions.change_pct.%')
    GROUP BY 1 ORDER BY 1`, { e: entity });
  return rows.map((r) => ({ pollutant: r.pollutant, actualT: r.actual, previousT: r.previous, changePct: r.pct,
    batches: [...new Set((r.batches ?? []).map(Number))] }));
}

/** The closing elements from the workspace settings, and the operator who writes the document. */
export interface Issuing { issuer: string | null; documentDate: string | null; author: string }

export async function readIssuing(sql: Sql): Promise<Issuing> {
  const s = await readSettings(sql);
  return { issuer: s.issuer, documentDate: s.documentDate, author: s.user };
}

export interface DistrictReportData {
  sheet: ScoreSheet;
  monthly: Awaited<ReturnType<typeof monthlyAir>>;
  units: { priority: number; key: number; general: number; planVersion: string | null };
  unitTypes: UnitTypeCount[];
  unitChanges: UnitChanges;
  unitRows: UnitRow[];
  stations: { total: number; citySites: number };
  eia: EiaStats;
  emissions: EmissionRow[];
  workItems: WorkItem[];
  watchFlags: WatchFlag[];
  quality: { checks: QualityCheck[]; incompleteStationMonths: StationMonth[] };
  userText: UserSections;
  batches: ReportBatch[];
  editions: ReturnType<typeof editionsFor>;
  /** Grade cut-offs of the catalogue in force for the district, layers included (the workbook's grade formula is built from them). */
  grades: { min: number; name: string }[];
  /** The catalogue in force for the entity, in words (name and layers) for the body. */
  catalogueTitle: string;
  /** True when any source file says it is synthetic (示例数据): the report then says so on its first page. */
  synthetic: boolean;
  manifest: Record<string, string>;
  /** Present in a five-year report: the stored evaluation of the window, narrowed to this district. */
  fiveYear?: FiveYearReportData;
  /** An annual report of a five-year evaluation year: the notice its first page carries (annualNotice). */
  cycleNotice: string | null;
  issuing: Issuing;
  /** The district's units on the map (the app's 一张图 geometry); no units when none has a boundary. */
  map: ReportMap;
}

/** Map geometry for a report figure: the units in force (one district's, or all) and the districts dissolved from
 *  them, simplified as the app's 一张图 is (analytics/spatial/map-layers.ts), with the aspect both draw with. */
export interface ReportMap {
  aspectScale: number;
  units: MapFeature<MapUnitProperties>[];
  districts: MapFeature<MapDistrictProperties>[];
}

/** Zoom levels of the map geometry for print: a district's figure needs finer borders than the city's. */
const DISTRICT_MAP_ZOOM = 2, CITY_MAP_ZOOM = 1;

export async function reportMap(sql: Sql, year: number, district?: string): Promise<ReportMap> {
  const layers = await mapLayers(sql, year, district ? DISTRICT_MAP_ZOOM : CITY_MAP_ZOOM);
  return {
    aspectScale: layers.aspectScale,
    units: layers.units.features.filter((f) => !district || f.properties.district === district),
    districts: layers.districts.features.filter((f) => !district || f.properties.code === district),
  };
}

export const UNIT_TYPE_NAMES: Record<number, string> = { 1: '优先保护单元', 2: '重点管控单元', 3: '一般管控单元' };

/** The lineage of one generation: the same computation always gives the same manifest (no clock in it). */
export function buildManifest(sheet: ScoreSheet, batches: ReportBatch[], editions: ReturnType<typeof editionsFor>,
  run: { computed_at: Date; app_version: string; finalized_at?: Date | null }): Record<string, string> {
  return {
    'ZoneTrack版本': APP_VERSION,
    '计算时版本': run.app_version,
    '计算批次': String(sheet.runId),
    '快照状态': run.finalized_at ? '定稿' : '草稿',
    '计算时间': new Date(run.computed_at).toISOString().slice(0, 19).replace('T', ' '),
    '指标体系': catalogueName(sheet.catalogue, sheet.layers),
    '评价标准': `${editions.gb3095} / ${editions.hj633}`,
    '数据批次': batches.map((b) => `${b.id}:${b.sha256.slice(0, 16)}`).join(' '),
  };
}

export async function reportBatches(sql: Sql, ids: number[]): Promise<ReportBatch[]> {
  if (ids.length === 0) return [];
  const rows = await sql.all<{ batch_id: number; dataset: string; file_name: string; sha256: string; rows_accepted: number; imported_at: string }>(
    `SELECT batch_id, dataset, file_name, sha256, rows_accepted, strftime(imported_at, '%Y-%m-%d') AS imported_at
     FROM import_batches WHERE batch_id IN (${ids.map(Number).join(',')}) ORDER BY batch_id`);
  return rows.map((b) => ({
    id: b.batch_id, dataset: b.dataset, datasetLabel: datasetByName(b.dataset)?.label ?? b.dataset, file: b.file_name,
    sha256: b.sha256, rows: b.rows_accepted, importedAt: b.imported_at,
  }));
}

async function unitTypeCounts(sql: Sql, year: number, entity: string): Promise<UnitTypeCount[]> {
  const rows = await sql.all<{ unit_type: number; n: number; area: number | null }>(`
    SELECT unit_type, count(*)::INTEGER AS n, sum(area_km2) AS area FROM ${unitsInForceSql(year)}
    WHERE district_code = $e GROUP BY unit_type ORDER BY unit_type`, { e: entity });
  return [1, 2, 3].map((t) => {
    const r = rows.find((x) => Number(x.unit_type) === t);
    // a type without units has an area of 0, not an unknown one
    return { unitType: t, typeName: UNIT_TYPE_NAMES[t]!, count: r?.n ?? 0, areaKm2: r ? r.area : 0 };
  });
}

/** Units added, removed or adjusted between the plan in force last year and this year's. */
async function unitChanges(sql: Sql, year: number, entity: string): Promise<UnitChanges> {
  const now = unitsInForceSql(year), before = unitsInForceSql(year - 1);
  const r = await sql.one<{ added: string[] | null; removed: string[] | null; prev: string | null }>(`
    SELECT (SELECT list(unit_code ORDER BY unit_code) FROM ${now} n WHERE district_code = $e
              AND unit_code NOT IN (SELECT unit_code FROM ${before} WHERE district_code = $e)) AS added,
           (SELECT list(unit_code ORDER BY unit_code) FROM ${before} b WHERE district_code = $e
              AND unit_code NOT IN (SELECT unit_code FROM ${now} WHERE district_code = $e)) AS removed,
           (SELECT max(plan_version) FROM ${before} WHERE district_code = $e) AS prev`, { e: entity });
  const removed = r?.removed ?? [];
  const adjusted = removed.length === 0 ? [] : await sql.all<{ from: string; to: string; relation: string }>(`
    SELECT old_code AS "from", new_code AS "to", coalesce(relation, '调整') AS relation FROM unit_crosswalk
    WHERE old_code IN (${removed.map(sqlString).join(',')}) ORDER BY old_code, new_code`);
  return { added: r?.added ?? [], removed, adjusted, previousPlan: r?.prev ?? null };
}

async function eiaStats(sql: Sql, year: number, entity: string): Promise<EiaStats> {
  const r = await sql.one<{ n: number; analysed: number; bad: number; nos: string[] | null }>(`
    SELECT count(*)::INTEGER AS n, count(*) FILTER (WHERE zoning_analysis)::INTEGER AS analysed,
           count(*) FILTER (WHERE conforms = '不符合')::INTEGER AS bad,
           list(approval_no ORDER BY approval_no) FILTER (WHERE conforms = '不符合') AS nos
    FROM eia_approvals WHERE district_code = $e AND year(approved_on) = ${Math.trunc(year)}`, { e: entity });
  return { approvals: r?.n ?? 0, withAnalysis: r?.analysed ?? 0, nonConforming: r?.bad ?? 0, nonConformingNos: r?.nos ?? [] };
}

export async function workItems(sql: Sql, year: number, entity: string): Promise<WorkItem[]> {
  return sql.all<WorkItem>(`SELECT item, count, titles, evidence FROM work_items WHERE entity_code = $e AND year = ${Math.trunc(year)}
    ORDER BY item`, { e: entity });
}

/** Runs computed before migration 19 stored no quality summary: computed once per run and process, then shared. */
const unstored = new WeakMap<Sql, Map<number, Promise<Map<string, QualitySummary>>>>();

/**
 * The data-quality summary stored with the run, for a district (its own stations, records and examples only)
 * or the city (every district).
 */
export async function qualityFor(sql: Sql, runId: number, year: number, scope: string = CITY): Promise<DistrictReportData['quality']> {
  let q = await storedQualitySummary(sql, runId, scope);
  if (!q) {
    let byRun = unstored.get(sql);
    if (!byRun) unstored.set(sql, byRun = new Map());
    let all = byRun.get(runId);
    if (!all) {
      // a run from before migration 19: computed now, at that run's reference date
      byRun.set(runId, all = latestRun(sql, year, runId).then((run) => qualitySummaries(sql, year, referenceDateOfRun(run))));
      all.catch(() => byRun!.delete(runId));
    }
    q = (await all).get(scope);
  }
  return { checks: q?.checks ?? [], incompleteStationMonths: q?.incompleteStationMonths ?? [] };
}

export async function loadDistrictReportData(sql: Sql, year: number, entity: string, inputs: ReportInputs = {}): Promise<DistrictReportData> {
  // first, so a missing or stale evaluation is refused before anything else is read
  const fiveYear = inputs.cycle === 'five-year' ? await loadFiveYearData(sql, year, entity) : undefined;
  const [sheet] = await scoreSheets(sql, year, entity);
  const run = await latestRun(sql, year);
  const monthly = await monthlyAir(sql, year, entity);
  const unitTypes = await unitTypeCounts(sql, year, entity);
  const plan = await sql.one<{ v: string | null }>(`SELECT max(plan_version) AS v FROM ${unitsInForceSql(year)} WHERE district_code = $e`, { e: entity });
  const st = await sql.one<{ total: number; city_sites: number }>(
    'SELECT count(*)::INTEGER AS total, count(*) FILTER (WHERE is_city_site)::INTEGER AS city_sites FROM air_stations WHERE district_code = $e', { e: entity });
  const unitRows = await loadUnitRows(sql, year, run.run_id, entity);
  const emissions = await emissionRows(sql, run.run_id, year, entity);
  const ids = [...new Set([...sheet!.items.flatMap((i) => i.batches.map((b) => b.id)), ...unitRows.flatMap((u) => u.batches),
    ...emissions.flatMap((e) => e.batches)])].sort((a, b) => a - b);
  const batches = await reportBatches(sql, ids);
  const editions = editionsFor(year, sheet!.standardEdition as AirEdition);
  const count = (t: number) => unitTypes.find((u) => u.unitType === t)!.count;
  const watchFlags = (inputs.watchFlags ?? []).filter((f) => f.district === entity);
  return {
    sheet: sheet!, monthly,
    units: { priority: count(1), key: count(2), general: count(3), planVersion: plan?.v ?? null },
    unitTypes, unitChanges: await unitChanges(sql, year, entity), unitRows,
    stations: { total: st?.total ?? 0, citySites: st?.city_sites ?? 0 },
    eia: await eiaStats(sql, year, entity), emissions, workItems: await workItems(sql, year, entity),
    watchFlags, quality: await qualityFor(sql, run.run_id, year, entity), userText: inputs.userText ?? await readReportTexts(sql, year, entity),
    batches, editions, grades: sheet!.grades,
    catalogueTitle: catalogueInWords((await catalogueInForce(sql, run, entity)).name, sheet!.layers), synthetic: batches.some((b) => b.file.includes('示例数据')),
    manifest: { ...buildManifest(sheet!, batches, editions, run), ...(fiveYear ? fiveYearManifest(fiveYear) : {}) },
    fiveYear, cycleNotice: annualNotice(year, inputs.cycle), issuing: await readIssuing(sql), map: await reportMap(sql, year, entity),
  };
}

/** What a five-year report adds to the manifest: the evaluation and the run of every year. */
export function fiveYearManifest(f: FiveYearReportData): Record<string, string> {
  return { '五年评估': `编号${f.evaluationId}（${f.fromYear}—${f.toYear}年，基准年${f.baselineYear}年）`, '五年评估计算批次': f.runIds.join(' ') };
}
