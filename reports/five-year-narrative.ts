// Sentences and cell texts of the five-year evaluation: baseline vs final year, change, Spearman trend with its
// significance, target completion. Words are chosen from the stored values, and every figure is formatted here
// once, so a sentence and the table beside it always print the same digits.
import { formatValue } from '../indicators/value-format.js';
import type { FiveYearIndicator } from './five-year-data.js';

/** Trend significance as the evaluation judges it: n = 5 years, |ρ| ≥ 0.9 at the 0.05 level (domain/indicators.md). */
export const SIGNIFICANCE_NOTE = '趋势按逐年值的Spearman秩相关系数ρ判断：5个年份时|ρ|≥0.9为0.05水平显著';

const unitWord = (i: FiveYearIndicator) => (i.unit === '%' ? '%' : i.unit);

export const fy = {
  value: (i: FiveYearIndicator, v: number | null) => formatValue(v, i.decimals),
  change: (i: FiveYearIndicator) => (i.changeAbs === null ? '—' : `${i.changeAbs > 0 ? '+' : ''}${formatValue(i.changeAbs, i.decimals)}`),
  changePct: (i: FiveYearIndicator) => (i.changePct === null ? '—' : `${i.changePct > 0 ? '+' : ''}${formatValue(i.changePct, 1)}`),
  rho: (i: FiveYearIndicator) => formatValue(i.rho, 2),
  target: (i: FiveYearIndicator) => formatValue(i.target, i.decimals),
  met: (i: FiveYearIndicator) => (i.targetMet === null ? (i.target === null ? '无目标值' : '无法判断') : i.targetMet ? '完成' : '未完成'),
};

/** Whether the change is too small to show at the indicator's decimals (持平). */
const flat = (i: FiveYearIndicator) => i.changeAbs !== null && Math.abs(i.changeAbs) < 0.5 * 10 ** -i.decimals;

function changeWords(i: FiveYearIndicator): string {
  if (i.baseline === null || i.final === null || i.changeAbs === null) return '，因基准年或末年无数据，未计算变化';
  if (flat(i)) return '，与基准年持平';
  const up = i.changeAbs > 0;
  const abs = formatValue(Math.abs(i.changeAbs), i.decimals);
  if (i.unit === '%') return `，${up ? '上升' : '下降'}${abs}个百分点`;
  const pct = i.changePct === null ? '' : `（${formatValue(Math.abs(i.changePct), 1)}%）`;
  return `，${up ? '上升' : '下降'}${abs}${unitWord(i)}${pct}`;
}

function trendWords(i: FiveYearIndicator): string {
  if (i.n < 4) return '；有效年份少于4个，不判断变化趋势';
  if (i.rho === null) return '；五年间逐年值未变化';
  return `；逐年变化${i.trend.startsWith('显著') ? `呈${i.trend}趋势` : `${i.trend}`}（ρ=${fy.rho(i)}，n=${i.n}）`;
}

function targetWords(i: FiveYearIndicator, toYear: number): string {
  if (i.target === null) return `；${toYear}年无目标值`;
  const t = `${fy.target(i)}${unitWord(i)}`;
  if (i.targetMet === null) return `；${toYear}年目标值${t}，末年无数据，无法判断是否完成`;
  return `；${i.targetMet ? '完成' : '未完成'}${toYear}年目标（${t}）`;
}

/** One sentence per indicator over the window, for a district ("全区") or the city ("全市"). */
export function fiveYearSentence(i: FiveYearIndicator, scope: string, w: { fromYear: number; toYear: number; baselineYear: number }): string {
  const u = unitWord(i);
  const from = i.baseline === null ? `基准年（${w.baselineYear}年）无数据` : `由基准年（${w.baselineYear}年）的${fy.value(i, i.baseline)}${u}`;
  const to = i.final === null ? `${w.toYear}年无数据` : `${i.baseline === null ? `${w.toYear}年为` : `变为${w.toYear}年的`}${fy.value(i, i.final)}${u}`;
  return `${w.fromYear}—${w.toYear}年，${scope}${i.name}${from}${i.baseline === null ? '，' : ''}${to}${changeWords(i)}${trendWords(i)}${targetWords(i, w.toYear)}。`;
}

export const improving = (i: FiveYearIndicator) => i.significant && i.trend.includes('改善');
export const worsening = (i: FiveYearIndicator) => i.significant && i.trend.includes('变差');
