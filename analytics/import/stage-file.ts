// Reads one input file into a temporary all-text table (c0, c1, … plus the data-row number), after finding its
// encoding, delimiter or sheet, header row and dataset. Parsing and validation then happen in SQL (parse-rows.ts).
import { open, readFile, stat, rm } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { Sql } from '../workspace.js';
import { UserError } from '../errors.js';
import { importScratchDirectory } from '../workspace-memory.js';
import { sqlIdent, sqlPath, sqlString } from '../sql.js';
import type { DatasetName } from './datasets.js';
import { guessHeader, mapHeaders, normaliseHeader, type HeaderContext, type HeaderMapping } from './header-match.js';
import { decodeSample, detectEncoding, isBinary, bomMismatchReason, lineEncodings, mixedReason, transcodeToUtf8, undecodableReason, type TextEncodingName } from './text-encoding.js';
import { checkXlsxContainer, sheetWithoutCellReferences, wrongContainer } from './xlsx-container.js';
import { InflatedTooLarge } from './zip-parts.js';
import { notesWarning, trailingNotes } from './csv-notes.js';
import { archiveHeaderIndex, stageAirArchive } from './air-archive.js';
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
  /** What was left out of the file that the user should know (notes under the data, columns not used). */
  warnings?: string[];
  /** Staged column holding the first cell beyond the header's columns, where the reader can see it (CSV). */
  extraColumn?: string;
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
  if (size === 0) throw refuse(fileName, '文件为空（0 字节），可能导出或复制没有完成；请从原系统重新导出');
  const table = `zt_stage_${process.pid}_${++stagingCounter}`;
  const ext = extname(path).toLowerCase();
  if (ext === '.xlsx') {
    // The zip directory is checked before exceljs sees the file: not a zip, cut short, or a zip bomb.
    await checkXlsxContainer(path).catch((e: unknown) => {
      throw e instanceof UserError ? e : refuse(fileName, `无法读取 Excel 文件（${(e as Error).message}）`);
    }).then((problem) => {
      if (problem) throw refuse(fileName, problem);
    });
    const sniff = await sniffXlsx(path, SNIFF_LINES, ctx).catch(async (e: unknown) => {
      if (e instanceof UserError) throw e;
      if (e instanceof InflatedTooLarge) throw refuse(fileName, e.message);
      const noRefs = await sheetWithoutCellReferences(path).catch(() => undefined);
      if (noRefs) throw refuse(fileName, noCellReferences(noRefs));
      throw refuse(fileName, `无法读取 Excel 文件（${(e as Error).message}），请确认文件为 .xlsx 格式且未损坏`);
    });
    if (!sniff) throw refuse(fileName, notRecognised(forced), 'DATASET_NOT_RECOGNISED');
    checkColumnCount(fileName, sniff.headers, `工作表“${sniff.sheet}”第 ${sniff.headerRow} 行`);
    const mapping = checkedMapping(fileName, sniff.headers, sniff.dataset, forced);
    const { rows, notes } = await readXlsxIntoTable(sql, path, sniff, table).catch(async (e: unknown) => {
      if (e instanceof UserError) throw e;
      if (e instanceof InflatedTooLarge) throw refuse(fileName, e.message);
      const noRefs = await sheetWithoutCellReferences(path).catch(() => undefined);
      if (noRefs) throw refuse(fileName, noCellReferences(noRefs));
      throw refuse(fileName, `读取 Excel 工作表“${sniff.sheet}”失败（${firstLine((e as Error).message)}），文件可能已损坏；请在 Excel 中打开并另存为 .xlsx 后重新导入`);
    });
    const warnings = [notesWarning({ firstCells: [], lines: notes })].filter((w): w is string => w !== undefined);
    return {
      path, fileName, size, encoding: 'xlsx', sheet: sniff.sheet, headerRow: sniff.headerRow, headers: sniff.headers, mapping, table,
      kind: 'table', rowExpr: '__row', rows, ...(warnings.length ? { warnings } : {}),
    };
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

const noCellReferences = (sheetPart: string) =>
  `工作表（${sheetPart}）的单元格没有位置信息（缺少“r”属性，常见于非 Excel 程序生成的 .xlsx），无法按行列读取；` +
  '请用 Excel 或 WPS 打开该文件并另存为 .xlsx 后重新导入';

/** Columns a header may have: the widest dataset has far fewer; 20,000 would exhaust memory in DuckDB's reader. */
const MAX_COLUMNS = 1000;

function checkColumnCount(fileName: string, headers: string[], where: string): void {
  if (headers.length <= MAX_COLUMNS) return;
  throw refuse(fileName, `表头（${where}）有 ${headers.length} 列，超过上限 ${MAX_COLUMNS} 列，不像是一张数据表；` +
    '请删除多余的列（常见于整行被填充或复制时带上了空列），或从原系统重新导出');
}

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
  if (!guess) throw refuse(fileName, notRecognised(forced), 'DATASET_NOT_RECOGNISED');
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
  if (format === 'json') {
    const container = wrongContainer(await readHead(path, 8), extname(path));
    if (container) throw refuse(fileName, container);
  }
  const source = format === 'parquet' ? `read_parquet(${sqlPath(path)})` : `read_json_auto(${sqlPath(path)})`;
  const described = await sql.all<{ column_name: string }>(`DESCRIBE SELECT * FROM ${source}`).catch((e: Error) => {
    throw refuse(fileName, format === 'parquet'
      ? `不是有效的 Parquet 文件，或文件已损坏（${firstLine(e.message)}）；请从原系统重新导出`
      : `不是有效的 JSON 数据：应为记录数组或每行一条记录（${firstLine(e.message)}）；请检查文件是否完整，或从原系统重新导出`);
  });
  const headers = described.map((d) => d.column_name);
  const guess = guessHeader([headers], ctx);
  if (!guess) throw refuse(fileName, notRecognised(forced), 'DATASET_NOT_RECOGNISED');
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
  const container = wrongContainer(sample, extname(path).toLowerCase());
  if (container) throw refuse(fileName, container);
  const utf16 = (sample[0] === 0xff && sample[1] === 0xfe) || (sample[0] === 0xfe && sample[1] === 0xff);
  if (utf16 || isBinary(sample)) throw refuse(fileName, undecodableReason(sample));
  const encoding = detectEncoding(sample);
  if (!encoding) throw refuse(fileName, undecodableReason(sample));
  if (encoding === 'utf-8-bom') {
    // The mark says UTF-8; the lines may say otherwise (a GBK file given a BOM by a tool that did not convert it).
    const mismatch = bomMismatchReason(sample);
    if (mismatch) throw refuse(fileName, mismatch);
  }
  if (encoding === 'gb18030') {
    // UTF-8 lines among GB18030 ones: decoding all as GB18030 would garble them without an error.
    const lines = lineEncodings(sample);
    if (lines.firstUtf8 && lines.firstGb) throw refuse(fileName, mixedReason(lines.firstUtf8, lines.firstGb));
  }
  const text = decodeSample(sample, encoding);
  if (text.replace(/^\ufeff/, '').replace(/[\s,;|\t]/g, '') === '') {
    throw refuse(fileName, '文件没有内容（只有空行、分隔符或字节顺序标记 BOM）；请确认导出时包含了表头和数据');
  }
  if (!forced || forced === 'air_hourly') {
    for (const delimiter of DELIMITERS) {
      const lines = parseCsvLines(text, delimiter, SNIFF_LINES);
      const at = archiveHeaderIndex(lines);
      if (at >= 0) {
        return stageArchiveCsv(sql, { path, fileName, size, table, ctx, encoding, delimiter, headerIndex: at, headers: lines[at]!.map((h) => h.trim()) });
      }
    }
  }
  let best: { delimiter: string; lines: string[][]; guess: NonNullable<ReturnType<typeof guessHeader>> } | undefined;
  for (const delimiter of DELIMITERS) {
    const lines = parseCsvLines(text, delimiter, SNIFF_LINES);
    const guess = guessHeader(lines, ctx);
    if (guess && (!best || guess.score > best.guess.score)) best = { delimiter, lines, guess };
  }
  if (!best) {
    // Not even one whole line in the sample: no table has a header row that long.
    if (sample.length === SNIFF_BYTES && !/[\r\n]/.test(text)) {
      throw refuse(fileName, `第 1 行过长（前 ${SNIFF_BYTES / 1024} KB 内没有换行），不是正常的表头行；请确认文件是每行一条记录的表格`);
    }
    throw refuse(fileName, notRecognised(forced), 'DATASET_NOT_RECOGNISED');
  }
  const headerIndex = best.guess.headerIndex;
  // A units row under the header is skipped (its line still counts in the row numbers, like an empty line)
  // and folded into the headers, where the units decide conversions.
  const unitsRow = best.lines[headerIndex + 1] !== undefined && isUnitsRow(best.lines[headerIndex + 1]!);
  const plainHeaders = best.lines[headerIndex]!.map((h) => h.trim());
  const headers = unitsRow ? withUnits(plainHeaders, best.lines[headerIndex + 1]!) : plainHeaders;
  checkColumnCount(fileName, headers, `第 ${headerIndex + 1} 行`);
  const mapping = checkedMapping(fileName, headers, best.guess.dataset, forced);

  const { readPath, cleanup } = await utf8Copy(sql, path, fileName, encoding);
  // Notes under the data (“注：…” alone in the first column, and the lines of a note block at the end) are not records.
  const notes = await trailingNotes(path, size, encoding, best.delimiter);
  // Said as "a data row is …" with its cheap tests first: DuckDB then runs the regex only on lines whose other
  // cells are all empty, not on every line of a large file.
  const dataRows = [
    ...(headers.length > 1 ? [`(${headers.slice(1).map((_, i) => `c${i + 1} IS NOT NULL`).join(' OR ')} OR NOT coalesce(regexp_matches(trim(c0), ${sqlString(NOTE_START)}), false))`] : []),
    ...(notes.firstCells.length ? [`NOT coalesce(trim(c0) IN (${notes.firstCells.map(sqlString).join(', ')}), false)`] : []),
  ];
  const notNote = dataRows.length ? `WHERE ${dataRows.join(' AND ')}` : '';
  const reader = csvReader(readPath, headerIndex + 1 + (unitsRow ? 1 : 0), best.delimiter, headers.length, notNote);
  const base = {
    path, fileName, size, encoding, sheet: null, headerRow: headerIndex + 1, headers, mapping, table, cleanup,
    skippedLines: unitsRow ? [headerIndex + 2] : [],
    extraColumn: 'c_extra',
    warnings: [notesWarning(notes)].filter((w): w is string => w !== undefined),
  };
  if (mapping.form === 'long') {
    // Read when parsed; reading errors surface then (see parseStaged).
    await sql.run(`CREATE TEMP VIEW ${table} AS SELECT * FROM ${reader}`);
    return { ...base, kind: 'view', rowExpr: null, rows: null };
  }
  try {
    await sql.run(`CREATE TEMP TABLE ${table} AS SELECT * FROM ${reader}`).catch((e: Error) => {
      throw csvReadError(fileName, e.message);
    });
  } finally {
    await cleanup?.();
  }
  // The staging table keeps file order (preserve_insertion_order), so rowids run in file order from their
  // first value; inside a transaction they start at a large offset, hence the subtraction.
  const count = await sql.one<{ n: number; first: bigint | number | null }>(`SELECT count(*) AS n, min(rowid) AS first FROM ${table}`);
  return { ...base, cleanup: undefined, kind: 'table', rowExpr: `(rowid - ${count?.first ?? 0} + 1)::INTEGER`, rows: count?.n ?? 0 };
}

