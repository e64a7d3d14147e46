// One import call: every file is staged, parsed and checked inside one transaction; any refused file
// refuses the whole call and nothing is written. A file already imported (same sha256) is reported and skipped.
import { basename, dirname, resolve } from 'node:path';
import { statSync } from 'node:fs';
import type { Sql, Workspace } from '../workspace.js';
import { UserError, type RowError } from '../errors.js';
import type { DatasetName } from './datasets.js';
import { refuse, stageFile, type StagedFile } from './stage-file.js';
import { cellRules, extraCellsRule, parseStaged, runChecks, type CheckRule, type ParsedFile } from './parse-rows.js';
import { loadStep } from './load-steps.js';
import { tableColumns } from '../table-columns.js';
import { headerContext } from './saved-mappings.js';
import { attributeUnits, fillUnitBounds, type AttributionReport } from '../spatial/attribute-units.js';
import { ACTIVE_BATCH } from './active-batch.js';
import { danglingMessage, danglingReferences, deleteBatchRows, supersededBatch } from './batch-lifecycle.js';
import { geometryProblem } from '../spatial/geometry-check.js';
import { createImportMacros } from './sql-macros.js';
import { directCheck, directDiscard, directInsert, directLoadable } from './direct-load.js';
import { scanFile, type FileScan } from './file-hash.js';
import { appendAudit } from '../audit/audit-log.js';
import { createBackup, importMayReplace } from '../backup/backups.js';
import { ensureAirStationDays } from '../derived/air-station-days.js';
import { recordCoverage, type DeclaredCoverage } from './batch-coverage.js';
import { ensureFreeSpace, importSpaceNeeded, isNoSpaceError } from '../disk-space.js';
import { REFUSED_IN_DATA_RE2 } from '../names.js';
import { sqlString } from '../sql.js';

export interface ImportOptions {
  dataset?: DatasetName;
  dryRun?: boolean;
  note?: string;
  /** What the files cover (years, districts) when not what their dates say (batch-coverage.ts). */
  covers?: DeclaredCoverage;
  /** Row problems listed per file in a refusal (default ERROR_LIMIT); the rest are counted. */
  errorLimit?: number;
  onProgress?: (p: { file: string; step: string; done: number; total: number }) => void;
}

export interface ImportedFile {
  id: number | null;
  dataset: DatasetName;
  file: string;
  path: string;
  sha256: string;
  encoding: string;
  sheet: string | null;
  headerRow: number;
  form: 'long' | 'wide';
  mapping: { column: string; header: string }[];
  ignoredColumns: string[];
  rows: number;
  accepted: number;
  rejected: number;
  /** Set when an identical file was imported before: the earlier batch id. */
  skippedAsDuplicateOf?: number;
  /** Set when this file is a new version of an earlier one: the batch it replaces. */
  supersedes?: number;
  /** Rows without a unit code located by their coordinates (and those that could not be). */
  attribution?: AttributionReport;
  /** What was left out of the file and not an error: notes under the data, archive columns not used. */
  warnings?: string[];
}

export interface ImportResult {
  ok: true;
  dryRun: boolean;
  batches: ImportedFile[];
}

interface Prepared {
  staged: StagedFile;
  parsed: ParsedFile;
  sha256: string;
  errors: RowError[];
  badRows: number;
  duplicateOf?: number;
  supersedes?: number;
  attribution?: AttributionReport;
}

/** The workspace's own files (the database, its log, its lock) are never data: reading them would drop DuckDB's lock. */
function refuseWorkspaceFiles(ws: Workspace, paths: string[]): void {
  if (ws.path === ':memory:') return;
  const own = [ws.path, `${ws.path}.wal`, `${ws.path}.lock`].map((p) => {
    try {
      const st = statSync(p);
      return `${st.dev}:${st.ino}`;
    } catch {
      return undefined;
    }
  });
  for (const p of paths) {
    let id: string | undefined;
    try {
      const st = statSync(p);
      id = `${st.dev}:${st.ino}`;
    } catch {
      continue; // a missing file is reported where it is read
    }
    if (own.includes(id)) {
      throw new UserError('FILE_REFUSED', `“${basename(p)}”是当前打开的工作空间自身的文件，不能作为数据导入。请选择要导入的数据文件。`,
        [{ file: basename(p), row: 0, column: '', value: null, reason: '是当前工作空间自身的文件，不能导入' }]);
    }
  }
}

