// Measures that count or add up records — soil, ecology, emissions, online monitoring, enforcement, zoning
// work — for districts, units and the city. Each is declared as the records it reads (with the district and
// unit they belong to, the year, a numerator and a denominator and the batch), and one SQL aggregates them all.
import type { Sql } from '../../analytics/workspace.js';
import { covers, type YearCoverage } from '../../analytics/import/batch-coverage.js';
import { registerInYearSql } from '../../analytics/units/unit-plans.js';
import type { MeasureRow } from './air-annual.js';
import { roundHalfEven, roundHalfEvenSql } from '../value-format.js';
import { ZONING_WORK_MEASURES } from './zoning-work-measures.js';
import { RED_LINE_DERIVED_IDS, RED_LINE_MEASURES } from './red-line.js';
import { KEY_UNIT_EMISSION_MEASURES, KEY_UNIT_DERIVED_IDS } from './key-unit-emissions.js';
import { ECO_DERIVED_IDS } from './eco-bands.js';
import type { RecordMeasure } from './record-measure.js';
import { DISAGREES_SQL } from '../access/conformity.js';

/** Holders' district and unit, for records keyed by permit number. zt_holders and zt_sources are the registers
 *  with their unit codes read as the codes in force in the computed year (readRecordMeasures). */
const HOLDER = 'JOIN zt_holders h USING (permit_no)';
const UNIT_DISTRICT = "substr(unit_code, 3, 6)";

