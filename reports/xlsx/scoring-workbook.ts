// The 评分表 workbook (domain/reports.md §8.3, "Workbook look"): title row merged across the table, frozen
// header, live totals (a reviewer who edits a score sees the total change) next to the value the workstation
// computed, validation on score cells, landscape A4 one page wide; then the detail sheets (detail-sheets.ts).
// Small (one row per indicator), so the in-memory Workbook is fine here; large tables use the streaming writer.
// Strings are written as text, never formulas, so names from imported files that start with = + - @ are safe.
import ExcelJS from 'exceljs';
import type { DistrictReportData } from '../report-data.js';
import { excelNumberFormat } from '../format.js';
import { roundHalfEvenFormula } from '../../indicators/value-format.js';
import { vetoCap, vetoSentence } from '../../indicators/scoring/vetoes.js';
import { catalogueName } from '../../indicators/catalogue/layers.js';
import { textWidth } from '../text-width.js';
import { countedSelfScore, submittedNote } from '../self-scores.js';
import { BODY_PT, PAGE_FOOTER, indicatorSummarySheet, manifestSheet, printSetup, protectSheet, rangeValidation, qualitySheet, sourcesSheet, unitDetailSheet, watchSheet } from './detail-sheets.js';

type ColumnKey = 'dimension' | 'indicator' | 'maxPoints' | 'rule' | 'source' | 'target' | 'value' | 'computed' | 'self'
  | 'applicable' | 'explanation' | 'evidence' | 'review' | 'diff';

// The columns of domain/reports.md §8.3, with the workstation's own score beside the self-score and the
// reviewer's score beside both, so every difference is visible on the sheet.
const COLUMNS: { key: ColumnKey; header: string; width: number; numeric?: boolean }[] = [
  { key: 'dimension', header: '一级指标', width: 18 },
  { key: 'indicator', header: '二级指标', width: 24 },
  { key: 'maxPoints', header: '分值', width: 7, numeric: true },
  { key: 'rule', header: '评分标准', width: 36 },
  { key: 'source', header: '数据来源', width: 26 },
  { key: 'target', header: '目标值', width: 10, numeric: true },
  { key: 'value', header: '实际值', width: 10, numeric: true },
  { key: 'computed', header: '系统计算得分', width: 11, numeric: true },
  { key: 'self', header: '自评得分', width: 10, numeric: true },
  { key: 'applicable', header: '是否适用', width: 9 },
  { key: 'explanation', header: '扣分说明', width: 36 },
  { key: 'evidence', header: '佐证材料编号', width: 24 },
  { key: 'review', header: '审核得分', width: 10, numeric: true },
  { key: 'diff', header: '差异（审核−自评）', width: 12, numeric: true },
];
const WIDTHS = COLUMNS.map((c) => c.width);
/** The cells a person fills in: everything else (the workstation's values, formulas) is locked. */
const INPUTS: ColumnKey[] = ['self', 'applicable', 'evidence', 'review'];
const UNLOCKED: Partial<ExcelJS.Protection> = { locked: false };
const col = (key: ColumnKey) => COLUMNS.findIndex((c) => c.key === key) + 1;
const letter = (key: ColumnKey) => String.fromCharCode(64 + col(key));
const thin = { style: 'thin' as const };
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };
/** Cells waiting for a person (a manual item not yet self-scored): pale yellow, as forms mark fields to fill. */
const TO_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };

/** Excel and LibreOffice do not grow rows for wrapped text written by exceljs: size them for their longest cell. */
function fitRowHeight(row: ExcelJS.Row, lineHeight = 15): void {
  let lines = 1;
  row.eachCell((c, n) => {
    const t = typeof c.value === 'string' ? c.value : '';
    lines = Math.max(lines, Math.ceil(textWidth(t) / Math.max(1, (WIDTHS[n - 1] ?? 10) - 1)));
  });
  row.height = Math.max(20, lines * lineHeight + 4);
}

/**
 * The grade as a formula over the rescaled total, from the catalogue's cut-offs (highest first). `cap` is the
 * best grade the fired vetoes allow: grades above it print as the cap, so the formula stays right when a
 * reviewer edits scores.
 */
export function gradeFormula(totalRef: string, grades: { min: number; name: string }[], cap?: string | null): string {
  const sorted = [...grades].sort((a, b) => b.min - a.min);
  const capRank = cap ? sorted.findIndex((g) => g.name === cap) : -1;
  const name = (k: number) => `"${sorted[Math.max(k, capRank)]!.name}"`;
  return sorted.slice(0, -1).reduceRight((inner, g, k) => `IF(${totalRef}>=${g.min},${name(k)},${inner})`, name(sorted.length - 1));
}

export { vetoCap };

const sumOf = (xs: (number | null)[]) => Math.round(xs.reduce<number>((a, x) => a + (x ?? 0), 0) * 100) / 100;

