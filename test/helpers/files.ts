// Writing test input files the way bureaus send them: UTF-8 (with or without BOM), GB18030, XLSX.
import { writeFile } from 'node:fs/promises';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';

export type Cell = string | number | null;

export function csvText(rows: Cell[][]): string {
  const quote = (c: Cell) => {
    const t = c === null ? '' : String(c);
    return /[",\r\n]/.test(t) ? `"${t.replaceAll('"', '""')}"` : t;
  };
  return rows.map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';
}

export async function writeCsv(path: string, rows: Cell[][], encoding: 'utf-8' | 'utf-8-bom' | 'gb18030' = 'utf-8'): Promise<string> {
  const text = csvText(rows);
  const bytes = encoding === 'gb18030' ? iconv.encode(text, 'gb18030') : Buffer.from((encoding === 'utf-8-bom' ? '\ufeff' : '') + text, 'utf8');
  await writeFile(path, bytes);
  return path;
}

export async function writeXlsx(path: string, rows: (Cell | Date)[][], sheetName = 'Sheet1'): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName);
  for (const r of rows) ws.addRow(r);
  await wb.xlsx.writeFile(path);
  return path;
}

/** Everything in the workspace's data tables, as text: equal before and after ⇔ nothing was written. */
export async function tableSnapshot(sql: { all<T>(q: string): Promise<T[]> }): Promise<string> {
  const tables = ['districts', 'units', 'air_stations', 'air_hourly', 'import_batches', 'compute_runs', 'indicator_values'];
  const parts: string[] = [];
  for (const t of tables) {
    const rows = await sql.all<Record<string, unknown>>(`SELECT * FROM ${t} ORDER BY ALL`);
    parts.push(`${t}:${JSON.stringify(rows, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))}`);
  }
  return parts.join('\n');
}
