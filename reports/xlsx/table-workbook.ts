// 导出 of any table of the UI: the rows and columns the page shows (after its filters and sort), as one .xlsx sheet
// with the report workbooks' table look, written into the report folder so that browser mode downloads it through
// the same route as the reports. Numbers stay numbers with the column's decimals; text stays text.
import ExcelJS from 'exceljs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { excelNumberFormat } from '../format.js';
import { writeAtomically } from '../write-reports.js';
import { addTableSheet, type Column } from './detail-sheets.js';

export interface TableExportColumn {
  header: string;
  /** Set for number columns: cells that are numbers get this many decimals. */
  decimals?: number;
}

export interface TableExportArgs {
  /** The sheet's title and the file's name (without .xlsx). */
  title: string;
  columns: TableExportColumn[];
  rows: (string | number | null)[][];
  outDir: string;
}

export interface TableExport {
  path: string;
  rows: number;
}

/** A file name from a title: characters Windows refuses become ＿, at most 120 characters. */
export function fileTitle(title: string): string {
  return [...title].map((ch) => (ch.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(ch) ? '＿' : ch)).join('').trim().slice(0, 120) || '表格';
}

export async function exportTable(a: TableExportArgs): Promise<TableExport> {
  const title = fileTitle(a.title);
  const columns: Column[] = a.columns.map((c) => (c.decimals === undefined
    ? { header: c.header } : { header: c.header, numeric: true, numFmt: excelNumberFormat(c.decimals) }));
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ZoneTrack';
  wb.title = title;
  // Sheet names: at most 31 characters, none of []:*?/\
  addTableSheet(wb, title.replace(/[[\]:*?/\\＿]/g, '').slice(0, 31) || '表格', title, columns, a.rows.map((r) => a.columns.map((_c, k) => r[k] ?? null)));
  await mkdir(a.outDir, { recursive: true });
  const path = join(a.outDir, `${title}.xlsx`);
  await writeAtomically(path, (tmp) => wb.xlsx.writeFile(tmp));
  return { path, rows: a.rows.length };
}
