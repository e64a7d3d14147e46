// Per-unit values a report shows (单元明细, 附表): the stored unit-level measures of the compute run, pivoted in
// SQL, one row per unit in force. A unit with no station or section inside has no value of its own: it says so
// (无站点 / 无断面), never borrowing its district's value.
import type { Sql } from '../analytics/workspace.js';
import { sqlString } from '../analytics/sql.js';
import { unitsInForceSql } from '../analytics/units/unit-plans.js';

export interface UnitColumn {
  measure: string;
  label: string;
  unit: string;
  decimals: number;
  /** What a unit without this kind of monitoring shows. */
  absent: string;
}

export const UNIT_COLUMNS: UnitColumn[] = [
  { measure: 'air.pm25_annual_mean', label: 'PM2.5年均浓度', unit: '微克/立方米', decimals: 0, absent: '无站点' },
  { measure: 'air.good_day_ratio', label: '优良天数比例', unit: '%', decimals: 1, absent: '无站点' },
  { measure: 'water.good_ratio', label: '地表水优良比例', unit: '%', decimals: 1, absent: '无断面' },
  { measure: 'eco.red_line_area_km2', label: '生态保护红线面积', unit: 'km²', decimals: 2, absent: '—' },
  { measure: 'eco.human_activity_patches', label: '新增人类活动图斑', unit: '个', decimals: 0, absent: '—' },
  { measure: 'enforcement.cases', label: '行政处罚案件', unit: '件', decimals: 0, absent: '—' },
  { measure: 'enforcement.fines_cny', label: '罚款金额', unit: '元', decimals: 0, absent: '—' },
  { measure: 'enforcement.problems_overdue', label: '未按期整改问题', unit: '个', decimals: 0, absent: '—' },
];

export interface UnitRow {
  unitCode: string;
  unitName: string;
  unitType: number;
  district: string;
  districtName: string;
  areaKm2: number | null;
  /** Stored value per measure id (null: not stored or not valid). */
  values: Record<string, number | null>;
  batches: number[];
}

/** Units in force in `year` with their stored measures; one district, or all when `entity` is omitted. */
export async function loadUnitRows(sql: Sql, year: number, runId: number, entity?: string): Promise<UnitRow[]> {
  const pivot = UNIT_COLUMNS.map((c, k) => `max(m.value) FILTER (WHERE m.measure_id = ${sqlString(c.measure)} AND m.valid) AS v${k}`).join(',\n');
  const ids = UNIT_COLUMNS.map((c) => sqlString(c.measure)).join(',');
  const rows = await sql.all<Record<string, unknown>>(`
    SELECT u.unit_code, u.unit_name, u.unit_type, u.district_code, d.name AS district_name, u.area_km2,
           ${pivot},
           list(DISTINCT b.batch) FILTER (WHERE b.batch IS NOT NULL) AS batches
    FROM ${unitsInForceSql(year)} u
    JOIN districts d USING (district_code)
    LEFT JOIN measure_values m ON m.run_id = ${Math.trunc(runId)} AND m.entity_level = 'unit' AND m.entity_code = u.unit_code
      AND m.year = ${Math.trunc(year)} AND m.measure_id IN (${ids})
    LEFT JOIN LATERAL (SELECT unnest(m.batches) AS batch) b ON true
    ${entity ? 'WHERE u.district_code = $e' : ''}
    GROUP BY ALL ORDER BY u.district_code, u.unit_type, u.unit_code`, entity ? { e: entity } : undefined);
  return rows.map((r) => ({
    unitCode: r.unit_code as string, unitName: r.unit_name as string, unitType: Number(r.unit_type),
    district: r.district_code as string, districtName: r.district_name as string, areaKm2: r.area_km2 as number | null,
    values: Object.fromEntries(UNIT_COLUMNS.map((c, k) => [c.measure, (r[`v${k}`] as number | null) ?? null])),
    batches: ((r.batches as number[] | null) ?? []).map(Number).sort((a, b) => a - b),
  }));
}
