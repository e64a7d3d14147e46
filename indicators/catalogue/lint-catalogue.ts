// Checks a catalogue beyond its schema: measures the engine knows, datasets that exist, unique ids, known
// dimensions, bands in order, rules that fit the indicator, expressions that parse and read only known measures,
// and points that add up — each finding naming the entry and field.
import { DATASETS } from '../../analytics/import/datasets.js';
import { knownMeasures } from '../measures/measure-ids.js';
import { catalogueFile, type Catalogue, type IndicatorEntry } from './schema.js';
import { ExpressionError, parseExpression, referencedIds } from './expression.js';

export interface LintFinding {
  level: 'error' | 'warning';
  entry: string;
  field: string;
  message: string;
}

export function lintCatalogue(doc: unknown): { catalogue?: Catalogue; findings: LintFinding[] } {
  const parsed = catalogueFile.safeParse(doc);
  if (!parsed.success) {
    return {
      findings: parsed.error.issues.map((i) => {
        const path = i.path.map(String);
        const entry = path[0] === 'indicators' && path[1] !== undefined ? `indicators[${path[1]}]` : (path[0] ?? '(根)');
        return { level: 'error', entry, field: path.slice(path[0] === 'indicators' ? 2 : 1).join('.') || '(整体)', message: i.message };
      }),
    };
  }
  const c = parsed.data;
  const findings: LintFinding[] = [];
  const measures = knownMeasures();
  const seen = new Set<string>();
  for (const i of c.indicators) {
    const err = (field: string, message: string) => findings.push({ level: 'error', entry: i.id, field, message });
    if (seen.has(i.id)) err('id', `指标编号 ${i.id} 重复`);
    seen.add(i.id);
    lintSource(i, measures, new Set(c.indicators.map((x) => x.id)), err);
    if (!c.dimensions.some((d) => d.id === i.dimension)) err('dimension', `一级指标“${i.dimension}”未在 dimensions 中定义`);
    for (const d of i.datasets) if (!(d in DATASETS)) err('datasets', `未知的数据集“${d}”`);
    if (i.rule.type === 'per_count' && i.unit === '%' && i.rule.basis !== 'shortfall') {
      err('rule.type', '按个数扣分（per_count）用于百分比指标时须注明 basis: "shortfall"（按未达标的项数扣分），否则请用 linear');
    }
    if (i.rule.type === 'per_count' && i.rule.basis === 'shortfall' && i.unit !== '%') err('rule.basis', '按未达标项数扣分（basis: "shortfall"）只用于百分比指标');
    if ((i.rule.type === 'linear' || i.rule.type === 'per_count') && i.rule.deduct > i.points) {
      findings.push({ level: 'warning', entry: i.id, field: 'rule.deduct', message: `每档扣分 ${i.rule.deduct} 超过分值 ${i.points}` });
    }
    if (i.rule.type === 'tiered') {
      const mins = i.rule.bands.map((b) => b.min);
      if (mins.some((m, k) => k > 0 && m >= mins[k - 1]!)) err('rule.bands', '分档应按 min 从高到低排列');
      if (i.rule.bands.some((b) => b.points > i.points)) err('rule.bands', `分档得分不能超过分值 ${i.points}`);
    }
  }
  for (const v of c.vetoes) {
    const err = (field: string, message: string) => findings.push({ level: 'error', entry: v.id, field, message });
    if (!measures.has(v.measure)) err('measure', `未知的测算“${v.measure}”`);
    if (!c.grades.some((g) => g.name === v.maxGrade)) err('maxGrade', `等级“${v.maxGrade}”未在 grades 中定义`);
    for (const d of v.datasets) if (!(d in DATASETS)) err('datasets', `未知的数据集“${d}”`);
  }
  for (const d of c.dimensions) {
    const sum = c.indicators.filter((i) => i.dimension === d.id).reduce((s, i) => s + i.points, 0);
    if (sum !== d.points) {
      findings.push({ level: 'warning', entry: d.id, field: 'points', message: `一级指标“${d.name}”分值 ${d.points}，其下指标合计 ${sum}` });
    }
  }
  const total = c.indicators.reduce((s, i) => s + i.points, 0);
  if (total !== 100) findings.push({ level: 'warning', entry: c.id, field: 'indicators', message: `指标分值合计 ${total}，不是 100（评分时按适用指标折算为百分制）` });
  return { catalogue: c, findings };
}

/** Where the value comes from: one known measure, an expression over known measures, or (manual) nothing. */
function lintSource(i: IndicatorEntry, measures: Set<string>, indicatorIds: Set<string>, err: (field: string, message: string) => void): void {
  const hasMeasure = i.measure !== '';
  const hasExpression = i.expression !== undefined;
  if (i.rule.type === 'manual') {
    if (hasMeasure || hasExpression) err(hasMeasure ? 'measure' : 'expression', '自评项（manual）由用户填报得分，不应设置测算或表达式');
    return;
  }
  if (hasMeasure && hasExpression) return err('expression', '测算（measure）与表达式（expression）只能设置一个');
  if (!hasMeasure && !hasExpression) return err('measure', '缺少测算（measure）或表达式（expression）');
  if (hasMeasure) {
    if (!measures.has(i.measure)) err('measure', `未知的测算“${i.measure}”`);
    return;
  }
  try {
    for (const id of referencedIds(parseExpression(i.expression!))) {
      if (indicatorIds.has(id) || /^[A-Z]\d+$/.test(id)) {
        err('expression', `表达式引用了指标 ${id}；表达式只能引用测算，不能引用指标（以免循环引用）`);
      } else if (!measures.has(id)) err('expression', `表达式中有未知的测算“${id}”`);
    }
  } catch (e) {
    if (!(e instanceof ExpressionError)) throw e;
    err('expression', `表达式有误：${e.message}`);
  }
}