export async function importFiles(ws: Workspace, paths: string[], options: ImportOptions = {}): Promise<ImportResult> {
  if (paths.length === 0) throw new UserError('NO_FILES', '没有指定要导入的文件');
  refuseWorkspaceFiles(ws, paths);
  const report = (file: string, step: string, done: number) =>
    options.onProgress?.({ file, step, done, total: paths.length });
  const staged: { staged: StagedFile; scan: Promise<FileScan> }[] = [];
  const run = async (tx: Sql): Promise<ImportResult> => {
    await createImportMacros(tx);
    const headers = await headerContext(tx, options.dataset);
    for (const [i, path] of paths.entries()) {
      report(path, '读取文件', i);
      // The hash (and the blank lines of a CSV) are read while DuckDB stages the file.
      const scan = scanFile(path, { findBlankLines: /\.(csv|txt)$/i.test(path) });
      scan.catch(() => undefined);
      staged.push({ staged: await stageFile(tx, path, headers), scan });
    }
    // Reference data first, so that files of one call may refer to each other (stations → hourly data).
    staged.sort((a, b) => a.staged.mapping.dataset.order - b.staged.mapping.dataset.order);
    const out: ImportedFile[] = [];
    const allErrors: RowError[] = [];
    let failedReference: StagedFile | undefined;
    /** Years of batches whose one-pass checks already found them (batch-coverage.ts need not scan the rows again). */
    const rowYears = new Map<number, number[]>();
    for (const [i, s] of staged.entries()) {
      report(s.staged.fileName, '校验与写入', i);
      const dataset = s.staged.mapping.dataset;
      if (failedReference && failedReference.mapping.dataset.order < dataset.order) {
        // Its references would be checked against a file that was refused: hundreds of "unknown code" errors
        // would bury the real one. Say plainly that it was not checked.
        const reason = `未校验：同批导入的${failedReference.mapping.dataset.label}文件“${failedReference.fileName}”有错误，请先修正该文件`;
        allErrors.push({ file: s.staged.fileName, row: 0, column: '', value: null, reason });
        out.push(describeStaged(s.staged, (await s.scan).sha256));
        continue;
      }
      // A large long CSV is written in one pass and checked after; a file with problems is read again below.
      let reservedId: number | undefined;
      if (allErrors.length === 0 && directLoadable(s.staged)) {
        const direct = await loadDirect(tx, s.staged, s.scan, options.note);
        if ('prepared' in direct) {
          if (direct.years) rowYears.set(direct.id, direct.years);
          out.push(describe(direct.prepared, options.dryRun ? null : direct.id));
          continue;
        }
        reservedId = direct.reservedId;
      }
      const prepared = await prepare(tx, s.staged, await s.scan, options.errorLimit ?? ERROR_LIMIT);
      if (prepared.errors.length > 0) failedReference ??= s.staged;
      allErrors.push(...prepared.errors);
      if (prepared.errors.length > 0 || prepared.duplicateOf !== undefined) {
        out.push(describe(prepared, null));
        continue;
      }
      let id: number | null = null;
      // A dry run loads too (inside the transaction it rolls back) so that it finds everything a commit would.
      if (allErrors.length === 0) {
        report(s.staged.fileName, '写入', i);
        id = await load(tx, prepared, options.note, reservedId);
      }
      out.push(describe(prepared, options.dryRun ? null : id));
    }
    for (const s of staged) await dropStaging(tx, s.staged.table);
    // A replaced file must not take away codes that other data still uses.
    if (allErrors.length === 0) {
      for (const f of out.filter((x) => x.supersedes !== undefined)) {
        const spec = staged.find((x) => x.staged.fileName === f.file)!.staged.mapping.dataset;
        const dangling = await danglingReferences(tx, spec);
        if (dangling.length) {
          throw new UserError('SUPERSEDE_BREAKS_REFERENCES',
            `新版本“${f.file}”将替换批次 ${f.supersedes}，但${danglingMessage(dangling)}。未写入任何数据；请同时导入相应数据的新版本，或先移除它们。`,
            [{ file: f.file, row: 0, column: '', value: null, reason: danglingMessage(dangling) }]);
        }
      }
    }
    if (allErrors.length > 0) {
      const bad = out.filter((f) => f.rejected > 0);
      const unchecked = allErrors.filter((e) => e.row === 0 && e.reason.startsWith('未校验')).length;
      // a list cut at the limit says so, and how many rows it leaves out
      const listedRows = (file: string) => new Set(allErrors.filter((e) => e.file === file && e.row > 0).map((e) => e.row)).size;
      const cut = bad.filter((f) => listedRows(f.file) < f.rejected);
      throw new UserError(
        'IMPORT_REFUSED',
        `导入被拒绝，未写入任何数据：${bad.map((f) => `“${f.file}”有 ${f.rejected} 行错误`).join('；')}` +
          `${unchecked > 0 ? `；另有 ${unchecked} 个文件因此未校验` : ''}` +
          `${cut.length ? `；错误清单只列出了${cut.map((f) => `“${f.file}”的前 ${listedRows(f.file)} 行`).join('、')}（命令行用 --errors-out 可导出全部）` : ''}。请修正后重新导入。`,
        allErrors.map((e) => withLine(e, staged)),
      );
    }
    for (const f of out) {
      if (f.id !== null && f.skippedAsDuplicateOf === undefined) await recordCoverage(tx, { id: f.id, dataset: f.dataset, table: f.dataset }, options.covers, rowYears.get(f.id));
    }
    // Hourly air data: its station-days summed now, once, rather than at every computation (a dry run rolls back).
    if (!options.dryRun) await ensureAirStationDays(tx);
    report('', '完成', paths.length);
    return { ok: true, dryRun: options.dryRun ?? false, batches: out };
  };
  try {
    if (options.dryRun) return await dryRun(ws, run);
    if (ws.path !== ':memory:') {
      await ensureFreeSpace(dirname(ws.path), importSpaceNeeded(paths.map((p) => ({ path: p, bytes: fileSize(p) }))),
        `导入 ${paths.length} 个文件（${paths.map((p) => basename(p)).join('、').slice(0, 200)}）`);
    }
    // Replacing data is the step a user may regret: the workspace as it was is copied first.
    if (await importMayReplace(ws, paths.map((p) => resolve(p)))) await createBackup(ws, 'before-import');
    const result = await ws.transaction(run);
    try {
      await ws.checkpoint();
    } catch (e) {
      // Committed and in the workspace's log: the import happened. Only folding the log into the file waits for room.
      if (!isNoSpaceError(e) && !(e instanceof UserError && e.code === 'DISK_FULL')) throw e;
      const note = '导入已完成，但磁盘空间不足，未能把日志合并进工作空间文件；请尽快清理磁盘';
      for (const b of result.batches) b.warnings = [...(b.warnings ?? []), note];
    }
    return result;
  } finally {
    // Transcoded copies of files that were never parsed (the call failed first) are removed too.
    for (const s of staged) await s.staged.cleanup?.();
  }
}

