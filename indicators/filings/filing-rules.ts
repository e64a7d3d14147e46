// The filing rules (备案): one home for what A1/A2, the filing register (备案台账), its page, CLI and report annex
// judge. A plan or update is filed within FILING_DAYS of publication (domain/indicators.md A1); the plan is adjusted
// every ADJUSTMENT_YEARS years (seed §三); a 限期整改 order is done by its deadline (seed §十三). Everything is judged
// by the evaluation's reference date ($reference_date), never the clock.

/** Days allowed from publication to filing (domain/indicators.md A1). */
export const FILING_DAYS = 30;
/** The plan is adjusted every five years (定期调整). */
export const ADJUSTMENT_YEARS = 5;

/** The filing state of a plan version, as the register writes it. */
export const FILING_STATES = { onTime: '按期备案', late: '逾期备案', pending: '备案期限内', notFiled: '未备案' } as const;

/**
 * Every plan_filings row with what the rules say of it: `filing_days` (publication → filing), `filing_deadline`,
 * `days_late` (beyond the deadline: filed late, or unfiled and past it by the reference date) and `filing_state`.
 * Needs $reference_date. Callers choose the rows' batches (the measures' engine and the register filter active ones).
 */
export const FILING_ROWS = `
  SELECT p.*, date_diff('day', p.published_on, p.filed_on) AS filing_days,
    (p.published_on + INTERVAL ${FILING_DAYS} DAY)::DATE AS filing_deadline,
    CASE WHEN p.filed_on IS NOT NULL THEN greatest(date_diff('day', p.published_on, p.filed_on) - ${FILING_DAYS}, 0)
         WHEN p.published_on + INTERVAL ${FILING_DAYS} DAY < $reference_date::DATE
           THEN date_diff('day', (p.published_on + INTERVAL ${FILING_DAYS} DAY)::DATE, $reference_date::DATE) END AS days_late,
    CASE WHEN p.filed_on IS NOT NULL AND date_diff('day', p.published_on, p.filed_on) <= ${FILING_DAYS} THEN '${FILING_STATES.onTime}'
         WHEN p.filed_on IS NOT NULL THEN '${FILING_STATES.late}'
         WHEN p.published_on + INTERVAL ${FILING_DAYS} DAY >= $reference_date::DATE THEN '${FILING_STATES.pending}'
         ELSE '${FILING_STATES.notFiled}' END AS filing_state
  FROM plan_filings p WHERE p.kind <> '限期整改' AND p.published_on IS NOT NULL`;
