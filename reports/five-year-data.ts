// What a five-year report shows (domain/indicators.md "Five-year evaluation"): the stored evaluation of the
// window read back as it is, narrowed to a district (with its units) or the whole city, with each indicator's
// unit and decimals from the catalogue. Refused when the final year was recomputed after the evaluation, so
// the five-year tables and the final year's annual tables always come from the same run.
import type { Sql } from '../analytics/workspace.js';
import { UserError } from '../analytics/errors.js';
import { latestRun } from '../indicators/results.js';
import { isEvaluationYear, readFiveYear, type FiveYearEvaluation, type FiveYearItem } from '../indicators/five-year/evaluation.js';
import { runCatalogues } from '../indicators/catalogue/workspace-layers.js';
import { UNIT_COLUMNS } from './unit-rows.js';

export type ReportCycle = 'annual' | 'five-year';

/**
 * The one behaviour for an annual report of a five-year evaluation year (issue 18), the same from the CLI and
 * the UI since both generate through reports/: the report is written, and its first page (and the generation's
 * answer) says that the year's tracking is folded into the five-year evaluation report. Null in any other case.
 */
export function annualNotice(year: number, cycle: ReportCycle | undefined): string | null {
  if ((cycle ?? 'annual') !== 'annual' || !isEvaluationYear(year)) return null;
  return `${year}年为五年评估年：本年度跟踪评估并入${year - 4}—${year}年五年评估报告（生成报告时选择“五年评估”），`
    + '本报告为年度跟踪评估的单独版本，供核对使用，报送以五年评估报告为准。';
}

export interface FiveYearIndicator extends FiveYearItem {
  unit: string;
  decimals: number;
  direction: string;
}

export interface FiveYearReportData {
  evaluationId: number;
  fromYear: number;
  toYear: number;
  baselineYear: number;
  /** The annual run of each year, baseline first. */
  runIds: number[];
  /** Catalogue indicators of the entity (a district, or the city), in catalogue order. */
  indicators: FiveYearIndicator[];
  /** Catalogue indicators of every district (city report), by district code. */
  districts: Map<string, FiveYearIndicator[]>;
  /** Unit measures the reports show (UNIT_COLUMNS), per unit in force in the final year. */
  units: FiveYearItem[];
}

export async function loadFiveYearData(sql: Sql, year: number, entity: string): Promise<FiveYearReportData> {
  const ev: FiveYearEvaluation = await readFiveYear(sql, year, entity === 'city' ? undefined : entity);
  const run = await latestRun(sql, year);
  if (ev.runIds.at(-1) !== run.run_id) {
    throw new UserError('FIVE_YEAR_STALE', `${year}年指标在五年评估（编号${ev.evaluationId}，基于计算批次${ev.runIds.at(-1)}）之后重新计算过（计算批次${run.run_id}），`
      + `请先重新运行五年评估（zonetrack compute --year ${year} --cycle five-year），再生成五年评估报告`);
  }
  const catalogues = await runCatalogues(sql, run.layers);
  const withMeta = (i: FiveYearItem): FiveYearIndicator => {
    const ind = catalogues.forEntity(i.entity).indicators.find((x) => x.id === i.id);
    return { ...i, unit: ind?.unit ?? '', decimals: ind?.decimals ?? 1, direction: ind?.direction ?? 'higher_better' };
  };
  const order = new Map(catalogues.city.indicators.map((x, k) => [x.id, k]));
  const byOrder = (a: FiveYearItem, b: FiveYearItem) => (order.get(a.id) ?? 999) - (order.get(b.id) ?? 999) || a.entity.localeCompare(b.entity);
  const indicatorItems = ev.items.filter((i) => i.kind === 'indicator').sort(byOrder).map(withMeta);
  const districts = new Map<string, FiveYearIndicator[]>();
  for (const i of indicatorItems.filter((x) => x.entityLevel === 'district')) districts.set(i.entity, [...(districts.get(i.entity) ?? []), i]);
  const shown = new Set(UNIT_COLUMNS.map((c) => c.measure));
  return {
    evaluationId: ev.evaluationId, fromYear: ev.fromYear, toYear: ev.toYear, baselineYear: ev.baselineYear, runIds: ev.runIds,
    indicators: indicatorItems.filter((i) => i.entity === entity),
    districts,
    units: ev.items.filter((i) => i.kind === 'measure' && i.entityLevel === 'unit' && shown.has(i.id)),
  };
}
