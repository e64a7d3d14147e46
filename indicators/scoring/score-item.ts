// Points for one indicator value under its catalogue rule, with the deduction explained in words.
// Missing data never scores as zero-by-accident or full marks: it is 数据缺失 (0 points, said so) or 数据不足.
import type { IndicatorEntry } from '../catalogue/schema.js';
import { formatValue, roundHalfEven } from '../value-format.js';

export type ItemStatus = '达标' | '未达标' | '数据缺失' | '数据不足' | '不适用';

export interface ScoredItem {
  status: ItemStatus;
  points: number;
  /** What was found, without points (used where nothing is scored, e.g. the city). */
  finding: string;
  /** The finding and what it cost, for the 扣分说明 column. */
  explanation: string;
}

/** Points to two decimals (rules deduct in halves and tenths; float sums must not show 3.9999999). */
export function roundPoints(x: number): number {
  return Math.round(x * 100) / 100;
}

function unitText(ind: IndicatorEntry): string {
  return ind.unit === '%' ? '个百分点' : ind.unit;
}

/** The rule as a reviewer reads it in the 评分表 (评分标准). */
export function ruleText(ind: IndicatorEntry): string {
  const worse = ind.direction === 'lower_better' ? '高于' : '低于';
  switch (ind.rule.type) {
    case 'linear':
      return `达到目标值得满分；每${worse}目标${ind.rule.per}${unitText(ind)}扣${ind.rule.deduct}分，扣完为止`;
    case 'per_count':
      if (ind.rule.basis === 'shortfall') return `达到目标值得满分；按未达标的项数计分，每项扣${ind.rule.deduct}分，扣完为止`;
      return `达到目标值得满分；每${worse}目标1${unitText(ind)}扣${ind.rule.deduct}分，扣完为止`;
    case 'threshold':
      return `达到目标值得${ind.points}分，否则不得分`;
    case 'ratio':
      return `按实际值与目标值之比计分（${ind.points}分×实际值/目标值），最高${ind.points}分`;
    case 'tiered': {
      const bands = ind.rule.bands;
      return bands.map((b, i) => `${i === bands.length - 1 ? '低于上档' : `≥${b.min}`}得${b.points}分`).join('；');
    }
    case 'manual':
      return `自评项：按佐证材料自评，0至${ind.points}分`;
  }
}

/** A manual item before the user has entered a self-score: 0 points, said so (scores/set-manual fills it). */
export const MANUAL_PENDING: ScoredItem = {
  status: '数据缺失', points: 0, finding: '自评项，尚未填报',
  explanation: '自评项，尚未填报自评得分与佐证材料，暂计0分；如确无此项工作，可标记为不适用并说明理由',
};

export function scoreItem(
  ind: IndicatorEntry,
  value: number | null,
  target: number | null,
  data: { missing: boolean; missingReason?: string; notApplicableReason?: string; insufficientReason?: string; targetMissingReason?: string;
    /** A rate's numerator and denominator (items meeting the rule, items): the basis of a per_count 'shortfall' rule. */
    items?: { met: number | null; of: number | null } },
): ScoredItem {
  if (data.notApplicableReason) {
    return { status: '不适用', points: 0, finding: data.notApplicableReason, explanation: `${data.notApplicableReason}，不计分，分值不计入总分` };
  }
  if (ind.rule.type === 'manual') return MANUAL_PENDING;
  if (data.missing || value === null) {
    const finding = data.missingReason ?? '未导入该指标所需数据';
    return { status: '数据缺失', points: 0, finding, explanation: `${finding}，暂计0分；如确无此项工作，可标记为不适用并说明理由` };
  }
  if (data.insufficientReason) {
    return { status: '数据不足', points: 0, finding: data.insufficientReason, explanation: `${data.insufficientReason}，暂计0分` };
  }
  if (target === null) {
    const finding = data.targetMissingReason ?? '缺少目标值';
    return { status: '数据缺失', points: 0, finding, explanation: `${finding}，暂计0分` };
  }
  if (ind.rule.type === 'tiered') {
    // bands of the value itself (e.g. ΔEQI ≥ −1 → 3, > −2 → 1.5, else 0); the target says what 达标 is
    const bands = ind.rule.bands;
    const band = bands.find((b) => value >= b.min) ?? bands.at(-1)!;
    const met = ind.direction === 'lower_better' ? value <= target : value >= target;
    return { status: met ? '达标' : '未达标', points: band.points, finding: `${formatValue(value, ind.decimals)}${unitText(ind) === '个百分点' ? '%' : ind.unit}`,
      explanation: `实际值${formatValue(value, ind.decimals)}，按分档得${band.points}分` };
  }
  if (ind.rule.type === 'ratio') return scoreRatio(ind, value, target);
  if (ind.rule.type === 'per_count' && ind.rule.basis === 'shortfall') return scoreShortfall(ind, ind.rule.deduct, value, target, data.items);
  const gap = ind.direction === 'lower_better' ? value - target : target - value;
  // Values and targets carry the indicator's decimals; compare at that precision, not at float noise.
  const gapRounded = Number(gap.toFixed(ind.decimals + 2));
  if (gapRounded <= 0) return { status: '达标', points: ind.points, finding: '达到目标值', explanation: `达到目标值，得满分${ind.points}分` };
  const per = ind.rule.type === 'linear' ? ind.rule.per : 1;
  const deduction = ind.rule.type === 'threshold' ? ind.points : roundPoints((gapRounded / per) * ind.rule.deduct);
  const points = roundPoints(Math.max(0, ind.points - deduction));
  const worse = ind.direction === 'lower_better' ? '高于' : '低于';
  const gapText = `${worse}目标${formatValue(gapRounded, ind.decimals)}${unitText(ind)}`;
  return {
    status: '未达标',
    points,
    finding: gapText,
    explanation: points === 0 ? `${gapText}，应扣${deduction}分，扣完为止，得0分` : `${gapText}，扣${deduction}分`,
  };
}

