// Self-scores belong to the snapshot they were entered against (issue 16): a finalized run keeps its own; a new
// computation carries the latest run's entries forward explicitly (audited), and changing them on the new draft
// after reopening never reaches the finalized run's sheet.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSampleWorkspace, type SampleWorkspace } from './helpers/sample-workspace.js';
import { computeIndicators } from '../indicators/engine.js';
import { scoreSheets } from '../indicators/results.js';
import { setManualScore, setReviewScore } from '../indicators/scoring/enter-scores.js';
import { finalizeYear, reopenYear } from '../indicators/finalize.js';
import { localNow } from '../service/clock.js';

const YEAR = 2025, D = '500103';
let s: SampleWorkspace;

beforeAll(async () => {
  s = await buildSampleWorkspace({ years: [2024, YEAR], districts: ['500101', D] });
}, 600_000);
afterAll(async () => {
  await s?.ws.close().catch(() => undefined);
});

const c1 = async (run: number) => (await scoreSheets(s.ws, YEAR, D, run))[0]!.items.find((i) => i.indicator === 'C1')!;

describe('self and review scores per snapshot', () => {
  it('a reopened year’s new self-score changes the draft only; the finalized run keeps its sheet', async () => {
    const first = (await scoreSheets(s.ws, YEAR, D))[0]!;
    const max = first.items.find((i) => i.indicator === 'C1')!.maxPoints!;
    expect(max).toBeGreaterThanOrEqual(2);
    await setManualScore(s.ws, { at: localNow(), year: YEAR, entity: D, indicator: 'C1', selfScore: max, evidence: '第一次自评佐证' });
    await setReviewScore(s.ws, { at: localNow(), year: YEAR, entity: D, indicator: 'C1', reviewScore: max - 1, note: '审核' });
    await finalizeYear(s.ws, { at: localNow(), year: YEAR, reason: '报送' });
    const finalized = (await scoreSheets(s.ws, YEAR, D))[0]!;
    expect(finalized.snapshot.state).toBe('定稿');
    expect(finalized.runId).toBe(first.runId);

    // a later computation is a draft; the entries come along, copied
    const draft = await computeIndicators(s.ws, { at: localNow(), year: YEAR });
    expect(await c1(draft.runId)).toMatchObject({ enteredSelfScore: max, evidence: '第一次自评佐证', reviewScore: max - 1 });
    const compute = await s.ws.one<{ detail: string }>("SELECT detail FROM audit_log WHERE action = 'compute' ORDER BY seq DESC LIMIT 1");
    expect(JSON.parse(compute!.detail).carriedScores).toMatchObject({ fromRun: first.runId });

    await reopenYear(s.ws, { year: YEAR, reason: '补充材料' });
    await setManualScore(s.ws, { at: localNow(), year: YEAR, entity: D, indicator: 'C1', selfScore: 1, evidence: '第二次自评佐证' });
    await setReviewScore(s.ws, { at: localNow(), year: YEAR, entity: D, indicator: 'C1', reviewScore: 0.5 });
    expect(await c1(draft.runId)).toMatchObject({ enteredSelfScore: 1, evidence: '第二次自评佐证', reviewScore: 0.5 });

    // the once-finalized run: what it was finalized with, item and totals
    expect(await c1(first.runId)).toMatchObject({ enteredSelfScore: max, evidence: '第一次自评佐证', reviewScore: max - 1 });
    const again = (await scoreSheets(s.ws, YEAR, D, first.runId))[0]!;
    expect({ total: again.total, grade: again.grade, review: again.review }).toEqual({ total: finalized.total, grade: finalized.grade, review: finalized.review });
  }, 600_000);
});
