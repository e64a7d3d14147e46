// Everything a district's report shows, read once from the latest compute run (the snapshot), so the .docx and
// the .xlsx of one generation can never disagree with each other or with `zonetrack value`.
import type { Sql } from '../analytics/workspace.js';
import { datasetByName } from '../analytics/import/datasets.js';
import { unitsInForceSql } from '../analytics/units/unit-plans.js';
import { APP_VERSION } from '../analytics/app-version.js';
import { monthlyAir, scoreSheets, type ScoreSheet } from '../indicators/results.js';
import { editionsFor, type AirEdition } from '../indicators/standards/editions.js';
import { activeCatalogue } from '../indicators/catalogue/load-catalogue.js';

export interface ReportBatch {
  id: number;
  dataset: string;
  /** The dataset's Chinese name, as the report prints it. */
  datasetLabel: string;
  file: string;
  sha256: string;
  rows: number;
}

export interface DistrictReportData {
  sheet: ScoreSheet;
  monthly: Awaited<ReturnType<typeof monthlyAir>>;
  units: { priority: number; key: number; general: number; planVersion: string | null };
  stations: { total: number; citySites: number };
  batches: ReportBatch[];
  editions: ReturnType<typeof editionsFor>;
  /** Grade cut-offs of the catalogue (the workbook's grade formula is built from them). */
  grades: { min: number; name: string }[];
  /** True when any source file says it is synthetic (示例数据): the report then says so on its first page. */
  synthetic: boolean;
  manifest: Record<string, string>;
}

export async function loadDistrictReportData(sql: Sql, year: number, entity: string): Promise<DistrictReportData> {
  const [sheet] = await scoreSheets(sql, year, entity);
  const monthly = await monthlyAir(sql, year, entity);
  const u = await sql.one<{ priority: number; key: number; general: number; plan_version: string | null }>(`
    SELECT count(*) FILTER (WHERE unit_type = 1) AS priority, count(*) FILTER (WHERE unit_type = 2) AS key,
           count(*) FILTER (WHERE unit_type = 3) AS general, max(plan_version) AS plan_version
    FROM ${unitsInForceSql(year)} WHERE district_code = $e`, { e: entity });
  const st = await sql.one<{ total: number; city_sites: number }>(
    'SELECT count(*) AS total, count(*) FILTER (WHERE is_city_site) AS city_sites FROM air_stations WHERE district_code = $e', { e: entity });
  const ids = [...new Set(sheet!.items.flatMap((i) => i.batches.map((b) => b.id)))].sort((a, b) => a - b);
  const batches = ids.map((id) => {
    const b = sheet!.items.flatMap((i) => i.batches).find((x) => x.id === id)!;
    return { ...b, datasetLabel: datasetByName(b.dataset)?.label ?? b.dataset };
  });
  const editions = editionsFor(year, sheet!.standardEdition as AirEdition);
  const manifest: Record<string, string> = {
    'ZoneTrack版本': APP_VERSION,
    '计算批次': String(sheet!.runId),
    '指标体系': `${sheet!.catalogue.id} ${sheet!.catalogue.version}`,
    '评价标准': `${editions.gb3095} / ${editions.hj633}`,
    '数据批次': batches.map((b) => `${b.id}:${b.sha256.slice(0, 16)}`).join(' '),
  };
  return {
    sheet: sheet!, monthly,
    units: { priority: u?.priority ?? 0, key: u?.key ?? 0, general: u?.general ?? 0, planVersion: u?.plan_version ?? null },
    stations: { total: st?.total ?? 0, citySites: st?.city_sites ?? 0 },
    batches, editions, grades: activeCatalogue().grades, synthetic: batches.some((b) => b.file.includes('示例数据')), manifest,
  };
}
