// Reports re-opened as files: the .docx table holds the numbers `zonetrack value` gives, the .xlsx totals are
// live formulas, and the document carries its manifest and the official fonts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { writeDistrictReport, type WrittenReport } from '../reports/write-reports.js';
import { getValue, type IndicatorValue } from '../indicators/results.js';
import { formatValue } from '../indicators/value-format.js';
import { buildSampleWorkspace, type SampleWorkspace } from './helpers/sample-workspace.js';

let sample: SampleWorkspace;
let report: WrittenReport;
let values: IndicatorValue[];

beforeAll(async () => {
  sample = await buildSampleWorkspace();
  report = await writeDistrictReport(sample.ws, 2025, '500112', join(sample.dir, 'out'));
  values = await Promise.all(['C1', 'C2', 'C3'].map((i) => getValue(sample.ws, i, '500112', 2025)));
});

afterAll(async () => {
  await sample.ws.close();
});

async function docxPart(part: string): Promise<string> {
  const zip = await JSZip.loadAsync(await readFile(report.docx));
  const file = zip.file(part);
  if (!file) throw new Error(`missing ${part}`);
  return file.async('string');
}

/** The text of each cell of each table row, in document order. */
function tableRows(xml: string): string[][] {
  return [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((tr) =>
    [...tr[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((tc) => [...tc[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')));
}

describe('district .docx', () => {
  it('its indicator table holds the same numbers as the value query', async () => {
    const rows = tableRows(await docxPart('word/document.xml'));
    for (const v of values) {
      const row = rows.find((r) => r[0] === `${v.indicator} ${v.name}`);
      expect(row, `row for ${v.indicator}`).toBeDefined();
      expect(row![2]).toBe(formatValue(v.value, v.decimals));
      expect(row![3]).toBe(formatValue(v.target, v.decimals));
      expect(row![4]).toBe(v.status);
      expect(Number(row![6])).toBe(v.points);
    }
  });

  it('its sentences quote the same figures', async () => {
    const xml = await docxPart('word/document.xml');
    const text = [...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    const c1 = values[0]!;
    expect(text).toContain(`PM2.5年均浓度为${formatValue(c1.value, 0)}微克/立方米`);
    expect(text).toContain(`空气质量优良天数比例为${formatValue(values[1]!.value, 1)}%`);
    expect(text).toContain('渝北区2025年度生态环境分区管控');
    expect(text).toContain('示例数据');
  });

  it('uses the official fonts as East-Asian fonts, A4 with GB/T 9704 margins, and "— N —" page numbers', async () => {
    const styles = await docxPart('word/styles.xml');
    expect(styles).toMatch(/w:eastAsia="仿宋_GB2312"/);
    expect(styles).toMatch(/w:eastAsia="方正小标宋简体"/);
    expect(styles).toMatch(/w:eastAsia="黑体"/);
    const doc = await docxPart('word/document.xml');
    expect(doc).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(doc).toMatch(/w:top="2098"/);
    const footers = (await JSZip.loadAsync(await readFile(report.docx))).file(/footer\d*\.xml/);
    const footerXml = (await Promise.all(footers.map((f) => f.async('string')))).join('');
    expect(footerXml).toContain('PAGE');
    expect(footerXml).toContain('— ');
    expect(footerXml).toMatch(/w:jc w:val="right"/);
    expect(footerXml).toMatch(/w:jc w:val="left"/);
  });

  it('carries its manifest (run, catalogue, standard, batch hashes) in the document properties', async () => {
    const custom = await docxPart('docProps/custom.xml');
    expect(custom).toContain('default-2025');
    expect(custom).toContain('GB 3095-2012');
    for (const b of values[0]!.batches) expect(custom).toContain(b.sha256.slice(0, 16));
  });

  it('holds a native, editable chart with twelve months', async () => {
    const zip = await JSZip.loadAsync(await readFile(report.docx));
    const chart = zip.file(/charts\/chart\d*\.xml/)[0];
    expect(chart).toBeDefined();
    const xml = await chart!.async('string');
    expect(xml).toContain('12月');
  });
});

describe('评分表 .xlsx', () => {
  it('has live SUM totals, the computed scores and the actual values of the value query', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(report.xlsx);
    const ws = wb.getWorksheet('评分表')!;
    expect(ws.getRow(2).getCell(8).value).toBe('自评得分');
    const rows = Array.from({ length: ws.rowCount }, (_, i) => ws.getRow(i + 1));
    for (const v of values) {
      const row = rows.find((r) => r.getCell(2).value === `${v.indicator} ${v.name}`)!;
      expect(row, v.indicator).toBeDefined();
      expect(row.getCell(7).value).toBe(v.value);
      expect(row.getCell(8).value).toBe(v.points);
    }
    const totalRow = rows.find((r) => r.getCell(1).value === '合计（适用指标）')!;
    const last = totalRow.number - 1;
    const sheetItems = last - 2;
    const [sheet] = await (await import('../indicators/results.js')).scoreSheets(sample.ws, 2025, '500112');
    expect(sheetItems).toBe(sheet!.items.length);
    const total = totalRow.getCell(8).value as ExcelJS.CellFormulaValue;
    expect(total.formula).toBe(`SUMIF(J3:J${last},"是",H3:H${last})`);
    expect(total.result).toBeCloseTo(sheet!.earned, 6);
    expect((totalRow.getCell(3).value as ExcelJS.CellFormulaValue).formula).toBe(`SUMIF(J3:J${last},"是",C3:C${last})`);
    const gradeRow = ws.getRow(totalRow.number + 1);
    expect((gradeRow.getCell(3).value as ExcelJS.CellFormulaValue).formula).toContain(`/C${totalRow.number}*100`);
    expect((gradeRow.getCell(5).value as ExcelJS.CellFormulaValue).formula)
      .toBe(`IF(C${gradeRow.number}>=90,"优秀",IF(C${gradeRow.number}>=70,"良好",IF(C${gradeRow.number}>=60,"合格","不合格")))`);
    // 不适用 items are marked 否 and leave the totals
    const applicable = rows.slice(2, last).map((r) => r.getCell(10).value);
    expect(applicable.filter((x) => x === '否').length).toBe(sheet!.items.filter((i) => i.status === '不适用').length);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(ws.getRow(3).getCell(8).dataValidation).toMatchObject({ type: 'decimal', formulae: [0, sheet!.items[0]!.maxPoints] });
    expect(wb.getWorksheet('数据来源')!.rowCount).toBeGreaterThan(1);
  });
});
