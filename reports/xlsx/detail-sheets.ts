// The workbook sheets besides 评分表 ("Workbook look", domain/reports.md): 指标汇总, 单元明细, 预警清单, 数据质量,
// 数据来源, 生成信息. Written row by row with addRow only, so the same code serves the in-memory workbook of a
// district and the streaming writer of the city (rows in order, each styled before the next is added).
// Text values are always plain strings: a name from an imported file that starts with = + - @ stays text.
import type ExcelJS from 'exceljs';
import type { QualityCheck, StationMonth } from '../../analytics/quality/quality-summary.js';
import type { ScoreSheet } from '../../indicators/results.js';
import type { ReportBatch, WatchFlag } from '../report-data.js';
import { UNIT_TYPE_NAMES } from '../report-data.js';
import { UNIT_COLUMNS, type UnitRow } from '../unit-rows.js';
import { excelNumberFormat, withUnit } from '../format.js';
import { textWidth } from '../text-width.js';

const thin = { style: 'thin' as const };
export const BORDER = { top: thin, left: thin, bottom: thin, right: thin };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };

export interface Column { header: string; group?: string; width?: number; numFmt?: string; numeric?: boolean }

/** Body text size of every table sheet (points); printed no smaller than MIN_PRINT_PT. */
export const BODY_PT = 11;
const MIN_PRINT_PT = 9;
/** Printable width of landscape A4 with Excel's default margins (0.7 in a side), in points. */
const PRINTABLE_PT = (297 / 25.4 - 1.4) * 72;
/** Points a column of `width` Excel units takes (a unit is a digit of the 11 pt default font: 7 px + 5 px padding at 96 dpi). */
const columnPt = (width: number) => (Math.trunc(width * 7) + 5) * 0.75;

/** The page footer of every sheet: "第 1 页 / 共 3 页". */
export const PAGE_FOOTER = '&C第 &P 页 / 共 &N 页';

/**
 * Print setup every sheet shares: landscape A4, header rows repeated, "第 x 页 / 共 y 页" footer. Fitted to one
 * page wide only where the text stays at 9 pt or more; a wider table prints at the smallest legible scale across
 * pages, with its key columns (`xSplit`) repeated on each.
 */
export function printSetup(widths: number[], headerRows: number, xSplit = 0): Partial<ExcelJS.PageSetup> {
  const scale = PRINTABLE_PT / widths.reduce((a, w) => a + columnPt(w), 0);
  const base = { paperSize: 9, orientation: 'landscape' as const, printTitlesRow: `1:${headerRows}`,
    margins: { left: 0.7, right: 0.7, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 } };
  if (scale * BODY_PT >= MIN_PRINT_PT) return { ...base, fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
  const keys = xSplit > 0 ? { printTitlesColumn: `A:${String.fromCharCode(64 + xSplit)}` } : {};
  return { ...base, ...keys, fitToPage: false, scale: Math.ceil((MIN_PRINT_PT / BODY_PT) * 100) };
}

/**
 * Sheet protection without a password: formulas and the workstation's values cannot be overwritten by accident,
 * cells marked `protection: { locked: false }` (scores and evidence a person enters) stay editable, and a
 * reviewer may still select, resize and filter. Tools → 撤销工作表保护 lifts it (no password by design).
 */
export function protectSheet(ws: ExcelJS.Worksheet): void {
  // exceljs sets the protection synchronously (the promise only wraps the password hash, absent here)
  void ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true, autoFilter: true, sort: false });
}

/**
 * One data validation over a whole range (exceljs's per-cell validations are merged by its writer into ranges
 * that can overlap). Formulas are relative to the range's first cell, so "$C3" bounds each row by its own C.
 */
