// 备案台账: the filing register of a year, built from plan_filings by the rules of filing-rules.ts (the same rows
// A1/A2 read) when the year is computed, and stored with the run (filing_registers) so the page, the CLI and the
// city report's annex read the snapshot: plan versions per level with publication and filing dates and days late,
// the year's dynamic updates and whether filed, the five-yearly adjustment falling due, and 限期整改 orders.
import type { Sql } from '../../analytics/workspace.js';
import { UserError } from '../../analytics/errors.js';
import { latestRun } from '../results.js';
import { ADJUSTMENT_YEARS, FILING_DAYS, FILING_ROWS } from './filing-rules.js';

export interface FiledPlan {
  level: string;
  entity: string;
  name: string;
  version: string;
  kind: string;
  publishedOn: string;
  filedOn: string | null;
  /** Publication → filing. */
  days: number | null;
  /** Beyond the 30 days (filed late, or unfiled past the deadline by the reference date). */
  daysLate: number | null;
  /** 按期备案 / 逾期备案 / 备案期限内 / 未备案 */
  state: string;
  reason: string | null;
}

export interface AdjustmentDue {
  level: string;
  entity: string;
  name: string;
  /** The plan in force: the latest publication or periodic adjustment up to the year. */
  version: string;
  publishedOn: string;
  dueYear: number;
  /** 本年到期 / 已逾期 / 未到期 */
  state: string;
}

export interface RectificationOrder {
  entity: string;
  name: string;
  orderNo: string;
  matter: string | null;
  issuedOn: string;
  dueOn: string | null;
  doneOn: string | null;
  /** 按期完成 / 逾期完成 / 整改中 / 逾期未完成 */
  state: string;
  daysOverdue: number | null;
}

export interface FilingRegister {
  year: number;
  referenceDate: string;
  filingDays: number;
  adjustmentYears: number;
  /** Plan versions (发布, 定期调整, 动态更新) published up to the year's end, city first. */
  plans: FiledPlan[];
  /** The dynamic updates published in the year. */
  updates: FiledPlan[];
  adjustments: AdjustmentDue[];
  /** Orders issued up to the year's end that were open at some point in the year. */
  orders: RectificationOrder[];
}

const iso = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
const NAME = `CASE WHEN f.entity_code = 'city' THEN '全市' ELSE coalesce(d.name, e.name, f.entity_code) END`;
const JOIN_NAMES = `LEFT JOIN districts d ON d.district_code = f.entity_code
  LEFT JOIN (SELECT entity_code, any_value(name) AS name FROM reporting_entities GROUP BY entity_code) e ON e.entity_code = f.entity_code`;

