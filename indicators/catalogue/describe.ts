// A catalogue's target and scoring rules in words, for the 设置 page's targets table and the layer diff.
import type { ScoringRule, TargetSpec } from './schema.js';

const LIMIT_NAMES: Record<string, string> = { 'PM2.5_annual_grade2': 'PM2.5 年均浓度二级标准限值（按当年标准版本）' };

export function targetText(spec: TargetSpec): string {
  switch (spec.kind) {
    case 'value': return `规定值 ${spec.value}`;
    case 'previous_year': return '上年实际值';
    case 'standard_limit': return LIMIT_NAMES[spec.limit] ?? spec.limit;
    case 'min_of': return `取${spec.of.map(targetText).join('与')}中较严者`;
    case 'max_of': return `取${spec.of.map(targetText).join('与')}中较高者`;
  }
}

export function ruleText(rule: ScoringRule): string {
  switch (rule.type) {
    case 'linear': return `超出目标每 ${rule.per} 扣 ${rule.deduct} 分`;
    case 'per_count': return `超出目标每项扣 ${rule.deduct} 分`;
    case 'threshold': return '达到目标得满分，否则不得分';
    // a band with a huge negative floor is the catalogue's way of saying "anything else"
    case 'tiered': return `分档计分：${rule.bands.map((b) => `${b.min <= -1e6 ? '其余' : `≥${b.min}`} 得 ${b.points} 分`).join('；')}`;
    case 'manual': return '人工评分（自评 + 审核）';
    case 'ratio': return '按完成比例计分（满分封顶）';
  }
}

/** A diffed field's value in words where the catalogue has a wording for it (target, rule), else undefined. */
export function fieldText(field: string, value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (field === 'target') return targetText(value as TargetSpec);
  if (field === 'rule') return ruleText(value as ScoringRule);
  return undefined;
}
