// Workspace preferences kept in the `settings` table (migration 5): the standard edition forced for new
// computations, the evaluation cycle the user works in, and each year's reference date. (The operator name lives there too, written by
// audit-log.ts.) Each change is one transaction with its audit entry.
import type { Sql } from '../workspace.js';
import { UserError } from '../errors.js';
import { appendAudit, auditUser } from '../audit/audit-log.js';

/** 'auto': by year (≤2025 → 2012 editions, later → 2026); otherwise the edition every computation uses. */
export type EditionSetting = 'auto' | '2012' | '2026';
export type CycleSetting = 'annual' | 'five-year';

export const EDITION_SETTING_LABELS: Record<EditionSetting, string> = {
  auto: '默认按年份（2025年及以前 HJ 633-2012，2026年起 HJ 633-2026）',
  '2012': 'HJ 633-2012（GB 3095-2012）',
  '2026': 'HJ 633-2026（GB 3095-2026）',
};

export const CYCLE_LABELS: Record<CycleSetting, string> = { annual: '年度跟踪', 'five-year': '五年评估' };

export interface WorkspaceSettings {
  /** The name written into audit entries. */
  user: string;
  /** Whether that name was set for this workspace (else it is the operating-system account). */
  userSet: boolean;
  edition: EditionSetting;
  cycle: CycleSetting;
  /** The reference dates set for particular years (YYYY-MM-DD by year); other years use the default. */
  referenceDates: Record<string, string>;
}

export type SettingsChange = Partial<Pick<WorkspaceSettings, 'edition' | 'cycle'>> & {
  /** Sets (or with null, resets to the default) the reference date of one year. */
  referenceDate?: { year: number; date: string | null };
};

/** What the reference date is, for the settings page and the CLI. */
export const REFERENCE_DATE_DESCRIPTION =
  '评估基准日：判断整改期限、执行报告期限、方案备案期限是否已过的日期（不用计算当天的日期，重新计算结果不变）。'
  + '默认为次年3月31日（年度自评报告报送截止日），可按本市通知改为实际报送截止日。';

/** The default reference date of `year`: 31 March of the next year, the usual deadline of the annual self-assessment. */
export const defaultReferenceDate = (year: number) => `${year + 1}-03-31`;

const REFERENCE_KEY = (year: number) => `reference_date:${year}`;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function checkDate(date: string, year: number): void {
  const m = ISO_DATE.exec(date);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!m || !d || d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) {
    throw new UserError('BAD_SETTING', `${year}年的评估基准日应写成 YYYY-MM-DD（如 ${defaultReferenceDate(year)}），收到“${date}”`);
  }
  if (Number(m[1]) < year) throw new UserError('BAD_SETTING', `${year}年的评估基准日不能早于${year}年，收到“${date}”`);
}

/** The reference date of `year` (YYYY-MM-DD): the setting, else the default. */
export async function referenceDateOf(sql: Sql, year: number): Promise<{ date: string; isDefault: boolean }> {
  const r = await sql.one<{ value: string }>('SELECT value FROM settings WHERE key = $k', { k: REFERENCE_KEY(year) });
  return r ? { date: r.value, isDefault: false } : { date: defaultReferenceDate(year), isDefault: true };
}

const KEYS = { edition: 'standard_edition', cycle: 'evaluation_cycle', user: 'audit_user' } as const;

const isEdition = (v: unknown): v is EditionSetting => v === 'auto' || v === '2012' || v === '2026';
const isCycle = (v: unknown): v is CycleSetting => v === 'annual' || v === 'five-year';

export async function readSettings(sql: Sql): Promise<WorkspaceSettings> {
  const rows = await sql.all<{ key: string; value: string }>(
    'SELECT key, value FROM settings WHERE key IN ($e, $c, $u)', { e: KEYS.edition, c: KEYS.cycle, u: KEYS.user });
  const get = (k: string) => rows.find((r) => r.key === k)?.value;
  const edition = get(KEYS.edition);
  const cycle = get(KEYS.cycle);
  const dates = await sql.all<{ key: string; value: string }>("SELECT key, value FROM settings WHERE starts_with(key, 'reference_date:') ORDER BY key");
  return {
    referenceDates: Object.fromEntries(dates.map((d) => [d.key.slice('reference_date:'.length), d.value])),
    user: await auditUser(sql),
    userSet: get(KEYS.user) !== undefined,
    edition: isEdition(edition) ? edition : 'auto',
    cycle: isCycle(cycle) ? cycle : 'annual',
  };
}

/** The edition a computation uses when none is asked for: the setting, or undefined (by year). */
export async function editionOverride(sql: Sql): Promise<'2012' | '2026' | undefined> {
  const { edition } = await readSettings(sql);
  return edition === 'auto' ? undefined : edition;
}

/** Stores the changed preferences, one audit entry per preference that really changed. */
export async function writeSettings(tx: Sql, change: SettingsChange): Promise<WorkspaceSettings> {
  if (change.edition !== undefined && !isEdition(change.edition)) {
    throw new UserError('BAD_SETTING', `标准版本应为 auto、2012 或 2026，收到“${String(change.edition)}”`);
  }
  if (change.cycle !== undefined && !isCycle(change.cycle)) {
    throw new UserError('BAD_SETTING', `评估周期应为 annual（年度跟踪）或 five-year（五年评估），收到“${String(change.cycle)}”`);
  }
  const before = await readSettings(tx);
  if (change.edition !== undefined && change.edition !== before.edition) {
    await tx.run('INSERT OR REPLACE INTO settings VALUES ($k, $v)', { k: KEYS.edition, v: change.edition });
    await appendAudit(tx, { action: 'settings/edition', target: EDITION_SETTING_LABELS[change.edition],
      detail: { before: before.edition, after: change.edition } });
  }
  if (change.cycle !== undefined && change.cycle !== before.cycle) {
    await tx.run('INSERT OR REPLACE INTO settings VALUES ($k, $v)', { k: KEYS.cycle, v: change.cycle });
    await appendAudit(tx, { action: 'settings/cycle', target: CYCLE_LABELS[change.cycle], detail: { before: before.cycle, after: change.cycle } });
  }
  if (change.referenceDate !== undefined) {
    const { year, date } = change.referenceDate;
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new UserError('BAD_SETTING', `评估年份无效：${year}`);
    if (date !== null) checkDate(date, year);
    const old = await referenceDateOf(tx, year);
    if (date === null) await tx.run('DELETE FROM settings WHERE key = $k', { k: REFERENCE_KEY(year) });
    else await tx.run('INSERT OR REPLACE INTO settings VALUES ($k, $v)', { k: REFERENCE_KEY(year), v: date });
    const now = date ?? defaultReferenceDate(year);
    if (now !== old.date || (date === null) !== old.isDefault) {
      await appendAudit(tx, { action: 'settings/reference-date', target: `${year}年评估基准日 ${now}${date === null ? '（默认）' : ''}`,
        detail: { year, before: old.isDefault ? null : old.date, after: date } });
    }
  }
  return readSettings(tx);
}
