// 设置 → 目标值: the target of every indicator of the catalogue in force (its rule, in words), and the targets
// of the 目标责任书 imported for a year (the `targets` dataset), which override those defaults per entity; and
// the target every district's indicator was scored against in the year's latest run, with its source (resolved
// once, by indicators/targets.ts, and recorded with the run).
import type { Sql } from '../../analytics/workspace.js';
import { catalogueInForce } from '../../indicators/catalogue/workspace-layers.js';
import { ruleText, targetText } from '../../indicators/catalogue/describe.js';

export interface CatalogueTarget {
  indicator: string;
  name: string;
  unit: string;
  direction: 'lower_better' | 'higher_better';
  points: number;
  /** The default target rule of the catalogue, in words. */
  target: string;
  /** How points follow from value and target, in words. */
  rule: string;
  /** How many entities have an imported target for this indicator in the year. */
  overrides: number;
}

export interface ImportedTarget {
  entity: string;
  entityName: string;
  indicator: string;
  /** The catalogue has no such indicator: the target is never used. */
  unknownIndicator: boolean;
  target: number;
  batch: number;
  file: string;
  row: number;
}

export interface ResolvedTargetRow {
  entity: string;
  entityName: string;
  indicator: string;
  target: number | null;
  /** Where the target came from: 目标责任书 (file and row), a catalogue layer, or the catalogue's default rule. */
  source: string;
}

export interface TargetsTable {
  year: number;
  catalogue: { id: string; version: string };
  indicators: CatalogueTarget[];
  imported: ImportedTarget[];
  /** The targets the year's latest run scored the districts against; null before the year is computed. */
  resolved: { runId: number; rows: ResolvedTargetRow[] } | null;
}

export async function targetsTable(sql: Sql, year: number): Promise<TargetsTable> {
  const run = await sql.one<{ run_id: number; layers: string | null }>('SELECT run_id, layers FROM compute_runs WHERE year = $y ORDER BY run_id DESC LIMIT 1', { y: year });
  const catalogue = await catalogueInForce(sql, run ?? null);
  const resolved = run ? await sql.all<ResolvedTargetRow>(`
    SELECT v.entity_code AS entity, coalesce(d.name, v.entity_code) AS "entityName", v.indicator_id AS indicator, v.target, v.target_source AS source
    FROM indicator_values v LEFT JOIN districts d ON d.district_code = v.entity_code
    WHERE v.run_id = $r AND v.entity_level = 'district' ORDER BY v.indicator_id, v.entity_code`, { r: run.run_id }) : null;
  const rows = await sql.all<{ entity: string; entity_name: string | null; indicator: string; target: number; batch: number; file: string; row: number }>(
    `SELECT t.entity_code AS entity,
       coalesce((SELECT name FROM districts d WHERE d.district_code = t.entity_code),
                (SELECT max(unit_name) FROM units u WHERE u.unit_code = t.entity_code),
                CASE WHEN t.entity_code = 'city' THEN '全市' END) AS entity_name,
       t.indicator_id AS indicator, t.target_value AS target, t.batch_id AS batch, b.file_name AS file, t.src_row AS row
     FROM targets t JOIN import_batches b USING (batch_id)
     WHERE t.year = $y ORDER BY t.indicator_id, t.entity_code`, { y: year });
  const known = new Set(catalogue.indicators.map((i) => i.id));
  return {
    year,
    catalogue: { id: catalogue.id, version: catalogue.version },
    indicators: catalogue.indicators.map((i) => ({
      indicator: i.id, name: i.name, unit: i.unit, direction: i.direction, points: i.points,
      target: targetText(i.target), rule: ruleText(i.rule), overrides: rows.filter((r) => r.indicator === i.id).length,
    })),
    imported: rows.map((r) => ({
      entity: r.entity, entityName: r.entity_name ?? r.entity, indicator: r.indicator, unknownIndicator: !known.has(r.indicator),
      target: r.target, batch: r.batch, file: r.file, row: r.row,
    })),
    resolved: run && resolved ? { runId: run.run_id, rows: resolved } : null,
  };
}
