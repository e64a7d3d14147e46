// A batch's life after import: a new version of the same file supersedes it; a user may remove it. Either way
// its rows leave the dataset's table but its record stays (provenance of what was once used), and nothing may
// be left pointing at codes that went with it.
import type { Sql, Workspace } from '../workspace.js';
import { UserError } from '../errors.js';
import { DATASETS, datasetByName, type DatasetSpec } from './datasets.js';
import { appendAudit } from '../audit/audit-log.js';
import { deleteAirStationDays } from '../derived/air-station-days.js';
import { ACTIVE_BATCH } from './active-batch.js';

/**
 * The active batch an incoming file replaces: the same file (same dataset and full path) with new content.
 * A file of the same name from another folder is another district's or department's, not a new version.
 */
export async function supersededBatch(tx: Sql, dataset: string, path: string, sha256: string): Promise<number | undefined> {
  const r = await tx.one<{ batch_id: number }>(
    `SELECT batch_id FROM import_batches WHERE dataset = $d AND file_path = $p AND sha256 <> $s AND ${ACTIVE_BATCH}
     ORDER BY batch_id DESC LIMIT 1`, { d: dataset, p: path, s: sha256 });
  return r?.batch_id;
}

export async function deleteBatchRows(tx: Sql, spec: DatasetSpec, batchId: number): Promise<void> {
  await tx.run(`DELETE FROM ${spec.table} WHERE batch_id = ${batchId}`);
  if (spec.table === 'air_hourly') await deleteAirStationDays(tx, batchId);
}

/** Rows of other datasets that refer to codes `spec`'s table no longer has (after a delete or replace). */
export async function danglingReferences(tx: Sql, spec: DatasetSpec): Promise<{ dataset: DatasetSpec; column: string; codes: string[]; rows: number }[]> {
  const found = [];
  for (const other of Object.values(DATASETS)) {
    for (const ref of other.refs ?? []) {
      // a reference to this table, or to a query that reads it (entities: districts, units, reporting entities)
      if (ref.table !== spec.table && !new RegExp(`\\bFROM ${spec.table}\\b`).test(ref.table)) continue;
      const r = await tx.one<{ n: number; codes: string[] }>(`
        SELECT count(*) AS n, list(DISTINCT ${ref.column} ORDER BY ${ref.column})[1:5] AS codes FROM ${other.table}
        WHERE ${ref.column} IS NOT NULL AND ${ref.column} NOT IN (SELECT ${ref.tableColumn} FROM ${ref.table})`);
      if (r && r.n > 0) found.push({ dataset: other, column: ref.column, codes: r.codes, rows: r.n });
    }
  }
  return found;
}

export function danglingMessage(d: Awaited<ReturnType<typeof danglingReferences>>): string {
  return d.map((x) => `${x.dataset.label}中有 ${x.rows} 行引用了将不存在的编码（如 ${x.codes.join('、')}）`).join('；');
}

/** Removes a batch's rows (one transaction); refused while other data still refers to what it brought. */
export async function removeBatch(ws: Workspace, batchId: number, reason: string): Promise<{ id: number; dataset: string; rows: number }> {
  const result = await ws.transaction(async (tx) => {
    const b = await tx.one<{ dataset: string; file_name: string; removed_at: Date | null; superseded_by: number | null; rows_accepted: number }>(
      'SELECT dataset, file_name, removed_at, superseded_by, rows_accepted FROM import_batches WHERE batch_id = $id', { id: batchId });
    if (!b) throw new UserError('NO_BATCH', `没有编号为 ${batchId} 的导入批次`);
    if (b.removed_at || b.superseded_by !== null) throw new UserError('BATCH_INACTIVE', `批次 ${batchId}（${b.file_name}）已被移除或替换，无需再移除`);
    const spec = datasetByName(b.dataset);
    if (!spec) throw new UserError('NO_DATASET', `批次 ${batchId} 的数据集“${b.dataset}”在本版本中未知`);
    await deleteBatchRows(tx, spec, batchId);
    const dangling = await danglingReferences(tx, spec);
    if (dangling.length) {
      throw new UserError('BATCH_IN_USE', `不能移除批次 ${batchId}（${b.file_name}）：${danglingMessage(dangling)}。请先移除或替换引用它的数据。`);
    }
    await tx.run('UPDATE import_batches SET removed_at = now()::TIMESTAMP, removed_reason = $r WHERE batch_id = $id', { id: batchId, r: reason });
    await appendAudit(tx, { action: 'batch/remove', target: `批次 ${batchId}`,
      detail: { batch: batchId, dataset: b.dataset, file: b.file_name, rows: b.rows_accepted, reason } });
    return { id: batchId, dataset: b.dataset, rows: b.rows_accepted };
  });
  await ws.checkpoint();
  return result;
}
