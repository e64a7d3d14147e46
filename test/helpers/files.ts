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

/**
 * Everything in every data table (all canonical datasets), the batches and the results, as text: equal before
 * and after ⇔ nothing was written anywhere.
 */
export async function workspaceSnapshot(sql: { all<T>(q: string): Promise<T[]> }): Promise<string> {
  const { DATASETS } = await import('../../analytics/import/datasets.js');
  const tables = [...new Set(['districts', 'import_batches', 'compute_runs', 'indicator_values', ...Object.values(DATASETS).map((d) => d.table)])];
  const parts: string[] = [];
  for (const t of tables) {
    const rows = await sql.all<Record<string, unknown>>(`SELECT * FROM ${t} ORDER BY ALL`);
    parts.push(`${t}:${JSON.stringify(rows, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))}`);
  }
  return parts.join('\n');
}

/**
 * A generated CSV, XLSX or GeoJSON file back as text rows (header first; an XLSX title row above the header dropped;
 * Excel dates as ISO text), so that a test can write the same data in another form.
 */
export async function readTable(path: string): Promise<string[][]> {
  const { readFile } = await import('node:fs/promises');
  if (/\.xlsx$/i.test(path)) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const rows: string[][] = [];
    wb.worksheets[0]!.eachRow((row) => {
      const values = (row.values as ExcelJS.CellValue[]).slice(1);
      rows.push(values.map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v === null || v === undefined ? '' : String(v))));
    });
    return rows[0]!.filter((c) => c !== '').length === 1 ? rows.slice(1) : rows;
  }
  if (/\.geojson$/i.test(path)) {
    // a FeatureCollection as a table: the properties, then the geometry as GeoJSON text
    const fc = JSON.parse(await readFile(path, 'utf8')) as { features: { properties: Record<string, unknown>; geometry: unknown }[] };
    const keys = [...new Set(fc.features.flatMap((f) => Object.keys(f.properties)))];
    return [[...keys, 'geometry'], ...fc.features.map((f) => [...keys.map((k) => String(f.properties[k] ?? '')), JSON.stringify(f.geometry)])];
  }
  const bytes = await readFile(path);
  const utf8 = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  const text = utf8.includes('\ufffd') ? iconv.decode(bytes, 'gb18030') : utf8.replace(/^\ufeff/, '');
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') quoted = false; else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') { row.push(cell); cell = ''; } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell); rows.push(row); row = []; cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
  return rows;
}
