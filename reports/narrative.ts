// Sentences generated from computed values: comparison words chosen from the data, the standard edition
// named where it matters, every figure formatted exactly as in the tables (format.ts).
import type { IndicatorValue } from '../indicators/results.js';
import { formatValue } from '../indicators/value-format.js';
import { editionsFor, type AirEdition } from '../indicators/standards/editions.js';
import { SIGNED_TARGET_SOURCE } from '../indicators/targets.js';
import { FILING_STATUS } from '../indicators/measures/zoning-work-measures.js';
import { FILING_DAYS } from '../indicators/filings/filing-rules.js';

/** What an A1 band means (FILING_STATUS): the sentence says the state, never "2档". */
function filingState(v: number | null): string | null {
  if (v === FILING_STATUS.onTime) return `已按期备案（发布后${FILING_DAYS}日内）`;
  if (v === FILING_STATUS.late) return '已备案，但超过发布后' + `${FILING_DAYS}日的期限`;
  if (v === FILING_STATUS.notFiled) return '未按期备案';
  return null;
}

/** How a report names the whole of an entity: 全市, 全县 (counties, autonomous counties) or 全区. */
export function scopeWord(entity: string, name: string): string {
  return entity === 'city' ? '全市' : name.endsWith('县') ? '全县' : '全区';
}

function changeWords(v: IndicatorValue): string {
  if (v.previous === null || v.value === null) return `（${v.year - 1}年无可比数据）`;
  const d = v.value - v.previous;
  const prevText = `${formatValue(v.previous, v.decimals)}${v.unit === '%' ? '%' : v.unit}`;
  if (Math.abs(d) < 10 ** -(v.decimals + 1)) return `，与上年（${prevText}）持平`;
  const up = d > 0;
  if (v.unit === '%') return `，同比${up ? '上升' : '下降'}${formatValue(Math.abs(d), v.decimals)}个百分点`;
  // counts compare by how many, not by a percentage
  if (['天', '个', '件'].includes(v.unit)) return `，比上年${up ? '增加' : '减少'}${formatValue(Math.abs(d), v.decimals)}${v.unit}`;
  const pct = v.previous !== 0 ? ` ${formatValue((Math.abs(d) / v.previous) * 100, 1)}%` : '';
  return `，同比${up ? '上升' : '下降'}${pct.trim()}`;
}

function targetWords(v: IndicatorValue): string {
  if (v.target === null || v.value === null) return '';
  const diff = v.direction === 'lower_better' ? v.target - v.value : v.value - v.target;
  const unit = v.unit === '%' ? '%' : v.unit;
  const t = `${formatValue(v.target, v.decimals)}${unit}`;
  if (Math.abs(diff) < 10 ** -(v.decimals + 1)) return `，达到年度目标（${t}）`;
  return diff > 0 ? `，优于年度目标（${t}）` : `，未达到年度目标（${t}）`;
}

/**
 * Whether a value may be compared with its target: always for a district; for the city only a target set for the
 * city (its 目标责任书, its previous year) or one that holds for any area (a concentration, a rate, a count of 0) — a count the
 * city sums over its districts (配套政策文件数 39 个) is never set against a district's target (1 个).
 */
export function sameScopeTarget(v: IndicatorValue): boolean {
  if (v.entity !== 'city' || v.target === null) return true;
  if (v.targetSource?.startsWith(SIGNED_TARGET_SOURCE) || /实际值/.test(v.targetSource ?? '')) return true;
  // a count's target of 0 (no failing section) holds for any area; any other count target is a district's
  return v.target === 0 || !['个', '件', '项', '家', '次'].includes(v.unit);
}

/** One sentence per indicator value, for a district ("全区") or the city ("全市"). */
export function indicatorSentence(value: IndicatorValue): string {
  const v = sameScopeTarget(value) ? value : { ...value, target: null };
  const scope = scopeWord(v.entity, v.entityName);
  if (v.value === null) return `${v.name}：${v.explanation}。`;
  const val = formatValue(v.value, v.decimals);
  const edition = editionsFor(v.year, v.standardEdition as AirEdition).hj633;
  switch (v.indicator) {
    case 'A1': {
      // a tiered indicator: its value is a band, worded by what the band means
      const now = filingState(v.value), before = filingState(v.previous);
      if (!now) break;
      const change = before === null ? '' : before === now ? '，与上年相同' : `（上年：${before}）`;
      const target = v.target === null ? '' : v.value >= v.target ? '，达到要求' : '，未达到按期备案要求';
      return `${scope}生态环境分区管控方案${now}${change}${target}。`;
    }
    case 'C1':
      return `${v.year}年，${scope}PM2.5年均浓度为${val}微克/立方米${changeWords(v)}${targetWords(v)}。`;
    case 'C2':
      return `${scope}空气质量优良天数比例为${val}%（优良${formatValue(v.numerator, 0)}天/有效监测${formatValue(v.denominator, 0)}天，按${edition}评价）${changeWords(v)}${targetWords(v)}。`;
    case 'C3':
      if (v.value > 0) return `${scope}出现重污染天气${val}天${changeWords(v)}（按${edition}评价，AQI大于200）。`;
      return `${scope}全年未出现重污染天气${v.previous === null ? '' : v.previous === 0 ? '，与上年持平' : `，比上年减少${formatValue(v.previous, 0)}天`}。`;
    case 'C6':
    case 'C8': {
      // The rate is the indicator's value (met / all), the count of items short of it what is scored: say both.
      const [item, meets, short] = v.indicator === 'C6' ? ['断面', '达到水质目标', '未达目标断面'] : ['水源地', '全年水质达标', '不达标水源地'];
      if (!v.denominator || v.numerator === null) break;
      return `${scope}${v.name}为${val}%（${formatValue(v.denominator, 0)}个${item}中${formatValue(v.numerator, 0)}个${meets}）${changeWords(v)}${targetWords(v)}；`
        + `${short}${formatValue(v.denominator - v.numerator, 0)}个。`;
    }
  }
  return `${v.name}为${val}${v.unit}${changeWords(v)}${targetWords(v)}。`;
}
