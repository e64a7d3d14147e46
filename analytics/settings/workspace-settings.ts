// Workspace preferences kept in the `settings` table (migration 5): the standard edition forced for new
// computations, the evaluation cycle the user works in, each year's reference date, and the report's 落款 (issuing body) and 成文日期. (The operator name lives there too, written by
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
  /** 落款: the issuing body printed under the report body (GB/T 9704), or null (the report marks it 待填写). */
  issuer: string | null;
  /** 成文日期 as YYYY-MM-DD, or null (the report marks it 待填写). */
  documentDate: string | null;
}

/** A change; issuer and documentDate are cleared with an empty string. */
export type SettingsChange = Partial<Pick<WorkspaceSettings, 'edition' | 'cycle'>> & {
  /** Sets (or with null, resets to the default) the reference date of one year. */
  referenceDate?: { year: number; date: string | null };
  issuer?: string;
  documentDate?: string;
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

const KEYS = { edition: 'standard_edition', cycle: 'evaluation_cycle', user: 'audit_user', issuer: 'report_issuer', documentDate: 'report_document_date' } as const;

/** A real calendar date written YYYY-MM-DD. */
function isDate(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

const isEdition = (v: unknown): v is EditionSetting => v === 'auto' || v === '2012' || v === '2026';
const isCycle = (v: unknown): v is CycleSetting => v === 'annual' || v === 'five-year';

export async function readSettings(sql: Sql): Promise<WorkspaceSettings> {
  const rows = await sql.all<{ key: string; value: string }>(
    'SELECT key, value FROM settings WHERE key IN ($e, $c, $u, $i, $d)',
    { e: KEYS.edition, c: KEYS.cycle, u: KEYS.user, i: KEYS.issuer, d: KEYS.documentDate });
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
    issuer: get(KEYS.issuer) || null,
    documentDate: get(KEYS.documentDate) || null,
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
  const issuer = change.issuer?.trim();
  if (issuer !== undefined && issuer.length > 60) throw new UserError('BAD_SETTING', `落款（发文机关）不超过60个字，收到${issuer.length}个字`);
  const date = change.documentDate?.trim();
  if (date && !isDate(date)) throw new UserError('BAD_SETTING', `成文日期应写为“年-月-日”（如 2026-01-15），收到“${date}”`);
  const before = await readSettings(tx);
  for (const [key, value, was, action, label] of [
    [KEYS.issuer, issuer, before.issuer, 'settings/issuer', '落款'],
    [KEYS.documentDate, date, before.documentDate, 'settings/document-date', '成文日期'],
  ] as const) {
    if (value === undefined || (value || null) === was) continue;
    if (value) await tx.run('INSERT OR REPLACE INTO settings VALUES ($k, $v)', { k: key, v: value });
    else await tx.run('DELETE FROM settings WHERE key = $k', { k: key });
    await appendAudit(tx, { action, target: `${label}：${value || '（清除）'}`, detail: { before: was, after: value || null } });
  }
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
