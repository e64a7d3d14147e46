// Everything the city summary report and workbook show: every district's score sheet, the city's own values,
// rankings per indicator, the watch list, self vs review scores, all units; read once from the latest run.
import type { Sql } from '../analytics/workspace.js';
import { isUserError } from '../analytics/errors.js';
import { getValue, latestRun, ranking, scoreSheets, type IndicatorValue, type ScoreSheet } from '../indicators/results.js';
import { editionsFor, type AirEdition } from '../indicators/standards/editions.js';
import { catalogueInForce } from '../indicators/catalogue/workspace-layers.js';
import { catalogueInWords } from '../indicators/catalogue/layers.js';
import type { LayerRef } from '../indicators/catalogue/layers.js';
import { scoreRanking } from '../indicators/scoring/score-ranking.js';
import { annualNotice, loadFiveYearData, type FiveYearReportData } from './five-year-data.js';
import { buildManifest, fiveYearManifest, qualityFor, readIssuing, reportBatches, reportMap, type DistrictReportData, type ReportMap, type Issuing, type ReportBatch, type ReportInputs, type UserSections, type WatchFlag } from './report-data.js';
import { loadUnitRows, type UnitRow } from './unit-rows.js';
import { readReportTexts } from './user-texts.js';
import { filingRegisterOfRun, type FilingRegister } from '../indicators/filings/filing-register.js';
import { loadRegionGroups, type RegionGroupsData } from './region-group-data.js';

export interface IndicatorRanking {
  indicator: string;
  name: string;
  unit: string;
  decimals: number;
  city: number | null;
  rows: { rank: number | null; entity: string; name: string; value: number | null; status: string; points: number | null }[];
}

export interface ScoreComparison { entity: string; name: string; self: number; review: number | null }

export interface CityReportData {
  year: number;
  sheets: ScoreSheet[];
  cityValues: IndicatorValue[];
  rankings: IndicatorRanking[];
  /** Districts by total score, best first (ties share a rank), with the grade after vetoes. */
  /** Rank null: a district without any data that year, not ranked (its grade says 无数据). */
  scoreRanking: { rank: number | null; sheet: ScoreSheet; vetoes: string[] }[];
  comparison: ScoreComparison[];
  watchFlags: WatchFlag[];
  userText: UserSections;
  unitRows: UnitRow[];
  quality: DistrictReportData['quality'];
  batches: ReportBatch[];
  editions: ReturnType<typeof editionsFor>;
  grades: { min: number; name: string }[];
  /** The city's catalogue in force, in words (name and layers) for the body. */
  catalogueTitle: string;
  synthetic: boolean;
  manifest: Record<string, string>;
  catalogue: { id: string; version: string };
  /** The catalogue layers the run used (municipal, and each district's own). */
  layers: LayerRef[];
  runId: number;
  /** The run's filing register (备案台账), for its annex. */
  filings: FilingRegister | null;
  /** 一区两群 of the year and the other reporting entities. */
  regionGroups: RegionGroupsData;
  fiveYear?: FiveYearReportData;
  /** An annual report of a five-year evaluation year: the notice its first page carries (annualNotice). */
  cycleNotice: string | null;
  issuing: Issuing;
  /** The districts on the map (dissolved from the units in force, the app's 一张图 geometry). */
  map: ReportMap;
}

export async function loadCityReportData(sql: Sql, year: number, inputs: ReportInputs = {}): Promise<CityReportData> {
  const fiveYear = inputs.cycle === 'five-year' ? await loadFiveYearData(sql, year, 'city') : undefined;
  const run = await latestRun(sql, year);
  const sheets = await scoreSheets(sql, year);
  sheets.sort((a, b) => a.entity.localeCompare(b.entity));
  const indicators = sheets[0]?.items.map((i) => i.indicator) ?? [];
  const cityValues: IndicatorValue[] = [];
  for (const i of indicators) {
    // district-only indicators (manual items, a layer's own) have no city value: the city report leaves them out
    const v = await getValue(sql, i, 'city', year).catch((e: unknown) => {
      if (isUserError(e) && e.code === 'NO_VALUE') return null;
      throw e;
    });
    if (v) cityValues.push(v);
  }
  const rankings: IndicatorRanking[] = [];
  for (const i of indicators) {
    const r = await ranking(sql, year, i);
    rankings.push({ indicator: i, name: r.indicator, unit: r.unit, decimals: r.decimals, city: r.city, rows: r.rows });
  }
  const unitRows = await loadUnitRows(sql, year, run.run_id);
  const ids = [...new Set([...sheets.flatMap((s) => s.items.flatMap((i) => i.batches.map((b) => b.id))), ...cityValues.flatMap((v) => v.batches.map((b) => b.id)),
    ...unitRows.flatMap((u) => u.batches)])].sort((a, b) => a - b);
  const batches = await reportBatches(sql, ids);
  const editions = editionsFor(year, run.standard_edition as AirEdition);
  const layers = run.layers ? JSON.parse(run.layers) as LayerRef[] : [];
  const cityCatalogue = await catalogueInForce(sql, run);
  // the manifest names every layer of the run (the municipal one and each district's own)
  const anchor = { ...(sheets[0] ?? { runId: run.run_id, catalogue: { id: run.catalogue_id, version: run.catalogue_version } } as ScoreSheet), layers };
  return {
    year, sheets, cityValues, rankings, scoreRanking: scoreRanking(sheets).map((r) => ({ rank: r.rank, vetoes: r.vetoes, sheet: sheets.find((s) => s.entity === r.entity)! })),
    // the reviewer's total where any review score was entered; null shows as 待审核
    comparison: sheets.map((s) => ({ entity: s.entity, name: s.name, self: s.total, review: s.review?.total ?? null })),
    watchFlags: inputs.watchFlags ?? [], userText: inputs.userText ?? await readReportTexts(sql, year, 'city'), unitRows, quality: await qualityFor(sql, run.run_id, year), batches, editions,
    grades: cityCatalogue.grades, catalogueTitle: catalogueInWords(cityCatalogue.name, layers), synthetic: batches.some((b) => b.file.includes('示例数据')),
    manifest: { ...buildManifest(anchor, batches, editions, run), ...(fiveYear ? fiveYearManifest(fiveYear) : {}) }, fiveYear,
    catalogue: { id: run.catalogue_id, version: run.catalogue_version }, layers, runId: run.run_id, filings: await filingRegisterOfRun(sql, run.run_id), regionGroups: await loadRegionGroups(sql, year, run.run_id), cycleNotice: annualNotice(year, inputs.cycle), issuing: await readIssuing(sql),
    map: await reportMap(sql, year),
  };
}
