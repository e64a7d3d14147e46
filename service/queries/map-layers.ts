// 一张图 for the service: the layers (geometry from analytics/spatial/map-layers.ts, the one home of the map's
// simplification) and the values a map is coloured by.
import type { Sql } from '../../analytics/workspace.js';
import { measureLabel } from './measure-labels.js';
import { latestRun } from '../../indicators/results.js';
import { catalogueInForce } from '../../indicators/catalogue/workspace-layers.js';

export { mapLayers, MAP_ZOOMS } from '../../analytics/spatial/map-layers.js';
export type { MapDistrictProperties, MapFeature, MapGeometry, MapLayers, MapPoint, MapUnitProperties } from '../../analytics/spatial/map-layers.js';

export type MapLevel = 'unit' | 'district' | 'section';

export interface MapValues {
  year: number;
  level: MapLevel;
  /** Measures with values at this level in the year's latest computation (empty when not computed). */
  measures: { measure: string; label: string }[];
  measure: string | null;
  label: string | null;
  /** Entity code → value; an entity whose value is not valid (数据不足) maps to null, one without a value is absent. */
  values: Record<string, number | null>;
}

/** One measure of the year's snapshot (the finalized computation, else the latest) for every unit, district or
 *  section: what a map is coloured by. */
export async function mapValues(sql: Sql, year: number, level: MapLevel, measure?: string): Promise<MapValues> {
  const hasRun = await sql.one('SELECT 1 FROM compute_runs WHERE year = $y LIMIT 1', { y: year });
  const run = hasRun ? await latestRun(sql, year) : null;
  const runId = run?.run_id ?? -1;
  const catalogue = await catalogueInForce(sql, run);
  const ids = await sql.all<{ measure: string }>(
    `SELECT DISTINCT measure_id AS measure FROM measure_values WHERE run_id = $r AND entity_level = $l AND year = $y ORDER BY 1`, { r: runId, l: level, y: year });
  const measures = ids.map((m) => ({ measure: m.measure, label: measureLabel(m.measure, catalogue) }));
  const chosen = measure && measures.some((m) => m.measure === measure) ? measure : null;
  const rows = chosen ? await sql.all<{ code: string; value: number | null }>(
    `SELECT entity_code AS code, CASE WHEN valid THEN value END AS value FROM measure_values
     WHERE run_id = $r AND entity_level = $l AND year = $y AND measure_id = $m`, { r: runId, l: level, y: year, m: chosen }) : [];
  return {
    year, level, measures, measure: chosen, label: chosen ? measureLabel(chosen, catalogue) : null,
    values: Object.fromEntries(rows.map((r) => [r.code, r.value])),
  };
}
