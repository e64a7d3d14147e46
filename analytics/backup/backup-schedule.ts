// Scheduled backups while the app runs (desktop, browser mode): every interval, a backup is taken when the
// workspace changed since the last check — its audit trail moved on — so a day's work is never more than one
// interval away from a copy, and an idle workspace does not fill the folder with identical copies.
import type { Workspace } from '../workspace.js';
import { createBackup } from './backups.js';

export const DEFAULT_BACKUP_INTERVAL_MS = 60 * 60 * 1000;

async function auditPosition(ws: Workspace): Promise<number> {
  return (await ws.one<{ s: number | null }>('SELECT max(seq) AS s FROM audit_log'))?.s ?? 0;
}

/** Starts the schedule; the function returned stops it (call it before closing the workspace). */
export async function startBackupSchedule(ws: Workspace, options: { everyMs?: number; onError?: (e: unknown) => void } = {}): Promise<() => void> {
  let seen = await auditPosition(ws);
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    void (async () => {
      const now = await auditPosition(ws);
      if (now !== seen) {
        await createBackup(ws, 'scheduled');
        seen = now;
      }
    })().catch((e: unknown) => options.onError?.(e)).finally(() => {
      running = false;
    });
  }, options.everyMs ?? DEFAULT_BACKUP_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
