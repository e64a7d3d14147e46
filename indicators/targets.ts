// Default targets from the catalogue: a value, the previous year's value, the standard limit in force, or the
// smallest of several. (The `targets` dataset that overrides them arrives with the catalogue layers.)
import type { TargetSpec } from './catalogue/schema.js';
import { ANNUAL_LIMITS, annualLimitGrade2, annualLimitSource } from './standards/gb3095-limits.js';
import { editionsFor, type AirEdition } from './standards/editions.js';

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
