// Ecological red line (C11, veto V2): the red-line area of the priority units this year against the plan
// version's baseline — the area on record in the first year at or after the version (the earliest year on record
// when none is), so a reduction is measured against what the version protected, not against last year.
import type { MeasureRow } from './air-annual.js';
import type { RecordMeasure } from './record-measure.js';

/** A reduction up to this many km² is survey noise, not a reduction (domain/indicators.md C11). */
export const RED_LINE_TOLERANCE_KM2 = 0.01;

const BASELINE = `
  WITH pv AS (SELECT unit_code, max(try_cast(left(plan_version, 4) AS INTEGER)) AS pv_year FROM units GROUP BY unit_code),
  base AS (
    SELECT e.unit_code,
           coalesce(min(e.year) FILTER (WHERE e.year >= pv.pv_year), min(e.year)) AS base_year
    FROM ecology_units e LEFT JOIN pv USING (unit_code) WHERE e.red_line_area_km2 IS NOT NULL GROUP BY e.unit_code
  ),
  base_area AS (
    SELECT b.unit_code, b.base_year, e.red_line_area_km2 AS area FROM base b
    JOIN ecology_units e ON e.unit_code = b.unit_code AND e.year = b.base_year AND e.red_line_area_km2 IS NOT NULL
    QUALIFY row_number() OVER (PARTITION BY b.unit_code ORDER BY e.src_row) = 1
  )
  SELECT substr(e.unit_code, 3, 6) AS district_code, e.unit_code, e.year, e.red_line_area_km2 AS num, b.area AS den, e.batch_id,
         '基线' || b.base_year || '年' || printf('%.2f', b.area) || 'km²' AS note
  FROM ecology_units e JOIN base_area b USING (unit_code) WHERE e.red_line_area_km2 IS NOT NULL AND e.year >= b.base_year`;

export const RED_LINE_MEASURES: RecordMeasure[] = [
  { id: 'eco.red_line_retention_rate', kind: 'ratio', decimals: 2, tolerance: RED_LINE_TOLERANCE_KM2, records: BASELINE },
  { id: 'eco.red_line_area_change_km2', kind: 'difference', decimals: 2, records: BASELINE },
];

export const RED_LINE_DERIVED_IDS = ['veto.red_line_reduced_unapproved'];

const fmt = (x: number) => x.toFixed(2);

/**
 * V2 per district: the red-line area fell beyond the tolerance with no approved adjustment recorded for the
 * year, or an unapproved reduction was reported. The value is 1 when the veto fires, the detail its evidence.
 */
export function redLineVetoRows(rows: MeasureRow[], year: number): MeasureRow[] {
  const of = (m: string) => rows.filter((r) => r.measure === m && r.year === year);
  const approved = new Map(of('zoning.red_line_adjustments_approved').map((r) => [r.entity_code, r]));
  const reported = new Map(of('veto.red_line_reduced_reported').map((r) => [r.entity_code, r]));
  const units = of('eco.red_line_retention_rate').filter((r) => r.entity_level === 'unit');
  const districts = new Set([...of('eco.red_line_retention_rate').filter((r) => r.entity_level === 'district').map((r) => r.entity_code), ...reported.keys()]);
  const out: MeasureRow[] = [];
  for (const code of districts) {
    const d = rows.find((r) => r.measure === 'eco.red_line_retention_rate' && r.entity_code === code && r.year === year && r.entity_level === 'district');
    const loss = d && d.numerator !== null && d.denominator !== null ? d.denominator - d.numerator : 0;
    const reduced = loss > RED_LINE_TOLERANCE_KM2 + 1e-9;
    const ok = approved.get(code);
    const report = reported.get(code);
    const evidence: string[] = [];
    if (reduced && !(ok && (ok.value ?? 0) > 0)) {
      evidence.push(`生态保护红线面积较基线减少${fmt(loss)}km²（${fmt(d!.denominator!)}→${fmt(d!.numerator!)}），本年度无经批准的红线调整记录`);
      for (const u of units.filter((x) => x.entity_code.slice(2, 8) === code && x.denominator! - x.numerator! > RED_LINE_TOLERANCE_KM2)) {
        evidence.push(`${u.entity_code}：${fmt(u.denominator!)}→${fmt(u.numerator!)}km²`);
      }
    }
    if (report && (report.value ?? 0) > 0) evidence.push(`工作事项报告：${report.detail ?? '生态保护红线面积未经批准减少'}`);
    out.push({
      measure: 'veto.red_line_reduced_unapproved', entity_code: code, entity_level: 'district', year,
      value: evidence.length ? 1 : 0, numerator: d?.numerator ?? null, denominator: d?.denominator ?? null, completeness: 1, valid: true,
      detail: evidence.length ? evidence.join('；') : reduced ? `面积减少${fmt(loss)}km²，已有经批准的调整：${ok?.detail ?? ''}` : null,
      batches: [...new Set([...(d?.batches ?? []), ...(ok?.batches ?? []), ...(report?.batches ?? [])])],
    });
  }
  return out;
}