/** DuckDB's reader over the data lines of a (UTF-8) CSV: every cell text, in columns c0…, plus c_extra. */
function csvReader(readPath: string, skip: number, delimiter: string, width: number, where: string): string {
  // One column more than the header: a row with more cells than the header shows there (the reader drops the rest).
  const columns = [...Array.from({ length: width }, (_, i) => `'c${i}': 'VARCHAR'`), "'c_extra': 'VARCHAR'"].join(', ');
  return `(SELECT * FROM read_csv(${sqlPath(readPath)}, header = false, skip = ${skip}, auto_detect = false,
    delim = ${sqlString(delimiter)}, quote = '"', escape = '"', columns = {${columns}},
    null_padding = true, strict_mode = false, max_line_size = ${MAX_LINE_BYTES}, encoding = 'utf-8') ${where})`;
}

/**
 * The file itself, or for GB18030 a UTF-8 copy (DuckDB reads UTF-8) and its removal. The copy is as large as
 * the file: it goes in the workspace's spill folder, whose disk holds the workspace anyway, rather than in a
 * system temp folder that may be small; a copy left by a crash is removed when the workspace is next opened.
 */
async function utf8Copy(sql: Sql, path: string, fileName: string, encoding: TextEncodingName): Promise<{ readPath: string; cleanup?: () => Promise<void> }> {
  if (encoding !== 'gb18030') return { readPath: path };
  const db = await sql.one<{ path: string | null }>('SELECT path FROM duckdb_databases() WHERE database_name = current_database()');
  const tempDir = await importScratchDirectory(db?.path ?? null);
  const cleanup = () => rm(tempDir, { recursive: true, force: true });
  const readPath = join(tempDir, 'utf8.csv');
  await transcodeToUtf8(path, readPath).catch(async (e: Error) => {
    await cleanup();
    throw refuse(fileName, `文件中有无法按 GB18030 解码的字节（${e.message}），请检查文件是否损坏或混用了编码`);
  });
  return { readPath, cleanup };
}

