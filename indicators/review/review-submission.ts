// Self-assessment vs review: a district's 评分表 comes back; its self-scores are kept (one transaction), every
// computable item is taken from the city's own latest computation, and each difference is listed with its
// cause — different data, a different target, or a self-score adjusted by hand.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Workspace } from '../../analytics/workspace.js';
import { UserError, type RowError } from '../../analytics/errors.js';
import { createHash } from 'node:crypto';
import { scoreSheets, type ScoreSheet } from '../results.js';
import { formatPoints, formatValue, roundHalfEven } from '../value-format.js';
import { readSubmission, type SubmittedItem } from './read-submission.js';
import { appendAudit } from '../../analytics/audit/audit-log.js';
import { recordReceipt } from '../../analytics/submissions/submissions.js';

export type DifferenceCause = '数据不同' | '目标值不同' | '人工调整' | '适用性不同' | '指标体系不同' | '自评项不同';

export interface ReviewDifference {
  indicator: string;
  name: string;
  selfScore: number | null;
  cityScore: number | null;
  submittedValue: number | null;
  cityValue: number | null;
  submittedTarget: number | null;
  cityTarget: number | null;
  causes: DifferenceCause[];
  explanation: string;
}

export interface ReviewResult {
  entity: string;
  name: string;
  year: number;
  file: string;
  sha256: string;
  runId: number;
  items: number;
  /** Items scored by hand (manual): no city recomputation, to be reviewed on their evidence. */
  manualItems: string[];
  differences: ReviewDifference[];
  selfTotal: { earned: number; applicableMax: number; total: number };
  cityTotal: { earned: number; applicableMax: number; total: number; grade: string };
}

/** Values compared at the indicator's decimals (what the sheet shows), scores at two decimals. */
const differs = (a: number | null, b: number | null, decimals: number) =>
  (a === null) !== (b === null) || (a !== null && b !== null && Math.abs(a - b) > 0.5 * 10 ** -decimals + 1e-9);

function entityFromTitle(title: string, districts: { district_code: string; name: string }[]): string | undefined {
  return districts.filter((d) => title.startsWith(d.name)).sort((a, b) => b.name.length - a.name.length)[0]?.district_code;
}