const MEASURES: RecordMeasure[] = [
  { id: 'soil.farmland_safe_use_rate', kind: 'ratio', decimals: 1,
    records: 'SELECT district_code, NULL AS unit_code, year, safe_use_ha AS num, contaminated_farmland_total_ha AS den, batch_id, NULL AS note FROM soil_stats' },
  { id: 'soil.key_construction_safe_use_rate', kind: 'ratio', decimals: 1,
    records: 'SELECT district_code, NULL, year, key_construction_plots_compliant, key_construction_plots, batch_id, NULL FROM soil_stats' },
  { id: 'drinking.compliance_rate', kind: 'ratio', decimals: 1,
    // a source is 达标 when every assessed period of the year is compliant (全年均达标, by count)
    // C8's value; the sources short of it (named in the detail) are what C8 is scored on
    records: `SELECT s.district_code, s.unit_code, d.year, CASE WHEN bool_and(d.compliant) THEN 1 ELSE 0 END, 1, any_value(d.batch_id),
        CASE WHEN NOT bool_and(d.compliant) THEN s.source_code || ' ' || any_value(s.name) END
      FROM drinking_samples d JOIN zt_sources s USING (source_code) WHERE d.compliant IS NOT NULL
      GROUP BY s.source_code, s.district_code, s.unit_code, d.year` },
  // an index, not a quantity: districts and the city each have their own (the city's is not their sum)
  { id: 'eco.eqi', kind: 'sum', decimals: 2, cityOwn: true,
    records: "SELECT entity_code, NULL, year, eqi, NULL, batch_id, eqi_class FROM eqi WHERE entity_code = 'city' OR length(entity_code) = 6" },
  { id: 'eco.red_line_area_km2', kind: 'sum', decimals: 2,
    records: `SELECT ${UNIT_DISTRICT}, unit_code, year, red_line_area_km2, NULL, batch_id, NULL FROM ecology_units` },
  { id: 'eco.human_activity_patches', kind: 'sum', decimals: 0,
    records: `SELECT ${UNIT_DISTRICT}, unit_code, year, human_activity_patches, NULL, batch_id, NULL FROM ecology_units` },
  { id: 'eco.priority_problem_rectification_rate', kind: 'ratio', decimals: 1,
    records: `SELECT ${UNIT_DISTRICT}, unit_code, year, problems_rectified, problems_found, batch_id, NULL FROM ecology_units WHERE substr(unit_code, 9, 1) = '1'` },
  { id: 'emissions.within_permit_rate', kind: 'ratio', decimals: 1,
    records: `SELECT h.district_code, h.unit_code, e.year, CASE WHEN bool_and(e.actual_t IS NULL OR e.permitted_t IS NULL OR e.actual_t <= e.permitted_t) THEN 1 ELSE 0 END,
      1, any_value(e.batch_id), NULL FROM emissions_annual e ${HOLDER} GROUP BY h.permit_no, h.district_code, h.unit_code, e.year` },
  { id: 'emissions.report_on_time_rate', kind: 'ratio', decimals: 1,
    records: `SELECT h.district_code, h.unit_code, year(e.report_due_on), CASE WHEN bool_and(e.report_submitted_on <= e.report_due_on) THEN 1 ELSE 0 END,
      1, any_value(e.batch_id), NULL FROM emissions_annual e ${HOLDER} WHERE e.report_due_on IS NOT NULL GROUP BY h.permit_no, h.district_code, h.unit_code, year(e.report_due_on)` },
  { id: 'online.exceedance_rate', kind: 'ratio', decimals: 2,
    records: `SELECT h.district_code, h.unit_code, year(o.time - INTERVAL 1 HOUR), count(*) FILTER (WHERE o.value > o.limit_value), count(*),
      any_value(o.batch_id), NULL FROM online_hourly o ${HOLDER} WHERE o.flag = 'N' AND o.value IS NOT NULL AND o.limit_value IS NOT NULL
      GROUP BY h.district_code, h.unit_code, year(o.time - INTERVAL 1 HOUR)` },
  { id: 'enforcement.key_polluter_inspection_coverage', kind: 'ratio', decimals: 1,
    records: `SELECT h.district_code, h.unit_code, y.year, CASE WHEN EXISTS (SELECT 1 FROM inspections i WHERE i.permit_no = h.permit_no AND year(i.date) = y.year) THEN 1 ELSE 0 END,
      1, h.batch_id, NULL FROM zt_holders h, (SELECT DISTINCT year(date) AS year FROM inspections) y
      WHERE h.is_key_polluter AND substr(h.unit_code, 9, 1) = '2'` },
  { id: 'enforcement.cases', kind: 'sum', decimals: 0, counts: 'cases',
    records: 'SELECT district_code, unit_code, year(filed_on), 1, NULL, batch_id, NULL FROM cases' },
  { id: 'enforcement.five_category_cases', kind: 'sum', decimals: 0, counts: 'cases',
    records: "SELECT district_code, unit_code, year(filed_on), 1, NULL, batch_id, NULL FROM cases WHERE five_category IS NOT NULL AND five_category <> ''" },
  { id: 'enforcement.fines_cny', kind: 'sum', decimals: 0, counts: 'cases',
    records: 'SELECT district_code, unit_code, year(filed_on), penalty_cny, NULL, batch_id, NULL FROM cases' },
  { id: 'enforcement.priority_unit_cases', kind: 'sum', decimals: 0, counts: 'cases',
    records: "SELECT district_code, unit_code, year(filed_on), 1, NULL, batch_id, NULL FROM cases WHERE substr(unit_code, 9, 1) = '1'" },
  { id: 'enforcement.problems_on_time_rate', kind: 'ratio', decimals: 1,
    // only problems whose deadline has passed: one due next month is not late yet
    records: 'SELECT district_code, unit_code, year(due_on), CASE WHEN rectified_on IS NOT NULL AND rectified_on <= due_on THEN 1 ELSE 0 END, 1, batch_id, NULL FROM problems WHERE due_on < $reference_date::DATE' },
  { id: 'enforcement.problems_overdue', kind: 'sum', decimals: 0, counts: 'problems',
    records: 'SELECT district_code, unit_code, year(due_on), 1, NULL, batch_id, NULL FROM problems WHERE due_on < $reference_date::DATE AND (rectified_on IS NULL OR rectified_on > due_on)' },
  { id: 'zoning.eia_zoning_analysis_rate', kind: 'ratio', decimals: 1,
    records: 'SELECT district_code, unit_code, year(approved_on), CASE WHEN zoning_analysis THEN 1 ELSE 0 END, 1, batch_id, NULL FROM eia_approvals' },
  { id: 'zoning.nonconforming_approvals', kind: 'sum', decimals: 0, counts: 'eia_approvals',
    // the recorded conformity counts; approvals whose bulk screening disagrees with it add 0 and are named in the detail
    records: `SELECT district_code, unit_code, year(approved_on), 1, NULL, batch_id, NULL FROM eia_approvals WHERE conforms = '不符合'
      UNION ALL SELECT a.district_code, a.unit_code, year(a.approved_on), 0, NULL, a.batch_id,
        '准入研判与记录的符合性结论不一致：' || a.approval_no || '（记录为' || a.conforms || '，研判为' || s.conclusion || '）'
      FROM eia_approvals a JOIN access_screenings s ON s.source = 'eia:' || a.approval_no WHERE ${DISAGREES_SQL('a', 's')}` },
  // counts behind the rates above, for unit tracking and the reports
  { id: 'drinking.noncompliant_sources', kind: 'shortfall', decimals: 0,
    records: `SELECT s.district_code, s.unit_code, d.year, CASE WHEN bool_and(d.compliant) THEN 1 ELSE 0 END, 1, any_value(d.batch_id),
        CASE WHEN NOT bool_and(d.compliant) THEN s.source_code || ' ' || any_value(s.name) END
      FROM drinking_samples d JOIN zt_sources s USING (source_code) WHERE d.compliant IS NOT NULL
      GROUP BY s.source_code, s.district_code, s.unit_code, d.year` },
  { id: 'eco.problems_found', kind: 'sum', decimals: 0,
    records: `SELECT ${UNIT_DISTRICT}, unit_code, year, problems_found, NULL, batch_id, NULL FROM ecology_units` },
  { id: 'eco.problems_rectified', kind: 'sum', decimals: 0,
    records: `SELECT ${UNIT_DISTRICT}, unit_code, year, problems_rectified, NULL, batch_id, NULL FROM ecology_units` },
  { id: 'eco.human_activity_area_km2', kind: 'sum', decimals: 3,
    records: `SELECT ${UNIT_DISTRICT}, unit_code, year, human_activity_area_km2, NULL, batch_id, NULL FROM ecology_units` },
  { id: 'emissions.holders_reporting', kind: 'sum', decimals: 0,
    records: `SELECT h.district_code, h.unit_code, e.year, 1, NULL, any_value(e.batch_id), NULL FROM emissions_annual e ${HOLDER}
      GROUP BY h.permit_no, h.district_code, h.unit_code, e.year` },
  { id: 'emissions.holders_over_permit', kind: 'shortfall', decimals: 0,
    records: `SELECT h.district_code, h.unit_code, e.year, CASE WHEN bool_and(e.actual_t IS NULL OR e.permitted_t IS NULL OR e.actual_t <= e.permitted_t) THEN 1 ELSE 0 END,
      1, any_value(e.batch_id), NULL FROM emissions_annual e ${HOLDER} GROUP BY h.permit_no, h.district_code, h.unit_code, e.year` },
  { id: 'emissions.reports_late', kind: 'shortfall', decimals: 0,
    records: `SELECT h.district_code, h.unit_code, year(e.report_due_on), CASE WHEN bool_and(e.report_submitted_on <= e.report_due_on) THEN 1 ELSE 0 END,
      1, any_value(e.batch_id), NULL FROM emissions_annual e ${HOLDER} WHERE e.report_due_on IS NOT NULL AND e.report_due_on < $reference_date::DATE
      GROUP BY h.permit_no, h.district_code, h.unit_code, year(e.report_due_on)` },
  { id: 'enforcement.inspections', kind: 'sum', decimals: 0, counts: 'inspections',
    records: 'SELECT district_code, unit_code, year(date), 1, NULL, batch_id, NULL FROM inspections' },
  { id: 'enforcement.inspections_with_findings', kind: 'sum', decimals: 0, counts: 'inspections',
    records: "SELECT district_code, unit_code, year(date), 1, NULL, batch_id, NULL FROM inspections WHERE result = '发现问题'" },
  { id: 'enforcement.key_polluter_inspection_coverage_all_units', kind: 'ratio', decimals: 1,
    records: `SELECT h.district_code, h.unit_code, y.year, CASE WHEN EXISTS (SELECT 1 FROM inspections i WHERE i.permit_no = h.permit_no AND year(i.date) = y.year) THEN 1 ELSE 0 END,
      1, h.batch_id, NULL FROM zt_holders h, (SELECT DISTINCT year(date) AS year FROM inspections) y WHERE h.is_key_polluter` },
  { id: 'enforcement.problems_found', kind: 'sum', decimals: 0, counts: 'problems',
    records: 'SELECT district_code, unit_code, year(found_on), 1, NULL, batch_id, NULL FROM problems' },
  { id: 'enforcement.problems_due', kind: 'sum', decimals: 0, counts: 'problems',
    records: 'SELECT district_code, unit_code, year(due_on), 1, NULL, batch_id, NULL FROM problems WHERE due_on < $reference_date::DATE' },
  { id: 'enforcement.problems_rectified_on_time', kind: 'sum', decimals: 0, counts: 'problems',
    records: 'SELECT district_code, unit_code, year(due_on), 1, NULL, batch_id, NULL FROM problems WHERE due_on < $reference_date::DATE AND rectified_on <= due_on' },
  { id: 'enforcement.problems_open', kind: 'sum', decimals: 0, counts: 'problems',
    // open at the end of the year : found by then, not rectified by then
    records: `SELECT p.district_code, p.unit_code, y.year, 1, NULL, p.batch_id, NULL FROM problems p,
      (SELECT DISTINCT year(found_on) AS year FROM problems) y
      WHERE year(p.found_on) <= y.year AND (p.rectified_on IS NULL OR year(p.rectified_on) > y.year)` },
  { id: 'zoning.eia_approvals', kind: 'sum', decimals: 0, counts: 'eia_approvals',
    records: 'SELECT district_code, unit_code, year(approved_on), 1, NULL, batch_id, NULL FROM eia_approvals' },
  { id: 'zoning.eia_with_zoning_analysis', kind: 'sum', decimals: 0, counts: 'eia_approvals',
    records: 'SELECT district_code, unit_code, year(approved_on), 1, NULL, batch_id, NULL FROM eia_approvals WHERE zoning_analysis' },
  ...ZONING_WORK_MEASURES,
  ...RED_LINE_MEASURES,
  ...KEY_UNIT_EMISSION_MEASURES,
];

