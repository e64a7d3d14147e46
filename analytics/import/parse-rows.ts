// Turns a staged all-text table into typed canonical columns, in SQL, and lists every cell that cannot be
// read with its row, column (as the file names it), value and reason.
import type { Sql } from '../workspace.js';
import type { RowError } from '../errors.js';
import { sqlString } from '../sql.js';
import { POLLUTANTS, type ColumnKind, type ColumnSpec } from './datasets.js';
import { csvReadError, firstLine, refuse, type StagedFile } from './stage-file.js';
import { enumKey } from './sql-macros.js';
import { columnLetter, excelPlace } from './excel-cells.js';

/**
 * Each kind is read in two passes: a fast expression that handles the forms most files use (plain numbers,
 * ISO times, canonical names) over every row, then a slow one (full-width digits, Chinese dates, Excel serials,
 * pollutant synonyms) only over the cells the fast one left empty.
 */
const CANONICAL_POLLUTANTS = POLLUTANTS.map(sqlString).join(', ');
type Reader = {
  fast: (x: string) => string;
  slow?: (x: string) => string;
  /** Cells that rightly read as no value although they are not empty ("ND": below the detection limit). */
  nullOk?: (x: string) => string;
};
/** Whole numbers, also when written with their unit ("3月", "第2季度", "Q2", "5个"). */
const INT_TEXT = (x: string) => `regexp_replace(zt_half(${x}), '^(第|Q|q)|(月份?|季度?|个|处|家|件|次|项)$', '', 'g')`;
/** The city as a whole: 'city', as the indicator engine names it. */
const CITY_NAMES = ['全市', '重庆市', '市本级', '市级'].map(sqlString).join(', ');
const READ: Record<Exclude<ColumnKind, 'enum'>, Reader> = {
  code: { fast: (x) => `zt_code(${x})` },
  text: { fast: (x) => `nullif(trim(${x}), '')` },
  number: { fast: (x) => `zt_finite(TRY_CAST(${x} AS DOUBLE))`, slow: (x) => `zt_num(${x})` },
  money: { fast: (x) => `zt_finite(TRY_CAST(${x} AS DOUBLE))`, slow: (x) => `zt_num(${x})` },
  measured: {
    fast: (x) => `zt_finite(TRY_CAST(${x} AS DOUBLE))`,
    slow: (x) => `coalesce(zt_num(${x}), zt_detection_limit(${x}))`,
    nullOk: (x) => `zt_below_detection(${x})`,
  },
  int: { fast: (x) => `zt_int(zt_finite(TRY_CAST(${x} AS DOUBLE)))`, slow: (x) => `zt_int(zt_num(${INT_TEXT(x)}))` },
  year: { fast: (x) => `zt_int(zt_finite(TRY_CAST(${x} AS DOUBLE)))`, slow: (x) => `zt_int(zt_num(regexp_replace(${x}, '年度?$', '')))` },
  date: { fast: (x) => `TRY_CAST(${x} AS TIMESTAMP)::DATE`, slow: (x) => `zt_date_slow(${x})` },
  // DuckDB's cast reads ISO forms, 2025/1/1 1:00 and hour-ending 24:00; a cell without ':' has no hour
  // (a bare date would silently become 00:00, the last hour of the day before).
  time: { fast: (x) => `CASE WHEN contains(${x}, ':') THEN TRY_CAST(${x} AS TIMESTAMP) END`, slow: (x) => `zt_time_slow(${x})` },
  flag: { fast: (x) => `nullif(upper(trim(${x})), '')` },
  bool: { fast: (x) => `zt_bool(${x})` },
  unitType: { fast: (x) => `zt_unit_type(${x})` },
  // list_contains, not IN: DuckDB plans an IN list as a join, and a join keeps the one-pass load from writing
  // rows in file order (direct-load.ts numbers them by that order).
  pollutant: { fast: (x) => `CASE WHEN list_contains([${CANONICAL_POLLUTANTS}], ${x}) THEN ${x} END`, slow: (x) => `zt_pollutant(${x})` },
  // Codes as written; names (渝中区, 万盛经开区, 全市) are looked up in the slow pass.
  entity: {
    fast: (x) => `CASE WHEN regexp_full_match(trim(${x}), '[0-9A-Za-z_-]+')
      THEN CASE WHEN upper(trim(${x})) IN ('CITY', '500000') THEN 'city' ELSE upper(trim(${x})) END END`,
    slow: (x) => `coalesce(CASE WHEN trim(${x}) IN (${CITY_NAMES}) THEN 'city' END,
      (SELECT d.district_code FROM districts d WHERE d.name IN (trim(${x}), trim(${x}) || '区', trim(${x}) || '县') LIMIT 1),
      (SELECT r.entity_code FROM reporting_entities r WHERE r.name = trim(${x}) LIMIT 1))`,
  },
};

