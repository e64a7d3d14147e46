// 一张图 for the service: the layers (geometry from analytics/spatial/map-layers.ts, the one home of the map's
// simplification) and the values a map is coloured by.
import type { Sql } from '../../analytics/workspace.js';
import { measureLabel } from './measure-labels.js';
import { latestRun } from '../../indicators/results.js';
import { catalogueInForce } from '../../indicators/catalogue/workspace-layers.js';
import { WATER_CLASSES } from '../../indicators/standards/gb3838.js';
import { registerInYearSql } from '../../analytics/units/unit-plans.js';

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
  /** Sections only: each section's class in the year (water.section_class) against its target class. */
  sectionResults?: Record<string, SectionResult>;
}

/** A section's result: its class and target (I … 劣V), attained when the class is no worse than the target. */
export interface SectionResult { className: string; target: string | null; attained: boolean | null }

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
  const sectionResults = level === 'section' ? await sectionResultsOf(sql, runId, year) : undefined;
  return {
    ...(sectionResults ? { sectionResults } : {}),
    year, level, measures, measure: chosen, label: chosen ? measureLabel(chosen, catalogue) : null,
    values: Object.fromEntries(rows.map((r) => [r.code, r.value])),
  };
}

/** Each section's class in the run (water.section_class, 1 … 6) against the register's target class of the year. */
async function sectionResultsOf(sql: Sql, runId: number, year: number): Promise<Record<string, SectionResult>> {
  const rows = await sql.all<{ code: string; cls: number; target: string | null }>(`
    SELECT m.entity_code AS code, m.value::INTEGER AS cls, s.target_class AS target FROM measure_values m
    LEFT JOIN ${registerInYearSql('water_sections', year)} s ON s.section_code = m.entity_code
    WHERE m.run_id = $r AND m.entity_level = 'section' AND m.year = $y AND m.measure_id = 'water.section_class' AND m.valid AND m.value IS NOT NULL`,
  { r: runId, y: year });
  const rank = (c: string | null) => (c ? (WATER_CLASSES as readonly string[]).indexOf(c) + 1 : 0);
  return Object.fromEntries(rows.map((r) => [r.code, {
    className: WATER_CLASSES[r.cls - 1] ?? String(r.cls), target: r.target, attained: rank(r.target) > 0 ? r.cls <= rank(r.target) : null,
  }]));
}
