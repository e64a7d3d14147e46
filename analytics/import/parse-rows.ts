// Turns a staged all-text table into typed canonical columns, in SQL, and lists every cell that cannot be
// read with its row, column (as the file names it), value and reason.
import type { Sql } from '../workspace.js';
import type { RowError } from '../errors.js';
import { sqlString } from '../sql.js';
import type { ColumnKind, ColumnSpec } from './datasets.js';
import type { StagedFile } from './stage-file.js';

const TYPED: Record<ColumnKind, (x: string) => string> = {
  code: (x) => `nullif(upper(trim(${x})), '')`,
  text: (x) => `nullif(trim(${x}), '')`,
  number: (x) => `zt_num(${x})`,
  // DuckDB's cast reads ISO forms, 2025/1/1 1:00 and hour-ending 24:00; the rest goes through SLOW below.
  time: (x) => `TRY_CAST(trim(${x}) AS TIMESTAMP)`,
  flag: (x) => `nullif(upper(trim(${x})), '')`,
  bool: (x) => `zt_bool(${x})`,
  unitType: (x) => `zt_unit_type(${x})`,
  pollutant: (x) => `zt_pollutant(${x})`,
};

/** Second pass for the few cells the fast expression did not read (evaluated only on those rows). */
const SLOW: Partial<Record<ColumnKind, (x: string) => string>> = {
  time: (x) => `zt_time_slow(${x})`,
};

const UNREADABLE: Record<ColumnKind, string> = {
  code: '编码为空',
  text: '内容为空',
  number: '不是有效的数字',
  time: '无法识别的日期时间（可用格式如 2025-01-01 01:00、2025/1/1 1:00、2025年1月1日 1时）',
  flag: '',
  bool: '应为“是”或“否”',
  unitType: '管控单元类别应为 1/2/3 或 优先保护/重点管控/一般管控',
  pollutant: '未知的污染物名称（应为 SO2、NO2、CO、O3、PM10、PM2.5 之一）',
};

export interface ParsedFile {
  /** Temp table: __row, then per canonical column `<name>` (typed) and `<name>__raw` (text); `__col_<name>` where a column's header varies per row. */
  table: string;
  columns: ColumnSpec[];
  /** Header text per canonical column, for messages. */
  headerOf: Map<string, string>;
}

/** Builds the typed table. Wide air tables become one row per pollutant cell (the header names the pollutant). */
export async function parseStaged(sql: Sql, staged: StagedFile): Promise<ParsedFile> {
  const { mapping } = staged;
  const headerOf = new Map(mapping.matches.map((m) => [m.column.name, m.header]));
  const rawOf = (name: string) => {
    const m = mapping.matches.find((x) => x.column.name === name);
    return m ? `c${m.index}` : 'NULL::VARCHAR';
  };
  let source: string;
  let columns: ColumnSpec[];
  if (mapping.form === 'wide') {
    const wide = mapping.dataset.wide!;
    const base = mapping.matches.filter((m) => !wide.columns.includes(m.column));
    const cells = mapping.matches.filter((m) => wide.columns.includes(m.column));
    columns = mapping.dataset.columns.filter((c) => !['flag'].includes(c.name));
    source = cells.map((m) => `SELECT ${staged.rowExpr} AS __row,
        ${base.map((b) => `c${b.index} AS ${b.column.name}__src`).join(', ')},
        ${sqlString(m.column.name)} AS pollutant__src, c${m.index} AS value__src, ${sqlString(m.header)} AS __col_value
      FROM ${staged.table}`).join('\nUNION ALL\n');
    headerOf.set('pollutant', '污染物（列名）');
  } else {
    columns = mapping.matches.map((m) => m.column);
    source = `SELECT ${staged.rowExpr} AS __row, ${columns.map((c) => `${rawOf(c.name)} AS ${c.name}__src`).join(', ')}
      FROM ${staged.table}`;
  }
  const table = `${staged.table}_parsed`;
  const select = columns.map((c) => `${c.name}__src AS ${c.name}__raw, ${TYPED[c.kind](`${c.name}__src`)} AS ${c.name}`);
  await sql.run(`CREATE TEMP TABLE ${table} AS SELECT __row, ${select.join(', ')}${mapping.form === 'wide' ? ', __col_value' : ''}
    FROM (${source})`);
  for (const c of columns) {
    const slow = SLOW[c.kind];
    if (!slow) continue;
    await sql.run(`UPDATE ${table} SET ${c.name} = q.v FROM (
        SELECT rowid AS rid, ${slow(`${c.name}__raw`)} AS v FROM ${table} WHERE ${c.name} IS NULL AND ${c.name}__raw IS NOT NULL
      ) q WHERE ${table}.rowid = q.rid AND q.v IS NOT NULL`);
  }
  return { table, columns, headerOf };
}