/**
 * 'enum' columns: the fast pass takes the forms the declaration writes, exactly; the slow pass looks the
 * normalised cell up (zt_key: half-width, no spaces or bracketed notes, lower case). An open list keeps a value
 * it does not know as written.
 */
function enumReader(c: ColumnSpec): Reader {
  const values = c.values ?? {};
  // The stored values and each one's first synonym (an HJ 212 code) are the forms files mostly use: the fast
  // pass tries them first.
  const entries = Object.entries(values);
  const exact = new Map<string, string>(entries.flatMap(([v, syn]) => [[v, v], ...syn.slice(0, 1).map((f) => [f, v] as [string, string])]));
  const byKey = new Map<string, string>();
  for (const [v, syn] of entries) {
    for (const form of [v, ...syn]) {
      if (!exact.has(form)) exact.set(form, v);
      const key = enumKey(form);
      if (byKey.has(key) && byKey.get(key) !== v) throw new Error(`取值表冲突：${c.name} 的“${form}”同时指向 ${byKey.get(key)} 与 ${v}`);
      byKey.set(key, v);
    }
  }
  const when = [...exact].map(([form, v]) => `WHEN ${sqlString(form)} THEN ${sqlString(v)}`).join(' ');
  const lookup = (x: string) => `(MAP {${[...byKey].map(([k, v]) => `${sqlString(k)}: ${sqlString(v)}`).join(', ')}})[zt_key(${x})]`;
  return {
    fast: (x) => `CASE ${x} ${when} END`,
    slow: c.open ? (x) => `coalesce(${lookup(x)}, nullif(trim(${x}), ''))` : lookup,
  };
}

/** How a column is read; money in 万元 (said by its header) is converted to 元, to the fen. */
function readerOf(c: ColumnSpec, header: string | undefined): Reader {
  if (c.kind === 'enum') return enumReader(c);
  const r = READ[c.kind];
  if (c.kind === 'money' && header && /万元/.test(header)) {
    return { fast: (x) => `round(${r.fast(x)} * 10000, 2)`, slow: (x) => `round(${r.slow!(x)} * 10000, 2)` };
  }
  return r;
}

/**
 * The fast reading of a column's text `src`, and a condition that is true where the slow reading could give
 * a value the fast one did not (a one-pass load cannot take such a row: the two-pass parse reads it).
 * Missing markers ("—", "-99") read as no value in every slow reader of numbers and times; for names and
 * codes any text the fast reading left empty may still be looked up.
 */
export function fastReading(c: ColumnSpec, header: string | undefined): { typed: (src: string) => string; slowMayRead?: (typed: string, src: string) => string } {
  const r = readerOf(c, header);
  if (!r.slow) return { typed: r.fast };
  const numeric = ['number', 'money', 'measured', 'int', 'year', 'date', 'time'].includes(c.kind);
  return {
    typed: r.fast,
    slowMayRead: (typed, src) => `(${typed} IS NULL AND ${src} IS NOT NULL${numeric ? ` AND NOT zt_is_missing(${src})` : ''})`,
  };
}