/** Measures also given per unit type for districts and the city (e.g. enforcement.cases.重点管控): emissions
 *  and enforcement by the type of unit the holder or the case lies in. */
export const UNIT_TYPES = ['优先保护', '重点管控', '一般管控'] as const;
const BY_UNIT_TYPE = new Set([
  'emissions.within_permit_rate', 'emissions.report_on_time_rate', 'online.exceedance_rate',
  'enforcement.inspections', 'enforcement.key_polluter_inspection_coverage_all_units', 'enforcement.cases', 'enforcement.five_category_cases',
  'enforcement.fines_cny', 'enforcement.problems_found', 'enforcement.problems_due', 'enforcement.problems_rectified_on_time',
  'enforcement.problems_overdue', 'enforcement.problems_on_time_rate', 'zoning.eia_approvals', 'zoning.nonconforming_approvals',
]);
const byUnitType = (id: string) => BY_UNIT_TYPE.has(id) || id.startsWith('emissions.actual_t.') || id.startsWith('emissions.permitted_t.');

/** Emissions per pollutant: Σ actual_t and the change on the previous year (%), for holders of the entity. */
const EMISSION_POLLUTANTS = ['COD', 'NH3-N', 'NOx', 'VOCs', 'SO2', '颗粒物'];

function emissionMeasures(): RecordMeasure[] {
  return EMISSION_POLLUTANTS.flatMap((p) => [{
    id: `emissions.actual_t.${p}`, kind: 'sum' as const, decimals: 3,
    records: `SELECT h.district_code, h.unit_code, e.year, e.actual_t, NULL, e.batch_id, NULL FROM emissions_annual e ${HOLDER} WHERE e.pollutant = '${p}'`,
  }, {
    id: `emissions.permitted_t.${p}`, kind: 'sum' as const, decimals: 3,
    records: `SELECT h.district_code, h.unit_code, e.year, e.permitted_t, NULL, e.batch_id, NULL FROM emissions_annual e ${HOLDER} WHERE e.pollutant = '${p}'`,
  }]);
}

