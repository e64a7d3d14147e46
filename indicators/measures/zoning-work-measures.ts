// Zoning work (dimension A, B3, B4 and veto V1) from plan_filings and work_items: whether the plan in force was
// filed within 30 days of publication, dynamic updates filed, and the counts districts report as work items.
import type { RecordMeasure } from './record-measure.js';
import { workItemIs, type WorkItemKind } from './work-item-names.js';
import { FILING_ROWS, FILING_STATES } from '../filings/filing-rules.js';


/** A1 status codes: the value of zoning.plan_filing_status. */
export const FILING_STATUS = { onTime: 2, late: 1, notFiled: 0 } as const;

const ENTITY = "CASE WHEN w.entity_code = 'city' OR regexp_full_match(w.entity_code, '\\d{6}') THEN w.entity_code END";

/** Σ count of one kind of work item per entity and year; the titles (or the evidence text) as the detail. An
 *  entity that reported work items for the year but not this one counts 0; one absent from the list counts 0
 *  inside the list's coverage and is 数据缺失 outside it (zeroCountRows). */
function workItemSum(id: string, kind: WorkItemKind, cityOwn: boolean): RecordMeasure {
  return {
    id, kind: 'sum', decimals: 0, cityOwn, counts: 'work_items',
    records: `SELECT ${ENTITY}, NULL, w.year, w.count, NULL, w.batch_id, coalesce(w.titles, w.evidence) FROM work_items w WHERE ${workItemIs(kind)}
      UNION ALL SELECT ${ENTITY}, NULL, w.year, 0, NULL, min(w.batch_id), NULL FROM work_items w GROUP BY ALL`,
  };
}

function platformUses(): RecordMeasure {
  const reported = workItemSum('zoning.platform_uses', 'platformUses', false);
  return {
    ...reported,
    records: `${reported.records}
      UNION ALL SELECT district, NULL, year, 1, NULL, NULL, NULL FROM (
        SELECT unnest(district_codes) AS district, year(recorded_at) AS year FROM access_screenings WHERE source = 'manual')`,
  };
}

// The plan in force in each year: the latest publication or periodic adjustment up to then (the register's rows)
const IN_FORCE = `
  SELECT f.*, unnest(generate_series(year(f.published_on), 2100)) AS year FROM (${FILING_ROWS}) f
  WHERE f.kind IN ('发布', '定期调整')`;

export const ZONING_WORK_MEASURES: RecordMeasure[] = [
  // A1: the plan in force in the year: 2 filed on time (or still within the 30 days), 1 late, 0 not filed once the
  // 30 days have passed; the detail says which version and how many days.
  { id: 'zoning.plan_filing_status', kind: 'sum', decimals: 0, cityOwn: true,
    records: `SELECT entity_code, NULL, year,
        CASE filing_state WHEN '${FILING_STATES.late}' THEN ${FILING_STATUS.late} WHEN '${FILING_STATES.notFiled}' THEN ${FILING_STATUS.notFiled}
             ELSE ${FILING_STATUS.onTime} END,
        NULL, batch_id,
        '现行方案：' || version || '版（' || kind || '），' || strftime(published_on, '%Y-%m-%d') || '发布，' ||
        CASE WHEN filed_on IS NULL THEN (CASE WHEN filing_state = '${FILING_STATES.pending}' THEN '尚在备案期限内' ELSE '未备案' END)
             ELSE strftime(filed_on, '%Y-%m-%d') || '备案，间隔' || filing_days || '天' END
      FROM (${IN_FORCE}) QUALIFY row_number() OVER (PARTITION BY entity_code, year ORDER BY published_on DESC, version DESC) = 1` },
  { id: 'zoning.plan_filing_days', kind: 'sum', decimals: 0, cityOwn: true,
    records: `SELECT entity_code, NULL, year, filing_days, NULL, batch_id, NULL
      FROM (${IN_FORCE}) QUALIFY row_number() OVER (PARTITION BY entity_code, year ORDER BY published_on DESC, version DESC) = 1` },
  // A2: dynamic updates published in the year whose filing is due (or done): filed / all; unfiled ones counted
  ...(['ratio', 'shortfall'] as const).map((kind): RecordMeasure => ({
    id: kind === 'ratio' ? 'zoning.plan_update_filing_rate' : 'zoning.plan_updates_unfiled', kind, decimals: kind === 'ratio' ? 1 : 0, cityOwn: true,
    records: `SELECT entity_code, NULL, year(published_on), CASE WHEN filed_on IS NOT NULL THEN 1 ELSE 0 END, 1, batch_id,
        CASE WHEN filed_on IS NULL THEN version || '版动态更新（' || strftime(published_on, '%Y-%m-%d') || '发布）未备案' END
      FROM (${FILING_ROWS}) WHERE kind = '动态更新' AND filing_state <> '${FILING_STATES.pending}'`,
  })),
  workItemSum('zoning.data_sharing_departments', 'dataSharingDepartments', true), // A3: the city's own partners
  workItemSum('zoning.supporting_policies', 'supportingPolicies', false), // A4
  // A5: the queries districts report, plus the screenings (准入研判) recorded in the workspace in the year (entered or
  // imported projects; bulk screenings of EIA approvals are an audit, not a query served), once per district touched
  platformUses(),
  workItemSum('zoning.plans_policies_applying', 'plansPoliciesApplying', false), // B3
  // B4: parks whose access list includes the zoning requirements / parks (both reported as work items)
  { id: 'zoning.park_access_list_rate', kind: 'ratio', decimals: 1,
    records: `SELECT ${ENTITY}, NULL, w.year, CASE WHEN ${workItemIs('parksWithAccessList')} THEN w.count ELSE 0 END,
        CASE WHEN ${workItemIs('parks')} THEN w.count ELSE 0 END, w.batch_id, NULL
      FROM work_items w WHERE ${workItemIs('parksWithAccessList')} OR ${workItemIs('parks')}` },
  // V1 evidence: major incidents reported for the year
  workItemSum('veto.major_incidents', 'majorIncidents', false),
  // V2 inputs: approved red-line adjustments, and unapproved reductions reported directly
  workItemSum('zoning.red_line_adjustments_approved', 'redLineAdjustmentApproved', false),
  workItemSum('veto.red_line_reduced_reported', 'redLineReducedUnapproved', false),
];