const UNREADABLE: Record<ColumnKind, string> = {
  code: '编码为空',
  text: '内容为空',
  number: '不是有效的数字',
  money: '不是有效的金额',
  measured: '不是有效的监测值（数字，或低于检出限的写法如 ND、<0.01、0.01L）',
  int: '应为整数',
  year: '不是有效的年份',
  date: '无法识别的日期（可用格式如 2025-01-01、2025/1/1、2025年1月1日）',
  enum: '不是可接受的取值',
  time: '无法识别的日期时间，或缺少小时（可用格式如 2025-01-01 01:00、2025/1/1 1:00、2025年1月1日 1时）',
  flag: '',
  bool: '应为“是”或“否”',
  unitType: '管控单元类别应为 1/2/3 或 优先保护/重点管控/一般管控',
  pollutant: '未知的污染物名称（应为 SO2、NO2、CO、O3、PM10、PM2.5 之一）',
  entity: '无法识别的主体（应为区县代码或名称、管控单元编码、报送主体编码，或“全市”）',
};

/** Text longer than Excel lets a cell hold, or a code longer than any code: not one cell's content. */
const MAX_LENGTH: Partial<Record<ColumnKind, number>> = { text: 32767, code: 255 };

/** A formula (=…) or one of Excel's error values as a cell's text. */
const EXCEL_FORMULA_OR_ERROR = '^(=.|#(DIV/0!|N/A|REF!|VALUE!|NAME\\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA))';

/** How much of a cell a message shows. */
const SHOWN_CHARS = 200;

/** SQL types of typed columns, for a column derived after reading (its placeholder is created typed). */
const SQL_TYPE: Partial<Record<ColumnKind, string>> = {
  number: 'DOUBLE', money: 'DOUBLE', measured: 'DOUBLE', int: 'BIGINT', year: 'BIGINT', date: 'DATE', time: 'TIMESTAMP',
  bool: 'BOOLEAN', unitType: 'INTEGER',
};

export interface ParsedFile {
  /**
   * Temp table: __row, then per canonical column `<name>` (typed) and `<name>__raw` (the file's text, kept where
   * the typed value is missing or suspect); `__col_value` where the value's header varies per row (wide tables).
   */
  table: string;
  columns: ColumnSpec[];
  /** Header text per canonical column, for messages. */
  headerOf: Map<string, string>;
  /** SQL giving a parsed row's data-row number in the file. */
  rowExpr: string;
  /** Data rows read from the file. */
  rows: number;
  /** Wide tables: the column whose header is the row's `__col_value` (a problem with a cell names that header). */
  cellColumn?: string;
  /** The table has `__extra`: the first cell beyond the header's columns (CSV), set where a row has more cells. */
  extraCells?: boolean;
  /** Loaded in one pass (direct-load.ts): `table` shows this batch's rows in the canonical table. */
  batchId?: number;
  /** XLSX: the sheet row of the header (data row n is sheet row headerRow + n) and each header's column letters. */
  sheetCells?: { headerRow: number; letterOf: Map<string, string> };
  /** Known to repeat no key inside the file (the one-pass load's own grouping said so): the hash test is skipped. */
  keysUnique?: boolean;
}

