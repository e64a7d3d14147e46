// 指标总览 of one year in one answer: every indicator's value for every district and the city (with last year's
// value for 同比), each district's total and grade, and the spread of each indicator's measure over the units
// of each type. A few hundred rows, aggregated in DuckDB.
import type { Sql } from '../../analytics/workspace.js';
import { sqlString } from '../../analytics/sql.js';
import { unitsInForceSql } from '../../analytics/units/unit-plans.js';
import { catalogueInForce } from '../../indicators/catalogue/workspace-layers.js';
import { latestRun, scoreSheets } from '../../indicators/results.js';
import { unitTypeName } from './unit-types.js';

export interface OverviewIndicator {
  id: string;
  name: string;
  dimension: string;
  unit: string;
  decimals: number;
  direction: string;
  measure: string;
}

export interface OverviewValue {
  indicator: string;
  entity: string;
  value: number | null;
  previous: number | null;
  target: number | null;
  status: string;
  points: number | null;
  maxPoints: number | null;
}

export interface OverviewDistrict {
  code: string;
  name: string;
  total: number;
  grade: string;
  earned: number;
  applicableMax: number;
}

export interface UnitTypeSpread {
  indicator: string;
  unitType: number;
  typeName: string;
  /** Units of this type in force in the year, and how many of them have a value of the indicator's measure. */
  units: number;
  withValue: number;
  mean: number | null;
  min: number | null;
  max: number | null;
}

export interface Overview {
  year: number;
  runId: number;
  computedAt: string;
  catalogue: { id: string; version: string };
  standardEdition: string;
  indicators: OverviewIndicator[];
  districts: OverviewDistrict[];
  /** District and city values ('city' is the entity of the city). */
  values: OverviewValue[];
  unitTypes: UnitTypeSpread[];
}

export async function overview(sql: Sql, year: number): Promise<Overview> {
  const run = await latestRun(sql, year);
  const catalogue = await catalogueInForce(sql, run);
  const indicators: OverviewIndicator[] = catalogue.indicators.map((i) => ({
    id: i.id, name: i.name, unit: i.unit, decimals: i.decimals, direction: i.direction,
    dimension: catalogue.dimensions.find((d) => d.id === i.dimension)?.name ?? i.dimension,
    measure: i.measure,
  }));
  const values = await sql.all<OverviewValue>(`
    SELECT indicator_id AS indicator, entity_code AS entity, value, previous_value AS previous, target, status, points,
           max_points AS "maxPoints"
    FROM indicator_values WHERE run_id = ${run.run_id} AND entity_level IN ('district', 'city')
    ORDER BY indicator_id, entity_code`);
  const sheets = await scoreSheets(sql, year);
  const districts = sheets.map((s) => ({ code: s.entity, name: s.name, total: s.total, grade: s.grade, earned: s.earned, applicableMax: s.applicableMax }));
  const measured = indicators;
  const unitTypes = measured.length === 0 ? [] : await sql.all<Omit<UnitTypeSpread, 'typeName'>>(`
    WITH m(indicator, measure) AS (VALUES ${measured.map((i) => `(${sqlString(i.id)}, ${sqlString(i.measure)})`).join(', ')}),
    u AS (SELECT DISTINCT unit_code, unit_type FROM ${unitsInForceSql(year)}),
    v AS (SELECT entity_code, measure_id, value FROM measure_values
          WHERE run_id = ${run.run_id} AND entity_level = 'unit' AND valid AND value IS NOT NULL)
    SELECT m.indicator, u.unit_type::INTEGER AS "unitType", count(*)::INTEGER AS units, count(v.value)::INTEGER AS "withValue",
           avg(v.value) AS mean, min(v.value) AS min, max(v.value) AS max
    FROM m CROSS JOIN u LEFT JOIN v ON v.entity_code = u.unit_code AND v.measure_id = m.measure
    GROUP BY ALL ORDER BY m.indicator, "unitType"`);
  return {
    year, runId: run.run_id, computedAt: run.computed_at.toISOString(),
    catalogue: { id: run.catalogue_id, version: run.catalogue_version }, standardEdition: run.standard_edition,
    indicators, districts, values, unitTypes: unitTypes.map((t) => ({ ...t, typeName: unitTypeName(t.unitType) })),
  };
}