export function rangeValidation(ws: ExcelJS.Worksheet, range: string, validation: ExcelJS.DataValidation): void {
  (ws as unknown as { dataValidations: { add(address: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(range, validation);
}

/** Options of a new table sheet: frozen below the headers, print setup, footer. */
function sheetOptions(widths: number[], headerRows: number, xSplit = 0): Partial<ExcelJS.AddWorksheetOptions> {
  return {
    views: [{ state: 'frozen', ySplit: headerRows, xSplit }],
    pageSetup: printSetup(widths, headerRows, xSplit),
    headerFooter: { oddFooter: PAGE_FOOTER, evenFooter: PAGE_FOOTER },
  };
}

/** Column widths fitted to the longest text of the header and the values (CJK counted double), within bounds. */
function fittedWidths(columns: Column[], rows: ExcelJS.CellValue[][]): number[] {
  return columns.map((c, k) => c.width ?? Math.min(50, Math.max(8, textWidth(c.header) + 2,
    ...rows.slice(0, 500).map((r) => textWidth(typeof r[k] === 'string' ? (r[k] as string) : String(r[k] ?? '')) + 2))));
}

/**
 * A sheet with a merged title row, one or two header rows (two when columns carry a group), frozen below the
 * headers, and the rows. Returns the sheet and the row number of the first data row.
 */
export function addTableSheet(wb: ExcelJS.Workbook, name: string, title: string, columns: Column[], rows: ExcelJS.CellValue[][],
  options: { xSplit?: number; beforeCommit?: (row: ExcelJS.Row) => void } = {}): { ws: ExcelJS.Worksheet; firstRow: number } {
  const grouped = columns.some((c) => c.group);
  const headerRows = 1 + (grouped ? 2 : 1);
  const widths = fittedWidths(columns, rows);
  const ws = wb.addWorksheet(name, sheetOptions(widths, headerRows, options.xSplit ?? 0));
  ws.columns = widths.map((width) => ({ width }));
  protectSheet(ws);
  const titleRow = ws.addRow([title]);
  titleRow.height = 28;
  titleRow.getCell(1).font = { name: '黑体', size: 14, bold: true };
  titleRow.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
  ws.mergeCells(1, 1, 1, columns.length);
  const styleHeader = (r: ExcelJS.Row) => {
    r.height = 24;
    for (let k = 1; k <= columns.length; k++) {
      const c = r.getCell(k);
      c.font = { name: '黑体', size: 11, bold: true };
      c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      c.fill = HEADER_FILL;
      c.border = BORDER;
    }
  };
  if (grouped) {
    const top = ws.addRow(columns.map((c) => c.group ?? c.header));
    styleHeader(top);
    const second = ws.addRow(columns.map((c) => (c.group ? c.header : null)));
    styleHeader(second);
    // merge runs of one group across, ungrouped headers down
    for (let k = 0; k < columns.length; ) {
      const g = columns[k]!.group;
      let end = k;
      if (g) while (end + 1 < columns.length && columns[end + 1]!.group === g) end++;
      if (g && end > k) ws.mergeCells(2, k + 1, 2, end + 1);
      if (!g) ws.mergeCells(2, k + 1, 3, k + 1);
      k = end + 1;
    }
  } else {
    styleHeader(ws.addRow(columns.map((c) => c.header)));
  }
  for (const values of rows) {
    // a blank is a blank cell, never a cell holding ""
    const r = ws.addRow(values.map((v) => (v === '' || v === undefined ? null : v)));
    for (let k = 1; k <= columns.length; k++) {
      const c = r.getCell(k);
      const col = columns[k - 1]!;
      c.border = BORDER;
      c.font = { name: '仿宋_GB2312', size: BODY_PT };
      if (col.numFmt) c.numFmt = col.numFmt;
      c.alignment = { vertical: 'middle', wrapText: !col.numeric, horizontal: col.numeric ? 'right' : 'left' };
    }
    options.beforeCommit?.(r);
    // streaming writer: the row goes to the file now (a no-op for the in-memory workbook)
    r.commit();
  }
  return { ws, firstRow: headerRows + 1 };
}

/** 指标汇总: districts × indicators (values as stored), grouped under their 一级指标, with the score and grade. */
export function indicatorSummarySheet(wb: ExcelJS.Workbook, sheets: ScoreSheet[], title: string): void {
  const items = sheets[0]?.items ?? [];
  const columns: Column[] = [
    { header: '区县代码', width: 10 }, { header: '区县', width: 12 },
    ...items.map((i) => ({ header: withUnit(`${i.indicator} ${i.name}`, i.unit), group: i.dimension, width: 14, numFmt: excelNumberFormat(i.decimals), numeric: true })),
    { header: '自评得分', width: 10, numFmt: '0.00', numeric: true }, { header: '适用分值', width: 10, numeric: true },
    { header: '折算总分', width: 10, numFmt: '0.0', numeric: true }, { header: '等级', width: 8 },
  ];
  const rows = sheets.map((s) => [
    s.entity, s.name, ...items.map((i) => s.items.find((x) => x.indicator === i.indicator)?.value ?? null),
    s.earned, s.applicableMax, s.total, s.grade,
  ]);
  addTableSheet(wb, '指标汇总', title, columns, rows, { xSplit: 2 });
}

export function unitDetailSheet(wb: ExcelJS.Workbook, units: UnitRow[], title: string, flagged: Set<string>): void {
  const columns: Column[] = [
    { header: '区县', width: 10 }, { header: '单元编码', width: 17 }, { header: '单元名称' }, { header: '单元类型', width: 14 },
    { header: '面积（km²）', width: 11, numFmt: '0.00', numeric: true },
    ...UNIT_COLUMNS.map((c) => ({ header: withUnit(c.label, c.unit), width: 14, numFmt: excelNumberFormat(c.decimals), numeric: true })),
    { header: '是否预警', width: 9 },
  ];
  const rows = units.map((u) => [
    u.districtName, u.unitCode, u.unitName, UNIT_TYPE_NAMES[u.unitType] ?? String(u.unitType), u.areaKm2,
    ...UNIT_COLUMNS.map((c) => u.values[c.measure] ?? c.absent),
    flagged.has(u.unitCode) ? '是' : '否',
  ]);
  addTableSheet(wb, '单元明细', title, columns, rows, { xSplit: 3 });
}

export function watchSheet(wb: ExcelJS.Workbook, flags: WatchFlag[], title: string): void {
  const columns: Column[] = [
    { header: '区县', width: 10 }, { header: '单元编码', width: 17 }, { header: '单元名称' }, { header: '单元类型', width: 14 },
    { header: '预警', width: 18 }, { header: '触发条件', width: 30 }, { header: '值', width: 12 }, { header: '阈值', width: 12 }, { header: '相关记录', width: 30 },
  ];
  const rows: ExcelJS.CellValue[][] = flags.flatMap((f) => (f.evidence.length ? f.evidence : [{ condition: '', value: null, threshold: null }]).map((e) => [
    f.districtName, f.unitCode, f.unitName, f.unitType, f.flag, e.condition, e.value, e.threshold, (e.records ?? []).join('、'),
  ]));
  addTableSheet(wb, '预警清单', title, columns, rows.length ? rows : [['本年度无预警单元', '', '', '', '', '', null, null, '']]);
}

export function qualitySheet(wb: ExcelJS.Workbook, checks: QualityCheck[], stationMonths: StationMonth[], title: string): void {
  const columns: Column[] = [
    { header: '数据集', width: 16 }, { header: '检查项', width: 34 }, { header: '数量', width: 10, numeric: true }, { header: '总数', width: 12, numeric: true },
    { header: '级别', width: 8 }, { header: '说明', width: 40 }, { header: '示例', width: 50 },
  ];
  const rows: ExcelJS.CellValue[][] = [
    ...checks.map((q) => [q.datasetLabel, q.check, q.count, q.total, q.severity, q.detail, q.examples.slice(0, 10).join('；')]),
    ...stationMonths.map((m) => ['空气站点月', `${m.station_name}（${m.station_code}）${m.month}月有效日数不足`, m.valid_days, m.required_days, '提示', `${m.pollutant}有效日均值不足`, '']),
  ];
  addTableSheet(wb, '数据质量', title, columns, rows);
}

export function sourcesSheet(wb: ExcelJS.Workbook, batches: ReportBatch[], title: string): void {
  addTableSheet(wb, '数据来源', title, [
    { header: '批次', width: 7, numeric: true }, { header: '数据集', width: 18 }, { header: '文件', width: 44 }, { header: '行数', width: 10, numeric: true },
    { header: '导入日期', width: 12 }, { header: 'SHA-256', width: 70 },
  ], batches.map((b) => [b.id, b.datasetLabel, b.file, b.rows, b.importedAt, b.sha256]));
}

/** What a workbook's 生成信息 sheet says, in words: the catalogue, the computation and its state, the data files. */
export interface GenerationInfo {
  catalogueTitle: string;
  runId: number;
  /** 定稿 (the year's finalized snapshot) or 草稿 (a draft computation). */
  state: string;
  batches: ReportBatch[];
}

/**
 * 生成信息: which snapshot the workbook comes from — the catalogue in words, the computation (run) and whether it
 * is 定稿 or 草稿, each data file behind it — then the manifest (versions, hashes) for whoever traces it.
 */
export function manifestSheet(wb: ExcelJS.Workbook, manifest: Record<string, string>, info?: GenerationInfo): void {
  const words: [string, string][] = info ? [
    ['指标体系', info.catalogueTitle],
    ['计算', `第${info.runId}次计算（${info.state}）`],
    ['快照状态', info.state === '定稿' ? '定稿：本年度已定稿的评估快照，之后的导入和计算不改变本表' : '草稿：尚未定稿的计算结果，定稿前数据或评分仍可能变化'],
    ...info.batches.map((b, k): [string, string] => [k === 0 ? '数据文件' : '', `${b.datasetLabel}：${b.file}（${b.rows}行，${b.importedAt}导入）`]),
  ] : [];
  addTableSheet(wb, '生成信息', '生成信息', [{ header: '项目', width: 16 }, { header: '内容', width: 100 }],
    [...words, ...Object.entries(manifest)]);
}