/** The public hourly archive (`date,hour,type,<station codes…>`), staged as the long air table (air-archive.ts). */
async function stageArchiveCsv(sql: Sql, a: {
  path: string; fileName: string; size: number; table: string; ctx: HeaderContext; encoding: TextEncodingName;
  delimiter: string; headerIndex: number; headers: string[];
}): Promise<StagedFile> {
  const { readPath, cleanup } = await utf8Copy(sql, a.path, a.fileName, a.encoding);
  try {
    const reader = csvReader(readPath, a.headerIndex + 1, a.delimiter, a.headers.length, '');
    const staged = await stageAirArchive(sql, reader, a.headers, a.table).catch((e: Error) => {
      throw /CSV Error/.test(e.message) ? csvReadError(a.fileName, e.message) : e;
    });
    if (!staged) {
      throw refuse(a.fileName, `文件是公开小时数据归档格式（date,hour,type,站点编码…），但其中的 ${a.headers.length - 3} 个站点编码都不在工作空间的站点名录中；` +
        '请先导入空气站点名录（含这些站点），再导入本文件');
    }
    const mapping = checkedMapping(a.fileName, staged.headers, a.ctx.datasets.air_hourly, a.ctx.forced);
    return {
      path: a.path, fileName: a.fileName, size: a.size, encoding: a.encoding, sheet: null, headerRow: a.headerIndex + 1,
      headers: staged.headers, mapping, table: a.table, kind: 'table', rowExpr: '__row', rows: staged.rows, warnings: staged.warnings,
    };
  } finally {
    await cleanup?.();
  }
}

