// One-pass load of a long CSV of a large dataset (hourly air, online monitoring): a single INSERT … SELECT over
// DuckDB's reader reads every cell, tests every cell rule and writes the rows, at about the speed of a bare
// read_csv. A row that a rule refuses (or that only the slow reading could read) is written with batch_id = -id,
// so one count afterwards says whether the file was clean. The rules that look at other rows (duplicate keys,
// references, rows imported before) then run over the batch's rows in the table. If anything is found, the
// batch's rows are deleted and the two-pass parse (parse-rows.ts) reads the file again to list every problem
// with its row and column. The call's transaction keeps either way all-or-nothing.
import type { Sql } from '../workspace.js';
import type { DatasetName } from './datasets.js';
import type { StagedFile } from './stage-file.js';
import { blankLineMarks, cellRules, extraCellsRule, fastReading, readFailure, type CheckRule, type ParsedFile } from './parse-rows.js';
import { insertColumns, loadStep } from './load-steps.js';
import { dropAirBatchDays, storeAirBatchDays, summariseAirBatch } from '../derived/air-station-days.js';

/** Datasets whose rules that look beyond one row read only stored columns, so they can run over the table. */
const DIRECT_DATASETS = new Set<DatasetName>(['air_hourly', 'online_hourly']);

/** More empty lines than this among the data: the file is read the two-pass way (row numbers by a join). */
const MAX_BLANK_MARKS = 256;

export function directLoadable(staged: StagedFile): boolean {
  const spec = staged.mapping.dataset;
  return staged.kind === 'view' && staged.mapping.form === 'long' && DIRECT_DATASETS.has(spec.name) && !spec.derive;
}

/** A file written in one pass, not yet checked against other rows. */
export interface DirectBatch {
  staged: StagedFile;
  parsed: ParsedFile;
  rules: CheckRule[];
  /** The years the rows cover, where the checks' own pass found them (hourly air). */
  years?: number[];
}

/**
 * Reads, tests every cell and writes the file as batch `id`. Undefined, with nothing of the file left in the
 * table, when some row is refused or the file has no rows: the two-pass parse must then read it.
 */
export async function directInsert(tx: Sql, staged: StagedFile, id: number): Promise<DirectBatch | undefined> {
  const spec = staged.mapping.dataset;
  const columns = staged.mapping.matches.map((m) => m.column);
  const headerOf = new Map(staged.mapping.matches.map((m) => [m.column.name, m.header]));
  const names = new Set(columns.map((c) => c.name));
  const has = (c: string) => names.has(c);
  const parsed: ParsedFile = {
    table: `${staged.table}_batch`, columns, headerOf, rowExpr: 'src_row', rows: 0, extraCells: !!staged.extraColumn, batchId: id,
  };
  const rules = [...extraCellsRule(parsed), ...cellRules(columns), ...loadStep(spec).rules(parsed, has)];
  const readings = staged.mapping.matches.map((m) => ({ name: m.column.name, index: m.index, ...fastReading(m.column, m.header) }));

  // Columns the table holds NOT NULL get a filler in refused rows (they are deleted or rolled back); a good
  // row never needs one: a NULL there refuses it too, and the two-pass parse says why.
  const notNull = new Map((await tx.all<{ name: string; type: string }>(
    `SELECT column_name AS name, data_type AS type FROM duckdb_columns()
     WHERE database_name = current_database() AND schema_name = 'main' AND table_name = $t AND NOT is_nullable`, { t: spec.table }))
    .map((c) => [c.name, c.type]));
  const { names: stored, exprs } = insertColumns(spec, has);
  const bad = [
    ...rules.filter((r) => r.cell).map((r) => `(${r.when})`),
    ...readings.flatMap((r) => (r.slowMayRead ? [r.slowMayRead(r.name, `${r.name}__raw`)] : [])),
    ...stored.flatMap((n, i) => (notNull.has(n) ? [`(${exprs[i]}) IS NULL`] : [])),
  ];
  // Most rules begin "typed value is NULL": one cheap test per column picks the few rows the whole list is
  // evaluated on (CASE evaluates its THEN only where WHEN holds; a long OR in a projection would not skip).
  const nullTested = columns.filter((c) => bad.some((w) => w.startsWith(`(${c.name} IS NULL`)));
  // (An empty cell breaks none of its column's rules unless the column must be filled — not an optional column, nor
  // one whose empty cells are allowed, e.g. 折算浓度 where 实测浓度 stands in: tested only where the cell has text.)
  const cheap = [
    ...nullTested.map((c) => `(${c.name} IS NULL${c.required && !c.emptyCellAllowed ? '' : ` AND ${c.name}__raw IS NOT NULL`})`),
    ...bad.filter((w) => !nullTested.some((c) => w.startsWith(`(${c.name} IS NULL`))),
  ];
  const written = stored.map((n, i) => (notNull.has(n) ? `coalesce(${exprs[i]}, ${filler(notNull.get(n)!)})` : exprs[i]));
  const source = (rec: string) => `SELECT ${readings.map((r) => `c${r.index} AS ${r.name}__raw`).join(', ')}
      ${staged.extraColumn ? `, ${staged.extraColumn} AS __extra` : ''}, ${rec} AS __rec FROM ${staged.table}`;
  /** The statement, each row numbered by `rec`. */
  const insert = (rec: string) => `INSERT INTO ${spec.table} (${stored.join(', ')}, batch_id, src_row)
      SELECT ${written.join(', ')}, CASE WHEN __bad THEN ${-id} ELSE ${id} END, __rec::INTEGER
      FROM (SELECT *, CASE WHEN coalesce(${cheap.join(' OR ')}, false) THEN coalesce(${bad.join(' OR ')}, false) ELSE false END AS __bad
            FROM (SELECT *, ${readings.map((r) => `${r.typed(`${r.name}__raw`)} AS ${r.name}`).join(', ')} FROM (${source(rec)})))`;
  try {
    await tx.run('SET preserve_insertion_order = true');
    if (await writesInOrder(tx, insert('0'))) {
      // The rows land in file order, read and written in parallel: each row's number is its place among the
      // batch's rows (refused ones included, they are numbered too), the record's number under the header.
      await tx.run(insert('0'));
      await tx.run(`UPDATE ${spec.table} SET src_row = (rowid - (SELECT min(rowid) FROM ${spec.table} WHERE batch_id IN (${id}, ${-id})) + 1)::INTEGER
        WHERE batch_id IN (${id}, ${-id})`);
    } else {
      // Something in the statement keeps DuckDB from writing in file order: number the rows as they are read
      // (row_number() over the reader runs on one thread).
      await tx.run(insert('row_number() OVER ()'));
    }
  } catch (e) {
    throw readFailure(staged.fileName, e as Error);
  }
  const batch = { staged, parsed, rules };
  const counts = await tx.one<{ n: number; refused: number }>(
    `SELECT count(*) AS n, count(*) FILTER (WHERE batch_id = ${-id}) AS refused FROM ${spec.table} WHERE batch_id IN (${id}, ${-id})`);
  parsed.rows = Number(counts?.n ?? 0);
  if (parsed.rows === 0 || Number(counts?.refused)) return directDiscard(tx, batch);
  return batch;
}