/** Builds the typed table. Wide tables become one row per cell under a name header (pollutant, water item). */
export async function parseStaged(sql: Sql, staged: StagedFile, blankLines: number[] = []): Promise<ParsedFile> {
  const { mapping } = staged;
  const dataset = mapping.dataset;
  const headerOf = new Map(mapping.matches.map((m) => [m.column.name, m.header]));
  const rawOf = (name: string) => {
    const m = mapping.matches.find((x) => x.column.name === name);
    return m ? `c${m.index}` : 'NULL::VARCHAR';
  };
  let source: string;
  let columns: ColumnSpec[];
  let cellColumn: string | undefined;
  if (mapping.form === 'wide') {
    const wide = dataset.wide!;
    const base = mapping.matches.filter((m) => !wide.columns.includes(m.column));
    const cells = mapping.matches.filter((m) => wide.columns.includes(m.column));
    const kept = new Set([...base.map((m) => m.column.name), wide.name, wide.value]);
    columns = dataset.columns.filter((c) => kept.has(c.name));
    source = cells.map((m, i) => `SELECT ${staged.rowExpr ?? 'NULL::INTEGER'} AS __row,
        ${base.map((b) => `c${b.index} AS ${b.column.name}__src`).join(', ')},
        ${sqlString(m.column.name)} AS ${wide.name}__src, c${m.index} AS ${wide.value}__src, ${sqlString(m.header)} AS __col_value
        ${staged.extraColumn ? `, ${i === 0 ? staged.extraColumn : 'NULL::VARCHAR'} AS __extra` : ''}
      FROM ${staged.table}${wide.dropEmpty ? ` WHERE NOT zt_is_missing(c${m.index})` : ''}`).join('\nUNION ALL\n');
    headerOf.set(wide.name, `${columns.find((c) => c.name === wide.name)!.label}（列名）`);
    cellColumn = wide.value;
  } else {
    columns = mapping.matches.map((m) => m.column);
    source = `SELECT ${staged.rowExpr ? `${staged.rowExpr} AS __row, ` : ''}${columns.map((c) => `${rawOf(c.name)} AS ${c.name}__src`).join(', ')}
      ${staged.extraColumn ? `, ${staged.extraColumn} AS __extra` : ''} FROM ${staged.table}`;
  }
  // Columns the file gives in another form (year + month for a date): typed placeholders now, filled once read.
  const derived = Object.entries(dataset.derive ?? {})
    .filter(([name, d]) => !columns.some((c) => c.name === name) && d.from.every((f) => columns.some((c) => c.name === f)))
    .map(([name, d]) => ({ spec: dataset.columns.find((c) => c.name === name)!, ...d }));
  const placeholders = derived.map((d) => `, NULL::${SQL_TYPE[d.spec.kind] ?? 'VARCHAR'} AS ${d.spec.name}, NULL::VARCHAR AS ${d.spec.name}__raw`).join('');
  const table = `${staged.table}_parsed`;
  // The raw text is kept only where a message may need it (the value could not be read, or is negative):
  // keeping it for every row would double the memory of a large import.
  const readers = new Map(columns.map((c) => [c.name, readerOf(c, headerOf.get(c.name))]));
  const select = columns.map((c) => {
    const typed = readers.get(c.name)!.fast(`${c.name}__src`);
    const keep = ['number', 'money', 'int', 'measured'].includes(c.kind) ? `${c.name} IS NULL OR ${c.name} < 0` : `${c.name} IS NULL`;
    return { typed: `${typed} AS ${c.name}`, name: c.name, raw: `CASE WHEN ${keep} THEN ${c.name}__src END AS ${c.name}__raw`, src: `${c.name}__src` };
  });
  const row = staged.rowExpr ? '__row, ' : '';
  const colValue = (mapping.form === 'wide' ? ', __col_value' : '') + (staged.extraColumn ? ', __extra' : '');
  if (staged.extraColumn) headerOf.set(EXTRA_CELLS, '（表头以外）');
  try {
    await sql.run(`CREATE TEMP TABLE ${table} AS
      SELECT ${row}${select.map((x) => x.name).join(', ')}, ${select.map((x) => x.raw).join(', ')}${colValue}${placeholders}
      FROM (SELECT ${row}${select.map((x) => x.src).join(', ')}, ${select.map((x) => x.typed).join(', ')}${colValue} FROM (${source}))`);
  } catch (e) {
    throw readFailure(staged.fileName, e as Error);
  } finally {
    await staged.cleanup?.();
  }
  // The staged text is no longer needed: free its memory before the checks.
  await sql.run(`DROP ${staged.kind === 'view' ? 'VIEW' : 'TABLE'} ${staged.table}`);
  let rowExpr = '__row';
  let rows = staged.rows;
  if (!staged.rowExpr) {
    // Parsed straight from the file, in file order: rowids number the rows (offset inside a transaction).
    const r = await sql.one<{ n: number; first: number | null }>(`SELECT count(*) AS n, min(rowid) AS first FROM ${table}`);
    rowExpr = `(rowid - ${r?.first ?? 0} + 1)::INTEGER`;
    rows = r?.n ?? 0;
  }
  const blanks = blankLines.map((b) => b - staged.headerRow).filter((b) => b > 0);
  if (blanks.length > 0 && staged.encoding !== 'xlsx') {
    rowExpr = await renumberAroundBlankLines(sql, table, rowExpr, blanks);
  }
  // One scan finds the columns that have cells for the slow pass; each of those is then updated.
  const slowColumns = columns.filter((c) => readers.get(c.name)!.slow);
  const pending = slowColumns.length === 0 ? {} : (await sql.one<Record<string, number>>(`SELECT ${slowColumns
    .map((c) => `count(*) FILTER (WHERE ${c.name} IS NULL AND ${c.name}__raw IS NOT NULL) AS ${c.name}`).join(', ')} FROM ${table}`)) ?? {};
  for (const c of slowColumns) {
    const slow = readers.get(c.name)!.slow!;
    if (!Number(pending[c.name])) continue;
    await sql.run(`UPDATE ${table} SET ${c.name} = q.v FROM (
        SELECT rowid AS rid, ${slow(`${c.name}__raw`)} AS v FROM ${table} WHERE ${c.name} IS NULL AND ${c.name}__raw IS NOT NULL
      ) q WHERE ${table}.rowid = q.rid AND q.v IS NOT NULL`);
  }
  for (const d of derived) {
    await sql.run(`UPDATE ${table} SET ${d.spec.name} = ${d.sql}`);
    columns.push(d.spec);
    headerOf.set(d.spec.name, d.from.map((f) => headerOf.get(f) ?? f).join('、'));
  }
  const sheetCells = staged.encoding === 'xlsx'
    ? { headerRow: staged.headerRow, letterOf: new Map(mapping.matches.map((m) => [m.header, columnLetter(m.index)])) } : undefined;
  return {
    table, columns, headerOf, rowExpr, rows: rows ?? 0, ...(cellColumn ? { cellColumn } : {}), extraCells: !!staged.extraColumn,
    ...(sheetCells ? { sheetCells } : {}),
  };
}