/** Row problems a refusal lists per file unless asked for more: enough to see the pattern, small to send. */
export const ERROR_LIMIT = 200;

/**
 * The line of the file (CSV) or the sheet row (XLSX) where a data row is: the header's line plus the row, plus
 * the units row under the header when there is one. Parquet and JSON have no lines.
 */
function withLine(e: RowError, staged: { staged: StagedFile }[]): RowError {
  const s = staged.find((x) => x.staged.fileName === e.file)?.staged;
  if (!s || e.row <= 0 || !(s.encoding === 'xlsx' || /\.(csv|txt)$/i.test(s.path))) return e;
  return { ...e, line: s.headerRow + (s.skippedLines?.includes(s.headerRow + 1) ? 1 : 0) + e.row };
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0; // a missing file is reported where it is read
  }
}

async function dropStaging(tx: Sql, table: string): Promise<void> {
  const temps = await tx.all<{ name: string }>(
    `SELECT table_name AS name FROM duckdb_tables() WHERE temporary AND starts_with(table_name, '${table}')`);
  for (const t of temps) await tx.run(`DROP TABLE IF EXISTS ${t.name}`);
}

/** A dry run does all the work inside a transaction that is always rolled back. */
async function dryRun(ws: Workspace, run: (tx: Sql) => Promise<ImportResult>): Promise<ImportResult> {
  const marker = new Error('dry-run rollback');
  let result: ImportResult | undefined;
  try {
    await ws.transaction(async (tx) => {
      result = await run(tx);
      throw marker;
    });
  } catch (e) {
    if (e !== marker) throw e;
  }
  return { ...result!, dryRun: true };
}

