// Reads one input file into a temporary all-text table (c0, c1, … plus the data-row number), after finding its
// encoding, delimiter or sheet, header row and dataset. Parsing and validation then happen in SQL (parse-rows.ts).
import { open, readFile, stat, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import type { Sql } from '../workspace.js';
import { UserError } from '../errors.js';
import { sqlIdent, sqlString } from '../sql.js';
import type { DatasetName } from './datasets.js';
import { guessHeader, mapHeaders, type HeaderContext, type HeaderMapping } from './header-match.js';
import { decodeSample, detectEncoding, transcodeToUtf8, type TextEncodingName } from './text-encoding.js';
import { DELIMITERS, parseCsvLines } from './csv-lines.js';
import { readXlsxIntoTable, sniffXlsx } from './xlsx-stage.js';
import { NOTE_START, isUnitsRow, withUnits } from './layout-rows.js';

export interface StagedFile {
  path: string;
  fileName: string;
  size: number;
  encoding: TextEncodingName | 'xlsx' | 'parquet' | 'json' | 'geojson';
  sheet: string | null;
  /** 1-based line (CSV) or row (XLSX) of the header in the file. */
  headerRow: number;
  headers: string[];
  mapping: HeaderMapping;
  /** Temporary table (or view) holding the cells as text in columns c0…cN. */
  table: string;
  /**
   * A view reads the file when parsed (long CSV: no text copy held in memory); a table is materialised
   * (XLSX, and wide CSV, which is read once per pollutant column).
   */
  kind: 'table' | 'view';
  /** SQL giving a staged row's data-row number (1 = first row under the header); null for a view, whose
   *  parsed rows keep file order and are numbered from their rowids. */
  rowExpr: string | null;
  /** Data rows in the file; for a view, known once parsed. */
  rows: number | null;
  /** Removes a transcoded temporary copy, once the file has been read. */
  cleanup?: () => Promise<void>;
  /** Physical lines under the header that are not data (a units row): numbered around, like empty lines. */
  skippedLines?: number[];
}

const SNIFF_BYTES = 256 * 1024;
const SNIFF_LINES = 40;
let stagingCounter = 0;

export async function stageFile(sql: Sql, path: string, ctx: HeaderContext): Promise<StagedFile> {
  const forced = ctx.forced;
  const fileName = basename(path);
  const size = await stat(path).then((s) => s.size, () => {
    throw new UserError('FILE_MISSING', `找不到文件：${path}`, [{ file: fileName, row: 0, column: '', value: null, reason: '文件不存在或无法读取' }]);
  });
  if (size === 0) throw refuse(fileName, '文件为空');
  const table = `zt_stage_${process.pid}_${++stagingCounter}`;
  const ext = extname(path).toLowerCase();
  if (ext === '.xlsx') {
    const sniff = await sniffXlsx(path, SNIFF_LINES, ctx).catch((e: unknown) => {
      if (e instanceof UserError) throw e;
      throw refuse(fileName, `无法读取 Excel 文件（${(e as Error).message}），请确认文件为 .xlsx 格式且未损坏`);
    });
    if (!sniff) throw refuse(fileName, notRecognised(forced));
    const mapping = checkedMapping(fileName, sniff.headers, sniff.dataset, forced);
    const rows = await readXlsxIntoTable(sql, path, sniff, table);
    return { path, fileName, size, encoding: 'xlsx', sheet: sniff.sheet, headerRow: sniff.headerRow, headers: sniff.headers, mapping, table, kind: 'table', rowExpr: '__row', rows };
  }
  if (ext === '.geojson' || (ext === '.json' && (await looksLikeGeoJson(path)))) {
    return stageGeoJson(sql, path, fileName, size, table, ctx);
  }
  if (ext === '.parquet' || ext === '.json' || ext === '.jsonl' || ext === '.ndjson') {
    return stageColumnar(sql, path, fileName, size, table, ext === '.parquet' ? 'parquet' : 'json', ctx);
  }
  if (ext !== '.csv' && ext !== '.txt') {
    throw refuse(fileName, `不支持的文件类型“${ext || '无扩展名'}”，请提供 .csv、.xlsx、.parquet 或 .json 文件`);
  }
  return stageCsv(sql, path, fileName, size, table, ctx);
}

const MAX_GEOJSON_BYTES = 512 * 1024 * 1024;

async function looksLikeGeoJson(path: string): Promise<boolean> {
  const head = new TextDecoder().decode(await readHead(path, 4096));
  return /"type"\s*:\s*"FeatureCollection"/.test(head);
}

/**
 * GeoJSON (units with their boundaries, or points): each feature's properties are a row, its geometry a
 * `geometry` column holding the GeoJSON text. Coordinates are CGCS2000 lon/lat as the zoning results deliver them.
 */
async function stageGeoJson(sql: Sql, path: string, fileName: string, size: number, table: string, ctx: HeaderContext): Promise<StagedFile> {
  const forced = ctx.forced;
  if (size > MAX_GEOJSON_BYTES) throw refuse(fileName, `GeoJSON 文件过大（超过 ${MAX_GEOJSON_BYTES / 1024 / 1024} MB），请按区县拆分后导入`);
  let doc: { type?: string; features?: { properties?: Record<string, unknown> | null; geometry?: unknown }[] };
  try {
    doc = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    throw refuse(fileName, `不是有效的 GeoJSON（${firstLine((e as Error).message)}）`);
  }
  if (doc.type !== 'FeatureCollection' || !Array.isArray(doc.features)) throw refuse(fileName, 'GeoJSON 应为 FeatureCollection');
  const keys: string[] = [];
  for (const f of doc.features) for (const k of Object.keys(f.properties ?? {})) if (!keys.includes(k)) keys.push(k);
  const headers = [...keys, 'geometry'];
  const guess = guessHeader([headers], ctx);
  if (!guess) throw refuse(fileName, notRecognised(forced));
  const mapping = checkedMapping(fileName, headers, guess.dataset, forced);
  await sql.run(`CREATE TEMP TABLE ${table} (${headers.map((_, i) => `c${i} VARCHAR`).join(', ')}, __row INTEGER)`);
  const appender = await sql.connection().createAppender(table, 'main', 'temp');
  try {
    doc.features.forEach((f, n) => {
      for (const k of keys) {
        const v = f.properties?.[k];
        if (v === null || v === undefined) appender.appendNull();
        else appender.appendVarchar(typeof v === 'object' ? JSON.stringify(v) : String(v));
      }
      if (f.geometry) appender.appendVarchar(JSON.stringify(f.geometry));
      else appender.appendNull();
      appender.appendInteger(n + 1);
      appender.endRow();
    });
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
  return {
    path, fileName, size, encoding: 'geojson', sheet: null, headerRow: 1, headers, mapping, table, kind: 'table',
    rowExpr: '__row', rows: doc.features.length,
  };
}

/**
 * Parquet and JSON (an array of records, or one record per line) carry their own column names and types;
 * every column is staged as text so that the same reading and checks apply as for CSV.
 */
async function stageColumnar(
  sql: Sql, path: string, fileName: string, size: number, table: string, format: 'parquet' | 'json', ctx: HeaderContext,
): Promise<StagedFile> {
  const forced = ctx.forced;
  const source = format === 'parquet' ? `read_parquet(${sqlString(path)})` : `read_json_auto(${sqlString(path)})`;
  const described = await sql.all<{ column_name: string }>(`DESCRIBE SELECT * FROM ${source}`).catch((e: Error) => {
    throw refuse(fileName, format === 'parquet'
      ? `无法读取 Parquet 文件（${firstLine(e.message)}）`
      : `无法读取 JSON 文件：应为记录数组或每行一条记录（${firstLine(e.message)}）`);
  });
  const headers = described.map((d) => d.column_name);
  const guess = guessHeader([headers], ctx);
  if (!guess) throw refuse(fileName, notRecognised(forced));
  const mapping = checkedMapping(fileName, headers, guess.dataset, forced);
  await sql.run(`CREATE TEMP TABLE ${table} AS SELECT ${headers.map((h, i) => `CAST(${sqlIdent(h)} AS VARCHAR) AS c${i}`).join(', ')} FROM ${source}`)
    .catch((e: Error) => {
      throw refuse(fileName, `读取文件失败：${firstLine(e.message)}`);
    });
  const count = await sql.one<{ n: number; first: number | null }>(`SELECT count(*) AS n, min(rowid) AS first FROM ${table}`);
  return {
    path, fileName, size, encoding: format, sheet: null, headerRow: 1, headers, mapping, table, kind: 'table',
    rowExpr: `(rowid - ${count?.first ?? 0} + 1)::INTEGER`, rows: count?.n ?? 0,
  };
}

async function stageCsv(sql: Sql, path: string, fileName: string, size: number, table: string, ctx: HeaderContext): Promise<StagedFile> {
  const forced = ctx.forced;
  const sample = await readHead(path, SNIFF_BYTES);
  const encoding = detectEncoding(sample);
  if (!encoding) throw refuse(fileName, '无法识别文件编码（既不是 UTF-8 也不是 GB18030/GBK），请另存为 UTF-8 编码的 CSV');
  const text = decodeSample(sample, encoding);
  let best: { delimiter: string; lines: string[][]; guess: NonNullable<ReturnType<typeof guessHeader>> } | undefined;
  for (const delimiter of DELIMITERS) {
    const lines = parseCsvLines(text, delimiter, SNIFF_LINES);
    const guess = guessHeader(lines, ctx);
    if (guess && (!best || guess.score > best.guess.score)) best = { delimiter, lines, guess };
  }
  if (!best) throw refuse(fileName, notRecognised(forced));
  const headerIndex = best.guess.headerIndex;
  // A units row under the header is skipped (its line still counts in the row numbers, like an empty line)
  // and folded into the headers, where the units decide conversions.
  const unitsRow = best.lines[headerIndex + 1] !== undefined && isUnitsRow(best.lines[headerIndex + 1]!);
  const plainHeaders = best.lines[headerIndex]!.map((h) => h.trim());
  const headers = unitsRow ? withUnits(plainHeaders, best.lines[headerIndex + 1]!) : plainHeaders;
  const mapping = checkedMapping(fileName, headers, best.guess.dataset, forced);

  let readPath = path;
  let cleanup: (() => Promise<void>) | undefined;
  if (encoding === 'gb18030') {
    const tempDir = await mkdtemp(join(tmpdir(), 'zonetrack-'));
    cleanup = () => rm(tempDir, { recursive: true, force: true });
    readPath = join(tempDir, 'utf8.csv');
    await transcodeToUtf8(path, readPath).catch(async (e: Error) => {
      await cleanup?.();
      throw refuse(fileName, `文件中有无法按 GB18030 解码的字节（${e.message}），请检查文件是否损坏或混用了编码`);
    });
  }
  const columns = headers.map((_, i) => `'c${i}': 'VARCHAR'`).join(', ');
  // Notes under the data (“注：…” alone in the first column) are not records.
  const notNote = headers.length > 1
    ? `WHERE NOT (coalesce(regexp_matches(trim(c0), ${sqlString(NOTE_START)}), false) AND ${headers.slice(1).map((_, i) => `c${i + 1} IS NULL`).join(' AND ')})`
    : '';
  const reader = `(SELECT * FROM read_csv(${sqlString(readPath)}, header = false, skip = ${headerIndex + 1 + (unitsRow ? 1 : 0)}, auto_detect = false,
    delim = ${sqlString(best.delimiter)}, quote = '"', escape = '"', columns = {${columns}},
    null_padding = true, strict_mode = false, encoding = 'utf-8') ${notNote})`;
  const base = {
    path, fileName, size, encoding, sheet: null, headerRow: headerIndex + 1, headers, mapping, table, cleanup,
    skippedLines: unitsRow ? [headerIndex + 2] : [],
  };
  if (mapping.form === 'long') {
    // Read when parsed; reading errors surface then (see parseStaged).
    await sql.run(`CREATE TEMP VIEW ${table} AS SELECT * FROM ${reader}`);
    return { ...base, kind: 'view', rowExpr: null, rows: null };
  }
  try {
    await sql.run(`CREATE TEMP TABLE ${table} AS SELECT * FROM ${reader}`).catch((e: Error) => {
      throw refuse(fileName, `读取 CSV 失败：${firstLine(e.message)}`);
    });
  } finally {
    await cleanup?.();
  }
  // The staging table keeps file order (preserve_insertion_order), so rowids run in file order from their
  // first value; inside a transaction they start at a large offset, hence the subtraction.
  const count = await sql.one<{ n: number; first: bigint | number | null }>(`SELECT count(*) AS n, min(rowid) AS first FROM ${table}`);
  return { ...base, cleanup: undefined, kind: 'table', rowExpr: `(rowid - ${count?.first ?? 0} + 1)::INTEGER`, rows: count?.n ?? 0 };
}

function checkedMapping(fileName: string, headers: string[], dataset: HeaderMapping['dataset'], forced?: DatasetName): HeaderMapping {
  const mapping = mapHeaders(headers, dataset);
  if (mapping.missing.length > 0) {
    throw new UserError(
      'MISSING_COLUMNS',
      `文件“${fileName}”（识别为${dataset.label}）缺少必需的列：${mapping.missing.map((c) => c.label).join('、')}`,
      mapping.missing.map((c) => ({
        file: fileName, row: 0, column: c.label, value: null,
        reason: `缺少必需的列“${c.label}”（可用的列名：${c.synonyms.slice(0, 4).join('、')}）${forced ? '' : '；若数据集识别有误，请用 --dataset 指定'}`,
      })),
    );
  }
  return mapping;
}

function notRecognised(forced?: DatasetName): string {
  return forced
    ? `在文件前 ${SNIFF_LINES} 行中找不到“${forced}”数据集的表头，请检查列名`
    : `无法识别数据集：在文件前 ${SNIFF_LINES} 行中找不到已知的表头（如“站点编码、监测时间、污染物、浓度”），可用 --dataset 指定`;
}

export function refuse(fileName: string, reason: string): UserError {
  return new UserError('FILE_REFUSED', `文件“${fileName}”被拒绝：${reason}`, [{ file: fileName, row: 0, column: '', value: null, reason }]);
}

export function firstLine(s: string): string {
  return s.split('\n')[0] ?? s;
}

async function readHead(path: string, bytes: number): Promise<Uint8Array> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

