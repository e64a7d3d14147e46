// 报送 transitions as the API makes them: evidence files checked first, then the transition, its evidence and
// their audit entries in one transaction.
import type { Workspace } from '../analytics/workspace.js';
import { appendAudit } from '../analytics/audit/audit-log.js';
import {
  checkEvidenceFiles, storeEvidence, transitionIn, type ReturnedItem, type SubmissionEvent, type SubmissionState,
} from '../analytics/submissions/submissions.js';

export async function submissionTransition(ws: Workspace, a: { year: number; district: string; to: SubmissionState; reason?: string;
  items?: ReturnedItem[]; evidence?: string[] }): Promise<SubmissionEvent> {
  const files = await checkEvidenceFiles(a.evidence ?? []);
  const event = await ws.transaction(async (tx) => {
    const stored = await storeEvidence(tx, a.year, a.district, files);
    if (stored.length) {
      const d = await tx.one<{ name: string }>('SELECT name FROM districts WHERE district_code = $d', { d: a.district });
      await appendAudit(tx, { action: 'submission/evidence', target: `${a.year}年 ${d?.name ?? ''}（${a.district}）`,
        detail: { year: a.year, district: a.district, files: stored } });
    }
    return transitionIn(tx, { year: a.year, district: a.district, to: a.to, reason: a.reason, items: a.items,
      contents: a.to === '已报送' ? { source: '人工登记', ...(stored.length ? { evidence: stored } : {}) } : undefined });
  });
  await ws.checkpoint();
  return event;
}
