// XLSX input through exceljs's streaming reader (the whole-workbook reader takes ~6× the memory).
// Title rows above the header are common: the header is the row among the first ones that names the most
// known columns. The sheet is chosen by content: the first sheet that has such a header.
import ExcelJS from 'exceljs';
import type { Readable } from 'node:stream';
import type { Sql } from '../workspace.js';
import type { DatasetSpec } from './datasets.js';
import { guessHeader, type HeaderContext } from './header-match.js';
import { isNoteRow, isPrefilledOnly, isUnitsRow, prefilledHeaders, withUnits } from './layout-rows.js';
import { openZipPart, readZipParts, type ZipPart } from './zip-parts.js';

export interface XlsxSniff {
  sheet: string;
  /** The sheet's place in the reader's order (0-based): tab order, so the same for every pass over a file. */
  sheetIndex: number;
  /** 1-based sheet row of the header (its lower row when it spans two). */
  headerRow: number;
  /** First row that may hold data (after a units row, if any). */
  dataFrom: number;
  headers: string[];
  dataset: DatasetSpec;
  /** 0-based columns a data-request template prefilled (named above the header, layout-rows.ts). */
  prefilled?: number[];
}

/** Text of one exceljs cell value as a person sees it; dates as 'YYYY-MM-DD HH:MM:SS' (exceljs gives UTC). */
export function cellText(v: ExcelJS.CellValue | undefined): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString().slice(0, 19).replace('T', ' ');
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return v;
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('formula' in v || 'sharedFormula' in v) {
    // A formula never calculated (written by a program, not saved by Excel) has no value: it is shown as the
    // formula, so that the check names it instead of reading it as an empty cell.
    const f = v as ExcelJS.CellFormulaValue & { sharedFormula?: string };
    if (f.result === undefined || f.result === null) return `=${f.formula ?? f.sharedFormula ?? ''}`;
    return cellText(f.result as ExcelJS.CellValue);
  }
  if ('text' in v) return String(v.text);
  // An Excel error (#DIV/0!, #N/A, #REF!) is not an empty cell: it is kept as written, so that it is reported.
  if ('error' in v) return String(v.error);
  return String(v);
}

function rowCells(values: ExcelJS.CellValue[] | { [key: string]: ExcelJS.CellValue }): (string | null)[] {
  // exceljs row values are 1-based: values[0] is empty
  const arr = Array.isArray(values) ? values.slice(1) : [];
  return arr.map((v) => cellText(v));
}

type StreamedSheet = AsyncIterable<ExcelJS.Row> & { name?: string; id: number | string; part?: ZipPart };

/** The parts of exceljs's streaming WorkbookReader that parse one part each (it has no public API for this). */
interface ReaderParts {
  model?: { sheets?: { rId: string }[] };
  workbookRels?: { Id: string; Target: string }[];
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: AsyncIterable<Buffer>, sheetNo: string): Generator<{ eventType: string; value: StreamedSheet }>;
}

const SHEET_PART = /^xl\/worksheets\/sheet(\d+)\.xml$/;

/**
 * The sheets of a workbook, streamed one at a time, in the workbook's tab order (then any sheet it does not
 * list). exceljs's own streaming reader goes through the zip front to back with unzipper's Parse, and a sheet
 * met before the shared strings and workbook.xml (exceljs's writer puts them after it) is set aside in a temp
 * file. Parse emits 'end' as soon as it has consumed the file's last byte, while parts it has already read
 * still wait in its buffer: when writing that temp file takes longer than parsing the small parts after it —
 * a busy machine — the reader stops early and never sees the shared strings, styles or workbook.xml, so the
 * sheet comes out without its text ("无法识别数据集") or fails ("reading 'sheets'"). Here the parts are found
 * through the zip's central directory and fed to exceljs's part parsers in the order a sheet needs them.
 */
