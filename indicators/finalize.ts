// 定稿: a year's computation finalized as the snapshot its score sheets and reports are read from. Later imports,
// layers or target changes only make new draft computations beside it; reopening (with a reason) lets the
// latest draft be read again. Both are audited with their reasons, in the same transaction.
import type { Workspace, Sql } from '../analytics/workspace.js';
import { UserError } from '../analytics/errors.js';
import { appendAudit, auditUser } from '../analytics/audit/audit-log.js';
import { latestRun, scoreSheets, type RunInfo } from './results.js';
import { finalizeSubmissions, reopenSubmissions } from '../analytics/submissions/submissions.js';

export interface SnapshotState {
  year: number;
  /** The finalized run, if any. */
  finalized: { runId: number; finalizedAt: string; finalizedBy: string | null; reason: string | null } | null;
  /** The latest run when it is newer than the finalized one (a draft computed after finalizing). */
  draft: { runId: number; computedAt: string } | null;
}

async function finalizedRun(sql: Sql, year: number): Promise<RunInfo | undefined> {
  return sql.one<RunInfo>('SELECT * FROM compute_runs WHERE year = $y AND finalized_at IS NOT NULL ORDER BY run_id DESC LIMIT 1', { y: year });
}

export async function snapshotState(sql: Sql, year: number): Promise<SnapshotState> {
  const latest = await latestRun(sql, year, 'draft');
  const fin = await finalizedRun(sql, year);
  return {
    year,
    finalized: fin ? { runId: fin.run_id, finalizedAt: fin.finalized_at!.toISOString(), finalizedBy: fin.finalized_by, reason: fin.finalize_reason } : null,
    draft: !fin || latest.run_id > fin.run_id ? { runId: latest.run_id, computedAt: latest.computed_at.toISOString() } : null,
  };
}

/** Finalizes the year's latest computation (one finalized run per year). */
/** `at`: the time of finalizing (local, YYYY-MM-DD HH:MM:SS), taken by the service. */
export async function finalizeYear(ws: Workspace, a: { year: number; reason?: string; at: string }): Promise<SnapshotState> {
  return ws.transaction(async (tx) => {
    const latest = await latestRun(tx, a.year, 'draft');
    const fin = await finalizedRun(tx, a.year);
    if (fin && fin.run_id === latest.run_id) {
      throw new UserError('ALREADY_FINAL', `${a.year}年的计算批次 ${fin.run_id} 已定稿，无需再次定稿`);
    }
    if (fin) {
      throw new UserError('FINAL_EXISTS', `${a.year}年已有定稿（计算批次 ${fin.run_id}）；如需以新的计算批次 ${latest.run_id} 定稿，请先撤销定稿并说明理由（zonetrack finalize WS --year ${a.year} --reopen --reason 理由）`);
    }
    const reason = a.reason?.trim() || null;
    await tx.run('UPDATE compute_runs SET finalized_at = $at::TIMESTAMP, finalized_by = $u, finalize_reason = $r WHERE run_id = $id',
      { at: a.at, u: await auditUser(tx), r: reason, id: latest.run_id });
    await appendAudit(tx, { action: 'snapshot/finalize', target: `${a.year}年 计算批次 ${latest.run_id}`, detail: { year: a.year, run: latest.run_id, reason } });
    await finalizeSubmissions(tx, a.year, latest.run_id, reason); // the reviewed districts' submissions become 定稿
    return snapshotState(tx, a.year);
  });
}

/** Reopens the year: its finalized run becomes a draft again (kept, never changed); a reason is required. */
export async function reopenYear(ws: Workspace, a: { year: number; reason: string }): Promise<SnapshotState> {
  const reason = a.reason.trim();
  if (!reason) throw new UserError('NEED_REASON', '撤销定稿须说明理由');
  return ws.transaction(async (tx) => {
    const fin = await finalizedRun(tx, a.year);
    if (!fin) throw new UserError('NOT_FINAL', `${a.year}年没有定稿的计算批次`);
    await tx.run('UPDATE compute_runs SET finalized_at = NULL, finalized_by = NULL, finalize_reason = NULL WHERE run_id = $id', { id: fin.run_id });
    await appendAudit(tx, { action: 'snapshot/reopen', target: `${a.year}年 计算批次 ${fin.run_id}`,
      detail: { year: a.year, run: fin.run_id, reason, finalizedAt: fin.finalized_at?.toISOString() ?? null, finalizeReason: fin.finalize_reason } });
    await reopenSubmissions(tx, a.year, reason);
    return snapshotState(tx, a.year);
  });
}

export interface SnapshotDiff {
  year: number;
  finalizedRun: number;
  draftRun: number;
  /** Districts whose total or grade differ. */
  grades: { entity: string; name: string; finalized: { total: number; grade: string }; draft: { total: number; grade: string } }[];
  /** Indicator values, statuses or points that differ (districts and the city). */
  values: { indicator: string; entity: string; finalized: { value: number | null; status: string; points: number | null };
    draft: { value: number | null; status: string; points: number | null } }[];
}

/** What the latest draft would change against the finalized snapshot: grades and totals, then item values. */
export async function snapshotDiff(sql: Sql, year: number): Promise<SnapshotDiff> {
  const state = await snapshotState(sql, year);
  if (!state.finalized) throw new UserError('NOT_FINAL', `${year}年没有定稿的计算批次，无可比较`);
  if (!state.draft) throw new UserError('NO_DRAFT', `${year}年定稿之后没有新的计算（草稿），无可比较`);
  const [f, d] = [state.finalized.runId, state.draft.runId];
  const [fs, ds] = [await scoreSheets(sql, year, undefined, f), await scoreSheets(sql, year, undefined, d)];
  const grades = fs.flatMap((a) => {
    const b = ds.find((x) => x.entity === a.entity);
    if (!b || (a.total === b.total && a.grade === b.grade)) return [];
    return [{ entity: a.entity, name: a.name, finalized: { total: a.total, grade: a.grade }, draft: { total: b.total, grade: b.grade } }];
  });
  const rows = await sql.all<{ indicator_id: string; entity_code: string; fv: number | null; fs: string | null; fp: number | null; dv: number | null; ds: string | null; dp: number | null }>(`
    SELECT coalesce(a.indicator_id, b.indicator_id) AS indicator_id, coalesce(a.entity_code, b.entity_code) AS entity_code,
           a.value AS fv, a.status AS fs, a.points AS fp, b.value AS dv, b.status AS ds, b.points AS dp
    FROM (SELECT * FROM indicator_values WHERE run_id = $f) a FULL JOIN (SELECT * FROM indicator_values WHERE run_id = $d) b
      USING (indicator_id, entity_code)
    WHERE a.value IS DISTINCT FROM b.value OR a.status IS DISTINCT FROM b.status OR a.points IS DISTINCT FROM b.points
    ORDER BY entity_code, indicator_id`, { f, d });
  return {
    year, finalizedRun: f, draftRun: d, grades,
    values: rows.map((r) => ({ indicator: r.indicator_id, entity: r.entity_code,
      finalized: { value: r.fv, status: r.fs ?? '—', points: r.fp }, draft: { value: r.dv, status: r.ds ?? '—', points: r.dp } })),
  };
}