/** The ids of the record measures, including the change rows derived from them. */
export function recordMeasureIds(): string[] {
  const ids = [...MEASURES, ...emissionMeasures()].map((m) => m.id);
  const typed = ids.filter(byUnitType).flatMap((id) => UNIT_TYPES.map((t) => `${id}.${t}`));
  const typedChange = EMISSION_POLLUTANTS.flatMap((p) => UNIT_TYPES.map((t) => `emissions.change_pct.${p}.${t}`));
  return [...typed, ...typedChange,...ids, 'eco.eqi_change', ...EMISSION_POLLUTANTS.map((p) => `emissions.change_pct.${p}`), ...KEY_UNIT_DERIVED_IDS, ...ECO_DERIVED_IDS, ...RED_LINE_DERIVED_IDS];
}

const UNIT_TYPE_NAME = `['${UNIT_TYPES.join("', '")}'][substr(unit_code, 9, 1)::INTEGER]`;

/** The record measures of `fromYear`…`toYear`. Deadlines (problems, annual reports, plan filing) count as passed
 *  when they lie before `referenceDate` (YYYY-MM-DD, the evaluation's reference date), never the clock. */
export async function readRecordMeasures(sql: Sql, fromYear: number, toYear: number, referenceDate: string): Promise<MeasureRow[]> {
  const all = [...MEASURES, ...emissionMeasures()];
  const arms = all.map((m) => `
    SELECT '${m.id}' AS measure, '${m.kind}' AS kind, ${m.decimals} AS decimals, ${m.cityOwn ? 'true' : 'false'} AS city_own,
      ${m.tolerance ?? 0}::DOUBLE AS tolerance, ${byUnitType(m.id)} AS by_type, * FROM (
      SELECT * FROM (${m.records}) r(district_code, unit_code, year, num, den, batch_id, note)
      WHERE r.year BETWEEN ${fromYear} AND ${toYear}
    )`);
  return sql.all<MeasureRow>(`
    WITH zt_holders AS MATERIALIZED ${registerInYearSql('permit_holders', toYear)},
    zt_sources AS MATERIALIZED ${registerInYearSql('drinking_sources', toYear)},
    records AS (${arms.join('\nUNION ALL\n')}),
    entities AS (
      SELECT measure, kind, decimals, tolerance, district_code AS entity_code, 'district' AS entity_level, year, num, den, batch_id, note FROM records WHERE district_code IS NOT NULL AND district_code <> 'city'
      UNION ALL SELECT measure, kind, decimals, tolerance, unit_code, 'unit', year, num, den, batch_id, note FROM records WHERE unit_code IS NOT NULL
      UNION ALL SELECT measure, kind, decimals, tolerance, 'city', 'city', year, num, den, batch_id, note FROM records WHERE city_own = coalesce(district_code = 'city', false)
      UNION ALL SELECT measure || '.' || ${UNIT_TYPE_NAME}, kind, decimals, tolerance, district_code, 'district', year, num, den, batch_id, note
        FROM records WHERE by_type AND substr(unit_code, 9, 1) IN ('1', '2', '3') AND district_code IS NOT NULL AND district_code <> 'city'
      UNION ALL SELECT measure || '.' || ${UNIT_TYPE_NAME}, kind, decimals, tolerance, 'city', 'city', year, num, den, batch_id, note
        FROM records WHERE by_type AND substr(unit_code, 9, 1) IN ('1', '2', '3')
    ),
    agg AS (
      SELECT measure, any_value(kind) AS kind, any_value(decimals) AS decimals, any_value(tolerance) AS tolerance, entity_code, entity_level, year,
             sum(num) AS num, sum(den) AS den, count(*) AS n,
             -- records written in the workspace (recorded screenings) have no batch
             coalesce(list(DISTINCT batch_id) FILTER (WHERE batch_id IS NOT NULL), []) AS batches,
             CASE WHEN count(DISTINCT note) = 1 THEN any_value(note)
                  WHEN count(DISTINCT note) > 1 AND kind IN ('shortfall', 'sum') THEN string_agg(DISTINCT note, '；' ORDER BY note) END AS note
      FROM entities GROUP BY measure, entity_code, entity_level, year, kind
    )
    SELECT measure, entity_code, entity_level, year::INTEGER AS year,
           CASE WHEN kind = 'ratio' THEN CASE WHEN den > 0 AND round(den - num, 6) > 0 AND round(den - num, 6) <= tolerance THEN 100
                                              WHEN den > 0 THEN ${roundHalfEvenSql('num / den * 100', 'decimals')} END
                WHEN kind = 'shortfall' THEN CASE WHEN den > 0 THEN den - num END
                WHEN kind = 'difference' THEN ${roundHalfEvenSql('num - den', 'decimals')}
                ELSE ${roundHalfEvenSql('num', 'decimals')} END::DOUBLE AS value,
           num::DOUBLE AS numerator, CASE WHEN kind <> 'sum' THEN den END::DOUBLE AS denominator,
           1.0 AS completeness, (kind = 'sum' OR (kind = 'difference' AND den IS NOT NULL) OR den > 0) AS valid, note AS detail, batches
    FROM agg ORDER BY measure, entity_code, year`, { reference_date: referenceDate });
}

