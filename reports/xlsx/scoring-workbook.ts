// The 评分表 workbook (domain/reports.md §8.3, "Workbook look"): title row merged across the table, frozen
// header, live totals (a reviewer who edits a score sees the total change) next to the value the workstation
// computed, validation on score cells, landscape A4 one page wide; then the detail sheets (detail-sheets.ts).
// Small (one row per indicator), so the in-memory Workbook is fine here; large tables use the streaming writer.
// Strings are written as text, never formulas, so names from imported files that start with = + - @ are safe.
import ExcelJS from 'exceljs';
import type { DistrictReportData } from '../report-data.js';
import { excelNumberFormat } from '../format.js';
import { textWidth } from '../text-width.js';
import { indicatorSummarySheet, manifestSheet, qualitySheet, sourcesSheet, unitDetailSheet, watchSheet } from './detail-sheets.js';

type ColumnKey = 'dimension' | 'indicator' | 'maxPoints' | 'rule' | 'source' | 'target' | 'value' | 'self' | 'computed'
  | 'applicable' | 'explanation' | 'evidence' | 'review';

const COLUMNS: { key: ColumnKey; header: string; width: number; numeric?: boolean }[] = [
  { key: 'dimension', header: '一级指标', width: 18 },
  { key: 'indicator', header: '二级指标', width: 24 },
  { key: 'maxPoints', header: '分值', width: 7, numeric: true },
  { key: 'rule', header: '评分标准', width: 40 },
  { key: 'source', header: '数据来源', width: 28 },
  { key: 'target', header: '目标值', width: 10, numeric: true },
  { key: 'value', header: '实际值', width: 10, numeric: true },
  { key: 'self', header: '自评得分', width: 10, numeric: true },
  { key: 'computed', header: '系统计算得分', width: 12, numeric: true },
  { key: 'applicable', header: '是否适用', width: 9 },
  { key: 'explanation', header: '扣分说明', width: 36 },
  { key: 'evidence', header: '佐证材料编号', width: 14 },
  { key: 'review', header: '审核得分', width: 10, numeric: true },
];
const WIDTHS = COLUMNS.map((c) => c.width);
const col = (key: ColumnKey) => COLUMNS.findIndex((c) => c.key === key) + 1;
const letter = (key: ColumnKey) => String.fromCharCode(64 + col(key));
const thin = { style: 'thin' as const };
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };

/** Excel and LibreOffice do not grow rows for wrapped text written by exceljs: size them for their longest cell. */
function fitRowHeight(row: ExcelJS.Row, lineHeight = 15): void {
  let lines = 1;
  row.eachCell((c, n) => {
    const t = typeof c.value === 'string' ? c.value : '';
    lines = Math.max(lines, Math.ceil(textWidth(t) / Math.max(1, (WIDTHS[n - 1] ?? 10) - 1)));
  });
  row.height = Math.max(20, lines * lineHeight + 4);
}

/** The grade as a formula over the rescaled total, from the catalogue's cut-offs (highest first). */
function gradeFormula(totalRef: string, grades: { min: number; name: string }[]): string {
  const sorted = [...grades].sort((a, b) => b.min - a.min);
  const last = sorted.at(-1)!;
  return sorted.slice(0, -1).reduceRight((inner, g) => `IF(${totalRef}>=${g.min},"${g.name}",${inner})`, `"${last.name}"`);
}

