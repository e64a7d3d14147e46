// The 评分表 workbook (domain/reports.md §8.3, "Workbook look"): title row merged across the table, frozen
// header, live SUM totals (a reviewer who edits a score sees the total change) next to the value the
// workstation computed, validation on score cells, landscape A4 one page wide, and a 数据来源 sheet.
// Small (one row per indicator), so the in-memory Workbook is fine here; large tables use the streaming writer.
import ExcelJS from 'exceljs';
import type { DistrictReportData } from '../report-data.js';
import { excelNumberFormat } from '../format.js';

const HEADER = ['一级指标', '二级指标', '分值', '评分标准', '数据来源', '目标值', '实际值', '自评得分', '系统计算得分', '扣分说明', '佐证材料编号', '审核得分'];
const WIDTHS = [18, 24, 7, 40, 28, 10, 10, 10, 12, 36, 14, 10];
const thin = { style: 'thin' as const };
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };

/** Display width of text in Excel column units: a CJK character takes about two. */
function textWidth(t: string): number {
  return [...t].reduce((w, ch) => w + (/[\u1100-\uFFFF]/.test(ch) ? 2 : 1), 0);
}

/** Excel and LibreOffice do not grow rows for wrapped text written by exceljs: size them for their longest cell. */
function fitRowHeight(row: ExcelJS.Row, widths: number[], lineHeight = 15): void {
  let lines = 1;
  row.eachCell((c, col) => {
    const t = typeof c.value === 'string' ? c.value : '';
    lines = Math.max(lines, Math.ceil(textWidth(t) / Math.max(1, (widths[col - 1] ?? 10) - 1)));
  });
  row.height = Math.max(20, lines * lineHeight + 4);
}

/** Text from imported names may start with = + - @: exceljs writes plain strings as text, never formulas. */
const text = (s: string | null | undefined) => s ?? '';

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
  ws.columns = WIDTHS.map((width) => ({ width }));
  ws.mergeCells(1, 1, 1, HEADER.length);
  const title = ws.getCell(1, 1);
  title.value = `${s.name}${s.year}年度生态环境分区管控跟踪评估评分表`;
  title.font = { name: '黑体', size: 16, bold: true };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 30;
  const header = ws.getRow(2);
  header.values = HEADER;
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
    r.values = [
      text(i.dimension), `${i.indicator} ${text(i.name)}`, i.maxPoints ?? 0, text(i.ruleText),
      i.batches.filter((b) => b.dataset === 'air_hourly').map((b) => b.file).join('；'),
      i.target, i.value, i.points ?? 0, i.points ?? 0, text(i.explanation), '', null,
    ];
    r.getCell(6).numFmt = excelNumberFormat(i.decimals);
    r.getCell(7).numFmt = excelNumberFormat(i.decimals);
    for (const col of [8, 12]) {
      r.getCell(col).dataValidation = {
        type: 'decimal', operator: 'between', allowBlank: true, formulae: [0, i.maxPoints ?? 0],
        showErrorMessage: true, errorTitle: '得分超出范围', error: `得分应在0至${i.maxPoints}分之间`,
      };
    }
    r.eachCell({ includeEmpty: true }, (c, col) => {
      c.border = BORDER;
      c.font = { name: '仿宋_GB2312', size: 11 };
      c.alignment = { vertical: 'middle', wrapText: true, horizontal: [3, 6, 7, 8, 9, 12].includes(col) ? 'right' : 'left' };
    });
    fitRowHeight(r, WIDTHS);
  });
  const last = first + s.items.length - 1;
  // One 一级指标 cell per dimension, as printed sheets group them.
  for (let start = first; start <= last; ) {
    let end = start;
    while (end + 1 <= last && s.items[end + 1 - first]!.dimension === s.items[start - first]!.dimension) end++;
    if (end > start) ws.mergeCells(start, 1, end, 1);
    start = end + 1;
  }
  const totalRow = ws.getRow(last + 1);
  totalRow.values = [
    '合计', '', { formula: `SUM(C${first}:C${last})`, result: s.applicableMax }, '', '', null, null,
    { formula: `SUM(H${first}:H${last})`, result: s.earned }, { formula: `SUM(I${first}:I${last})`, result: s.earned },
    '', '', { formula: `IF(COUNT(L${first}:L${last})=0,"",SUM(L${first}:L${last}))`, result: '' },
  ];
  const gradeRow = ws.getRow(last + 2);
  const totalRef = `H${last + 1}`, maxRef = `C${last + 1}`;
  gradeRow.values = [
    '折算总分（满分100）', '', { formula: `IF(${maxRef}=0,0,ROUND(${totalRef}/${maxRef}*100,1))`, result: s.total }, '等级', '',
    { formula: `IF(C${last + 2}>=90,"优秀",IF(C${last + 2}>=70,"良好",IF(C${last + 2}>=60,"合格","不合格")))`, result: s.grade },
  ];
  for (const r of [totalRow, gradeRow]) {
    r.eachCell({ includeEmpty: true }, (c) => {
      c.border = BORDER;
      c.font = { name: '黑体', size: 11 };
      c.alignment = { vertical: 'middle' };
    });
    r.height = 22;
  }
  ws.getCell(`C${last + 2}`).numFmt = '0.0';
  const note = ws.getRow(last + 4);
  note.getCell(1).value = `说明：自评得分可修改，合计与折算总分随之更新；“系统计算得分”为工作站按指标体系 ${s.catalogue.id} ${s.catalogue.version} 计算的结果（计算批次 ${s.runId}），用于核对差异。`;
  ws.mergeCells(last + 4, 1, last + 4, HEADER.length);
  note.getCell(1).alignment = { wrapText: true };
  note.height = 36;

  const src = wb.addWorksheet('数据来源', { views: [{ state: 'frozen', ySplit: 1 }] });
  src.columns = [
    { header: '批次', key: 'id', width: 8 }, { header: '数据集', key: 'dataset', width: 16 }, { header: '文件', key: 'file', width: 44 },
    { header: '行数', key: 'rows', width: 12 }, { header: 'SHA-256', key: 'sha256', width: 70 },
  ];
  for (const b of d.batches) src.addRow(b);
  src.getRow(1).font = { bold: true };
  const man = wb.addWorksheet('生成信息');
  man.columns = [{ header: '项目', key: 'k', width: 16 }, { header: '内容', key: 'v', width: 100 }];
  for (const [k, v] of Object.entries(d.manifest)) man.addRow({ k, v });
  man.getRow(1).font = { bold: true };
  return wb;
}