/** ΔEQI and the change of each pollutant's emissions on the previous year, from the rows above. */
export function changeRows(rows: MeasureRow[], year: number): MeasureRow[] {
  const key = (m: string, e: string, y: number) => `${m}|${e}|${y}`;
  const byKey = new Map(rows.map((r) => [key(r.measure, r.entity_code, r.year), r]));
  const out: MeasureRow[] = [];
  for (const r of rows.filter((x) => x.year === year && (x.measure === 'eco.eqi' || x.measure.startsWith('emissions.actual_t.')))) {
    const prev = byKey.get(key(r.measure, r.entity_code, year - 1));
    const ok = prev && prev.value !== null && r.value !== null;
    if (r.measure === 'eco.eqi') {
      out.push({ ...r, measure: 'eco.eqi_change', value: ok ? roundHalfEven(r.value! - prev!.value!, 2) : null,
        numerator: r.value, denominator: prev?.value ?? null, valid: !!ok, detail: ok ? null : `缺少${year - 1}年EQI` });
    } else {
      const pct = ok && prev!.value! > 0 ? roundHalfEven(((r.value! - prev!.value!) / prev!.value!) * 100, 1) : null;
      out.push({ ...r, measure: r.measure.replace('actual_t', 'change_pct'), value: pct, numerator: r.value, denominator: prev?.value ?? null,
        valid: pct !== null, detail: ok ? null : `缺少${year - 1}年排放量` });
    }
  }
  return out;
}

