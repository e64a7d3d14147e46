// The import batches as the batch list shows them (batches/list): oldest first, each with its status in words.
import type { Workspace } from '../../analytics/workspace.js';
import { ACTIVE_BATCH } from '../../analytics/import/active-batch.js';
import type { BatchInfo } from '../contract.js';

interface BatchRow {
  batch_id: number; dataset: string; file_name: string; sha256: string; rows_read: number; rows_accepted: number;
  rows_rejected: number; encoding: string | null; sheet: string | null; imported_at: Date; superseded_by: number | null;
  removed_reason: string | null; removed: boolean; active: boolean;
}

export async function batchList(ws: Workspace): Promise<BatchInfo[]> {
  const rows = await ws.all<BatchRow>(`SELECT batch_id, dataset, file_name, sha256, rows_read, rows_accepted, rows_rejected,
      encoding, sheet, imported_at, superseded_by, removed_reason, removed_at IS NOT NULL AS removed, (${ACTIVE_BATCH}) AS active
    FROM import_batches ORDER BY batch_id`);
  return rows.map((b) => ({
    id: b.batch_id, dataset: b.dataset, file: b.file_name, sha256: b.sha256,
    rows: b.rows_read, accepted: b.rows_accepted, rejected: b.rows_rejected, encoding: b.encoding, sheet: b.sheet,
    importedAt: b.imported_at.toISOString(),
    active: b.active,
    status: b.superseded_by !== null ? `已被批次${b.superseded_by}替换` : b.removed ? `已移除（${b.removed_reason ?? ''}）` : '有效',
  }));
}