/** The reader's error while a file is parsed, said in Chinese with its line. */
export function readFailure(fileName: string, e: Error): Error {
  const msg = e.message;
  if (/unicode|utf-?8/i.test(msg)) {
    const line = /Line: (\d+)/.exec(msg)?.[1];
    return refuse(fileName, `文件前部是 UTF-8 编码，后部${line ? `（第 ${line} 行）` : ''}出现了非 UTF-8 字节（可能混用了编码），请统一另存为 UTF-8 后重新导入`);
  }
  return /CSV Error/.test(msg) ? csvReadError(fileName, msg) : refuse(fileName, `读取文件失败：${firstLine(msg)}`);
}

/**
 * [k, c] pairs, k ascending: a record numbered r > k (and ≤ the next k) lies c empty lines further down.
 * k = records read before the i-th empty line; c = empty lines up to and including it (consecutive empty
 * lines share k: the last one's count stands).
 */
export function blankLineMarks(blankRows: number[]): [number, number][] {
  const byK = new Map<number, number>();
  [...blankRows].sort((a, b) => a - b).forEach((b, i) => byK.set(b - (i + 1), i + 1));
  return [...byK];
}

/**
 * CSV readers skip empty lines, so the n-th record read is not the n-th line under the header. With the
 * empty lines' positions (data-row numbers), each record gets its line's number back: record r is on data
 * row r + (empty lines before it). An ASOF join finds that count per record.
 */
async function renumberAroundBlankLines(sql: Sql, table: string, recordExpr: string, blankRows: number[]): Promise<string> {
  const marks = blankLineMarks(blankRows).map(([k, c]) => `(${k}, ${c})`).join(', ');
  await sql.run(`
    CREATE OR REPLACE TEMP TABLE ${table}_renum AS
      SELECT p.* EXCLUDE (__rec${recordExpr === '__row' ? ', __row' : ''}), (p.__rec + coalesce(m.c, 0))::INTEGER AS __row
      FROM (SELECT *, ${recordExpr} AS __rec FROM ${table}) p
      ASOF LEFT JOIN (SELECT * FROM (VALUES ${marks}) v(k, c)) m ON p.__rec > m.k;
    DROP TABLE ${table};
    ALTER TABLE ${table}_renum RENAME TO ${table.split('.').at(-1)};`);
  return '__row';
}

