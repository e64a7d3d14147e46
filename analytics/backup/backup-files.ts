// Backup copies of a workspace file, kept in `<workspace>.backups/` next to it. This module only moves files:
// the caller makes sure the file is consistent first (CHECKPOINT with no statement in flight, or closed).
// A copy is written under a temporary name, synced, then renamed, so a half-written backup never looks whole.
import { copyFile, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../errors.js';
import { processAlive } from '../workspace-lock.js';

export type BackupReason = 'manual' | 'before-import' | 'before-migration' | 'before-restore' | 'before-catalogue' | 'scheduled' | 'damaged';

export const BACKUP_REASON_LABELS: Record<BackupReason, string> = {
  manual: '手动备份',
  'before-import': '导入新版本数据前自动备份',
  'before-migration': '升级工作空间结构前自动备份',
  'before-restore': '恢复备份前自动备份（可用来撤销恢复）',
  'before-catalogue': '更改指标体系前自动备份',
  scheduled: '定时自动备份（数据有变化时）',
  damaged: '无法打开的原文件（恢复时移到此处，不能用来恢复）',
};

export interface BackupInfo {
  id: string;
  path: string;
  createdAt: string;
  reason: BackupReason;
  label: string;
  bytes: number;
}

export interface RotationPolicy {
  /** The newest this many are always kept. */
  keepLast: number;
  /** Beyond those, the newest backup of each day within this many days. */
  keepDays: number;
}

export const DEFAULT_ROTATION: RotationPolicy = { keepLast: 10, keepDays: 30 };

const ID_PATTERN = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z(?:-\d+)?_([a-z-]+)$/;

export function backupDir(workspacePath: string): string {
  return join(dirname(workspacePath), `${basename(workspacePath)}.backups`);
}

function parseId(id: string): { createdAt: string; reason: BackupReason } | undefined {
  const m = ID_PATTERN.exec(id);
  if (!m || !(m[6]! in BACKUP_REASON_LABELS)) return undefined;
  return { createdAt: `${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`, reason: m[6] as BackupReason };
}

/** Newest first. Files that are not backups (temporary copies, anything else) are not listed. */
export async function listBackups(workspacePath: string): Promise<BackupInfo[]> {
  const dir = backupDir(workspacePath);
  if (!existsSync(dir)) return [];
  const out: BackupInfo[] = [];
  for (const name of await readdir(dir)) {
    if (!name.endsWith('.duckdb')) continue;
    const id = name.slice(0, -'.duckdb'.length);
    const parsed = parseId(id);
    if (!parsed) continue;
    const path = join(dir, name);
    out.push({ id, path, ...parsed, label: BACKUP_REASON_LABELS[parsed.reason], bytes: (await stat(path)).size });
  }
  return out.sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}

/** The newest backup a workspace can be restored from (a damaged original is not one). */
export async function latestBackup(workspacePath: string): Promise<BackupInfo | undefined> {
  return (await listBackups(workspacePath)).find((b) => b.reason !== 'damaged');
}

export async function findBackup(workspacePath: string, id: string): Promise<BackupInfo> {
  const b = (await listBackups(workspacePath)).find((x) => x.id === id);
  if (!b) throw new UserError('NO_BACKUP', `没有编号为“${id}”的备份（备份目录：${backupDir(workspacePath)}）`);
  if (b.reason === 'damaged') throw new UserError('BACKUP_DAMAGED', `备份“${id}”是无法打开的原文件，不能用来恢复`);
  return b;
}

async function newId(dir: string, reason: BackupReason): Promise<string> {
  const stamp = new Date().toISOString().replaceAll(':', '-').replace('.', '-');
  let id = `${stamp}_${reason}`;
  for (let n = 2; existsSync(join(dir, `${id}.duckdb`)); n++) id = `${stamp.slice(0, -1)}Z-${n}_${reason}`;
  return id;
}

/** Copies `from` to `to` through a synced temporary file and a rename. */
export async function copyDurably(from: string, to: string): Promise<void> {
  const tmp = `${to}.${process.pid}.tmp`;
  try {
    await copyFile(from, tmp);
    const fh = await open(tmp, 'r+');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, to);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

/** Copies the (consistent) workspace file into its backup folder. */
export async function copyIntoBackups(workspacePath: string, reason: BackupReason): Promise<BackupInfo> {
  const dir = backupDir(workspacePath);
  await mkdir(dir, { recursive: true });
  const id = await newId(dir, reason);
  const path = join(dir, `${id}.duckdb`);
  await copyDurably(workspacePath, path);
  return { id, path, ...parseId(id)!, label: BACKUP_REASON_LABELS[reason], bytes: (await stat(path)).size };
}

/** Moves a file that cannot be opened out of the way, into the backup folder, and says where it went. */
export async function moveAsideDamaged(workspacePath: string): Promise<BackupInfo> {
  const dir = backupDir(workspacePath);
  await mkdir(dir, { recursive: true });
  const id = await newId(dir, 'damaged');
  const path = join(dir, `${id}.duckdb`);
  await rename(workspacePath, path);
  await rm(`${workspacePath}.wal`, { force: true });
  return { id, path, ...parseId(id)!, label: BACKUP_REASON_LABELS.damaged, bytes: (await stat(path)).size };
}

/** Puts a backup's content in place of the (closed) workspace file; its write-ahead log belongs to the old content. */
export async function putBackupInPlace(workspacePath: string, backup: BackupInfo): Promise<void> {
  await copyDurably(backup.path, workspacePath);
  await rm(`${workspacePath}.wal`, { force: true });
}

/** Which backups rotation removes: all but the newest `keepLast`, and the newest of each recent day. */
export function backupsToRemove(backups: BackupInfo[], policy: RotationPolicy, now = new Date()): BackupInfo[] {
  const newestFirst = [...backups].sort((a, b) => (a.id < b.id ? 1 : -1));
  const cutoff = new Date(now.getTime() - policy.keepDays * 86_400_000).toISOString();
  const daysKept = new Set<string>();
  const remove: BackupInfo[] = [];
  newestFirst.forEach((b, i) => {
    const day = b.createdAt.slice(0, 10);
    // a damaged original is evidence, not a copy: rotation never removes it
    if (b.reason === 'damaged') return;
    if (i < policy.keepLast) {
      daysKept.add(day); // that day already has its copy
      return;
    }
    if (b.createdAt >= cutoff && !daysKept.has(day)) {
      daysKept.add(day);
      return;
    }
    remove.push(b);
  });
  return remove;
}

export async function rotateBackups(workspacePath: string, policy: RotationPolicy = DEFAULT_ROTATION): Promise<BackupInfo[]> {
  const remove = backupsToRemove(await listBackups(workspacePath), policy);
  for (const b of remove) await rm(b.path, { force: true });
  await removeAbandonedCopies(backupDir(workspacePath));
  return remove;
}

/** Temporary copies left by a process that was killed while copying (its pid is in the name and gone). */
async function removeAbandonedCopies(dir: string): Promise<void> {
  if (!existsSync(dir)) return;
  for (const name of await readdir(dir)) {
    const pid = Number(/\.(\d+)\.tmp$/.exec(name)?.[1]);
    if (!pid || pid === process.pid || processAlive(pid)) continue;
    await rm(join(dir, name), { force: true });
  }
}