function checkedMapping(fileName: string, headers: string[], dataset: HeaderMapping['dataset'], forced?: DatasetName): HeaderMapping {
  const mapping = mapHeaders(headers, dataset);
  // Two columns under one name: which one holds the data is anybody's guess, so neither is taken.
  const twice = mapping.matches.flatMap((m) => {
    const same = headers.flatMap((h, i) => (i !== m.index && normaliseHeader(h) === normaliseHeader(m.header) ? [i] : []));
    return same.length ? [{ header: m.header, at: [m.index, ...same].sort((a, b) => a - b).map((i) => i + 1) }] : [];
  });
  if (twice.length > 0) {
    throw new UserError('DUPLICATE_COLUMNS',
      `文件“${fileName}”的表头中有重复的列：${twice.map((t) => `“${t.header}”（第 ${t.at.join('、')} 列）`).join('；')}。无法确定取哪一列，请删除或改名多余的列后重新导入`,
      twice.map((t) => ({ file: fileName, row: 0, column: t.header, value: null, reason: `列名“${t.header}”出现了 ${t.at.length} 次（第 ${t.at.join('、')} 列）` })));
  }
  if (mapping.missing.length > 0) {
    throw new UserError(
      'MISSING_COLUMNS',
      `文件“${fileName}”（识别为${dataset.label}）缺少必需的列：${mapping.missing.map((c) => c.label).join('、')}`,
      mapping.missing.map((c) => ({
        file: fileName, row: 0, column: c.label, value: null,
        reason: `缺少必需的列“${c.label}”（可用的列名：${c.synonyms.slice(0, 4).join('、')}）${forced ? '' : '；若数据集识别有误，请指定数据集并把表头对应到它的列'}`,
      })),
    );
  }
  return mapping;
}

function notRecognised(forced?: DatasetName): string {
  return forced
    ? `在文件前 ${SNIFF_LINES} 行中找不到“${forced}”数据集的表头；请检查列名，并删除表头上方多余的说明行`
    : `无法识别数据集：在文件前 ${SNIFF_LINES} 行中找不到已知的表头（如“站点编码、监测时间、污染物、浓度”）；请检查列名，` +
      `删除表头上方多余的说明行（表头须在前 ${SNIFF_LINES} 行内），或指定数据集并把表头对应到它的列`;
}

/** A file refused as a whole; DATASET_NOT_RECOGNISED when no known header was found (a client can then offer to
 *  name the dataset and map the headers: the CLI's --dataset/--map, the import page's dialog). */
export function refuse(fileName: string, reason: string, code: 'FILE_REFUSED' | 'DATASET_NOT_RECOGNISED' = 'FILE_REFUSED'): UserError {
  return new UserError(code, `文件“${fileName}”被拒绝：${reason}`, [{ file: fileName, row: 0, column: '', value: null, reason }]);
}

/** A CSV line longer than this is not a record (a 1 MB cell still fits). */
const MAX_LINE_BYTES = 16 * 1024 * 1024;

/** DuckDB's CSV reading error, said in Chinese with the file's line. */
export function csvReadError(fileName: string, message: string): UserError {
  const line = /CSV Error on Line: (\d+)/.exec(message)?.[1];
  const where = line ? `文件第 ${line} 行` : '文件中有一行';
  if (/Maximum line size/i.test(message)) {
    return refuse(fileName, `${where}过长（超过 ${MAX_LINE_BYTES / 1024 / 1024} MB），不像是一条记录：可能是某个引号没有闭合，或文件不是逐行的表格；请检查该行`);
  }
  const detail = message.split('\n').map((l) => l.trim()).find((l) => l && !/^(Invalid Input Error|Original Line)/.test(l)) ?? firstLine(message);
  return refuse(fileName, `${where}无法按 CSV 读取（${detail.slice(0, 200)}）；请检查该行的引号和分隔符`);
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

