// The city ↔ district exchange: a district's slice of the workspace as a data package (one Parquet file per
// dataset + manifest.json with hashes and provenance), and its import elsewhere — all files in one transaction,
// checked like any import (keys already present, references), each file recorded as a batch.
import { lstat, mkdir, readFile, writeFile, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Sql, Workspace } from '../workspace.js';
import { UserError, type RowError } from '../errors.js';
import { sqlPath, sqlString } from '../sql.js';
import { APP_VERSION } from '../app-version.js';
import { SCHEMA_VERSION } from '../workspace.js';
import { DATASETS, datasetByName } from '../import/datasets.js';
import { ACTIVE_BATCH } from '../import/active-batch.js';
import { loadStep } from '../import/load-steps.js';
import { runChecks, type ParsedFile } from '../import/parse-rows.js';
import { ERROR_LIMIT } from '../import/import-files.js';
import { scanFile } from '../import/file-hash.js';
import { districtCondition } from './district-slice.js';
import { tableColumns } from '../table-columns.js';
import { appendAudit } from '../audit/audit-log.js';
import { recordCoverage } from '../import/batch-coverage.js';
import { ensureAirStationDays } from '../derived/air-station-days.js';
import { assertCanReceive, recordReceipt } from '../submissions/submissions.js';

export const PACKAGE_FORMAT = 'zonetrack-data-package';

export interface PackageFile {
  dataset: string;
  file: string;
  rows: number;
  sha256: string;
  /** The file's size: checked before the file is hashed (a manifest may not send the hash through /dev/zero). */
  bytes: number;
}

export interface PackageManifest {
  format: typeof PACKAGE_FORMAT;
  formatVersion: 1;
  district: string;
  districtName: string;
  createdAt: string;
  appVersion: string;
  schemaVersion: number;
  files: PackageFile[];
  /** The import batches the rows came from, so provenance survives the trip. */
  sourceBatches: { id: number; dataset: string; file: string; sha256: string }[];
}

export async function exportDistrictPackage(ws: Workspace, district: string, outDir: string): Promise<{ dir: string; manifest: PackageManifest }> {
  const d = await ws.one<{ name: string }>('SELECT name FROM districts WHERE district_code = $d', { d: district });
  if (!d) throw new UserError('NO_DISTRICT', `未知的区县代码：${district}`);
  const dir = join(outDir, `数据包_${d.name}_${district}`);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const files: PackageFile[] = [];
  const batchIds = new Set<number>();
  for (const spec of Object.values(DATASETS)) {
    const where = await districtCondition(ws, spec);
    if (!where) continue;
    const filter = `(${where}) AND batch_id IN (SELECT batch_id FROM import_batches WHERE ${ACTIVE_BATCH})`;
    const n = await ws.one<{ n: number; ids: number[] }>(
      `SELECT count(*) AS n, list(DISTINCT batch_id) AS ids FROM ${spec.table} WHERE ${filter}`, { district });
    if (!n?.n) continue;
    n.ids.forEach((id) => batchIds.add(id));
    const file = `${spec.name}.parquet`;
    await ws.run(`COPY (SELECT * FROM ${spec.table} WHERE ${filter.replaceAll('$district', sqlString(district))} ORDER BY batch_id, src_row)
      TO ${sqlString(join(dir, file))} (FORMAT parquet)`);
    const path = join(dir, file);
    files.push({ dataset: spec.name, file, rows: n.n, sha256: (await scanFile(path, { findBlankLines: false })).sha256, bytes: (await lstat(path)).size });
  }
  const sourceBatches = batchIds.size
    ? await ws.all<{ id: number; dataset: string; file: string; sha256: string }>(
        `SELECT batch_id AS id, dataset, file_name AS file, sha256 FROM import_batches WHERE batch_id IN (${[...batchIds].join(',')}) ORDER BY batch_id`)
    : [];
  const manifest: PackageManifest = {
    format: PACKAGE_FORMAT, formatVersion: 1, district, districtName: d.name, createdAt: new Date().toISOString(),
    appVersion: APP_VERSION, schemaVersion: SCHEMA_VERSION, files, sourceBatches,
  };
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return { dir, manifest };
}

async function readManifest(dir: string): Promise<PackageManifest> {
  let doc: PackageManifest;
  try {
    doc = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as PackageManifest;
  } catch {
    throw new UserError('NOT_A_PACKAGE', `“${dir}”不是 ZoneTrack 数据包（缺少或无法读取 manifest.json）`);
  }
  if (doc.format !== PACKAGE_FORMAT) throw new UserError('NOT_A_PACKAGE', `“${dir}”不是 ZoneTrack 数据包（manifest 格式不符）`);
  if (doc.schemaVersion > SCHEMA_VERSION) {
    throw new UserError('PACKAGE_TOO_NEW', `数据包由较新版本的 ZoneTrack 生成（结构版本 ${doc.schemaVersion}），请升级后再导入`);
  }
  return doc;
}

