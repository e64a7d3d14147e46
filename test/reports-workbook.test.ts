// The workbooks as a reviewer receives them, re-opened from the files: the workstation's values and formulas are
// locked and the cells a person fills in are not (protection without a password), one data validation per range,
// blank cells are blank (never ""), every sheet prints landscape with repeated titles and a page x / y footer and
// is fitted to one page wide only where its text stays at 9 pt or more, every workbook ends with a 生成信息 sheet
// in words, and LibreOffice, recalculating every formula, gets the values stored in the file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { writeCityReport, writeDistrictReport, type WrittenReport } from '../reports/write-reports.js';
import { latestRun } from '../indicators/results.js';
import { recalculated, SOFFICE_CALC } from './helpers/libreoffice.js';
import { buildSampleWorkspace, type SampleWorkspace } from './helpers/sample-workspace.js';

const DISTRICT = '500112';
let sample: SampleWorkspace;
let district: WrittenReport;
let city: WrittenReport;

beforeAll(async () => {
  sample = await buildSampleWorkspace();
  district = await writeDistrictReport(sample.ws, 2025, DISTRICT, join(sample.dir, 'out'));
  city = await writeCityReport(sample.ws, 2025, join(sample.dir, 'out'));
}, 600_000);

afterAll(async () => {
  await sample?.ws.close().catch(() => undefined);
});

async function open(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

/** The worksheet XML parts of a workbook, by sheet name (for what exceljs does not read back: validations' ranges). */
async function sheetXml(path: string): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(await readFile(path));
  const book = await zip.file('xl/workbook.xml')!.async('string');
  const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
  const out = new Map<string, string>();
  for (const m of book.matchAll(/<sheet [^>]*name="([^"]+)"[^>]*r:id="([^"]+)"/g)) {
    const target = new RegExp(`Id="${m[2]}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${m[2]}"`).exec(rels)![1]!;
    out.set(m[1]!, await zip.file(`xl/${target.replace(/^\/?xl\//, '')}`)!.async('string'));
  }
  return out;
}

