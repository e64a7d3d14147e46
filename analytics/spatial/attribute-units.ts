// Spatial attribution: rows that came with coordinates but no unit code get the unit whose polygon contains
// them (units in force, from their GeoJSON geometry). How each row got its unit is kept in unit_attribution
// ('file' when the file named it, 'polygon' when located here); points on no unit or on several are reported.
import type { Sql } from '../workspace.js';
import { sqlString } from '../sql.js';
import { unitsInForceSql } from '../units/unit-plans.js';
import { UnitIndex, bbox, polygonsOf, type UnitShape } from './point-in-polygon.js';

export interface AttributionReport {
  /** Rows located by their coordinates. */
  located: number;
  /** Rows whose point lies on no unit, or on more than one (overlap or border): left without a unit. */
  onNone: number;
  onSeveral: number;
  examples: string[];
}

async function unitIndex(sql: Sql, year: number): Promise<UnitIndex> {
  const rows = await sql.all<{ unit_code: string; geometry: string }>(
    `SELECT unit_code, geometry FROM ${unitsInForceSql(year)} WHERE geometry IS NOT NULL`);
  // boundaries were checked on import (units rule); one that still cannot be read is left out, not fatal
  const shapes = rows.flatMap((r): UnitShape[] => {
    try {
      return [{ code: r.unit_code, polygons: polygonsOf(JSON.parse(r.geometry)) }];
    } catch {
      return [];
    }
  });
  return new UnitIndex(shapes);
}

/**
 * Fills unit_code for the batch's rows of `table` that have lon/lat but no unit; marks the ones the file named.
 * Does nothing (and says so) when no unit has a geometry.
 */
export async function attributeUnits(sql: Sql, table: string, batchId: number, year = new Date().getFullYear()): Promise<AttributionReport | undefined> {
  await sql.run(`UPDATE ${table} SET unit_attribution = 'file' WHERE batch_id = ${batchId} AND unit_code IS NOT NULL`);
  const points = await sql.all<{ src_row: number; lon: number; lat: number }>(
    `SELECT src_row, lon, lat FROM ${table} WHERE batch_id = ${batchId} AND unit_code IS NULL AND lon IS NOT NULL AND lat IS NOT NULL`);
  if (points.length === 0) return undefined;
  const index = await unitIndex(sql, year);
  if (index.size === 0) return { located: 0, onNone: points.length, onSeveral: 0, examples: ['工作空间中的管控单元没有边界（请导入带几何的管控单元 GeoJSON）'] };
  const found: { src_row: number; unit: string }[] = [];
  const report: AttributionReport = { located: 0, onNone: 0, onSeveral: 0, examples: [] };
  for (const p of points) {
    const a = index.locate(p.lon, p.lat);
    if (a.unit) {
      found.push({ src_row: p.src_row, unit: a.unit });
      report.located++;
    } else {
      if (a.candidates.length === 0) report.onNone++;
      else report.onSeveral++;
      if (report.examples.length < 5) {
        report.examples.push(`第${p.src_row}行（${p.lon}, ${p.lat}）${a.candidates.length ? `位于多个单元交界：${a.candidates.join('、')}` : '不在任何管控单元内'}`);
      }
    }
  }
  if (found.length) {
    await sql.run(`CREATE OR REPLACE TEMP TABLE zt_located AS SELECT * FROM (VALUES ${found.map((f) => `(${f.src_row}, ${sqlString(f.unit)})`).join(', ')}) v(src_row, unit_code)`);
    await sql.run(`UPDATE ${table} SET unit_code = l.unit_code, unit_attribution = 'polygon' FROM zt_located l
      WHERE ${table}.batch_id = ${batchId} AND ${table}.src_row = l.src_row`);
    await sql.run('DROP TABLE zt_located');
  }
  return report;
}

/** Fills the units' bounding boxes from their geometry (used to list units near a point without parsing it). */
export async function fillUnitBounds(sql: Sql, batchId: number): Promise<void> {
  const rows = await sql.all<{ unit_code: string; plan_version: string; geometry: string }>(
    `SELECT unit_code, plan_version, geometry FROM units WHERE batch_id = ${batchId} AND geometry IS NOT NULL`);
  if (rows.length === 0) return;
  const values = rows.map((r) => {
    const [a, b, c, d] = bbox(polygonsOf(JSON.parse(r.geometry)));
    return [a, b, c, d].every(Number.isFinite) ? [`(${sqlString(r.unit_code)}, ${sqlString(r.plan_version)}, ${a}, ${b}, ${c}, ${d})`] : [];
  }).flat();
  if (values.length === 0) return;
  await sql.run(`UPDATE units SET min_lon = v.a, min_lat = v.b, max_lon = v.c, max_lat = v.d
    FROM (VALUES ${values.join(', ')}) v(code, plan, a, b, c, d)
    WHERE units.batch_id = ${batchId} AND units.unit_code = v.code AND units.plan_version = v.plan`);
}