/** The register of `year` judged at `referenceDate` (YYYY-MM-DD), from the workspace's plan_filings. */
export async function buildFilingRegister(sql: Sql, year: number, referenceDate: string): Promise<FilingRegister> {
  const p = { reference_date: referenceDate, y: year };
  type PlanRow = { level: string; entity_code: string; name: string; version: string; kind: string; published_on: Date; filed_on: Date | null;
    filing_days: number | null; days_late: number | null; filing_state: string; reason: string | null };
  const plans = await sql.all<PlanRow>(`
    SELECT f.level, f.entity_code, ${NAME} AS name, f.version, f.kind, f.published_on, f.filed_on, f.filing_days, f.days_late, f.filing_state, f.reason
    FROM (${FILING_ROWS}) f ${JOIN_NAMES}
    WHERE year(f.published_on) <= $y
    ORDER BY f.entity_code <> 'city', f.entity_code, f.published_on, f.version`, p);
  const toPlan = (r: PlanRow): FiledPlan => ({
    level: r.level, entity: r.entity_code, name: r.name, version: r.version, kind: r.kind, publishedOn: iso(r.published_on)!, filedOn: iso(r.filed_on),
    days: r.filing_days, daysLate: r.days_late, state: r.filing_state, reason: r.reason,
  });
  const adjustments = await sql.all<{ level: string; entity_code: string; name: string; version: string; published_on: Date; due_year: number }>(`
    SELECT f.level, f.entity_code, ${NAME} AS name, f.version, f.published_on, year(f.published_on) + ${ADJUSTMENT_YEARS} AS due_year
    FROM (${FILING_ROWS}) f ${JOIN_NAMES}
    WHERE f.kind IN ('发布', '定期调整') AND year(f.published_on) <= $y
    QUALIFY row_number() OVER (PARTITION BY f.entity_code ORDER BY f.published_on DESC, f.version DESC) = 1
    ORDER BY f.entity_code <> 'city', f.entity_code`, p);
  const orders = await sql.all<{ entity_code: string; name: string; version: string; reason: string | null; published_on: Date; due_on: Date | null;
    done_on: Date | null; state: string; days_overdue: number | null }>(`
    SELECT f.entity_code, ${NAME} AS name, f.version, f.reason, f.published_on, f.due_on, f.done_on,
      CASE WHEN f.done_on IS NOT NULL AND (f.due_on IS NULL OR f.done_on <= f.due_on) THEN '按期完成'
           WHEN f.done_on IS NOT NULL THEN '逾期完成'
           WHEN f.due_on IS NULL OR f.due_on >= $reference_date::DATE THEN '整改中'
           ELSE '逾期未完成' END AS state,
      CASE WHEN f.done_on IS NOT NULL AND f.done_on > f.due_on THEN date_diff('day', f.due_on, f.done_on)
           WHEN f.done_on IS NULL AND f.due_on < $reference_date::DATE THEN date_diff('day', f.due_on, $reference_date::DATE) END AS days_overdue
    FROM plan_filings f ${JOIN_NAMES}
    WHERE f.kind = '限期整改' AND f.published_on IS NOT NULL AND year(f.published_on) <= $y
      AND (f.done_on IS NULL OR year(f.done_on) >= $y)
    ORDER BY f.entity_code <> 'city', f.entity_code, f.published_on, f.version`, p);
  return {
    year, referenceDate, filingDays: FILING_DAYS, adjustmentYears: ADJUSTMENT_YEARS,
    plans: plans.map(toPlan),
    updates: plans.filter((r) => r.kind === '动态更新' && r.published_on.getUTCFullYear() === year).map(toPlan),
    adjustments: adjustments.map((r) => ({ level: r.level, entity: r.entity_code, name: r.name, version: r.version, publishedOn: iso(r.published_on)!,
      dueYear: r.due_year, state: r.due_year < year ? '已逾期' : r.due_year === year ? '本年到期' : '未到期' })),
    orders: orders.map((r) => ({ entity: r.entity_code, name: r.name, orderNo: r.version, matter: r.reason, issuedOn: iso(r.published_on)!,
      dueOn: iso(r.due_on), doneOn: iso(r.done_on), state: r.state, daysOverdue: r.days_overdue })),
  };
}

/** Stored with the run, in the computation's transaction. */
export async function storeFilingRegister(tx: Sql, runId: number, register: FilingRegister): Promise<void> {
  await tx.run('INSERT INTO filing_registers VALUES ($r, $j)', { r: runId, j: JSON.stringify(register) });
}

/** The register of a run (a run computed before registers were kept has none). */
export async function filingRegisterOfRun(sql: Sql, runId: number): Promise<FilingRegister | null> {
  const r = await sql.one<{ register: string }>('SELECT register FROM filing_registers WHERE run_id = $r', { r: runId });
  return r ? (JSON.parse(r.register) as FilingRegister) : null;
}

/** The register of the run the year's scores are read from (the finalized one, else the latest). */
export async function filingRegister(sql: Sql, year: number): Promise<FilingRegister> {
  const run = await latestRun(sql, year);
  const reg = await filingRegisterOfRun(sql, run.run_id);
  if (!reg) throw new UserError('NO_REGISTER', `${year}年的计算批次 ${run.run_id} 早于备案台账功能，请重新计算该年度`);
  return reg;
}