/** Datasets whose records carry a unit: their counts are kept for units too. */
const UNIT_COUNTED = new Set<string>(['cases', 'problems', 'inspections', 'eia_approvals']);

/** The 0 of every count measure for each entity-year its dataset covers and that has no record (districts, the
 *  city, and the units in force of covered districts; per unit type where the measure is split so), so that no
 *  count is missing where nothing was to be counted. Outside coverage nothing is added: 数据缺失. */
export function zeroCountRows(rows: MeasureRow[], coverage: YearCoverage, year: number,
  districts: string[], units: { unit_code: string; district_code: string }[]): MeasureRow[] {
  const have = new Set(rows.filter((r) => r.year === year).map((r) => `${r.measure}|${r.entity_code}`));
  const out: MeasureRow[] = [];
  const add = (measure: string, entity: string, level: 'district' | 'city' | 'unit') => {
    if (have.has(`${measure}|${entity}`)) return;
    out.push({ measure, entity_code: entity, entity_level: level, year, value: 0, numerator: 0, denominator: null,
      completeness: 1, valid: true, detail: '无记录', batches: [] });
  };
  const all = [...MEASURES, ...emissionMeasures()];
  for (const m of all.filter((x) => x.counts)) {
    const ids = [m.id, ...(byUnitType(m.id) ? UNIT_TYPES.map((t) => `${m.id}.${t}`) : [])];
    const covered = districts.filter((d) => covers(coverage, [m.counts!], d));
    for (const id of ids) {
      for (const d of covered) add(id, d, 'district');
      if (covers(coverage, [m.counts!], 'city')) add(id, 'city', 'city');
    }
    if (UNIT_COUNTED.has(m.counts!)) {
      const inCovered = new Set(covered);
      for (const u of units) if (inCovered.has(u.district_code)) add(m.id, u.unit_code, 'unit');
    }
  }
  return out;
}
