// Unit-level tracking measures (domain/indicators.md, Unit-level tracking) that the other measure modules do not
// produce: changes on the previous year per control unit (red-line area, PM2.5, good-day ratio, unit EQI) and
// per section (water class). They are stored with every run like all measures, and the watch list reads them.
import type { Sql } from '../../analytics/workspace.js';
import type { MeasureRow } from './air-annual.js';
import { roundHalfEven, roundHalfEvenSql } from '../value-format.js';

export const UNIT_TRACKING_MEASURE_IDS = [
  'unit.eqi', 'unit.eqi_change', 'unit.red_line_area_change', 'unit.pm25_change_pct', 'unit.good_day_ratio_change',
  'water.section_class_change',
] as const;

/** EQI assessed for control units (eqi rows whose entity is a unit code), `fromYear`–`toYear`. */
export async function readUnitEqi(sql: Sql, fromYear: number, toYear: number): Promise<MeasureRow[]> {
  return sql.all<MeasureRow>(`
    SELECT 'unit.eqi' AS measure, entity_code, 'unit' AS entity_level, year::INTEGER AS year, ${roundHalfEvenSql('eqi', 2)}::DOUBLE AS value,
           eqi::DOUBLE AS numerator, NULL::DOUBLE AS denominator, 1.0 AS completeness, eqi IS NOT NULL AS valid,
           eqi_class AS detail, [batch_id] AS batches
    FROM eqi WHERE starts_with(entity_code, 'ZH') AND year BETWEEN ${fromYear} AND ${toYear}
    ORDER BY entity_code, year`);
}

interface ChangeSpec {
  from: string;
  to: string;
  level: MeasureRow['entity_level'];
  /** The change from last year's value to this year's, or null when it cannot be formed. */
  change: (now: number, before: number) => number | null;
  missing: (year: number) => string;
}

const round = roundHalfEven;

const CHANGES: ChangeSpec[] = [
  { from: 'unit.eqi', to: 'unit.eqi_change', level: 'unit', change: (a, b) => round(a - b, 2), missing: (y) => `缺少${y}年单元EQI` },
  { from: 'eco.red_line_area_km2', to: 'unit.red_line_area_change', level: 'unit', change: (a, b) => round(a - b, 2), missing: (y) => `缺少${y}年红线面积` },
  { from: 'air.pm25_annual_mean', to: 'unit.pm25_change_pct', level: 'unit', change: (a, b) => (b > 0 ? round(((a - b) / b) * 100, 1) : null), missing: (y) => `缺少${y}年有效PM2.5年均浓度` },
  { from: 'air.good_day_ratio', to: 'unit.good_day_ratio_change', level: 'unit', change: (a, b) => round(a - b, 1), missing: (y) => `缺少${y}年有效优良天数比例` },
  // classes I…劣V as 1…6: a positive change is a section getting worse
  { from: 'water.section_class', to: 'water.section_class_change', level: 'section', change: (a, b) => a - b, missing: (y) => `缺少${y}年断面评价` },
];

/** This year's change rows for every unit (or section) that has the source measure this year. Only valid
 *  values are compared: an air year short of valid days gives no change, not a misleading one. */
export function unitTrackingRows(rows: MeasureRow[], year: number): MeasureRow[] {
  const sources = new Set(CHANGES.map((c) => c.from));
  const relevant = rows.filter((r) => sources.has(r.measure) && (r.year === year || r.year === year - 1));
  const byKey = new Map(relevant.map((r) => [`${r.measure}|${r.entity_code}|${r.year}`, r]));
  const out: MeasureRow[] = [];
  for (const spec of CHANGES) {
    for (const r of relevant.filter((x) => x.measure === spec.from && x.year === year && x.entity_level === spec.level)) {
      const prev = byKey.get(`${spec.from}|${r.entity_code}|${year - 1}`);
      const ok = r.valid && r.value !== null && prev !== undefined && prev.valid && prev.value !== null;
      const value = ok ? spec.change(r.value!, prev.value!) : null;
      out.push({
        ...r, measure: spec.to, value, numerator: r.value, denominator: prev?.value ?? null, valid: value !== null,
        detail: ok ? null : spec.missing(year - 1), batches: [...new Set([...r.batches, ...(prev?.batches ?? [])])],
      });
    }
  }
  return out;
}