export interface CheckRule {
  /** Canonical column the problem is reported against. */
  column: string;
  /** A cheap test of the row's own cells (checked in one scan for all such rules). */
  cell?: boolean;
  /** A query that finds anything only if the rule can fire; the rule is skipped when it finds nothing. */
  guard?: string;
  /** SQL condition over the parsed table that marks a bad row. */
  when: string;
  reason: string;
  /** SQL for the value shown (default: the column's raw text). */
  value?: string;
}

/** The parsed column holding the first cell beyond the header's last column. */
export const EXTRA_CELLS = '__extra';

/** A row with more cells than the header has columns: its cells may have shifted (a comma inside a value). */
export function extraCellsRule(parsed: ParsedFile): CheckRule[] {
  return parsed.extraCells ? [{
    column: EXTRA_CELLS, cell: true, when: `${EXTRA_CELLS} IS NOT NULL`, value: EXTRA_CELLS,
    reason: '该行的单元格比表头多（多出的第一个单元格见“值”）：可能是某个值中含有未加引号的逗号，使后面的值错位；请检查该行',
  }] : [];
}

/** The cell-level rules that follow from column kinds: empty required cells, unreadable values, negatives. */
export function cellRules(columns: ColumnSpec[]): CheckRule[] {
  const rules: CheckRule[] = [];
  for (const c of columns) {
    const raw = `${c.name}__raw`;
    // Every cell rule starts with "typed value is NULL": cheap, and false for almost every row.
    if (c.required && !c.emptyCellAllowed) {
      rules.push({ column: c.name, cell: true, when: `${c.name} IS NULL AND zt_is_missing(${raw})`, reason: `必填项“${c.label}”为空` });
    }
    // A formula or an Excel error where a value belongs: said as such, not as "not a number".
    const excel = `coalesce(regexp_matches(trim(${raw}), ${sqlString(EXCEL_FORMULA_OR_ERROR)}), false)`;
    if (c.kind !== 'text') {
      rules.push({ column: c.name, cell: true, when: `${c.name} IS NULL AND ${excel} AND starts_with(trim(${raw}), '=')`,
        reason: '单元格是公式而不是数值（文件中没有保存公式的计算结果）；请在 Excel 中打开并保存，或复制后“选择性粘贴为数值”' });
      rules.push({ column: c.name, cell: true, when: `${c.name} IS NULL AND ${excel} AND starts_with(trim(${raw}), '#')`,
        reason: '单元格是 Excel 错误值，不是数据；请在 Excel 中修正公式，或清空该单元格（缺测可留空）' });
    }
    if (UNREADABLE[c.kind] && !(c.kind === 'enum' && c.open)) {
      const names = Object.keys(c.values ?? {});
      const allowed = c.kind === 'enum' ? `（应为 ${names.slice(0, 12).join('、')}${names.length > 12 ? ' 等' : ''} 之一）` : '';
      const nullOk = c.kind === 'enum' ? undefined : READ[c.kind].nullOk;
      rules.push({
        column: c.name, cell: true, reason: UNREADABLE[c.kind] + allowed,
        when: `${c.name} IS NULL AND NOT zt_is_missing(${raw}) AND NOT ${excel}${nullOk ? ` AND NOT ${nullOk(raw)}` : ''}`,
      });
    }
    const maxLength = c.name === 'geometry' ? undefined : MAX_LENGTH[c.kind];
    if (maxLength) {
      rules.push({ column: c.name, cell: true, when: `length(${c.name}) > ${maxLength}`,
        reason: `内容过长（超过 ${maxLength} 个字符）：可能是引号没有闭合，把后面的行并进了这个单元格；请检查该单元格` });
    }
    if (c.nonNegative) rules.push({ column: c.name, cell: true, when: `${c.name} < 0`, reason: '数值不能为负数' });
  }
  return rules;
}

/** An XLSX row error's cell and place as Excel shows them (the data row counted from the header, as the CLI contract
 *  says, becomes the sheet's own row number). */
