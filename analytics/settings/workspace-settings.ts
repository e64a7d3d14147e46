// Workspace preferences kept in the `settings` table (migration 5): the standard edition forced for new
// computations, and the evaluation cycle the user works in. (The operator name lives there too, written by
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
}

export type SettingsChange = Partial<Pick<WorkspaceSettings, 'edition' | 'cycle'>>;

const KEYS = { edition: 'standard_edition', cycle: 'evaluation_cycle', user: 'audit_user' } as const;

const isEdition = (v: unknown): v is EditionSetting => v === 'auto' || v === '2012' || v === '2026';
const isCycle = (v: unknown): v is CycleSetting => v === 'annual' || v === 'five-year';

export async function readSettings(sql: Sql): Promise<WorkspaceSettings> {
  const rows = await sql.all<{ key: string; value: string }>(
    'SELECT key, value FROM settings WHERE key IN ($e, $c, $u)', { e: KEYS.edition, c: KEYS.cycle, u: KEYS.user });
  const get = (k: string) => rows.find((r) => r.key === k)?.value;
  const edition = get(KEYS.edition);
  const cycle = get(KEYS.cycle);
  return {
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
  return readSettings(tx);
}
