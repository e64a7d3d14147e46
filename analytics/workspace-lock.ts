// ZoneTrack's own lock on a workspace: a file `<workspace>.lock` beside it, created exclusively before DuckDB
// opens the workspace for writing and removed when it is closed. DuckDB's lock alone does not hold: it is a
// POSIX fcntl lock, and closing any other descriptor of the same file in the same process (a backup's copy,
// a hash scan, an import of the file itself) silently drops it. Nothing but this module touches the lock file,
// so nothing else can drop it. It names its holder (process, computer, since when); a lock left by a process
// that no longer runs on this computer is taken over, with a notice.
import { closeSync, openSync, readFileSync, renameSync, unlinkSync, writeSync, linkSync } from 'node:fs';
import { hostname } from 'node:os';
import { UserError } from './errors.js';

export interface LockHolder {
  pid: number;
  host: string;
  /** ISO time the holder took the lock. */
  since: string;
  /** Linux: the holder's start time in clock ticks since boot (tells a reused process number apart). */
  procStart?: string;
  app: 'zonetrack';
}

export interface HeldLock {
  readonly path: string;
  readonly holder: LockHolder;
  /** Said once to the user: a stale lock was taken over. */
  readonly notice?: string;
  release(): void;
}

export function lockPathOf(workspacePath: string): string {
  return `${workspacePath}.lock`;
}

/** The `starttime` field of /proc/<pid>/stat, where there is one. */
function processStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command name (field 2) is in parentheses and may hold spaces: count from the last ')'
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/** Whether a process of this computer is still running (a process of another user counts: EPERM). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Who holds the lock, or undefined when there is no lock file (or it cannot be read as one). */
export function readLockHolder(workspacePath: string): LockHolder | undefined {
  try {
    const h = JSON.parse(readFileSync(lockPathOf(workspacePath), 'utf8')) as LockHolder;
    return Number.isInteger(h.pid) && typeof h.host === 'string' ? h : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the holder is a process of this computer that is gone (its lock may be taken over). */
export function isStale(h: LockHolder): boolean {
  if (h.host !== hostname()) return false; // another computer's process cannot be checked from here
  if (!processAlive(h.pid)) return true;
  const start = processStart(h.pid);
  return h.procStart !== undefined && start !== undefined && start !== h.procStart;
}

const when = (iso: string) => `${iso.slice(0, 19).replace('T', ' ')} UTC`;

/** "进程 123（计算机 x，自 2026-12-06 22:00:00 UTC 起）" */
export function describeHolder(h: LockHolder): string {
  const self = h.pid === process.pid && h.host === hostname();
  return `${self ? '本程序' : 'ZoneTrack 进程'} ${h.pid}（计算机 ${h.host}，自 ${when(h.since)} 起）`;
}

export function lockedError(workspacePath: string, h: LockHolder): UserError {
  const other = h.host !== hostname();
  return new UserError('WORKSPACE_LOCKED',
    `工作空间“${workspacePath}”正由${describeHolder(h)}打开，同一时间只能由一个程序写入。请关闭那个窗口或命令后重试` +
    (other ? `；如果那台计算机已不再使用它，可删除锁文件“${lockPathOf(workspacePath)}”` : '') + '。');
}

const held = new Map<string, LockHolder>();
let exitHookInstalled = false;

function removeIfOurs(lockPath: string, mine: LockHolder): void {
  try {
    const now = JSON.parse(readFileSync(lockPath, 'utf8')) as LockHolder;
    if (now.pid === mine.pid && now.host === mine.host && now.since === mine.since) unlinkSync(lockPath);
  } catch {
    // already gone (or unreadable: then it is not ours to remove)
  }
}

function createExclusive(lockPath: string, holder: LockHolder): boolean {
  let fd: number;
  try {
    fd = openSync(lockPath, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    writeSync(fd, JSON.stringify(holder));
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Takes the lock of a workspace for writing, or refuses with the holder named (UserError WORKSPACE_LOCKED).
 * A lock of a process of this computer that no longer runs is taken over and said so in `notice`.
 */
export function acquireWorkspaceLock(workspacePath: string): HeldLock {
  const lockPath = lockPathOf(workspacePath);
  const holder: LockHolder = {
    pid: process.pid, host: hostname(), since: new Date().toISOString(), app: 'zonetrack',
    ...(processStart(process.pid) ? { procStart: processStart(process.pid)! } : {}),
  };
  let notice: string | undefined;
  for (let attempt = 0; ; attempt++) {
    if (createExclusive(lockPath, holder)) break;
    const other = readLockHolder(workspacePath);
    if (!other) {
      // being written this instant, or not a lock we wrote: look again shortly, then refuse
      if (attempt < 20) {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 25);
        continue;
      }
      throw new UserError('WORKSPACE_LOCKED',
        `工作空间“${workspacePath}”的锁文件“${lockPath}”无法读取；如果没有其他 ZoneTrack 程序在使用该工作空间，请删除这个锁文件后重试。`);
    }
    if (!isStale(other) || attempt >= 3) throw lockedError(workspacePath, other);
    // Take it over: move the stale lock aside (only one taker can), check it is the one judged stale, drop it.
    const aside = `${lockPath}.${process.pid}.stale`;
    try {
      renameSync(lockPath, aside);
    } catch {
      continue; // another taker was first
    }
    let moved: LockHolder | undefined;
    try {
      moved = JSON.parse(readFileSync(aside, 'utf8')) as LockHolder;
    } catch {
      moved = undefined;
    }
    if (moved && (moved.pid !== other.pid || moved.since !== other.since)) {
      // a fresh lock taken meanwhile: put it back where it was and refuse
      try {
        linkSync(aside, lockPath);
      } catch {
        // someone else holds the name now; theirs stands
      }
      unlinkSync(aside);
      throw lockedError(workspacePath, moved);
    }
    unlinkSync(aside);
    notice = `工作空间上次由${describeHolder(other)}打开后没有正常关闭（该进程已不在运行），已接管它留下的锁。`;
  }
  held.set(lockPath, holder);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    // an exit without close (process.exit after a fatal error) still leaves no lock behind
    process.on('exit', () => {
      for (const [p, h] of held) removeIfOurs(p, h);
    });
  }
  let released = false;
  return {
    path: lockPath, holder, ...(notice ? { notice } : {}),
    release() {
      if (released) return;
      released = true;
      held.delete(lockPath);
      removeIfOurs(lockPath, holder);
    },
  };
}
