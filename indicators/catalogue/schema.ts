// The catalogue file format: indicators, targets, scoring rules and grades are data (domain/indicators.md),
// validated here so a bad file is refused with the entry and field named.
import { z } from 'zod';

const targetSpec: z.ZodType<TargetSpec> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('value'), value: z.number() }),
    z.object({ kind: z.literal('previous_year') }),
    z.object({ kind: z.literal('standard_limit'), limit: z.enum(['PM2.5_annual_grade2']) }),
    z.object({ kind: z.literal('min_of'), of: z.array(targetSpec).min(1) }),
    z.object({ kind: z.literal('max_of'), of: z.array(targetSpec).min(1) }),
  ]),
);

export type TargetSpec =
  | { kind: 'value'; value: number }
  | { kind: 'previous_year' }
  | { kind: 'standard_limit'; limit: 'PM2.5_annual_grade2' }
  | { kind: 'min_of'; of: TargetSpec[] }
  /** The least demanding floor for a higher-is-better value: e.g. last year's rate, but at least 93 %. */
  | { kind: 'max_of'; of: TargetSpec[] };

export const scoringRule = z.discriminatedUnion('type', [
  /** Deduct `deduct` points per `per` units of gap beyond the target, floor 0. */
  z.object({ type: z.literal('linear'), per: z.number().positive(), deduct: z.number().nonnegative() }),
  /** Deduct `deduct` points per counted item beyond the target. With basis 'shortfall' the value is a rate (%)
   *  and what is counted is the items of its denominator short of the target (e.g. sections missing their class):
   *  the rate is what the name says, the count is the basis of the points. */
  z.object({ type: z.literal('per_count'), deduct: z.number().nonnegative(), basis: z.literal('shortfall').optional() }),
  /** Full points when the target is met, none otherwise. */
  z.object({ type: z.literal('threshold') }),
  /** Bands of the value → points, checked in order: the first band whose `min` (inclusive) the value reaches. */
  z.object({ type: z.literal('tiered'), bands: z.array(z.object({ min: z.number(), points: z.number().nonnegative() })).min(1) }),
  /** Scored by hand: the user enters a self-score (0..points) with evidence; nothing is computed. */
  z.object({ type: z.literal('manual') }),
  /** Points × achieved / target (at most the full points). */
  z.object({ type: z.literal('ratio') }),
]);
export type ScoringRule = z.infer<typeof scoringRule>;

export const indicatorEntry = z.object({
  id: z.string().regex(/^[A-Z]\d+$/),
  name: z.string().min(1),
  nameEn: z.string().min(1),
  dimension: z.string(),
  scope: z.array(z.enum(['district', 'unit', 'city'])).min(1),
  /** A built-in measure id; empty for `expression` and `manual` items. */
  measure: z.string().default(''),
  /** Instead of one measure: arithmetic over measure ids (expression.ts), evaluated per entity-year. */
  expression: z.string().optional(),
  unit: z.string(),
  decimals: z.number().int().min(0).max(4),
  direction: z.enum(['lower_better', 'higher_better']),
  target: targetSpec,
  points: z.number().positive(),
  rule: scoringRule,
  /** The measure counts records (approvals, sections, problems …): when its datasets hold data but none for the
   *  entity and year, there is nothing to measure and the item is 不适用; when they hold nothing at all, 数据缺失. */
  notApplicableWithoutRecords: z.boolean().default(false),
  /** The measure counts events (cases, non-conforming approvals): no record for the entity-year is a count of
   *  zero — when its datasets hold data at all (else 数据缺失). */
  zeroWithoutRecords: z.boolean().default(false),
  datasets: z.array(z.string()),
});
export type IndicatorEntry = z.infer<typeof indicatorEntry>;

/** A veto (否决项): when its measure is above 0 for a district, the grade is at most `maxGrade`. */
export const vetoEntry = z.object({
  id: z.string().regex(/^V\d+$/),
  name: z.string().min(1),
  measure: z.string(),
  maxGrade: z.string(),
  datasets: z.array(z.string()),
});
export type VetoEntry = z.infer<typeof vetoEntry>;

export const catalogueFile = z.object({
  id: z.string(),
  version: z.string(),
  name: z.string(),
  dimensions: z.array(z.object({ id: z.string(), name: z.string(), points: z.number() })),
  grades: z.array(z.object({ min: z.number(), name: z.string() })).min(1),
  indicators: z.array(indicatorEntry).min(1),
  /** The layers merged into this catalogue (municipal, district), bottom first; absent for the national default. */
  layers: z.array(z.object({ level: z.enum(['municipal', 'district']), entity: z.string(), id: z.string(), version: z.string(), sha256: z.string() })).optional(),
  vetoes: z.array(vetoEntry).default([]),
});
export type Catalogue = z.infer<typeof catalogueFile>;
