// The one 自评得分 a report and its workbook print for an item: the score the sheet counts in its total (so the
// column, its sum, the 折算总分 and the workbook's live formula all agree, before and after a review round trip).
// A district's submitted score that the total does not count (a computable item, recomputed by the city) is named
// beside it instead of replacing it.
import type { ScoreSheet } from '../indicators/results.js';
import { formatPoints } from '../indicators/value-format.js';

type Item = ScoreSheet['items'][number];

/** The self-score counted in the sheet's total; null for a manual item still to be scored or a 不适用 item. */
export function countedSelfScore(i: Item): number | null {
  if (i.status === '不适用' || i.selfScore === null) return null;
  return i.points;
}

/** "区县报送4分，按系统计算计入5分" where the district submitted a score the total does not count; else ''. */
export function submittedNote(i: Item): string {
  const counted = countedSelfScore(i);
  if (counted === null || i.selfScore === null || !i.selfSource?.startsWith('区县报送')) return '';
  if (Math.abs(i.selfScore - counted) < 0.005) return '';
  return `区县报送自评得分${formatPoints(i.selfScore)}分，按系统计算计入${formatPoints(counted)}分`;
}
