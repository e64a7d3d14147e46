// The city workbook (汇总表): 评分汇总 (every district's score, an editable review score with validation and a
// live difference formula), then 指标汇总, 单元明细 (every unit of the city), 预警清单, 数据质量, 数据来源, 生成信息.
// Written with exceljs's streaming writer: the unit sheet of a whole city is the large one.
import ExcelJS from 'exceljs';
import type { CityReportData } from '../city-report-data.js';
import { addTableSheet, rangeValidation, indicatorSummarySheet, manifestSheet, qualitySheet, sourcesSheet, unitDetailSheet, watchSheet } from './detail-sheets.js';

export async function writeCityWorkbook(d: CityReportData, path: string): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: true });
  wb.creator = 'ZoneTrack';
  wb.title = `全市${d.year}年度跟踪评估汇总表`;
  wb.description = JSON.stringify(d.manifest);
  const sub = `全市${d.year}年度`;
  // columns: A 排名, B 区县代码, C 区县, D 自评得分, E 适用分值, F 折算总分, G 等级, H 审核得分, I 差异
  const first = 3;
  const rows = d.scoreRanking.map(({ rank, sheet: s }, k) => {
    const r = first + k;
    return [rank, s.entity, s.name, s.earned, s.applicableMax, s.total, s.grade, null,
      { formula: `IF(H${r}="","",H${r}-F${r})`, result: '' }] as ExcelJS.CellValue[];
  });
  const { ws } = addTableSheet(wb, '评分汇总', `${sub}各区县跟踪评估得分`, [
    { header: '排名', width: 7, numeric: true }, { header: '区县代码', width: 10 }, { header: '区县', width: 12 },
    { header: '自评得分', width: 10, numFmt: '0.00', numeric: true }, { header: '适用分值', width: 10, numeric: true },
    { header: '折算总分', width: 10, numFmt: '0.0', numeric: true }, { header: '等级', width: 8 },
    { header: '审核得分', width: 10, numFmt: '0.0', numeric: true }, { header: '差异（审核−自评）', width: 16, numFmt: '0.0', numeric: true },
  ], rows, {
    xSplit: 3,
    // the review score is the one cell a person fills in; the rest is the workstation's
    beforeCommit: (row) => { row.getCell(8).protection = { locked: false }; },
  });
  const last = first + rows.length - 1;
  if (rows.length) {
    rangeValidation(ws, `H${first}:H${last}`, {
      type: 'decimal', operator: 'between', allowBlank: true, formulae: [0, 100], showErrorMessage: true, errorTitle: '得分超出范围', error: '审核得分应在0至100分之间',
    });
  }
  const avg = ws.addRow([null, null, '全市平均', { formula: `AVERAGE(D${first}:D${last})`, result: mean(d.sheets.map((s) => s.earned)) }, null,
    { formula: `AVERAGE(F${first}:F${last})`, result: mean(d.sheets.map((s) => s.total)) }, null, null, null]);
  avg.getCell(4).numFmt = '0.00';
  avg.getCell(6).numFmt = '0.0';
  avg.font = { name: '黑体', size: 11 };
  avg.commit();
  ws.commit();

  indicatorSummarySheet(wb, d.sheets, `${sub}各区县指标汇总`);
  wb.getWorksheet('指标汇总')?.commit();
  unitDetailSheet(wb, d.unitRows, `${sub}管控单元明细`, new Set(d.watchFlags.map((f) => f.unitCode)));
  wb.getWorksheet('单元明细')?.commit();
  watchSheet(wb, d.watchFlags, `${sub}监管预警清单`);
  qualitySheet(wb, d.quality.checks, d.quality.incompleteStationMonths, `${d.year}年数据质量检查`);
  sourcesSheet(wb, d.batches, `${sub}数据来源`);
  manifestSheet(wb, d.manifest, { catalogueTitle: d.catalogueTitle, runId: d.runId, state: d.manifest['快照状态'] ?? '草稿', batches: d.batches });
  await wb.commit();
}

function mean(xs: number[]): number {
  return xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length;
}