/**
 * Numbers the rows around empty lines, then runs the rules that look at other rows over the batch.
 * True when all passed; false (the batch deleted) when the two-pass parse must read the file.
 */
export async function directCheck(tx: Sql, batch: DirectBatch, blankLines: number[]): Promise<boolean> {
  const { staged, parsed, rules } = batch;
  const spec = staged.mapping.dataset;
  const id = parsed.batchId!;
  const marks = blankLineMarks(blankLines.map((b) => b - staged.headerRow).filter((b) => b > 0));
  if (marks.length > MAX_BLANK_MARKS) return directDiscard(tx, batch).then(() => false);
  if (marks.length > 0) {
    // Records after an empty line lie that many lines further down (rare in system exports).
    const shift = `CASE ${[...marks].reverse().map(([k, c]) => `WHEN src_row > ${k} THEN ${c}`).join(' ')} ELSE 0 END`;
    await tx.run(`UPDATE ${spec.table} SET src_row = src_row + ${shift} WHERE batch_id = ${id} AND src_row > ${marks[0]![0]}`);
  }
  await tx.run(`CREATE OR REPLACE TEMP VIEW ${parsed.table} AS SELECT * FROM ${spec.table} WHERE batch_id = ${id}`);
  if (spec.table === 'air_hourly') {
    // Hourly air: one grouping by station-day gives the repeated-key test inside the batch, the station-days and
    // the years covered (air-station-days.ts), instead of a hash of every key and two more passes.
    const summary = await summariseAirBatch(tx, id);
    if (summary.keysUnique !== undefined) parsed.keysUnique = summary.keysUnique;
    batch.years = summary.years;
  }
  await loadStep(spec).prepare(tx, parsed);
  for (const r of rules.filter((x) => !x.cell)) {
    const found = r.guard
      ? await tx.one<{ n: number }>(`SELECT count(*) AS n FROM (${r.guard})`)
      : await tx.one<{ n: number }>(`SELECT count(*) AS n FROM (SELECT 1 FROM ${parsed.table} WHERE ${r.when} LIMIT 1)`);
    if (Number(found?.n ?? 0) > 0) return directDiscard(tx, batch).then(() => false);
  }
  if (spec.table === 'air_hourly') await storeAirBatchDays(tx, id);
  await tx.run(`DROP VIEW ${parsed.table}`);
  await tx.run(`DROP VIEW ${staged.table}`);
  await staged.cleanup?.();
  return true;
}

/**
 * Whether DuckDB writes the statement's rows in the order its reader gives them (the plan's insert is the
 * order-keeping BATCH_INSERT). It is not when an operator that may reorder rows sits between reader and insert —
 * e.g. a join, which is how DuckDB plans a long IN list.
 */
export async function writesInOrder(tx: Sql, insert: string): Promise<boolean> {
  const plan = await tx.all<Record<string, unknown>>(`EXPLAIN ${insert}`);
  return plan.some((row) => Object.values(row).some((v) => typeof v === 'string' && /\bBATCH_INSERT\b/.test(v)));
}

/** Takes the batch's rows out again: the two-pass parse reads the file and says what is wrong. */
export async function directDiscard(tx: Sql, batch: DirectBatch): Promise<undefined> {
  const id = batch.parsed.batchId!;
  await tx.run(`DELETE FROM ${batch.staged.mapping.dataset.table} WHERE batch_id IN (${id}, ${-id})`);
  await tx.run(`DROP VIEW IF EXISTS ${batch.parsed.table}`);
  await dropAirBatchDays(tx, id);
  return undefined;
}

/** A value of the column's type for a refused row's empty NOT NULL cell. */
function filler(type: string): string {
  if (/^TIMESTAMP/.test(type)) return "TIMESTAMP '1970-01-01'";
  if (type === 'DATE') return "DATE '1970-01-01'";
  if (type === 'VARCHAR') return "''";
  return `CAST(0 AS ${type})`;
}
