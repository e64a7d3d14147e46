// Entering scores by hand, one transaction per action: a self-score with evidence (manual items, or an
// adjusted self-score), a 不适用 mark with its reason (where the item allows it — never to hide a bad value),
// and the reviewer's score with a note. Each answers with the sheet as it now stands.
import type { Sql, Workspace } from '../../analytics/workspace.js';
import { appendAudit } from '../../analytics/audit/audit-log.js';
import { UserError } from '../../analytics/errors.js';
import { scoreSheets, type ScoreSheet } from '../results.js';

export interface SetManualArgs {
  year: number;
  /** When the entry is made (local time from the service). */
  at: string;
  entity: string;
  indicator: string;
  selfScore?: number | null;
  evidence?: string;
  notApplicableReason?: string | null;
}

export interface SetReviewArgs {
  year: number;
  /** When the entry is made (local time from the service). */
  at: string;
  entity: string;
  indicator: string;
  reviewScore: number | null;
  note?: string;
}

async function itemOf(tx: Sql, year: number, entity: string, indicator: string) {
  const [sheet] = await scoreSheets(tx, year, entity);
  const item = sheet?.items.find((i) => i.indicator === indicator);
  if (!sheet || !item) throw new UserError('NO_INDICATOR', `${entity} ${year}年的评分表中没有指标 ${indicator}`);
  if (sheet.snapshot.state === '定稿') {
    throw new UserError('FINALIZED', `${year}年已定稿（计算批次 ${sheet.snapshot.runId}），评分表不能修改；如需修改，请先撤销定稿并说明理由`);
  }
  return { ...item, runId: sheet.runId };
}

function checkScore(score: number, max: number | null, indicator: string, what: string): void {
  if (!Number.isFinite(score) || score < 0 || score > (max ?? 0)) {
    throw new UserError('BAD_SCORE', `指标 ${indicator} 的${what}应在0至${max ?? 0}分之间，收到 ${score}`);
  }
}

/** Writes an entry of the run (snapshot) the sheet was read from. */
async function upsert(tx: Sql, run: number, year: number, entity: string, indicator: string, at: string, set: Record<string, string | number | null>): Promise<void> {
  const cols = Object.keys(set);
  const params = { r: run, y: year, e: entity, i: indicator, at, ...set };
  const exists = await tx.one('SELECT 1 FROM score_entries WHERE run_id = $r AND entity_code = $e AND indicator_id = $i', { r: run, e: entity, i: indicator });
  if (exists) {
    await tx.run(`UPDATE score_entries SET ${cols.map((c) => `${c} = $${c}`).join(', ')}, updated_at = $at::TIMESTAMP
      WHERE run_id = $r AND year = $y AND entity_code = $e AND indicator_id = $i`, params);
  } else {
    await tx.run(`INSERT INTO score_entries (run_id, year, entity_code, indicator_id, ${cols.join(', ')}, updated_at)
      VALUES ($r, $y, $e, $i, ${cols.map((c) => `$${c}`).join(', ')}, $at::TIMESTAMP)`, params);
  }
}

export async function setManualScore(ws: Workspace, a: SetManualArgs): Promise<ScoreSheet> {
  return ws.transaction(async (tx) => {
    const item = await itemOf(tx, a.year, a.entity, a.indicator);
    const before = await tx.one<{ self_score: number | null; evidence: string | null; not_applicable_reason: string | null }>(
      'SELECT self_score, evidence, not_applicable_reason FROM score_entries WHERE run_id = $r AND entity_code = $e AND indicator_id = $i',
      { r: item.runId, e: a.entity, i: a.indicator });
    const set: Record<string, string | number | null> = {};
    // one audit entry per thing that changed, named for it (a self-score is never recorded as 标记不适用)
    const actions: string[] = [];
    if (a.selfScore !== undefined && a.selfScore !== (before?.self_score ?? null)) {
      if (a.selfScore !== null) checkScore(a.selfScore, item.maxPoints, a.indicator, '自评得分');
      set.self_score = a.selfScore;
      set.self_source = a.selfScore === null ? null : '人工填报';
      actions.push(a.selfScore === null ? 'score/self-clear' : 'score/self');
    }
    const evidence = a.evidence === undefined ? undefined : a.evidence.trim() || null;
    if (evidence !== undefined && evidence !== (before?.evidence ?? null)) {
      set.evidence = evidence;
      actions.push('score/evidence');
    }
    if (a.notApplicableReason !== undefined) {
      const reason = a.notApplicableReason === null ? null : a.notApplicableReason.trim();
      if (reason === '') throw new UserError('NEED_REASON', `标记指标 ${a.indicator} 为不适用，须写明理由`);
      if (reason !== null && !item.notApplicableAllowed) {
        throw new UserError('NOT_APPLICABLE_REFUSED', `指标 ${a.indicator} 有计算结果（${item.status}），且指标体系未注明该项可能不适用：`
          + '只有数据缺失、数据不足的指标，自评项，或指标体系注明可能不适用的指标才能标记为不适用');
      }
      if (reason !== (before?.not_applicable_reason ?? null)) {
        set.not_applicable_reason = reason;
        actions.push(reason === null ? 'score/applicable' : 'score/not-applicable');
      }
    }
    if (Object.keys(set).length === 0) {
      if (a.selfScore === undefined && a.evidence === undefined && a.notApplicableReason === undefined) {
        throw new UserError('NOTHING_TO_SET', '没有要保存的内容（自评得分、佐证材料或不适用理由）');
      }
      return (await scoreSheets(tx, a.year, a.entity))[0]!; // saved as it was: nothing changed, nothing recorded
    }
    await upsert(tx, item.runId, a.year, a.entity, a.indicator, a.at, set);
    for (const action of actions) {
      await appendAudit(tx, { action, target: `${a.year}年 ${a.entity} ${a.indicator}`, detail: { ...set, before: {
        selfScore: before?.self_score ?? null, evidence: before?.evidence ?? null, notApplicableReason: before?.not_applicable_reason ?? null } } });
    }
    return (await scoreSheets(tx, a.year, a.entity))[0]!;
  });
}

export async function setReviewScore(ws: Workspace, a: SetReviewArgs): Promise<ScoreSheet> {
  return ws.transaction(async (tx) => {
    const item = await itemOf(tx, a.year, a.entity, a.indicator);
    if (a.reviewScore !== null) checkScore(a.reviewScore, item.maxPoints, a.indicator, '审核得分');
    await upsert(tx, item.runId, a.year, a.entity, a.indicator, a.at, { review_score: a.reviewScore, review_note: a.note?.trim() || null });
    await appendAudit(tx, { action: 'score/review', target: `${a.year}年 ${a.entity} ${a.indicator}`,
      detail: { reviewScore: a.reviewScore, note: a.note ?? null, before: item.reviewScore } });
    return (await scoreSheets(tx, a.year, a.entity))[0]!;
  });
}