/** A rate scored per item short of its target: the items of the denominator that would have to meet the rule
 *  for the rate to reach the target (target 100 %: denominator − numerator). The rate is the value; the count is
 *  named as the basis of the points. */
function scoreShortfall(ind: IndicatorEntry, deduct: number, value: number, target: number, items: { met: number | null; of: number | null } | undefined): ScoredItem {
  const v = `${formatValue(value, ind.decimals)}%`;
  if (!items || items.met === null || items.of === null) {
    return { status: '数据缺失', points: 0, finding: '缺少达标项数与总项数', explanation: `${v}，缺少达标项数与总项数，无法按未达标项数计分，暂计0分` };
  }
  const short = Math.max(0, Math.ceil((target / 100) * items.of - items.met - 1e-9));
  const basis = `计分依据：${formatValue(items.of, 0)}项中${formatValue(items.met, 0)}项达标，未达标${formatValue(short, 0)}项`;
  if (short === 0) return { status: '达标', points: ind.points, finding: `${v}，达到目标值`, explanation: `${v}（${basis}），达到目标值，得满分${ind.points}分` };
  const deduction = roundPoints(short * deduct);
  const points = roundPoints(Math.max(0, ind.points - deduction));
  return {
    status: '未达标', points, finding: `${v}，未达标${formatValue(short, 0)}项`,
    explanation: points === 0 ? `${v}（${basis}），每项扣${deduct}分，应扣${deduction}分，扣完为止，得0分` : `${v}（${basis}），每项扣${deduct}分，扣${deduction}分`,
  };
}

/** Points × achieved / target, at most full points (for lower-is-better: × target / achieved). */
function scoreRatio(ind: IndicatorEntry, value: number, target: number): ScoredItem {
  const share = ind.direction === 'lower_better' ? (value <= target ? 1 : target / value) : target <= 0 ? 1 : value / target;
  const points = roundPoints(Math.max(0, Math.min(1, share)) * ind.points);
  const v = formatValue(value, ind.decimals), t = formatValue(target, ind.decimals);
  if (points >= ind.points) return { status: '达标', points, finding: '达到目标值', explanation: `实际值${v}，达到目标值${t}，得满分${ind.points}分` };
  return { status: '未达标', points, finding: `实际值${v}，目标值${t}`, explanation: `实际值${v}，目标值${t}，按比例得${points}分` };
}

export interface GradeCut {
  min: number;
  name: string;
}

/** The sheet total rescaled to 100 over the applicable items (GB/T 8170, one decimal, as the workbook's formula
 *  rounds it: roundHalfEvenFormula), and its grade. */
export function gradeOf(earned: number, applicableMax: number, grades: GradeCut[]): { total: number; grade: string } {
  const total = applicableMax > 0 ? roundHalfEven((earned / applicableMax) * 100, 1) : 0;
  const sorted = [...grades].sort((a, b) => b.min - a.min);
  return { total, grade: (sorted.find((g) => total >= g.min) ?? sorted.at(-1)!).name };
}