const tampered = (f: { file: unknown }, reason: string) => new UserError('PACKAGE_CORRUPT',
  `数据包清单中的文件“${String(f.file)}”${reason}；数据包可能已损坏或被修改，请让对方用 zonetrack package export 重新导出`,
  [{ file: String(f.file), row: 0, column: '', value: null, reason }]);

/**
 * A manifest entry names a regular file inside the package folder, under the name the exporter gives it
 * (`<dataset>.parquet`: no separators, no `..`, nothing a reader could take as a pattern), with its size.
 */
async function checkPackageEntry(dir: string, f: PackageFile): Promise<void> {
  const name = typeof f.file === 'string' ? f.file : '';
  if (/[/\\]|\.\./.test(name) || name === '') throw tampered(f, '不是数据包文件夹内的文件名（含有 /、\\ 或 ..）');
  if (name !== `${f.dataset}.parquet`) throw tampered(f, `与数据集“${String(f.dataset)}”不符（应为“${String(f.dataset)}.parquet”）`);
  if (!Number.isSafeInteger(f.bytes) || f.bytes < 0) throw tampered(f, '没有声明文件大小（可能由较旧的版本导出）');
  const st = await lstat(join(dir, name)).catch(() => undefined);
  if (!st) throw tampered(f, '不存在');
  if (!st.isFile()) throw tampered(f, '不是普通文件（是文件夹、链接或设备）');
  if (st.size !== f.bytes) throw tampered(f, `大小为 ${st.size} 字节，与清单声明的 ${f.bytes} 字节不符`);
}