function sheetPlace(parsed: ParsedFile, row: number, header: string): { cell?: string; where: string } | Record<string, never> {
  if (!parsed.sheetCells || row <= 0) return {};
  const sheetRow = parsed.sheetCells.headerRow + row;
  const letter = parsed.sheetCells.letterOf.get(header);
  return { ...(letter ? { cell: `${letter}${sheetRow}` } : {}), where: excelPlace(sheetRow, letter, header) };
}

export interface CheckResult {
  errors: RowError[];
  /** How many rows have at least one problem (all of them, not only the ones listed). */
  badRows: number;
}

/**
 * Runs the rules; lists at most `limit` problems, in file order. Cell rules are cheap tests ("typed value is
 * NULL", "negative"), so one scan picks the few candidate rows and the detailed messages come from those. Rules
 * that look elsewhere (references, duplicates) run on their own, and only when their guard finds anything.
 */
export async function runChecks(
  sql: Sql, parsed: ParsedFile, fileName: string, rules: CheckRule[], limit = 200,
): Promise<CheckResult> {
  const header = (r: CheckRule) => (r.column === parsed.cellColumn ? '__col_value' : sqlString(parsed.headerOf.get(r.column) ?? r.column));
  // A cell of a megabyte is shown by its beginning and its length.
  const arm = (r: CheckRule, i: number, from: string, row: string) =>
    `SELECT __row, ${i} AS rule, col, left(v, ${SHOWN_CHARS}) AS val, length(v) AS len
     FROM (SELECT ${row} AS __row, ${header(r)} AS col, (${r.value ?? `coalesce(${r.column}__raw, ${r.column}::VARCHAR)`})::VARCHAR AS v
       FROM ${from} WHERE ${r.when})`;
  const arms: string[] = [];
  const cellIdx = rules.flatMap((r, i) => (r.cell ? [i] : []));
  const candidates = `${parsed.table}_candidates`;
  if (cellIdx.length) {
    await sql.run(`CREATE OR REPLACE TEMP TABLE ${candidates} AS SELECT ${parsed.rowExpr} AS __rownum, * FROM ${parsed.table}
      WHERE ${cellIdx.map((i) => `(${rules[i]!.when})`).join(' OR ')}`);
    arms.push(...cellIdx.map((i) => arm(rules[i]!, i, candidates, '__rownum')));
  }
  // Rules may share a guard (a code's format and its reference look at the same unknown codes): run it once.
  const guards = new Map<string, Promise<number>>();
  const guardCount = (g: string) => {
    if (!guards.has(g)) guards.set(g, sql.one<{ n: number }>(`SELECT count(*) AS n FROM (${g})`).then((x) => Number(x?.n ?? 0)));
    return guards.get(g)!;
  };
  for (const [i, r] of rules.entries()) {
    if (r.cell) continue;
    if (r.guard && !(await guardCount(r.guard))) continue;
    arms.push(arm(r, i, parsed.table, parsed.rowExpr));
  }
  if (arms.length === 0) return { errors: [], badRows: 0 };
  const all = `(${arms.join('\nUNION ALL\n')})`;
  const rows = await sql.all<{ __row: number; rule: number; col: string; val: string | null; len: number | null }>(
    `SELECT * FROM ${all} ORDER BY __row, rule LIMIT ${limit}`);
  const badRows = rows.length < limit
    ? new Set(rows.map((r) => r.__row)).size
    : (await sql.one<{ n: number }>(`SELECT count(DISTINCT __row) AS n FROM ${all}`))?.n ?? 0;
  return {
    errors: rows.map((r) => ({
      file: fileName, row: r.__row, column: r.col, ...sheetPlace(parsed, r.__row, r.col),
      value: r.val !== null && Number(r.len) > SHOWN_CHARS ? `${r.val}…（共 ${Number(r.len)} 个字符）` : r.val,
      // A line break inside a value that is not free text: a quote left open took in the lines after it.
      reason: rules[r.rule]!.reason + (r.val?.includes('\n') && !rules[r.rule]!.reason.startsWith('内容过长')
        ? '（单元格中含有换行：可能是某个引号没有闭合，把后面的行并进了这个单元格）' : ''),
    })),
    badRows,
  };
}