export function buildScoringWorkbook(d: DistrictReportData): ExcelJS.Workbook {
  const s = d.sheet;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ZoneTrack';
  wb.title = `${s.name}${s.year}年度跟踪评估评分表`;
  wb.description = JSON.stringify(d.manifest);

  const ws = wb.addWorksheet('评分表', {
    views: [{ state: 'frozen', ySplit: 2, xSplit: 2 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:2' },
  });
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
    const r = ws.getRow(first + k);
    const values: Record<ColumnKey, ExcelJS.CellValue> = {
      dimension: i.dimension, indicator: `${i.indicator} ${i.name}`, maxPoints: i.maxPoints ?? 0, rule: i.ruleText,
      source: i.batches.map((b) => b.file).join('；'), target: i.target, value: i.value,
      self: i.points ?? 0, computed: i.points ?? 0, applicable: i.status === '不适用' ? '否' : '是',
      explanation: i.explanation, evidence: '', review: null,
    };
    r.values = COLUMNS.map((c) => values[c.key]);
    r.getCell(col('target')).numFmt = excelNumberFormat(i.decimals);
    r.getCell(col('value')).numFmt = excelNumberFormat(i.decimals);
    for (const key of ['self', 'review'] as const) {
      r.getCell(col(key)).dataValidation = {
        type: 'decimal', operator: 'between', allowBlank: true, formulae: [0, i.maxPoints ?? 0],
        showErrorMessage: true, errorTitle: '得分超出范围', error: `得分应在0至${i.maxPoints}分之间`,
      };
    }
    r.getCell(col('applicable')).dataValidation = { type: 'list', allowBlank: false, formulae: ['"是,否"'] };
    r.eachCell({ includeEmpty: true }, (c, n) => {
      c.border = BORDER;
      c.font = { name: '仿宋_GB2312', size: 11 };
      c.alignment = { vertical: 'middle', wrapText: true, horizontal: COLUMNS[n - 1]?.numeric ? 'right' : 'left' };
    });
    fitRowHeight(r);
  });
  const last = first + s.items.length - 1;
  // One 一级指标 cell per dimension, as printed sheets group them.
  for (let start = first; start <= last; ) {
    let end = start;
    while (end + 1 <= last && s.items[end + 1 - first]!.dimension === s.items[start - first]!.dimension) end++;
    if (end > start) ws.mergeCells(start, 1, end, 1);
    start = end + 1;
  }

  // Totals over the applicable items only (不适用 items leave the denominator, domain/indicators.md).
  const applicable = `${letter('applicable')}${first}:${letter('applicable')}${last}`;
  const sumIf = (key: ColumnKey) => `SUMIF(${applicable},"是",${letter(key)}${first}:${letter(key)}${last})`;
  const totalRow = ws.getRow(last + 1);
  const totals: Partial<Record<ColumnKey, ExcelJS.CellValue>> = {
    dimension: '合计（适用指标）',
    maxPoints: { formula: sumIf('maxPoints'), result: s.applicableMax },
    self: { formula: sumIf('self'), result: s.earned },
    computed: { formula: sumIf('computed'), result: s.earned },
    review: { formula: `IF(COUNT(${letter('review')}${first}:${letter('review')}${last})=0,"",${sumIf('review')})`, result: '' },
  };
  totalRow.values = COLUMNS.map((c) => totals[c.key] ?? '');
  const gradeRow = ws.getRow(last + 2);
  const totalRef = `${letter('maxPoints')}${last + 2}`;
  const selfRef = `${letter('self')}${last + 1}`, maxRef = `${letter('maxPoints')}${last + 1}`;
  const grading: Partial<Record<ColumnKey, ExcelJS.CellValue>> = {
    dimension: '折算总分（满分100）',
    maxPoints: { formula: `IF(${maxRef}=0,0,ROUND(${selfRef}/${maxRef}*100,1))`, result: s.total },
    rule: '等级',
    source: { formula: gradeFormula(totalRef, d.grades), result: s.grade },
  };
  gradeRow.values = COLUMNS.map((c) => grading[c.key] ?? '');
  for (const r of [totalRow, gradeRow]) {
    r.eachCell({ includeEmpty: true }, (c) => {
      c.border = BORDER;
      c.font = { name: '黑体', size: 11 };
      c.alignment = { vertical: 'middle' };
    });
    r.height = 22;
  }
  ws.getCell(totalRef).numFmt = '0.0';
  const note = ws.getRow(last + 4);
  note.getCell(1).value = `说明：自评得分、是否适用可修改，合计与折算总分随之更新（只计适用指标）；“系统计算得分”为工作站按指标体系 ${s.catalogue.id} ${s.catalogue.version} 计算的结果（计算批次 ${s.runId}），用于核对差异。`;
  ws.mergeCells(last + 4, 1, last + 4, COLUMNS.length);
  note.getCell(1).alignment = { wrapText: true };
  note.height = 36;

  const sub = `${s.name}${s.year}年度`;
  indicatorSummarySheet(wb, [s], `${sub}指标汇总`);
  unitDetailSheet(wb, d.unitRows, `${sub}管控单元明细`, new Set(d.watchFlags.map((f) => f.unitCode)));
  watchSheet(wb, d.watchFlags, `${sub}监管预警清单`);
  qualitySheet(wb, d.quality.checks, d.quality.incompleteStationMonths, `${s.year}年数据质量检查`);
  sourcesSheet(wb, d.batches, `${sub}数据来源`);
  manifestSheet(wb, d.manifest);
  return wb;
}
