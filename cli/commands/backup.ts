// zonetrack backup: a backup on demand, the list of backups, and restore — which also works when the workspace
// no longer opens (the recovery path: the damaged file is moved aside, the backup put in its place).
import { resolve } from 'node:path';
import { intOption, parse, positional } from '../args.js';
import { printJson, textTable, type Io } from '../cli-io.js';
import { withWorkspace } from '../session.js';
import { Workspace } from '../../analytics/workspace.js';
import { isWorkspaceOpenError, verifyWorkspace } from '../../analytics/workspace-open-checks.js';
import { backupDir, latestBackup, listBackups, type BackupInfo } from '../../analytics/backup/backup-files.js';
import { recoverFromBackup } from '../../analytics/backup/backups.js';
import { appendAudit } from '../../analytics/audit/audit-log.js';
import { UserError } from '../../analytics/errors.js';

const when = (b: BackupInfo) => `${b.createdAt.slice(0, 19).replace('T', ' ')} UTC`;
const mb = (n: number) => `${(n / 1048576).toFixed(1)} MB`;

export async function backupCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, {
    list: { type: 'boolean', default: false }, restore: { type: 'string' }, keep: { type: 'string' },
    'keep-days': { type: 'string' }, json: { type: 'boolean', default: false },
  });
  const path = resolve(positional(positionals, 0, '工作空间文件 WS'));
  const json = values.json as boolean;
  if (values.list) {
    // read from the folder, so the list is there even when the workspace does not open
    const backups = await listBackups(path);
    if (json) printJson(io, backups);
    else if (!backups.length) io.out(`尚无备份（备份目录：${backupDir(path)}）。`);
    else io.out(textTable(['编号', '时间', '说明', '大小'], backups.map((b) => [b.id, when(b), b.label, mb(b.bytes)])));
    return 0;
  }
  if (values.restore !== undefined) return restoreCommand(path, values.restore as string, io, json);
  const keepLast = values.keep === undefined ? undefined : intOption(values.keep, 'keep', 1, 1000);
  const keepDays = values['keep-days'] === undefined ? undefined : intOption(values['keep-days'], 'keep-days', 1, 1000);
  const b = await withWorkspace(path, (api) => api.call('workspace/backup', { keepLast, keepDays }));
  if (json) printJson(io, { ok: true, backup: b });
  else io.out(`已备份：${b.id}（${mb(b.bytes)}）\n文件：${b.path}`);
  return 0;
}

async function restoreCommand(path: string, requested: string, io: Io, json: boolean): Promise<number> {
  const id = requested === 'latest' ? (await latestBackup(path))?.id : requested;
  if (!id) throw new UserError('NO_BACKUP', `没有可用于恢复的备份（备份目录：${backupDir(path)}）`);
  let ws: Workspace | undefined;
  try {
    ws = await Workspace.open(path);
  } catch (e) {
    // A file that does not open (damaged, not a workspace) is what restore is for; a locked one is not.
    if (!isWorkspaceOpenError(e) || e.code === 'WORKSPACE_LOCKED') throw e;
  }
  if (ws) {
    await ws.close();
    const r = await withWorkspace(path, (api) => api.call('workspace/restore', { id }));
    if (json) printJson(io, { ok: true, ...r });
    else io.out(`已从备份 ${r.restored.id}（${when(r.restored)}）恢复。\n恢复前的状态已备份为 ${r.undo.id}；如需撤销，运行：zonetrack backup ${path} --restore ${r.undo.id}`);
    return 0;
  }
  const r = await recoverFromBackup(path, id);
  const opened = await Workspace.open(path);
  try {
    await opened.transaction((tx) => appendAudit(tx, {
      action: 'restore', target: r.restored.id,
      detail: { backup: r.restored.id, createdAt: r.restored.createdAt, reason: r.restored.reason, movedAside: r.movedAside?.id ?? null, recovery: true },
    }));
  } finally {
    await opened.close();
  }
  if (json) printJson(io, { ok: true, ...r });
  else io.out(`工作空间无法打开，已从备份 ${r.restored.id}（${when(r.restored)}）恢复。${r.movedAside ? `\n原文件已移到：${r.movedAside.path}` : ''}`);
  return 0;
}

/**
 * zonetrack check WS: opens the workspace read-only (nothing changes, the file's holder may keep it) and reads
 * every block of every table; exit 0 when whole, 2 with the damaged tables and the way out.
 */
export async function checkCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, { json: { type: 'boolean', default: false } });
  const path = resolve(positional(positionals, 0, '工作空间文件 WS'));
  const ws = await Workspace.open(path, { readOnly: true });
  let report;
  try {
    report = await verifyWorkspace(ws);
  } finally {
    await ws.close();
  }
  const ok = report.problems.length === 0;
  if (values.json) printJson(io, { ok, ...report });
  else if (ok) io.out(`检查通过：${path} 的 ${report.tables} 张表共 ${report.rows} 行全部读出，数据块校验无误。`);
  else {
    io.err(`工作空间已损坏：${report.problems.length} 张表无法完整读出。`);
    for (const p of report.problems) io.err(`  表“${p.table}”：${p.message}`);
    io.err(`请从备份恢复（恢复前会把当前文件留作损坏的原文件）：zonetrack backup ${path} --restore latest`);
  }
  return ok ? 0 : 2;
}