/** Cells of an A1 range such as "I3:I20" or "B4". */
function cellsOf(sqref: string): string[] {
  const cells: string[] = [];
  for (const part of sqref.split(/\s+/)) {
    const [a, b = a] = part.split(':') as [string, string?];
    const p = (x: string) => { const m = /^([A-Z]+)(\d+)$/.exec(x)!; return { c: [...m[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0), r: Number(m[2]) }; };
    const s = p(a), e = p(b!);
    for (let r = s.r; r <= e.r; r++) for (let c = s.c; c <= e.c; c++) cells.push(`${c}:${r}`);
  }
  return cells;
}

/** What exceljs reads back of a sheet's protection (not in its types). */
const protection = (ws: ExcelJS.Worksheet) => (ws as unknown as { sheetProtection?: { sheet?: boolean; hashValue?: string; password?: string } }).sheetProtection;

const header = (ws: ExcelJS.Worksheet, name: string, row = 2) => {
  let found = 0;
  ws.getRow(row).eachCell((c, n) => { if (c.value === name) found = n; });
  expect(found, `${ws.name} has a column ${name}`).toBeGreaterThan(0);
  return found;
};

/** Points a column of Excel width `w` prints at 100 %: a width unit is one digit of the 11 pt default font (7 px + 5 px padding, 96 dpi). */
const widthPt = (w: number) => (Math.trunc(w * 7) + 5) * 0.75;

describe('workbook protection and input cells', () => {
  it('the 评分表 is protected without a password; formulas and computed scores are locked, 自评得分/佐证/审核得分 are not', async () => {
    const wb = await open(district.xlsx);
    const ws = wb.getWorksheet('评分表')!;
    expect(protection(ws)?.sheet).toBe(true);
    expect(protection(ws)?.hashValue ?? protection(ws)?.password).toBeUndefined();
    const self = header(ws, '自评得分'), review = header(ws, '审核得分'), evidence = header(ws, '佐证材料编号'), computed = header(ws, '系统计算得分');
    let items = 0, formulas = 0;
    ws.eachRow((row, n) => {
      if (n < 3) return;
      row.eachCell({ includeEmpty: false }, (c) => {
        if (typeof c.value === 'object' && c.value !== null && 'formula' in c.value) {
          formulas++;
          expect(c.protection?.locked, `formula ${c.address} locked`).not.toBe(false);
        }
      });
      if (typeof row.getCell(1).value === 'string' && /^[A-Z]/.test(String(row.getCell(2).value ?? ''))) {
        items++;
        for (const k of [self, review, evidence]) expect(row.getCell(k).protection?.locked, `${row.getCell(k).address} open for input`).toBe(false);
        expect(row.getCell(computed).protection?.locked, `${row.getCell(computed).address} locked`).not.toBe(false);
      }
    });
    expect(items).toBeGreaterThan(10);
    expect(formulas).toBeGreaterThan(items);
  });

  it('every sheet of the district and the city workbooks is protected; in the city 评分汇总 only 审核得分 is open', async () => {
    for (const path of [district.xlsx, city.xlsx]) {
      const wb = await open(path);
      for (const ws of wb.worksheets) expect(protection(ws)?.sheet, `${basename(path)} ${ws.name}`).toBe(true);
    }
    const ws = (await open(city.xlsx)).getWorksheet('评分汇总')!;
    const review = header(ws, '审核得分');
    for (let n = 3; n <= ws.rowCount; n++) {
      const row = ws.getRow(n);
      if (typeof row.getCell(2).value !== 'string' || !/^\d{6}$/.test(row.getCell(2).value as string)) continue;
      row.eachCell({ includeEmpty: true }, (c, k) => expect(c.protection?.locked === false, c.address).toBe(k === review));
    }
  });

  it('data validations: one per range, none overlapping, the score ranges bounded by each row\'s 分值', async () => {
    for (const path of [district.xlsx, city.xlsx]) {
      for (const [name, xml] of await sheetXml(path)) {
        const seen = new Map<string, string>();
        for (const m of xml.matchAll(/<dataValidation [^>]*sqref="([^"]+)"/g)) {
          for (const cell of cellsOf(m[1]!)) {
            expect(seen.get(cell), `${basename(path)} ${name}: ${cell} under two validations`).toBeUndefined();
            seen.set(cell, m[1]!);
          }
        }
      }
    }
    const xml = (await sheetXml(district.xlsx)).get('评分表')!;
    const dvs = [...xml.matchAll(/<dataValidation [^>]*?sqref="([^"]+)"[^>]*>([\s\S]*?)<\/dataValidation>/g)];
    // 自评得分, 审核得分 and 是否适用: three columns, one validation each
    expect(dvs).toHaveLength(3);
    const wb = await open(district.xlsx);
    const ws = wb.getWorksheet('评分表')!;
    const self = header(ws, '自评得分'), maxCol = header(ws, '分值');
    const selfDv = dvs.find((d) => cellsOf(d[1]!).every((c) => c.startsWith(`${self}:`)))!;
    expect(selfDv, 'a validation over the 自评得分 column').toBeDefined();
    // formula2 names the 分值 column of the range's first row (relative, so each row is bounded by its own points)
    const letter = String.fromCharCode(64 + maxCol);
    expect(/<formula2>([^<]+)<\/formula2>/.exec(selfDv[2]!)![1]).toMatch(new RegExp(`^\\$${letter}\\d+$`));
  });

  it('blank cells are blank, never a text cell holding ""', async () => {
    for (const path of [district.xlsx, city.xlsx]) {
      const wb = await open(path);
      for (const ws of wb.worksheets) {
        ws.eachRow((row) => row.eachCell((c) => expect(c.value, `${basename(path)} ${ws.name}!${c.address}`).not.toBe('')));
      }
      // and in the file itself: no inline or shared empty string stands for a blank
      const zip = await JSZip.loadAsync(await readFile(path));
      const shared = await zip.file('xl/sharedStrings.xml')?.async('string');
      if (shared) expect(shared).not.toMatch(/<si><t(?: [^>]*)?\/>|<si><t(?: [^>]*)?><\/t><\/si>/);
    }
  });
});

