// Default targets from the catalogue: a value, the previous year's value, the standard limit in force, or the
// smallest of several. (The `targets` dataset that overrides them arrives with the catalogue layers.)
import type { TargetSpec } from './catalogue/schema.js';
import { annualLimitGrade2 } from './standards/gb3095-limits.js';
import type { AirEdition } from './standards/editions.js';

export interface ResolvedTarget {
  target: number | null;
  /** Where the target came from, in words for the report (or why there is none). */
  source: string;
}

export interface TargetContext {
  year: number;
  edition: AirEdition;
  /** The entity's previous-year value of the same measure, computed under this year's edition (comparable). */
  previousYear: number | null;
}

export function resolveTarget(spec: TargetSpec, ctx: TargetContext): ResolvedTarget {
  switch (spec.kind) {
    case 'value':
      return { target: spec.value, source: '指标体系规定值' };
    case 'previous_year':
      return ctx.previousYear === null
        ? { target: null, source: `缺少${ctx.year - 1}年数据，无法以上年实际值作为目标；请导入上年数据` }
        : { target: ctx.previousYear, source: `${ctx.year - 1}年实际值${ctx.edition === '2026' ? '（按HJ 633-2026口径重算）' : ''}` };
    case 'standard_limit': {
      const limit = annualLimitGrade2('PM2.5', ctx.year, ctx.edition);
      return { target: limit, source: `GB 3095-${ctx.edition}二级标准限值` };
    }
    case 'min_of': {
      const parts = spec.of.map((s) => resolveTarget(s, ctx)).filter((r) => r.target !== null);
      if (parts.length === 0) return { target: null, source: '无可用目标值' };
      const best = parts.reduce((a, b) => (b.target! < a.target! ? b : a));
      return { target: best.target, source: `${best.source}（取${spec.of.length}项中最严者）` };
    }
  }
}
