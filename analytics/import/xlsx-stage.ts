// XLSX input through exceljs's streaming reader (the whole-workbook reader takes ~6× the memory).
// Title rows above the header are common: the header is the row among the first ones that names the most
// known columns. The sheet is chosen by content: the first sheet that has such a header.
import ExcelJS from 'exceljs';
import type { Sql } from '../workspace.js';
import type { DatasetName, DatasetSpec } from './datasets.js';
import { guessHeader } from './header-match.js';

export interface XlsxSniff {
  sheet: string;
  /** 1-based sheet row of the header. */
  headerRow: number;
  headers: string[];
  dataset: DatasetSpec;
}

/** Text of one exceljs cell value as a person sees it; dates as 'YYYY-MM-DD HH:MM:SS' (exceljs gives UTC). */
export function cellText(v: ExcelJS.CellValue | undefined): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString().slice(0, 19).replace('T', ' ');
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return v;
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('formula' in v || 'sharedFormula' in v) return cellText((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ('text' in v) return String(v.text);
  if ('error' in v) return null;
  return String(v);
}

function rowCells(values: ExcelJS.CellValue[] | { [key: string]: ExcelJS.CellValue }): (string | null)[] {
  // exceljs row values are 1-based: values[0] is empty
  const arr = Array.isArray(values) ? values.slice(1) : [];
  return arr.map((v) => cellText(v));
}

function reader(path: string) {
  return new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit', entries: 'emit',
  });
}

export async function sniffXlsx(path: string, maxRows: number, forced?: DatasetName): Promise<XlsxSniff | undefined> {
  for await (const sheet of reader(path)) {
    const ws = sheet as unknown as AsyncIterable<ExcelJS.Row> & { name: string };
    const lines: { number: number; cells: string[] }[] = [];
    for await (const row of ws) {
      lines.push({ number: row.number, cells: rowCells(row.values).map((c) => (c ?? '').trim()) });
      if (lines.length >= maxRows) break;
    }
    const guess = guessHeader(lines.map((l) => l.cells), forced);
    if (guess) {
      const line = lines[guess.headerIndex]!;
      return { sheet: ws.name, headerRow: line.number, headers: line.cells, dataset: guess.dataset };
    }
  }
  return undefined;
}

/** Streams the rows under the header of one sheet into a temp table of text cells; returns the row count. */
export async function readXlsxIntoTable(
  sql: Sql, path: string, sheetName: string, headerRow: number, width: number, table: string,
): Promise<number> {
  const cols = Array.from({ length: width }, (_, i) => `c${i} VARCHAR`).join(', ');
  await sql.run(`CREATE TEMP TABLE ${table} (${cols}, __row INTEGER)`);
  const appender = await sql.connection().createAppender(table, 'main', 'temp');
  let rows = 0;
  try {
    for await (const sheet of reader(path)) {
      const ws = sheet as unknown as AsyncIterable<ExcelJS.Row> & { name: string };
      if (ws.name !== sheetName) {
        for await (const _row of ws) void _row; // the reader must drain a sheet to reach the next
        continue;
      }
      for await (const row of ws) {
        if (row.number <= headerRow) continue;
        const cells = rowCells(row.values);
        if (cells.every((c) => c === null || c.trim() === '')) continue;
        for (let i = 0; i < width; i++) {
          const c = cells[i];
          if (c === null || c === undefined) appender.appendNull();
          else appender.appendVarchar(c);
        }
        appender.appendInteger(row.number - headerRow);
        appender.endRow();
        rows++;
      }
      break;
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
  return rows;
}
