// A catalogue layer: a municipal or district refinement of the catalogue below it (national default →
// municipal → district). It names its base (id + version) and changes, adds or retires indicators.
import { z } from 'zod';
import { catalogueFile, indicatorEntry } from './schema.js';

/** Fields a layer may change on an existing indicator (the id says which); unknown fields are refused. */
// Spelled out rather than `.partial()`: a partial of a field with a default would fill the default in and so
// silently change a field the layer never named.
const e = indicatorEntry.shape;
export const indicatorChange = z.object({
  id: z.string(),
  name: e.name.optional(), nameEn: e.nameEn.optional(), dimension: e.dimension.optional(), scope: e.scope.optional(),
  measure: z.string().optional(), expression: z.string().optional(), unit: e.unit.optional(), decimals: e.decimals.optional(),
  direction: e.direction.optional(), target: e.target.optional(), points: e.points.optional(), rule: e.rule.optional(),
  notApplicableWithoutRecords: z.boolean().optional(), zeroWithoutRecords: z.boolean().optional(), datasets: e.datasets.optional(),
}).strict();
export type IndicatorChange = z.infer<typeof indicatorChange>;

export const catalogueLayer = z.object({
  layer: z.object({
    level: z.enum(['municipal', 'district']),
    /** `city` for the municipal layer; the 6-digit district code for a district layer. */
    entity: z.string().min(1),
    id: z.string().min(1),
    version: z.string().min(1),
    name: z.string().min(1),
  }).strict(),
  /** The catalogue (or layer) this one refines: id and version must match what lies below. */
  base: z.object({ id: z.string().min(1), version: z.string().min(1) }).strict(),
  change: z.array(indicatorChange).default([]),
  add: z.array(indicatorEntry).default([]),
  retire: z.array(z.object({ id: z.string(), reason: z.string().min(1) }).strict()).default([]),
  /** Replace the dimension points or the grade cut-offs (whole lists, as they are short). */
  dimensions: catalogueFile.shape.dimensions.optional(),
  grades: catalogueFile.shape.grades.optional(),
}).strict();
export type CatalogueLayer = z.infer<typeof catalogueLayer>;

export function isLayerDocument(doc: unknown): boolean {
  return typeof doc === 'object' && doc !== null && 'layer' in doc;
}