async function* reader(path: string): AsyncGenerator<StreamedSheet> {
  const r = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit', entries: 'ignore',
  }) as unknown as ReaderParts;
  const parts = await readZipParts(path);
  const byName = new Map(parts.map((p) => [p.name, p]));
  const part = (name: string) => {
    const p = byName.get(name);
    return p && openZipPart(path, p);
  };
  const rels = await part('xl/_rels/workbook.xml.rels');
  if (rels) await r._parseRels(rels);
  const workbook = await part('xl/workbook.xml');
  if (workbook) await r._parseWorkbook(workbook);
  r.model ??= {}; // a workbook without workbook.xml: its sheets go on without names
  const styles = await part('xl/styles.xml');
  if (styles) await r._parseStyles(styles);
  const strings = await part('xl/sharedStrings.xml');
  if (strings) for await (const _ of r._parseSharedStrings(strings)) void _; // 'cache' fills r.sharedStrings
  const sheetParts = parts.filter((p) => SHEET_PART.test(p.name));
  const tabOrder = (r.model.sheets ?? []).map((s) => {
    const target = r.workbookRels?.find((rel) => rel.Id === s.rId)?.Target.replace(/^\/?(xl\/)?/, '');
    return sheetParts.findIndex((p) => p.name === `xl/${target}`);
  }).filter((i) => i >= 0);
  const order = [...new Set([...tabOrder, ...sheetParts.keys()])];
  for (const i of order) {
    const p = sheetParts[i]!;
    // opened when the sheet's rows are asked for: a sheet passed over holds no file open
    const bytes = { async *[Symbol.asyncIterator]() { yield* await openZipPart(path, p); } };
    for (const { value } of r._parseWorksheet(bytes, SHEET_PART.exec(p.name)![1]!)) yield Object.assign(value, { part: p });
  }
}

function sheetName(ws: StreamedSheet): string {
  return ws.name ?? `工作表${ws.id}`;
}

/**
 * Header candidates among the first rows: each row alone, and each row combined with the one under it (merged
 * two-row headers: a group title such as “浓度（μg/m³）” merged above SO2 | NO2 | …; the lower cell wins).
 */
function headerCandidates(lines: { number: number; cells: string[] }[]): { cells: string[]; firstRow: number; lastRow: number }[] {
  const out = lines.map((l) => ({ cells: l.cells, firstRow: l.number, lastRow: l.number }));
  for (let i = 0; i + 1 < lines.length; i++) {
    const [top, bottom] = [lines[i]!, lines[i + 1]!];
    if (bottom.number !== top.number + 1) continue;
    const width = Math.max(top.cells.length, bottom.cells.length);
    const cells = Array.from({ length: width }, (_, j) => bottom.cells[j] || top.cells[j] || '');
    out.push({ cells, firstRow: top.number, lastRow: bottom.number });
  }
  return out;
}

export async function sniffXlsx(path: string, maxRows: number, ctx: HeaderContext): Promise<XlsxSniff | undefined> {
  let index = -1;
  for await (const sheet of reader(path)) {
    const ws = sheet;
    index++;
    const lines: { number: number; cells: string[] }[] = [];
    for await (const row of ws) {
      if (lines.length < maxRows) lines.push({ number: row.number, cells: rowCells(row.values).map((c) => (c ?? '').trim()) });
      if (lines.length === maxRows) break; // each sheet is a stream of its own: no need to read this one to its end
    }
    const guessed = sniffLines(sheetName(ws), index, lines, ctx);
    if (guessed) return guessed;
  }
  return undefined;
}

function sniffLines(sheet: string, sheetIndex: number, lines: { number: number; cells: string[] }[], ctx: HeaderContext): XlsxSniff | undefined {
  const candidates = headerCandidates(lines);
  const guess = guessHeader(candidates.map((c) => c.cells), ctx);
  if (!guess) return undefined;
  const header = candidates[guess.headerIndex]!;
  const next = lines.find((l) => l.number === header.lastRow + 1);
  const unitsRow = next !== undefined && isUnitsRow(next.cells);
  const named = lines.filter((l) => l.number < header.firstRow).flatMap((l) => prefilledHeaders(l.cells));
  const prefilled = header.cells.flatMap((h, i) => (h !== '' && named.includes(h) ? [i] : []));
  return {
    sheet, sheetIndex, headerRow: header.lastRow, dataFrom: unitsRow ? header.lastRow + 2 : header.lastRow + 1,
    headers: unitsRow ? withUnits(header.cells, next.cells) : header.cells, dataset: guess.dataset,
    ...(prefilled.length ? { prefilled } : {}),
  };
}

