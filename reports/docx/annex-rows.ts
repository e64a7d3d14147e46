// Rows of the report's tables that several documents share (district annexes, the city report): built from
// the report data only, every number formatted by indicators/value-format.ts.
import { withUnit } from '../format.js';
import { scopeWord } from '../narrative.js';
import type { QualityCheck } from '../../analytics/quality/quality-summary.js';
import { formatPoints, formatValue } from '../../indicators/value-format.js';
import type { DistrictReportData, WatchFlag } from '../report-data.js';
import { UNIT_TYPE_NAMES } from '../report-data.js';
import { UNIT_COLUMNS, type UnitRow } from '../unit-rows.js';
import { CENTER, RIGHT, type CellSpec } from './parts.js';

/** A unit's stored value as printed: formatted, or what its absence means (无站点 / 无断面 / —). */
export function unitCellText(u: UnitRow, measure: string): string {
  const col = UNIT_COLUMNS.find((c) => c.measure === measure)!;
  const v = u.values[measure];
  return v === null || v === undefined ? col.absent : formatValue(v, col.decimals);
}

/** 优先 / 重点 / 一般: the type in a narrow table column. */
const shortType = (t: number | string) => (typeof t === 'number' ? UNIT_TYPE_NAMES[t] ?? '' : t).slice(0, 2);

export function unitDetailRows(d: { unitRows: UnitRow[] }): CellSpec[][] {
  return d.unitRows.map((u) => [
    { text: u.unitCode }, { text: u.unitName }, { text: shortType(u.unitType), align: CENTER },
    ...UNIT_COLUMNS.slice(0, 5).map((c) => ({ text: unitCellText(u, c.measure), align: RIGHT })),
  ]);
}

export function indicatorDataRows(d: DistrictReportData): CellSpec[][] {
  return d.sheet.items.map((i) => [
    { text: withUnit(`${i.indicator} ${i.name}`, i.unit) }, { text: formatValue(i.value, i.decimals), align: RIGHT },
    { text: formatValue(i.numerator, Number.isInteger(i.numerator ?? 0) ? 0 : 2), align: RIGHT },
    { text: formatValue(i.denominator, Number.isInteger(i.denominator ?? 0) ? 0 : 2), align: RIGHT },
    { text: formatValue(i.previous, i.decimals), align: RIGHT },
    { text: i.batches.length === 0 ? '—' : i.batches.map((b) => {
      const full = d.batches.find((x) => x.id === b.id);
      return `${b.file}${full ? `·${full.importedAt}` : ''}`;
    }).join('\n') },
  ]);
}

function evidenceText(e: WatchFlag['evidence'][number]): string {
  const v = e.value === null ? '—' : String(e.value);
  const t = e.threshold === null ? '' : `（阈值${e.threshold}）`;
  return `${e.condition}：${v}${t}${e.records?.length ? `；记录${e.records.join('、')}` : ''}`;
}

export function watchRows(flags: WatchFlag[]): CellSpec[][] {
  return flags.map((f) => [
    { text: f.unitCode }, { text: f.unitName }, { text: shortType(f.unitType), align: CENTER },
    { text: f.flag }, { text: f.evidence.map(evidenceText).join('\n') },
  ]);
}

export function qualityRows(checks: QualityCheck[]): CellSpec[][] {
  return checks.map((q) => [
    { text: q.datasetLabel }, { text: q.check }, { text: String(q.count), align: RIGHT },
    { text: q.total === null ? '—' : String(q.total), align: RIGHT }, { text: q.severity, align: CENTER }, { text: q.detail },
  ]);
}

/** Problems the numbers show: indicators not met and watch-list units; cause and department are for people. */
export function problemRows(d: DistrictReportData): CellSpec[][] {
  const fromItems = d.sheet.items.filter((i) => i.status === '未达标' || i.status === '数据缺失').map((i) => ({
    problem: `${i.indicator} ${i.name}${i.status}（实际值${formatValue(i.value, i.decimals)}${i.unit}，目标值${formatValue(i.target, i.decimals)}${i.unit}，得分${formatPoints(i.points)}/${formatPoints(i.maxPoints)}）`,
    unit: scopeWord(d.sheet.entity, d.sheet.name),
  }));
  const fromFlags = d.watchFlags.map((f) => ({ problem: `${f.unitName}：${f.flag}`, unit: f.unitCode }));
  return [...fromItems, ...fromFlags].map((p, k) => [
    { text: String(k + 1), align: CENTER }, { text: p.problem }, { text: p.unit }, { text: '【待填写】' }, { text: '【待填写】' },
  ]);
}

export function evidenceRows(d: DistrictReportData): CellSpec[][] {
  return d.workItems.map((w, k) => [
    { text: String(k + 1), align: CENTER }, { text: w.item }, { text: formatValue(w.count, 0), align: RIGHT },
    { text: [w.titles, w.evidence].filter(Boolean).join('；') || '【待填写】' },
  ]);
}
