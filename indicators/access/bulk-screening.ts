// Bulk screening (批量准入研判) of a year's EIA approvals that carry a location and industry codes: each is screened
// as a project (its approval date picks the plan and lists in force) and recorded as a screening with source
// eia:<批复文号>, all in the caller's transaction, each with its audit entry. Screening the year again replaces
// the year's earlier bulk screenings. The recorded conformity of the approvals (B1/B2) is never changed: where it
// and the screening disagree (conformity.ts), the approval is listed, and B2's detail names it.
import type { Sql } from '../../analytics/workspace.js';
import { isUserError } from '../../analytics/errors.js';
import { appendAudit } from '../../analytics/audit/audit-log.js';
import { readProject } from './project.js';
import { screenProject, type Conclusion } from './screen.js';
import { recordScreening } from './screenings.js';
import { approvalSource, disagrees, type RecordedConformity } from './conformity.js';

export interface ApprovalScreening {
  approvalNo: string;
  projectName: string;
  approvedOn: string;
  districtCode: string;
  recorded: RecordedConformity;
  /** Null when the approval could not be screened (no location or industry, or a bad one: `reason`). */
  conclusion: Conclusion | null;
  reason: string | null;
  screeningId: number | null;
  disagrees: boolean;
}

export interface BulkScreening {
  year: number;
  approvals: number;
  screened: number;
  rows: ApprovalScreening[];
  disagreements: ApprovalScreening[];
}

export async function screenApprovals(tx: Sql, year: number, o: { recordedAt: string }): Promise<BulkScreening> {
  const approvals = await tx.all<{ approval_no: string; project_name: string; approved_on: string; district_code: string; conforms: RecordedConformity;
    lon: number | null; lat: number | null; industries: string | null; project_kind: string | null }>(`
    SELECT approval_no, project_name, strftime(approved_on, '%Y-%m-%d') AS approved_on, district_code, conforms, lon, lat, industries, project_kind
    FROM eia_approvals WHERE year(approved_on) = $y ORDER BY approved_on, approval_no`, { y: year });
  await tx.run(`DELETE FROM access_screenings WHERE source IN (SELECT 'eia:' || approval_no FROM eia_approvals WHERE year(approved_on) = $y)`, { y: year });
  const rows: ApprovalScreening[] = [];
  for (const a of approvals) {
    const base = { approvalNo: a.approval_no, projectName: a.project_name, approvedOn: a.approved_on, districtCode: a.district_code, recorded: a.conforms };
    if (a.lon === null || a.lat === null || !a.industries) {
      rows.push({ ...base, conclusion: null, reason: '未填写项目位置（经纬度）或行业代码，未研判', screeningId: null, disagrees: false });
      continue;
    }
    try {
      const project = readProject({ name: a.project_name, date: a.approved_on, lon: a.lon, lat: a.lat, industries: a.industries,
        kind: a.project_kind ?? '新建', approvalNo: a.approval_no }, a.approved_on);
      const result = await screenProject(tx, project);
      const id = await recordScreening(tx, result, { source: approvalSource(a.approval_no), recordedAt: o.recordedAt });
      rows.push({ ...base, conclusion: result.conclusion, reason: null, screeningId: id, disagrees: disagrees(a.conforms, result.conclusion) });
    } catch (e) {
      if (!isUserError(e)) throw e;
      rows.push({ ...base, conclusion: null, reason: e.message, screeningId: null, disagrees: false });
    }
  }
  const screened = rows.filter((r) => r.conclusion !== null).length;
  const disagreements = rows.filter((r) => r.disagrees);
  await appendAudit(tx, {
    action: 'access/screen-approvals', target: `${year}年环评审批批量准入研判`,
    detail: { year, approvals: approvals.length, screened, disagreements: disagreements.map((r) => r.approvalNo) },
  });
  return { year, approvals: approvals.length, screened, rows, disagreements };
}
