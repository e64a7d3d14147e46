// What people enter on a score sheet: a self-score and evidence for manual items (or an adjusted self-score), a
// 不适用 mark with its reason for an item whose data is missing, the reviewer's score; and a district's submitted
// self-scores. Overlaid on the computed items. Each entry belongs to the run (snapshot) it was entered against: a
// finalized run's entries never change; a new computation carries the latest run's entries forward explicitly.
import type { Sql } from '../../analytics/workspace.js';
import type { IndicatorEntry } from '../catalogue/schema.js';
import { formatPoints } from '../value-format.js';
import { roundPoints } from './score-item.js';

export interface ScoreEntryRow {
  entity_code: string;
  indicator_id: string;
  self_score: number | null;
  self_source: string | null;
  evidence: string | null;
  attachments: string | null;
  not_applicable_reason: string | null;
  review_score: number | null;
  review_note: string | null;
  submitted_score: number | null;
  submitted_file: string | null;
}

/** The fields a score-sheet item carries besides the computed value. */
export interface EnteredScores {
  /** The engine's points for the item (before anything entered by hand). */
  computedPoints: number | null;
  /** 自评得分: entered here, else submitted by the district, else (computable items) the computed points. */
  selfScore: number | null;
  /** Where the self-score came from: 系统计算 / 人工填报 / 区县报送（file）. */
  selfSource: string | null;
  evidence: string | null;
  /** The reason a user gave when marking the item 不适用 (printed on the sheet and in the report). */
  notApplicableReason: string | null;
  /** 审核得分 and the reviewer's note. */
  reviewScore: number | null;
  reviewNote: string | null;
  /** Whether a person may mark the item 不适用 (with a reason): a manual item, an item the catalogue marks as
   *  possibly not applicable, an item without data (数据缺失/数据不足), or one already marked. */
  notApplicableAllowed: boolean;
}

/** The rule of notApplicableAllowed, for an item as computed (before anything entered). */
export function mayMarkNotApplicable(ind: IndicatorEntry | undefined, computedStatus: string): boolean {
  return ind?.rule.type === 'manual' || ind?.notApplicableWithoutRecords === true || ['数据缺失', '数据不足', '不适用'].includes(computedStatus);
}

/** Copies the entries (and the district's submission) of run `from` to the new run `to`, inside the computation's
 *  transaction; answers how many items were carried. */
export async function carryScoreEntries(tx: Sql, from: number, to: number): Promise<{ entries: number; submitted: number }> {
  const n = async (table: string) => (await tx.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${table} WHERE run_id = $to`, { to }))!.n;
  await tx.run('INSERT INTO score_entries SELECT * EXCLUDE (run_id), $to::INTEGER FROM score_entries WHERE run_id = $from', { from, to });
  await tx.run('INSERT INTO review_submissions SELECT * EXCLUDE (run_id), $to::INTEGER FROM review_submissions WHERE run_id = $from', { from, to });
  return { entries: await n('score_entries'), submitted: await n('review_submissions') };
}

/** The entries of one run (snapshot). */
export async function readScoreEntries(sql: Sql, runId: number, entity?: string): Promise<Map<string, ScoreEntryRow>> {
  const rows = await sql.all<ScoreEntryRow>(`
    SELECT coalesce(e.entity_code, s.entity_code) AS entity_code, coalesce(e.indicator_id, s.indicator_id) AS indicator_id,
           e.self_score, e.self_source, coalesce(e.evidence, s.evidence) AS evidence, e.attachments, e.not_applicable_reason,
           e.review_score, e.review_note, s.self_score AS submitted_score, s.file_name AS submitted_file
    FROM (SELECT * FROM score_entries WHERE run_id = $r) e
    FULL JOIN (SELECT * FROM review_submissions WHERE run_id = $r) s USING (entity_code, indicator_id)
    ${entity ? 'WHERE coalesce(e.entity_code, s.entity_code) = $e' : ''}`, entity ? { r: runId, e: entity } : { r: runId });
  return new Map(rows.map((r) => [`${r.entity_code}|${r.indicator_id}`, r]));
}

interface ComputedItem {
  status: string;
  points: number | null;
  maxPoints: number | null;
  explanation: string;
}

/** One computed item with what was entered for it: status, points and explanation as the sheet shows them. */
export function applyScoreEntries<T extends ComputedItem>(item: T, ind: IndicatorEntry | undefined, e: ScoreEntryRow | undefined): T & EnteredScores {
  const manual = ind?.rule.type === 'manual';
  const computed = item.points;
  const base: EnteredScores = {
    computedPoints: manual ? null : computed, selfScore: manual ? null : computed, selfSource: manual ? null : '系统计算',
    evidence: e?.evidence ?? null, notApplicableReason: null,
    reviewScore: e?.review_score ?? null, reviewNote: e?.review_note ?? null,
    notApplicableAllowed: mayMarkNotApplicable(ind, item.status),
  };
  if (!e) return { ...item, ...base };
  if (e.not_applicable_reason) {
    return {
      ...item, ...base, status: '不适用', points: 0, selfScore: null, selfSource: null, notApplicableReason: e.not_applicable_reason,
      explanation: `经确认不适用：${e.not_applicable_reason}（分值不计入总分）`,
    };
  }
  const entered = e.self_score ?? e.submitted_score;
  if (entered === null || entered === undefined) return { ...item, ...base };
  const source = e.self_score !== null ? '人工填报' : `区县报送（${e.submitted_file ?? ''}）`;
  const evidence = e.evidence ? `；佐证材料：${e.evidence}` : '';
  if (manual) {
    return {
      ...item, ...base, status: '已自评', points: roundPoints(entered), selfScore: entered, selfSource: source,
      explanation: `自评得分${formatPoints(entered)}分（${source}）${evidence}`,
    };
  }
  if (e.self_score === null) return { ...item, ...base, selfScore: entered, selfSource: source };
  // a computable item whose self-score was adjusted by hand: counted as entered, the computed score shown beside it
  return {
    ...item, ...base, points: roundPoints(entered), selfScore: entered, selfSource: source,
    explanation: `${item.explanation}；自评调整为${formatPoints(entered)}分（系统计算${formatPoints(computed)}分）${evidence}`,
  };
}
