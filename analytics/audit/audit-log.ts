// The audit trail: who did what, when. An entry is appended with the statements of the action it records, in
// the same transaction, so the change and its record commit (or vanish) together. Nothing updates or deletes
// entries. Other modules call `appendAudit(tx, …)` from inside their `ws.transaction`.
import { userInfo } from 'node:os';
import type { Sql } from '../workspace.js';
import { UserError } from '../errors.js';

/** The actions recorded, with their Chinese names. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  import: '导入文件',
  supersede: '新版本替换旧批次',
  'batch/remove': '移除批次',
  compute: '计算指标',
  report: '生成报告',
  'package/import': '导入数据包',
  'mapping/save': '保存列名对应',
  restore: '从备份恢复',
  'settings/user': '设置操作人',
  'score/self': '填报自评得分',
  'score/self-clear': '清除自评得分',
  'score/evidence': '填报佐证材料',
  'score/not-applicable': '标记不适用',
  'score/applicable': '撤销不适用',
  'score/review': '填写审核得分',
  'review/submission': '导入区县自评表',
  'catalogue/layer': '导入指标体系细化层',
  'evaluation/five-year': '五年评估',
  'access/screen': '准入研判',
  'settings/edition': '设置空气质量标准版本',
  'settings/cycle': '设置评估周期',
  'report/text': '撰写报告章节文字',
  'snapshot/finalize': '定稿',
  'snapshot/reopen': '撤销定稿',
  'submission/transition': '报送状态变更',
  'submission/evidence': '登记佐证材料',
};

export interface AuditInput {
  /** A key of AUDIT_ACTION_LABELS (or a new one added with its label). */
  action: string;
  /** What it acted on, in words a user recognises: 批次 12, 2025年 计算批次 3, 500103 … */
  target?: string | null;
  /** Everything else worth keeping (ids, file names, hashes, row counts, reasons), stored as JSON. */
  detail?: Record<string, unknown>;
}

export interface AuditEntry {
  seq: number;
  at: string;
  user: string;
  action: string;
  /** The action in Chinese (the action code itself when this version has no label for it). */
  label: string;
  target: string | null;
  detail: Record<string, unknown>;
}

const USER_KEY = 'audit_user';

function osUser(): string {
  try {
    return userInfo().username || '未知用户';
  } catch {
    return '未知用户'; // no passwd entry (some containers)
  }
}

/** The name written into entries: the workspace setting when set, else the OS account. */
export async function auditUser(sql: Sql): Promise<string> {
  const r = await sql.one<{ value: string }>('SELECT value FROM settings WHERE key = $k', { k: USER_KEY });
  return r?.value ?? osUser();
}

export async function appendAudit(tx: Sql, entry: AuditInput): Promise<void> {
  const detail = JSON.stringify(entry.detail ?? {}, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v));
  await tx.run(
    'INSERT INTO audit_log (logged_at, user_name, action, target, detail) VALUES (now()::TIMESTAMP, $u, $a, $t, $d)',
    { u: await auditUser(tx), a: entry.action, t: entry.target ?? null, d: detail },
  );
}

/** Sets the operator name of this workspace (recorded itself, under the new name). */
export async function setAuditUser(tx: Sql, name: string): Promise<string> {
  const trimmed = name.trim();
  if (!trimmed) throw new UserError('BAD_USER_NAME', '操作人姓名不能为空');
  const before = await auditUser(tx);
  await tx.run('INSERT OR REPLACE INTO settings VALUES ($k, $v)', { k: USER_KEY, v: trimmed });
  await appendAudit(tx, { action: 'settings/user', target: trimmed, detail: { before } });
  return trimmed;
}

export interface AuditPage {
  total: number;
  offset: number;
  entries: AuditEntry[];
}

/** Entries oldest first, a page at a time. */
export async function listAudit(sql: Sql, page: { offset?: number; limit?: number } = {}): Promise<AuditPage> {
  const offset = Math.max(0, page.offset ?? 0);
  const limit = Math.min(Math.max(1, page.limit ?? 100), 10_000);
  const total = (await sql.one<{ n: number }>('SELECT count(*) AS n FROM audit_log'))!.n;
  const rows = await sql.all<{ seq: number; at: Date; user_name: string; action: string; target: string | null; detail: string | null }>(
    `SELECT seq, logged_at AS at, user_name, action, target, detail FROM audit_log ORDER BY seq LIMIT ${limit} OFFSET ${offset}`);
  return {
    total,
    offset,
    entries: rows.map((r) => ({
      seq: r.seq, at: r.at.toISOString(), user: r.user_name, action: r.action,
      label: AUDIT_ACTION_LABELS[r.action] ?? r.action, target: r.target,
      detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : {},
    })),
  };
}
