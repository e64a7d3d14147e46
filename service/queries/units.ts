// 管控单元: every unit in force in a year with its district and a few key values (one aggregated query, so the
// page filters ~800 rows on the client), and one unit's measures.
import type { Sql } from '../../analytics/workspace.js';
import { UserError } from '../../analytics/errors.js';
import { unitsInForceSql } from '../../analytics/units/unit-plans.js';
import { latestRun } from '../../indicators/results.js';
import { unitTypeName } from './unit-types.js';
import { measureLabel, measureUnit } from './measure-labels.js';
import { catalogueInForce } from '../../indicators/catalogue/workspace-layers.js';

/** The measures shown as columns of the unit table, in this order. */
export const UNIT_KEY_MEASURES = [
  { measure: 'air.pm25_annual_mean', label: 'PM2.5年均浓度', unit: '微克/立方米', decimals: 0 },
  { measure: 'air.good_day_ratio', label: '优良天数比例', unit: '%', decimals: 1 },
  { measure: 'water.good_ratio', label: '水质优良比例', unit: '%', decimals: 1 },
  { measure: 'enforcement.cases', label: '违法案件', unit: '件', decimals: 0 },
  { measure: 'enforcement.problems_overdue', label: '逾期问题', unit: '个', decimals: 0 },
] as const;

export interface UnitRow {
  code: string;
  name: string;
  type: number;
  typeName: string;
  district: string;
  districtName: string;
  planVersion: string;
  areaKm2: number | null;
  /** Values of UNIT_KEY_MEASURES in order; null when the unit has none (no site, no section, not computed). */
  values: (number | null)[];
}

export interface UnitList {
  year: number;
  computed: boolean;
  measures: { measure: string; label: string; unit: string; decimals: number }[];
  units: UnitRow[];
}

async function runIdOrNull(sql: Sql, year: number): Promise<number | null> {
  const r = await sql.one<{ run_id: number }>('SELECT max(run_id) AS run_id FROM compute_runs WHERE year = $y', { y: year });
  return r?.run_id ?? null;
}

export async function unitList(sql: Sql, year: number): Promise<UnitList> {
  const runId = await runIdOrNull(sql, year);
  const pivot = UNIT_KEY_MEASURES.map((m, k) =>
    `max(v.value) FILTER (WHERE v.measure_id = '${m.measure}') AS m${k}`).join(', ');
  const rows = await sql.all<Record<string, unknown>>(`
    WITH u AS ${unitsInForceSql(year)},
    v AS (SELECT entity_code, measure_id, value FROM measure_values
          WHERE run_id = ${runId ?? -1} AND entity_level = 'unit' AND valid
            AND measure_id IN (${UNIT_KEY_MEASURES.map((m) => `'${m.measure}'`).join(', ')}))
    SELECT u.unit_code, any_value(u.unit_name) AS unit_name, any_value(u.unit_type)::INTEGER AS unit_type,
           any_value(u.district_code) AS district_code, any_value(d.name) AS district_name,
           any_value(u.plan_version) AS plan_version, any_value(u.area_km2) AS area_km2, ${pivot}
    FROM u LEFT JOIN districts d USING (district_code) LEFT JOIN v ON v.entity_code = u.unit_code
    GROUP BY u.unit_code ORDER BY u.unit_code`);
  return {
    year, computed: runId !== null, measures: UNIT_KEY_MEASURES.map((m) => ({ ...m })),
    units: rows.map((r) => ({
      code: r.unit_code as string, name: r.unit_name as string, type: r.unit_type as number,
      typeName: unitTypeName(r.unit_type as number), district: r.district_code as string,
      districtName: (r.district_name as string | null) ?? (r.district_code as string), planVersion: r.plan_version as string,
      areaKm2: r.area_km2 as number | null, values: UNIT_KEY_MEASURES.map((_m, k) => r[`m${k}`] as number | null),
    })),
  };
}

export interface UnitDetail {
  unit: Omit<UnitRow, 'values'>;
  year: number;
  values: { measure: string; label: string; unit: string; value: number | null; numerator: number | null; denominator: number | null; status: string; detail: string | null }[];
}

export async function unitDetail(sql: Sql, code: string, year: number): Promise<UnitDetail> {
  const u = await sql.one<Record<string, unknown>>(`
    SELECT u.*, d.name AS district_name FROM units u LEFT JOIN districts d USING (district_code)
    WHERE u.unit_code = $c ORDER BY TRY_CAST(u.plan_version AS INTEGER) <= $y DESC, u.plan_version DESC LIMIT 1`, { c: code, y: year });
  if (!u) throw new UserError('NO_UNIT', `找不到管控单元“${code}”（请检查单元编码，或先导入环境管控单元名录）`);
  const run = await latestRun(sql, year);
  const catalogue = await catalogueInForce(sql, run);
  const values = await sql.all<Omit<UnitDetail['values'][number], 'label' | 'unit'>>(`
    SELECT measure_id AS measure, CASE WHEN valid THEN value END AS value, numerator, denominator,
           CASE WHEN valid THEN '有效' ELSE '数据不足' END AS status, detail
    FROM measure_values WHERE run_id = ${run.run_id} AND entity_code = $c AND year = $y ORDER BY measure_id`, { c: code, y: year });
  return {
    year, values: values.map((v) => ({ ...v, label: measureLabel(v.measure, catalogue), unit: measureUnit(v.measure, catalogue) })),
    unit: {
      code, name: u.unit_name as string, type: u.unit_type as number, typeName: unitTypeName(u.unit_type as number),
      district: u.district_code as string, districtName: (u.district_name as string | null) ?? (u.district_code as string),
      planVersion: u.plan_version as string, areaKm2: u.area_km2 as number | null,
    },
  };
}
