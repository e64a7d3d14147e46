// The target of every (entity, indicator) of a snapshot, resolved in one place, in this order:
//   目标责任书 (the imported `targets` dataset: signed per entity, indicator and year)
//   > the district's catalogue layer > the municipal layer > the catalogue's default rule
//     (a value, the previous year's value, the standard limit in force, or the smallest/largest of several).
// The engine records the result (value and source) with its run; annual scores, the five-year evaluation, the
// watch list, 设置 → 目标值 and the reports read it from there instead of resolving it again.
import type { Sql } from '../analytics/workspace.js';
import type { TargetSpec } from './catalogue/schema.js';
import type { LayeredCatalogues } from './catalogue/workspace-layers.js';
import { ANNUAL_LIMITS, annualLimitGrade2, annualLimitSource } from './standards/gb3095-limits.js';
import { editionsFor, type AirEdition } from './standards/editions.js';

/** Words that start the source of a target signed in a responsibility letter (consumers may test for them). */
export const SIGNED_TARGET_SOURCE = '目标责任书';

/** A target of the `targets` dataset, with the file row it came from. */
export interface SignedTarget {
  value: number;
  file: string;
  row: number;
  batch: number;
}

/** The signed targets of `year` by `entity|indicator` (districts, units and the city alike). */
export async function readSignedTargets(sql: Sql, year: number): Promise<Map<string, SignedTarget>> {
  const rows = await sql.all<{ entity_code: string; indicator_id: string; target_value: number; file_name: string; src_row: number; batch_id: number }>(
    `SELECT t.entity_code, t.indicator_id, t.target_value, b.file_name, t.src_row, t.batch_id
     FROM targets t JOIN import_batches b USING (batch_id) WHERE t.year = $y ORDER BY t.batch_id, t.src_row`, { y: year });
  return new Map(rows.map((r) => [`${r.entity_code}|${r.indicator_id}`,
    { value: r.target_value, file: r.file_name, row: r.src_row, batch: r.batch_id }]));
}

export function signedTargetSource(year: number, t: SignedTarget): string {
  return `${SIGNED_TARGET_SOURCE}${year}年目标（${t.file} 第${t.row}行）`;
}

/**
 * The target of one entity's indicator in `year`: the signed one where the responsibility letter sets it,
 * else the target rule of the catalogue in force for the entity, named after the layer that set it.
 */
export function resolveEntityTarget(
  catalogues: LayeredCatalogues, entity: string, indicatorId: string, signed: Map<string, SignedTarget>, ctx: TargetContext,
): ResolvedTarget {
  const s = signed.get(`${entity}|${indicatorId}`);
  if (s) return { target: s.value, source: signedTargetSource(ctx.year, s) };
  const indicator = catalogues.forEntity(entity).indicators.find((i) => i.id === indicatorId);
  if (!indicator) return { target: null, source: `指标体系中没有指标 ${indicatorId}` };
  const r = resolveTarget(indicator.target, ctx);
  const layer = catalogues.targetLayer(entity, indicatorId);
  if (!layer) return r;
  return { target: r.target, source: `${layer.level === 'district' ? '区县' : '市级'}细化层 ${layer.id} ${layer.version}：${r.source}` };
}

export interface ResolvedTarget {
  target: number | null;
  /** Where the target came from, in words for the report (or why there is none). */
  source: string;
}

export interface TargetContext {
  year: number;
  edition: AirEdition;
  /** The entity's previous-year value of the same measure, computed under this year's edition (comparable). */
  previous: { value: number | null; valid: boolean } | undefined;
  /** The measure depends on the AQI edition (good days, heavy days), so a recomputed previous year says so. */
  editionSensitive: boolean;
}

export function resolveTarget(spec: TargetSpec, ctx: TargetContext): ResolvedTarget {
  const prevYear = ctx.year - 1;
  switch (spec.kind) {
    case 'value':
      return { target: spec.value, source: '指标体系规定值' };
    case 'previous_year': {
      if (!ctx.previous) return { target: null, source: `缺少${prevYear}年数据，无法以上年实际值作为目标；请导入上年数据` };
      if (!ctx.previous.valid || ctx.previous.value === null) {
        return { target: null, source: `${prevYear}年数据不足（有效监测天数未达统计要求），无法以上年实际值作为目标` };
      }
      const recomputed = ctx.editionSensitive && editionsFor(prevYear).edition !== ctx.edition;
      return { target: ctx.previous.value, source: `${prevYear}年实际值${recomputed ? `（按${editionsFor(ctx.year, ctx.edition).hj633}口径重算）` : ''}` };
    }
    case 'standard_limit': {
      const limit = ANNUAL_LIMITS[spec.limit];
      return { target: annualLimitGrade2(limit.pollutant, ctx.year, ctx.edition), source: annualLimitSource(ctx.year, ctx.edition) };
    }
    case 'max_of': {
      const all = spec.of.map((s) => resolveTarget(s, ctx));
      const parts = all.filter((r) => r.target !== null);
      if (parts.length === 0) return { target: null, source: all.map((r) => r.source).join('；') };
      const best = parts.reduce((a, b) => (b.target! > a.target! ? b : a));
      return { target: best.target, source: parts.length > 1 ? `${best.source}（取${parts.map((p) => p.source).join('与')}中较高者）` : best.source };
    }
    case 'min_of': {
      const all = spec.of.map((s) => resolveTarget(s, ctx));
      const parts = all.filter((r) => r.target !== null);
      if (parts.length === 0) return { target: null, source: all.map((r) => r.source).join('；') };
      const best = parts.reduce((a, b) => (b.target! < a.target! ? b : a));
      const unavailable = all.filter((r) => r.target === null).map((r) => r.source);
      const note = parts.length > 1 ? `，取${parts.map((p) => p.source).join('与')}中较严者` : unavailable.length ? `；${unavailable.join('；')}` : '';
      return { target: best.target, source: `${best.source}${note}` };
    }
  }
}
