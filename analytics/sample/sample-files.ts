// Writing sample files the way bureau systems write them: CSV in UTF-8, UTF-8 with BOM or GB18030, and XLSX
// with a title row above the header.
import { writeFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

export type Cell = string | number | null;
export type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'gb18030';

const csvCell = (v: Cell) => {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

export const csvText = (rows: Cell[][]) => rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';

export async function writeCsvFile(path: string, rows: Cell[][], encoding: CsvEncoding): Promise<void> {
  const text = csvText(rows);
  const bytes = encoding === 'gb18030' ? iconv.encode(text, 'gb18030') : Buffer.from((encoding === 'utf-8-bom' ? '\ufeff' : '') + text, 'utf8');
  await writeFile(path, bytes);
}

/** Fixed workbook dates: the same seed gives the same workbook content. */
const WORKBOOK_DATE = new Date(Date.UTC(2026, 0, 1));

/** One sheet: a title row (says the data are synthetic), the header, the rows. Dates stay Excel dates; `merges` are cell ranges (A3:A5). */
export async function writeTitledXlsx(path: string, sheet: string, title: string, rows: (Cell | Date)[][], merges: string[] = []): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.created = WORKBOOK_DATE;
  wb.modified = WORKBOOK_DATE;
  const ws = wb.addWorksheet(sheet);
  ws.addRow([title]);
  for (const r of rows) {
    const row = ws.addRow(r);
    r.forEach((v, i) => {
      if (v instanceof Date) row.getCell(i + 1).numFmt = 'yyyy-mm-dd';
    });
  }
  for (const m of merges) ws.mergeCells(m);
  await wb.xlsx.writeFile(path);
}

/** A calendar date as an Excel cell (exceljs writes a Date as UTC midnight). */
export const excelDate = (iso: string) => new Date(`${iso}T00:00:00Z`);