describe('workbook print setup', () => {
  it('landscape A4, titles repeated, page x / y footer; one page wide only where text stays at 9 pt or more', async () => {
    for (const path of [district.xlsx, city.xlsx]) {
      const wb = await open(path);
      for (const ws of wb.worksheets) {
        const where = `${basename(path)} ${ws.name}`;
        const p = ws.pageSetup;
        expect(p.orientation, where).toBe('landscape');
        expect(p.paperSize, where).toBe(9);
        expect(p.printTitlesRow, where).toMatch(/^\$?1:\$?\d+$/);
        const footer = ws.headerFooter?.oddFooter ?? '';
        expect(footer, where).toContain('&P');
        expect(footer, where).toContain('&N');
        expect(footer.replace(/&[A-Z]/g, ''), where).toMatch(/第.*页.*共.*页/);
        // the printed size of 11 pt text: fitted to the printable width of landscape A4 (297 mm less 1.4 in of margins)
        const widths = ws.columns.map((c) => c.width ?? 9);
        const total = widths.reduce((a, w) => a + widthPt(w), 0);
        const printable = (297 / 25.4 - (p.margins?.left ?? 0.7) - (p.margins?.right ?? 0.7)) * 72;
        const printedPt = p.fitToPage ? Math.min(1, printable / total) * 11 : ((p.scale ?? 100) / 100) * 11;
        expect(printedPt, `${where} prints its text at ${printedPt.toFixed(1)} pt`).toBeGreaterThanOrEqual(9 - 1e-9);
      }
    }
  });

  it('the 14-column 评分表 is not squeezed onto one page width; its key columns repeat on every page', async () => {
    const ws = (await open(district.xlsx)).getWorksheet('评分表')!;
    expect(ws.pageSetup.fitToPage).toBeFalsy();
    expect(ws.pageSetup.printTitlesColumn).toMatch(/^\$?A:\$?B$/);
  });
});

describe('生成信息 sheet', () => {
  it('every report workbook ends with one, in words: the catalogue, the computation and 定稿/草稿, each data file', async () => {
    const run = await latestRun(sample.ws, 2025);
    for (const path of [district.xlsx, city.xlsx]) {
      const wb = await open(path);
      const ws = wb.worksheets.at(-1)!;
      expect(ws.name).toBe('生成信息');
      const text = ws.getSheetValues().flat().map((v) => (typeof v === 'string' ? v : '')).join('\n');
      expect(text).toContain(`第${run.run_id}次计算（${run.finalized_at ? '定稿' : '草稿'}）`);
      expect(text).toMatch(/指标体系/);
      expect(text).toMatch(/生态环境分区管控/);
      const files = await sample.ws.all<{ file_name: string }>('SELECT DISTINCT file_name FROM import_batches');
      const named = files.filter((f) => text.includes(f.file_name));
      expect(named.length).toBeGreaterThan(3);
    }
  });
});

/** Every formula cell's stored result beside LibreOffice's, rounded as the cell displays. */
function formulaResults(stored: ExcelJS.Workbook, recalc: ExcelJS.Workbook, sheet: string): { address: string; stored: unknown; computed: unknown }[] {
  const a = stored.getWorksheet(sheet)!, b = recalc.getWorksheet(sheet)!;
  const out: { address: string; stored: unknown; computed: unknown }[] = [];
  const norm = (v: unknown) => (typeof v === 'number' ? Math.round(v * 100) / 100 : v ?? '');
  a.eachRow((row) => row.eachCell((c) => {
    if (typeof c.value !== 'object' || c.value === null || !('formula' in c.value)) return;
    const other = b.getCell(c.address).value;
    // a formula read back without a result is one whose result is the empty string
    const computed = typeof other === 'object' && other !== null && 'formula' in other ? (other as ExcelJS.CellFormulaValue).result ?? '' : other;
    out.push({ address: c.address, stored: norm((c.value as ExcelJS.CellFormulaValue).result), computed: norm(computed) });
  }));
  return out;
}

describe('workbook recalculated by LibreOffice', () => {
  it.skipIf(!SOFFICE_CALC)('every formula of the 评分表 and 评分汇总 computes the value stored in the file', async () => {
    const dir = join(sample.dir, 'lo');
    const d = formulaResults(await open(district.xlsx), await recalculated(district.xlsx, dir), '评分表');
    expect(d.length).toBeGreaterThan(20);
    expect(d.filter((x) => x.stored !== x.computed)).toEqual([]);
    const c = formulaResults(await open(city.xlsx), await recalculated(city.xlsx, dir), '评分汇总');
    expect(c.length).toBeGreaterThan(3);
    expect(c.filter((x) => x.stored !== x.computed)).toEqual([]);
  }, 400_000);
});