/** Note lines under the data listed in a warning; more are counted, not kept. */
const MAX_NOTE_LINES = 100;

/**
 * Streams the rows under the header of one sheet into a temp table of text cells, up to a note (“注：…”);
 * returns the row count and the non-empty lines from the note on (cells joined by commas), which are not data.
 */
export async function readXlsxIntoTable(
  sql: Sql, path: string, sniff: XlsxSniff, table: string,
): Promise<{ rows: number; notes: string[] }> {
  const { sheetIndex, headerRow, dataFrom } = sniff;
  const width = sniff.headers.length;
  const cols = Array.from({ length: width }, (_, i) => `c${i} VARCHAR`).join(', ');
  await sql.run(`CREATE TEMP TABLE ${table} (${cols}, __row INTEGER)`);
  const appender = await sql.connection().createAppender(table, 'main', 'temp');
  let rows = 0;
  const notes: string[] = [];
  let merged: ZipPart | undefined;
  const prefilled = new Set(sniff.prefilled ?? []);
  try {
    let index = -1;
    for await (const sheet of reader(path)) {
      const ws = sheet;
      if (++index !== sheetIndex) continue;
      for await (const row of ws) {
        if (row.number < dataFrom) continue;
        const cells = rowCells(row.values);
        if (cells.every((c) => c === null || c.trim() === '') || isPrefilledOnly(cells, prefilled)) continue;
        if (notes.length > 0 || isNoteRow(cells)) {
          if (notes.length < MAX_NOTE_LINES) notes.push(cells.map((c) => (c ?? '').trim()).join(',').replace(/,+$/, ''));
          else break;
          continue;
        }
        for (let i = 0; i < width; i++) {
          const c = cells[i];
          if (c === null || c === undefined) appender.appendNull();
          else appender.appendVarchar(c);
        }
        appender.appendInteger(row.number - headerRow); // data rows counted from the first row under the header
        appender.endRow();
        rows++;
      }
      merged = ws.part;
      break;
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
  if (merged) await fillMergedCells(sql, path, merged, table, headerRow, dataFrom, width);
  return { rows, notes };
}

/** Sheets larger than this are not searched for merged cells (a data export has none; its XML would be read twice). */
const MERGE_SCAN_BYTES = 64 * 1024 * 1024;

/**
 * Merged cells under the header (a unit's code merged over the rows of its requirements): the streaming reader
 * sees only the top-left cell, so each merged range's other cells take its value, as a person reads the sheet.
 */
async function fillMergedCells(
  sql: Sql, path: string, part: ZipPart, table: string, headerRow: number, dataFrom: number, width: number,
): Promise<void> {
  if (part.uncompressedSize > MERGE_SCAN_BYTES) return;
  let xml = '';
  for await (const chunk of await openZipPart(path, part)) xml += (chunk as Buffer).toString('utf8');
  const ranges: { c1: number; c2: number; r1: number; r2: number }[] = [];
  for (const m of xml.matchAll(/<mergeCell\b[^>]*\bref="([A-Z]+)(\d+):([A-Z]+)(\d+)"/g)) {
    const col = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    const r = { c1: col(m[1]!), r1: Number(m[2]), c2: col(m[3]!), r2: Number(m[4]) };
    if (r.r1 >= dataFrom && r.c1 < width) ranges.push(r);
  }
  for (let j = 0; j < width; j++) {
    const spans = ranges.filter((r) => r.c1 <= j && j <= r.c2);
    if (spans.length === 0) continue;
    const values = spans.map((r) => `(${r.r1 - headerRow}, ${r.r2 - headerRow}, ${r.c1})`).join(', ');
    // the top-left cell of the range holds the value: same row for a vertical merge, first column for a wide one
    await sql.run(`UPDATE ${table} SET c${j} = s.v FROM (
        SELECT m.lo, m.hi, CASE m.c ${[...new Set(spans.map((r) => r.c1))].map((c) => `WHEN ${c} THEN x.c${c}`).join(' ')} END AS v
        FROM (VALUES ${values}) m(lo, hi, c) JOIN ${table} x ON x.__row = m.lo) s
      WHERE ${table}.__row BETWEEN s.lo AND s.hi AND ${table}.c${j} IS NULL`);
  }
}