/** Imports a package: every file verified against its hash, checked, and recorded as a batch; all or nothing. */
export async function importDistrictPackage(
  ws: Workspace, dir: string, options: { signal?: AbortSignal; year?: number; errorLimit?: number } = {},
): Promise<{ batches: { id: number; dataset: string; rows: number }[]; submission: { year: number; district: string } | null }> {
  const manifest = await readManifest(dir);
  if (!Array.isArray(manifest.files)) throw new UserError('NOT_A_PACKAGE', `“${dir}”不是 ZoneTrack 数据包（manifest 没有文件列表）`);
  const files = [...manifest.files].sort((a, b) => (datasetByName(a.dataset)?.order ?? 99) - (datasetByName(b.dataset)?.order ?? 99));
  for (const f of files) await checkPackageEntry(dir, f);
  for (const f of files) {
    const actual = (await scanFile(join(dir, f.file), { findBlankLines: false, maxBytes: f.bytes, signal: options.signal })).sha256;
    if (actual !== f.sha256) {
      throw new UserError('PACKAGE_CORRUPT', `数据包文件“${f.file}”缺失或与清单中的哈希不符，数据包可能已损坏或被修改`,
        [{ file: f.file, row: 0, column: '', value: null, reason: 'SHA-256 与 manifest.json 不符' }]);
    }
  }
  let submission: { year: number; district: string } | null = null;
  const result = await ws.transaction(async (tx) => {
    const out: { id: number; dataset: string; rows: number }[] = [];
    const errors: RowError[] = [];
    if (options.year !== undefined) await assertCanReceive(tx, options.year, manifest.district); // a finalized year takes no receipt
    const listedPart: string[] = [];
    for (const f of files) {
      const spec = datasetByName(f.dataset);
      if (!spec) throw new UserError('PACKAGE_UNKNOWN_DATASET', `数据包中的数据集“${f.dataset}”在本版本中未知`);
      if (errors.length) {
        // checked against a refused file, its references would only add false errors
        errors.push({ file: f.file, row: 0, column: '', value: null, reason: '未校验：数据包中此前的文件有错误' });
        continue;
      }
      const parsed = await stagePackageFile(tx, join(dir, f.file), spec.name);
      const has = (c: string) => parsed.columns.some((x) => x.name === c);
      const step = loadStep(spec);
      await step.prepare(tx, parsed);
      // every row must belong to the package's district (a package is one district's slice)
      const where = await districtCondition(tx, spec);
      const foreign = where
        ? [{ column: spec.key[0]!, when: `NOT (${where.replaceAll('$district', sqlString(manifest.district))})`,
            reason: `该行不属于数据包声明的区县（${manifest.districtName} ${manifest.district}）` }]
        : [];
      const checks = await runChecks(tx, parsed, f.file, [...step.rules(parsed, has), ...foreign], options.errorLimit ?? ERROR_LIMIT);
      errors.push(...checks.errors);
      if (checks.badRows > new Set(checks.errors.map((e) => e.row)).size) listedPart.push(`“${f.file}”有 ${checks.badRows} 行错误，只列出了前 ${checks.errors.length} 处`);
      if (errors.length) continue;
      const id = (await tx.one<{ id: number }>("SELECT nextval('batch_id_seq')::INTEGER AS id"))!.id;
      await tx.run(`INSERT INTO ${spec.table} BY NAME
        SELECT * EXCLUDE (__row, ${parsed.columns.map((c) => `${c.name}__raw`).join(', ')}), ${id} AS batch_id FROM ${parsed.table}`);
      await tx.run(`INSERT INTO import_batches (batch_id, dataset, file_name, file_path, sha256, size_bytes, encoding, sheet,
          header_row, rows_read, rows_accepted, rows_rejected, imported_at, note)
        VALUES ($id, $ds, $file, $path, $sha, NULL, 'parquet', NULL, 1, $rows, $rows, 0, now()::TIMESTAMP, $note)`, {
        id, ds: spec.name, file: `${basename(dir)}/${f.file}`, path: join(dir, f.file), sha: f.sha256, rows: parsed.rows,
        note: `来自${manifest.districtName}（${manifest.district}）数据包，生成于 ${manifest.createdAt}；原批次：${manifest.sourceBatches.filter((b) => b.dataset === spec.name).map((b) => `${b.file}（${b.sha256.slice(0, 12)}）`).join('、')}`,
      });
      // a district's package covers that district only, in the years of its rows
      await recordCoverage(tx, { id, dataset: spec.name, table: spec.table }, { districts: [manifest.district] });
      out.push({ id, dataset: spec.name, rows: parsed.rows });
    }
    if (!errors.length) {
      // the district's 报送 of the year asked for, else of the latest year its rows cover (none: a register only)
      await ensureAirStationDays(tx); // hourly air data summed per station-day, as an import does
      await appendAudit(tx, { action: 'package/import', target: `${manifest.districtName}（${manifest.district}）数据包`,
        detail: { dir, district: manifest.district, createdAt: manifest.createdAt, batches: out } });
      // the district's 报送 of the year asked for, else of the latest year its rows cover (none: a register only)
      const year = options.year ?? (out.length ? (await tx.one<{ y: number | null }>(
        `SELECT max(year) AS y FROM batch_coverage WHERE batch_id IN (${out.map((b) => b.id).join(', ')})`))?.y ?? null : null);
      if (year !== null) {
        submission = { year, district: manifest.district };
        await recordReceipt(tx, { year, district: manifest.district, contents: { source: '数据包', file: basename(dir),
          datasets: out.map((b) => ({ dataset: b.dataset, rows: b.rows })) } });
      }
    }
    if (errors.length) {
      throw new UserError('PACKAGE_REFUSED', `数据包导入被拒绝，未写入任何数据：${errors.length} 处冲突（如数据已存在或引用缺失）` +
        `${listedPart.length ? `；${listedPart.join('；')}（zonetrack package import 不限条数时可列出全部）` : ''}。请让对方修正后重新导出。`, errors);
    }
    return out;
  });
  await ws.checkpoint();
  return { batches: result, submission };
}

/** Puts a package file where the import checks expect a parsed file: typed columns, their (empty) raw text, __row. */
async function stagePackageFile(tx: Sql, path: string, dataset: string): Promise<ParsedFile> {
  const spec = datasetByName(dataset)!;
  const table = `zt_pkg_${dataset}`;
  // Only the table's own columns come in (a column a package adds is ignored), all of them, so that what is
  // checked here is exactly what is inserted.
  const ownColumns = (await tableColumns(tx, spec.table)).filter((c) => c !== 'batch_id');
  const present = new Set((await tx.all<{ name: string }>(`SELECT name FROM parquet_schema(${sqlPath(path)})`)).map((p) => p.name));
  const missing = ['src_row', ...spec.key].filter((c) => !present.has(c));
  if (missing.length) throw new UserError('PACKAGE_CORRUPT', `数据包文件“${basename(path)}”缺少列：${missing.join('、')}`);
  const kept = ownColumns.filter((c) => present.has(c));
  const columns = spec.columns.filter((c) => present.has(c.name));
  await tx.run(`CREATE OR REPLACE TEMP TABLE ${table} AS SELECT ${kept.join(', ')},
      ${columns.map((c) => `NULL::VARCHAR AS ${c.name}__raw`).join(', ')}, src_row AS __row
    FROM read_parquet(${sqlPath(path)})`);
  const rows = (await tx.one<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))!.n;
  return { table, columns, headerOf: new Map(columns.map((c) => [c.name, c.label])), rowExpr: '__row', rows };
}