export function buildScoringWorkbook(d: DistrictReportData): ExcelJS.Workbook {
  const s = d.sheet;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ZoneTrack';
  wb.title = `${s.name}${s.year}年度跟踪评估评分表`;
  wb.description = JSON.stringify(d.manifest);

  const ws = wb.addWorksheet('评分表', {
    views: [{ state: 'frozen', ySplit: 2, xSplit: 2 }],
    pageSetup: printSetup(WIDTHS, 2, 2),
    headerFooter: { oddFooter: PAGE_FOOTER, evenFooter: PAGE_FOOTER },
  });
  protectSheet(ws);
  ws.columns = COLUMNS.map((c) => ({ width: c.width }));
  ws.mergeCells(1, 1, 1, COLUMNS.length);
  const title = ws.getCell(1, 1);
  title.value = `${s.name}${s.year}年度生态环境分区管控跟踪评估评分表`;
  title.font = { name: '黑体', size: 16, bold: true };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 30;
  const header = ws.getRow(2);
  header.values = COLUMNS.map((c) => c.header);
  header.eachCell((c) => {
    c.font = { name: '黑体', size: 11, bold: true };
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
    c.border = BORDER;
  });
  header.height = 32;

  const first = 3;
  s.items.forEach((i, k) => {
    const n = first + k;
    const r = ws.getRow(n);
    const review = `${letter('review')}${n}`, self = `${letter('self')}${n}`;
    const values: Record<ColumnKey, ExcelJS.CellValue> = {
      dimension: i.dimension, indicator: `${i.indicator} ${i.name}`, maxPoints: i.maxPoints ?? 0, rule: i.ruleText,
      source: i.batches.map((b) => b.file).join('；'), target: i.target, value: i.value,
      computed: i.computedPoints, self: countedSelfScore(i), applicable: i.status === '不适用' ? '否' : '是',
      explanation: [i.explanation, submittedNote(i)].filter(Boolean).join('；') || null, evidence: i.evidence || null, review: i.reviewScore,
      diff: { formula: `IF(OR(${review}="",${self}=""),"",${review}-${self})`,
        result: i.reviewScore === null || countedSelfScore(i) === null ? '' : Math.round((i.reviewScore - countedSelfScore(i)!) * 100) / 100 },
    };
    // a blank is a blank cell, never a text cell holding ""
    r.values = COLUMNS.map((c) => (values[c.key] === '' ? null : values[c.key]));
    r.getCell(col('target')).numFmt = excelNumberFormat(i.decimals);
    r.getCell(col('value')).numFmt = excelNumberFormat(i.decimals);
    r.eachCell({ includeEmpty: true }, (c, n) => {
      c.border = BORDER;
      c.font = { name: '仿宋_GB2312', size: BODY_PT };
      c.alignment = { vertical: 'middle', wrapText: true, horizontal: COLUMNS[n - 1]?.numeric ? 'right' : 'left' };
    });
    for (const key of INPUTS) r.getCell(col(key)).protection = UNLOCKED;
    for (const key of ['computed', 'self', 'review', 'diff'] as const) r.getCell(col(key)).numFmt = '0.##';
    // a manual item still to be self-scored: the blank cell is marked for the person filling in the sheet
    if (i.selfScore === null && i.status !== '不适用') r.getCell(col('self')).fill = TO_FILL;
    fitRowHeight(r);
  });
  const last = first + s.items.length - 1;
  // One validation per input column, each row bounded by its own 分值 (a relative reference from the range's first row)
  if (s.items.length) {
    for (const key of ['self', 'review'] as const) {
      rangeValidation(ws, `${letter(key)}${first}:${letter(key)}${last}`, {
        type: 'decimal', operator: 'between', allowBlank: true, formulae: [0, `$${letter('maxPoints')}${first}`],
        showErrorMessage: true, errorTitle: '得分超出范围', error: '得分应在0至该项分值之间',
        showInputMessage: true, promptTitle: key === 'self' ? '自评得分' : '审核得分', prompt: '0至该项分值（“分值”列）',
      });
    }
    rangeValidation(ws, `${letter('applicable')}${first}:${letter('applicable')}${last}`, { type: 'list', allowBlank: false, formulae: ['"是,否"'] });
  }
  // One 一级指标 cell per dimension, as printed sheets group them.
  for (let start = first; start <= last; ) {
    let end = start;
    while (end + 1 <= last && s.items[end + 1 - first]!.dimension === s.items[start - first]!.dimension) end++;
    if (end > start) ws.mergeCells(start, 1, end, 1);
    start = end + 1;
  }

  // Totals over the applicable items only (不适用 items leave the denominator, domain/indicators.md).
  const range = (key: ColumnKey) => `${letter(key)}${first}:${letter(key)}${last}`;
  const sumIf = (key: ColumnKey) => `SUMIF(${range('applicable')},"是",${range(key)})`;
  const applicable = s.items.filter((i) => i.status !== '不适用');
  // one source: the self-scores the sheet's total counts (a district's submitted score is named in 扣分说明)
  const selfTotal = sumOf(applicable.map(countedSelfScore));
  // the reviewed total: the reviewer's score where entered, else the self-score (as scoreSheets counts it)
  const reviewTotal = s.review ? sumOf(applicable.map((i) => i.reviewScore ?? countedSelfScore(i))) : null;
  const totalRow = ws.getRow(last + 1);
  const t = last + 1;
  const reviewRef = `${letter('review')}${t}`, selfRef = `${letter('self')}${t}`, maxRef = `${letter('maxPoints')}${t}`;
  const totals: Partial<Record<ColumnKey, ExcelJS.CellValue>> = {
    dimension: '合计（适用指标）',
    maxPoints: { formula: sumIf('maxPoints'), result: s.applicableMax },
    computed: { formula: sumIf('computed'), result: sumOf(applicable.map((i) => i.computedPoints)) },
    self: { formula: sumIf('self'), result: selfTotal },
    review: {
      formula: `IF(COUNT(${range('review')})=0,"",${sumIf('review')}+SUMIFS(${range('self')},${range('applicable')},"是",${range('review')},""))`,
      result: reviewTotal ?? '',
    },
    diff: { formula: `IF(${reviewRef}="","",${reviewRef}-${selfRef})`, result: reviewTotal === null ? '' : Math.round((reviewTotal - selfTotal) * 100) / 100 },
  };
  totalRow.values = COLUMNS.map((c) => totals[c.key] ?? null);
  const cap = vetoCap(s, d.grades);
  const gradeRow = ws.getRow(last + 2);
  const totalRef = `${letter('maxPoints')}${last + 2}`;
  const grading: Partial<Record<ColumnKey, ExcelJS.CellValue>> = {
    dimension: '折算总分（满分100）',
    maxPoints: { formula: `IF(${maxRef}=0,0,${roundHalfEvenFormula(`${selfRef}/${maxRef}*100`, 1)})`, result: s.total },
    rule: cap ? `等级（否决项封顶：最高${cap}）` : '等级',
    source: { formula: gradeFormula(totalRef, d.grades, cap), result: s.grade },
  };
  gradeRow.values = COLUMNS.map((c) => grading[c.key] ?? null);
  const reviewGradeRow = ws.getRow(last + 3);
  const reviewTotalRef = `${letter('maxPoints')}${last + 3}`;
  reviewGradeRow.values = COLUMNS.map((c) => ({
    dimension: '审核折算总分（满分100）',
    maxPoints: { formula: `IF(OR(${reviewRef}="",${maxRef}=0),"",${roundHalfEvenFormula(`${reviewRef}/${maxRef}*100`, 1)})`, result: s.review?.total ?? '' },
    rule: '审核等级',
    source: { formula: `IF(${reviewTotalRef}="","",${gradeFormula(reviewTotalRef, d.grades, cap)})`, result: s.review?.grade ?? '' },
  } as Partial<Record<ColumnKey, ExcelJS.CellValue>>)[c.key] ?? null);
  const vetoRow = ws.getRow(last + 4);
  vetoRow.getCell(1).value = '否决项';
  vetoRow.getCell(col('maxPoints')).value = s.vetoes.length === 0 ? '无否决项触发'
    : vetoSentence(s, d.grades);
  ws.mergeCells(last + 4, col('maxPoints'), last + 4, COLUMNS.length);
  for (const r of [totalRow, gradeRow, reviewGradeRow, vetoRow]) {
    r.eachCell({ includeEmpty: true }, (c) => {
      c.border = BORDER;
      c.font = { name: '黑体', size: 11 };
      c.alignment = { vertical: 'middle', wrapText: true };
    });
    r.height = 22;
  }
  if (s.vetoes.length) {
    vetoRow.getCell(col('maxPoints')).font = { name: '黑体', size: 11, color: { argb: 'FFC00000' } };
    vetoRow.height = 36;
  }
  ws.getCell(totalRef).numFmt = '0.0';
  ws.getCell(reviewTotalRef).numFmt = '0.0';
  for (const key of ['computed', 'self', 'review', 'diff'] as const) totalRow.getCell(col(key)).numFmt = '0.##';
  const note = ws.getRow(last + 6);
  note.getCell(1).value = `说明：自评得分、审核得分、是否适用可修改，合计、折算总分、等级和差异随之更新（只计适用指标；审核合计中未填审核得分的指标按自评得分计）；黄色单元格为尚未自评的人工评分项。“系统计算得分”为工作站按指标体系 ${catalogueName(s.catalogue, s.layers)} 计算的结果（计算批次 ${s.runId}），用于核对差异。`;
  ws.mergeCells(last + 6, 1, last + 6, COLUMNS.length);
  note.getCell(1).alignment = { wrapText: true };
  note.height = 36;

  const sub = `${s.name}${s.year}年度`;
  indicatorSummarySheet(wb, [s], `${sub}指标汇总`);
  unitDetailSheet(wb, d.unitRows, `${sub}管控单元明细`, new Set(d.watchFlags.map((f) => f.unitCode)));
  watchSheet(wb, d.watchFlags, `${sub}监管预警清单`);
  qualitySheet(wb, d.quality.checks, d.quality.incompleteStationMonths, `${s.year}年数据质量检查`);
  sourcesSheet(wb, d.batches, `${sub}数据来源`);
  manifestSheet(wb, d.manifest, { catalogueTitle: d.catalogueTitle, runId: s.runId, state: s.snapshot.state, batches: d.batches });
  return wb;
}