async function prepare(tx: Sql, staged: StagedFile, scan: FileScan, errorLimit: number): Promise<Prepared> {
  const { sha256 } = scan;
  const parsed = await parseStaged(tx, staged, [...scan.blankLines, ...(staged.skippedLines ?? [])]);
  if (parsed.rows === 0) {
    const where = staged.sheet ? `工作表“${staged.sheet}”第 ${staged.headerRow} 行` : `第 ${staged.headerRow} 行`;
    throw refuse(staged.fileName, `表头（${where}）下面没有数据行；请确认导出时包含了数据，且表头在数据的上方`);
  }
  const earlier = await tx.one<{ batch_id: number }>(
    `SELECT batch_id FROM import_batches WHERE sha256 = $sha AND ${ACTIVE_BATCH} ORDER BY batch_id LIMIT 1`, { sha: sha256 });
  if (earlier) return { staged, parsed, sha256, errors: [], badRows: 0, duplicateOf: earlier.batch_id };
  // A new version of a file imported before replaces it: its rows go first, so they are not "already imported".
  const supersedes = await supersededBatch(tx, staged.mapping.dataset.name, resolve(staged.path), sha256);
  if (supersedes !== undefined) await deleteBatchRows(tx, staged.mapping.dataset, supersedes);
  const names = new Set(parsed.columns.map((c) => c.name));
  const has = (c: string) => names.has(c);
  const step = loadStep(staged.mapping.dataset);
  await step.prepare(tx, parsed);
  const rules = [...extraCellsRule(parsed), ...cellRules(parsed.columns), ...hiddenCharRules(parsed), ...step.rules(parsed, has)];
  const { errors, badRows } = await runChecks(tx, parsed, staged.fileName, rules, errorLimit);
  if (staged.mapping.dataset.name === 'units' && has('geometry')) {
    // boundaries that are well-formed JSON of the right type (rules above) checked as shapes
    const bad = await unitGeometryErrors(tx, parsed, staged.fileName, new Set(errors.filter((e) => e.column === parsed.headerOf.get('geometry')).map((e) => e.row)));
    return { staged, parsed, sha256, errors: [...errors, ...bad].sort((a, b) => a.row - b.row), badRows: badRows + bad.length, supersedes };
  }
  return { staged, parsed, sha256, errors, badRows, supersedes };
}

/**
 * Text cells (names above all: units, stations, enterprises) with control or bidirectional characters are
 * refused with their row: U+202E shows "单元甲" reversed, an escape sequence drives the terminal that prints it.
 */
function hiddenCharRules(parsed: ParsedFile): CheckRule[] {
  return parsed.columns.filter((c) => c.kind === 'text' && c.name !== 'geometry').map((c) => ({
    column: c.name, cell: true,
    when: `${c.name} IS NOT NULL AND regexp_matches(${c.name}, ${sqlString(REFUSED_IN_DATA_RE2)})`,
    reason: '含控制字符或双向文本控制字符（如 U+0000、U+001B、U+202E，会让文字显示得与实际不同，值中以 \\uXXXX 标出）；请删除这些字符后重新导入',
  }));
}

/** Writes the file in one pass (direct-load.ts); else the batch id the two-pass load is to use. */
async function loadDirect(
  tx: Sql, staged: StagedFile, scanning: Promise<FileScan>, note?: string,
): Promise<{ prepared: Prepared; id: number; years?: number[] } | { reservedId: number }> {
  const id = await nextBatchId(tx);
  // The file's hash and empty lines are awaited only once its rows are written: the scan runs meanwhile.
  const batch = await directInsert(tx, staged, id);
  if (!batch) return { reservedId: id };
  const scan = await scanning;
  const earlier = await tx.one<{ batch_id: number }>(
    `SELECT batch_id FROM import_batches WHERE sha256 = $sha AND ${ACTIVE_BATCH} LIMIT 1`, { sha: scan.sha256 });
  if (earlier) {
    await directDiscard(tx, batch);
    return { reservedId: id };
  }
  const supersedes = await supersededBatch(tx, staged.mapping.dataset.name, resolve(staged.path), scan.sha256);
  if (supersedes !== undefined) await deleteBatchRows(tx, staged.mapping.dataset, supersedes);
  if (!(await directCheck(tx, batch, [...scan.blankLines, ...(staged.skippedLines ?? [])]))) return { reservedId: id };
  const prepared: Prepared = { staged, parsed: batch.parsed, sha256: scan.sha256, errors: [], badRows: 0, supersedes };
  await registerBatch(tx, prepared, id, note);
  return { prepared, id, ...(batch.years ? { years: batch.years } : {}) };
}

/** Units whose boundary is not a valid polygon (geometry-check.ts), each named with its row. */
async function unitGeometryErrors(tx: Sql, parsed: ParsedFile, fileName: string, reported: Set<number>): Promise<RowError[]> {
  const rows = await tx.all<{ row: number; code: string | null; geometry: string }>(
    `SELECT ${parsed.rowExpr} AS row, unit_code AS code, geometry FROM ${parsed.table} WHERE geometry IS NOT NULL`);
  const out: RowError[] = [];
  for (const r of rows) {
    if (reported.has(r.row)) continue;
    let problem: string | null;
    try {
      problem = geometryProblem(JSON.parse(r.geometry) as { type?: unknown; coordinates?: unknown });
    } catch {
      continue; // not JSON: the rules reported it
    }
    if (problem) {
      out.push({ file: fileName, row: r.row, column: parsed.headerOf.get('geometry') ?? 'geometry', value: r.geometry.slice(0, 60),
        reason: `管控单元“${r.code ?? ''}”的边界无效：${problem}` });
    }
  }
  return out;
}

