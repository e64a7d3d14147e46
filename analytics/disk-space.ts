// Disk space: checked before a write that needs room (import, backup, report, upload), and a full disk met while
// writing named as such — 磁盘空间不足, never "damaged". The estimate is deliberately generous: refusing with a
// clear message before starting costs the user less than a write that fails halfway.
import { statfs } from 'node:fs/promises';
import { dirname, extname } from 'node:path';
import { UserError } from './errors.js';

/** Free bytes for an unprivileged writer on the disk that holds `dir` (its nearest existing ancestor). */
export type FreeSpaceProbe = (dir: string) => Promise<number>;

const statfsProbe: FreeSpaceProbe = async (dir) => {
  for (let d = dir; ; d = dirname(d)) {
    try {
      const s = await statfs(d);
      return Number(s.bavail) * Number(s.bsize);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT' || dirname(d) === d) throw e;
    }
  }
};

let probe: FreeSpaceProbe = statfsProbe;

/** The seam where tests put a disk of a given size (undefined: the real one, fs.statfs). */
export function setFreeSpaceProbe(p: FreeSpaceProbe | undefined): void {
  probe = p ?? statfsProbe;
}

export async function freeBytes(dir: string): Promise<number> {
  return probe(dir);
}

const MB = 1024 * 1024;
/** Room kept beyond every estimate: DuckDB's write-ahead log, its temporary files, the file system's own needs. */
export const SPACE_MARGIN = 16 * MB;

export function formatBytes(n: number): string {
  if (n >= 1024 * MB) return `${(n / (1024 * MB)).toFixed(1)} GB`;
  if (n >= MB) return `${(n / MB).toFixed(1)} MB`;
  return `${Math.max(1, Math.ceil(n / 1024))} KB`;
}

/**
 * What an import of these files may write into the workspace's folder: the rows in DuckDB's file and its log
 * (twice a text file's size); packed formats (.xlsx, .parquet) unpack to several times their size.
 */
export function importSpaceNeeded(files: { path: string; bytes: number }[]): number {
  const factor = (p: string) => (['.xlsx', '.parquet', '.zip'].includes(extname(p).toLowerCase()) ? 6 : 2);
  return files.reduce((s, f) => s + f.bytes * factor(f.path), 0) + SPACE_MARGIN;
}

/** Refuses, naming the folder and the space needed, when the disk holding `dir` has less than `needed` free. */
export async function ensureFreeSpace(dir: string, needed: number, what: string): Promise<void> {
  let free: number;
  try {
    free = await freeBytes(dir);
  } catch {
    return; // a disk that cannot say how full it is: the write itself will tell
  }
  if (free >= needed) return;
  throw new UserError('DISK_FULL',
    `磁盘空间不足：${what}约需 ${formatBytes(needed)}，文件夹“${dir}”所在的磁盘只剩 ${formatBytes(free)}。` +
    '未写入任何内容。请清理该磁盘（或把工作空间移到空间更大的磁盘）后重试。');
}

/** A write that failed because the disk is full (Node's ENOSPC/EDQUOT, or DuckDB's I/O error saying so). */
export function isNoSpaceError(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return true;
  const message = (e as Error | undefined)?.message ?? '';
  return /No space left on device|ENOSPC|Disk quota exceeded|not enough space on the disk/i.test(message);
}

/** The refusal for a write that met a full disk: what was being done, where, and that nothing was kept. */
export function noSpaceError(what: string, dir: string): UserError {
  return new UserError('DISK_FULL',
    `磁盘空间不足：${what}时写入文件夹“${dir}”失败，本次操作已撤销，工作空间保持原样（不是文件损坏）。` +
    '请清理该磁盘（或把工作空间移到空间更大的磁盘）后重试。');
}
