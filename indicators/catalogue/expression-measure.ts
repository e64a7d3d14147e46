// An indicator defined by an expression over measures, evaluated for one entity-year over the computed
// measure rows (a handful per entity, so plain JS): the value with the union of its inputs' lineage.
import type { MeasureRow } from '../measures/air-annual.js';
import { evaluateExpression, parseExpression, referencedIds } from './expression.js';

export function expressionMeasure(
  id: string, expression: string, entity: string, level: 'district' | 'city', year: number,
  lookup: (measure: string) => MeasureRow | undefined,
): MeasureRow | undefined {
  const expr = parseExpression(expression);
  const inputs = referencedIds(expr).map((m) => lookup(m));
  // an input never computed for the entity-year: the value is missing (数据缺失), as for a plain measure
  if (inputs.some((m) => m === undefined)) return undefined;
  const rows = inputs as MeasureRow[];
  const invalid = rows.filter((m) => !m.valid || m.value === null);
  const r = evaluateExpression(expr, (m) => lookup(m)?.value);
  const valid = invalid.length === 0 && r.value !== null;
  return {
    measure: `expr.${id}`, entity_code: entity, entity_level: level, year,
    value: r.value, numerator: null, denominator: null,
    completeness: rows.length ? Math.min(...rows.map((m) => m.completeness ?? 0)) : 1,
    valid,
    detail: valid ? `按表达式计算：${expression}` : invalid.length ? `输入测算数据不足：${invalid.map((m) => m.measure).join('、')}` : `表达式无法计算：${r.reason}`,
    batches: [...new Set(rows.flatMap((m) => m.batches))].sort((a, b) => a - b),
  };
}