/** `at`: when the submission is received (local time, from the service). */
export async function reviewSubmission(ws: Workspace, a: { year: number; path: string; entity?: string; at: string }): Promise<ReviewResult> {
  const fileName = basename(a.path);
  const bytes = await readFile(a.path).catch((e: Error) => {
    throw new UserError('FILE_UNREADABLE', `无法读取自评表“${a.path}”：${e.message}`);
  });
  const sub = await readSubmission(a.path, fileName);
  const districts = await ws.all<{ district_code: string; name: string }>('SELECT district_code, name FROM districts');
  const entity = a.entity ?? entityFromTitle(sub.title, districts);
  if (!entity) throw new UserError('SUBMISSION_INVALID', `无法从自评表“${fileName}”的标题“${sub.title}”确定区县，请用 --entity 指定区县代码`);
  const titleYear = /(\d{4})年/.exec(sub.title)?.[1];
  if (titleYear && Number(titleYear) !== a.year) {
    throw new UserError('SUBMISSION_INVALID', `自评表“${fileName}”是${titleYear}年度的评分表，不是${a.year}年度的`);
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return ws.transaction(async (tx) => {
    const [sheet] = await scoreSheets(tx, a.year, entity);
    if (!sheet) throw new UserError('NO_ENTITY', `没有区县“${entity}”${a.year}年的评分结果`);
    if (sheet.snapshot.state === '定稿') {
      throw new UserError('FINALIZED', `${a.year}年已定稿（计算批次 ${sheet.runId}），不能再导入自评表“${fileName}”；如需修改，请先撤销定稿并说明理由`);
    }
    // every error of the workbook, rows as Excel shows them, not the first only
    const errors: RowError[] = [...sub.errors];
    for (const s of sub.items) {
      const item = sheet.items.find((x) => x.indicator === s.indicator);
      if (item && s.selfScore !== null && (s.selfScore < 0 || s.selfScore > (item.maxPoints ?? 0))) {
        errors.push({ file: fileName, row: s.row, column: '自评得分', value: String(s.selfScore),
          reason: `第${s.row}行（${s.indicator}）：自评得分 ${s.selfScore} 超出0至${item.maxPoints}分` });
      }
    }
    if (errors.length) {
      errors.sort((x, y) => x.row - y.row);
      throw new UserError('SUBMISSION_INVALID', `自评表“${fileName}”有${errors.length}处错误，未导入：${errors.map((e) => e.reason).join('；')}`, errors);
    }
    await tx.run('DELETE FROM review_submissions WHERE run_id = $r AND entity_code = $e', { r: sheet.runId, e: entity });
    for (const s of sub.items) {
      await tx.run(`INSERT INTO review_submissions VALUES ($y, $e, $i, $self, $value, $target, $app, $ev, $file, $sha, $at::TIMESTAMP, $r)`, {
        r: sheet.runId, at: a.at, y: a.year, e: entity, i: s.indicator, self: s.selfScore, value: s.value, target: s.target, app: s.applicable,
        ev: s.evidence, file: fileName, sha: sha256,
      });
    }
    await appendAudit(tx, { action: 'review/submission', target: `${a.year}年 ${entity}`, detail: { file: fileName, sha256, items: sub.items.length } });
    // the district's 报送 of the year: received (refused, with nothing written, once it is 已审核 or 定稿)
    if (/^\d{6}$/.test(entity)) {
      await recordReceipt(tx, { year: a.year, district: entity, contents: { source: '自评表', file: fileName,
        selfScores: sub.items.filter((s) => s.selfScore !== null).length } });
    }
    const differences = sub.items.flatMap((s) => compareItem(s, sheet.items.find((x) => x.indicator === s.indicator)));
    const applicable = sub.items.filter((s) => s.applicable);
    const selfEarned = applicable.reduce((t, s) => t + (s.selfScore ?? 0), 0);
    const selfMax = applicable.reduce((t, s) => t + (s.maxPoints ?? 0), 0);
    return {
      entity, name: sheet.name, year: a.year, file: fileName, sha256, runId: sheet.runId, items: sub.items.length,
      manualItems: sheet.items.filter((i) => i.computedPoints === null && i.status !== '不适用').map((i) => i.indicator),
      differences,
      selfTotal: { earned: Math.round(selfEarned * 100) / 100, applicableMax: selfMax, total: selfMax ? roundHalfEven((selfEarned / selfMax) * 100, 1) : 0 },
      cityTotal: { earned: sheet.earned, applicableMax: sheet.applicableMax, total: sheet.total, grade: sheet.grade },
    };
  });
}

/** A manual item (nothing computed): the district's self-score and evidence against what the city holds for the
 *  item (entered here, or from an earlier submission); a change is listed to be reviewed on its evidence. */
function compareManual(s: SubmittedItem, item: ScoreSheet['items'][number], full: Omit<ReviewDifference, 'causes' | 'explanation'>): ReviewDifference[] {
  const held = item.selfScore;
  const scoreChanged = differs(s.selfScore, held, 2);
  const evidenceChanged = (s.evidence ?? null) !== (item.evidence ?? null);
  if (!scoreChanged && !evidenceChanged) return [];
  const words = [scoreChanged
    ? `自评项：区县自评${s.selfScore === null ? '未填' : `${formatPoints(s.selfScore)}分`}，本市记录${held === null ? '尚未填报' : `${formatPoints(held)}分`}`
    : `自评项：自评得分同为${formatPoints(s.selfScore)}分`];
  if (evidenceChanged) words.push(`佐证材料：区县“${s.evidence ?? '（未填）'}”，本市记录“${item.evidence ?? '（无）'}”`);
  return [{ ...full, cityScore: held, causes: ['自评项不同'], explanation: `${words.join('；')}（无系统计算值，按佐证材料审核）` }];
}

function compareItem(s: SubmittedItem, item: ScoreSheet['items'][number] | undefined): ReviewDifference[] {
  const base = {
    indicator: s.indicator, name: item?.name ?? s.name, selfScore: s.selfScore, submittedValue: s.value, submittedTarget: s.target,
    cityScore: null as number | null, cityValue: null as number | null, cityTarget: null as number | null,
  };
  if (!item) {
    return [{ ...base, causes: ['指标体系不同'], explanation: `本市指标体系中没有指标 ${s.indicator}（区县可能使用了不同的指标体系或细化层）` }];
  }
  const manual = item.computedPoints === null;
  const cityScore = manual ? item.points : item.computedPoints;
  const full = { ...base, cityScore, cityValue: item.value, cityTarget: item.target };
  const cityApplicable = item.status !== '不适用';
  if (s.applicable !== cityApplicable) {
    return [{ ...full, causes: ['适用性不同'], explanation: s.applicable
      ? `区县按适用计分，本市认定不适用（${item.explanation}）`
      : `区县标为不适用，本市计算为适用（${item.status}，${item.explanation}）` }];
  }
  if (!s.applicable) return []; // not applicable on both sides
  if (manual) return compareManual(s, item, full);
  const causes: DifferenceCause[] = [];
  const words: string[] = [];
  if (differs(s.value, item.value, item.decimals)) {
    causes.push('数据不同');
    words.push(`实际值：区县${formatValue(s.value, item.decimals)}，本市计算${formatValue(item.value, item.decimals)}`);
  }
  if (differs(s.target, item.target, item.decimals)) {
    causes.push('目标值不同');
    words.push(`目标值：区县${formatValue(s.target, item.decimals)}，本市${formatValue(item.target, item.decimals)}（${item.targetSource ?? ''}）`);
  }
  const scoreDiffers = differs(s.selfScore, cityScore, 2);
  // a self-score that is not what the rule gives for the district's own value and target was set by hand
  const againstOwn = s.computed !== null && differs(s.selfScore, s.computed, 2);
  if (againstOwn || (scoreDiffers && causes.length === 0)) {
    causes.push('人工调整');
    words.push(againstOwn
      ? `自评得分${formatPoints(s.selfScore)}分不同于区县系统计算得分${formatPoints(s.computed)}分`
      : `实际值与目标值一致，自评得分${formatPoints(s.selfScore)}分与按规则计算的${formatPoints(cityScore)}分不同`);
  }
  if (!scoreDiffers && causes.length === 0) return [];
  return [{ ...full, causes, explanation: `自评${formatPoints(s.selfScore)}分，本市计算${formatPoints(cityScore)}分；${words.join('；')}` }];
}