export interface CheckRule {
  /** Canonical column the problem is reported against. */
  column: string;
  /** SQL condition over the parsed table that marks a bad row. */
  when: string;
  reason: string;
  /** SQL for the value shown (default: the column's raw text). */
  value?: string;
}

/** The cell-level rules that follow from column kinds: empty required cells, unreadable values, negatives. */
export function cellRules(columns: ColumnSpec[]): CheckRule[] {
  const rules: CheckRule[] = [];
  for (const c of columns) {
    const raw = `${c.name}__raw`;
    if (c.required && !c.emptyCellAllowed) {
      rules.push({ column: c.name, when: `zt_is_missing(${raw})`, reason: `必填项“${c.label}”为空` });
    }
    if (UNREADABLE[c.kind]) {
      rules.push({ column: c.name, when: `NOT zt_is_missing(${raw}) AND ${c.name} IS NULL`, reason: UNREADABLE[c.kind] });
    }
    if (c.nonNegative) rules.push({ column: c.name, when: `${c.name} < 0`, reason: '数值不能为负数' });
  }
  return rules;
}

export interface CheckResult {
  errors: RowError[];
  /** How many rows have at least one problem (all of them, not only the ones listed). */
  badRows: number;
}

/** Runs the rules in one pass per rule set; lists at most `limit` problems, in file order. */
export async function runChecks(
  sql: Sql, parsed: ParsedFile, fileName: string, rules: CheckRule[], limit = 200,
): Promise<CheckResult> {
  if (rules.length === 0) return { errors: [], badRows: 0 };
  const hasColValue = parsed.columns.some((c) => c.name === 'value') && (await hasColumn(sql, parsed.table, '__col_value'));
  const arms = rules.map((r, i) => {
    const header = r.column === 'value' && hasColValue ? '__col_value' : sqlString(parsed.headerOf.get(r.column) ?? r.column);
    return `SELECT __row, ${i} AS rule, ${header} AS col, (${r.value ?? `${r.column}__raw`})::VARCHAR AS val FROM ${parsed.table} WHERE ${r.when}`;
  });
  const all = `(${arms.join('\nUNION ALL\n')})`;
  const rows = await sql.all<{ __row: number; rule: number; col: string; val: string | null }>(
    `SELECT * FROM ${all} ORDER BY __row, rule LIMIT ${limit}`);
  const badRows = rows.length < limit
    ? new Set(rows.map((r) => r.__row)).size
    : (await sql.one<{ n: number }>(`SELECT count(DISTINCT __row) AS n FROM ${all}`))?.n ?? 0;
  return {
    errors: rows.map((r) => ({ file: fileName, row: r.__row, column: r.col, value: r.val, reason: rules[r.rule]!.reason })),
    badRows,
  };
}

async function hasColumn(sql: Sql, table: string, column: string): Promise<boolean> {
  const r = await sql.all(`SELECT 1 FROM duckdb_columns() WHERE table_name = ${sqlString(table)} AND column_name = ${sqlString(column)}`);
  return r.length > 0;
}