async function nextBatchId(tx: Sql): Promise<number> {
  return (await tx.one<{ id: number }>("SELECT nextval('batch_id_seq')::INTEGER AS id"))!.id;
}

async function load(tx: Sql, p: Prepared, note?: string, reservedId?: number): Promise<number> {
  const id = reservedId ?? await nextBatchId(tx);
  const names = new Set(p.parsed.columns.map((c) => c.name));
  // Rows carry their source row number, so the table need not keep file order: letting DuckDB insert in
  // parallel without ordering is markedly faster for large files.
  await tx.run('SET preserve_insertion_order = false');
  try {
    await loadStep(p.staged.mapping.dataset).insert(tx, p.parsed, id, (c) => names.has(c));
  } finally {
    await tx.run('SET preserve_insertion_order = true');
  }
  await registerBatch(tx, p, id, note);
  return id;
}

/** The batch's provenance and audit entries, once its rows are in the table. */
async function registerBatch(tx: Sql, p: Prepared, id: number, note?: string): Promise<void> {
  await tx.run(
    `INSERT INTO import_batches (batch_id, dataset, file_name, file_path, sha256, size_bytes, encoding, sheet, header_row,
       rows_read, rows_accepted, rows_rejected, imported_at, note)
     VALUES ($id, $dataset, $file, $path, $sha, $size, $enc, $sheet, $hdr, $rows, $acc, 0, now()::TIMESTAMP, $note)`,
    {
      id, dataset: p.staged.mapping.dataset.name, file: p.staged.fileName, path: resolve(p.staged.path), sha: p.sha256,
      size: p.staged.size, enc: p.staged.encoding, sheet: p.staged.sheet, hdr: p.staged.headerRow,
      rows: p.parsed.rows, acc: p.parsed.rows - p.badRows, note: note ?? null,
    },
  );
  if (p.supersedes !== undefined) {
    await tx.run('UPDATE import_batches SET superseded_by = $id WHERE batch_id = $old', { id, old: p.supersedes });
  }
  await appendAudit(tx, {
    action: 'import', target: `批次 ${id}`,
    detail: { batch: id, dataset: p.staged.mapping.dataset.name, file: p.staged.fileName, path: resolve(p.staged.path),
      sha256: p.sha256, rows: p.parsed.rows, accepted: p.parsed.rows - p.badRows, note: note ?? null },
  });
  if (p.supersedes !== undefined) {
    await appendAudit(tx, { action: 'supersede', target: `批次 ${p.supersedes}`, detail: { batch: p.supersedes, by: id, file: p.staged.fileName } });
  }
  const table = p.staged.mapping.dataset.table;
  if (table === 'units') await fillUnitBounds(tx, id);
  if ((await tableColumns(tx, table)).includes('unit_attribution')) p.attribution = await attributeUnits(tx, table, id, 9999);
}

function describeStaged(s: StagedFile, sha256: string): ImportedFile {
  return {
    id: null,
    dataset: s.mapping.dataset.name,
    file: s.fileName,
    path: s.path,
    sha256,
    encoding: s.encoding,
    sheet: s.sheet,
    headerRow: s.headerRow,
    form: s.mapping.form,
    mapping: s.mapping.matches.map((m) => ({ column: m.column.name, header: m.header })),
    ignoredColumns: s.mapping.ignored,
    rows: s.rows ?? 0,
    accepted: 0,
    rejected: 0,
    ...(s.warnings?.length ? { warnings: s.warnings } : {}),
  };
}

function describe(p: Prepared, id: number | null): ImportedFile {
  return {
    ...describeStaged(p.staged, p.sha256),
    id,
    rows: p.parsed.rows,
    accepted: p.duplicateOf !== undefined ? 0 : p.parsed.rows - p.badRows,
    rejected: p.badRows,
    ...(p.duplicateOf !== undefined ? { skippedAsDuplicateOf: p.duplicateOf } : {}),
    ...(p.supersedes !== undefined ? { supersedes: p.supersedes } : {}),
    ...(p.attribution ? { attribution: p.attribution } : {}),
  };
}

