// The service in a process of its own (the desktop's utilityProcess; a forked child in tests): it opens the
// workspace, answers calls with the same dispatch every transport uses, streams progress, cancels on request
// (the call's transaction rolls back) and closes the workspace in order when told to. Long CPU work — reports,
// workbooks, chart images, imports — thus never runs on the window's main process.
import { dirname } from 'node:path';
import { Workspace } from '../analytics/workspace.js';
import { isUserError } from '../analytics/errors.js';
import { isWorkspaceOpenError } from '../analytics/workspace-open-checks.js';
import { recoverFromBackup } from '../analytics/backup/backups.js';
import { startBackupSchedule } from '../analytics/backup/backup-schedule.js';
import type { OperationName } from './contract.js';
import { createService, type Service } from './zonetrack-service.js';
import { DIALOG_OPERATIONS, grantDialogChoice, pathPolicy, type PathPolicy } from './path-policy.js';
import { fileErrorLog } from './error-log.js';
import type { FromChild, MessagePort, StartFailure, StartOptions, ToChild } from './child-protocol.js';

interface Open {
  ws: Workspace;
  service: Service;
  paths: PathPolicy;
  stopBackups: () => void;
}

function failure(e: unknown): StartFailure {
  if (isWorkspaceOpenError(e)) return { code: e.code, message: e.message, choices: e.choices };
  if (isUserError(e)) return { code: e.code, message: e.message };
  return { code: 'INTERNAL', message: `内部错误：${(e as Error).message ?? String(e)}` };
}

async function open(o: StartOptions): Promise<{ open: Open; restored?: { id: string; movedAside?: string } }> {
  let restored: { id: string; movedAside?: string } | undefined;
  if (o.recover === 'restore-latest') {
    const r = await recoverFromBackup(o.path);
    restored = { id: r.restored.id, ...(r.movedAside ? { movedAside: r.movedAside.id } : {}) };
  }
  const ws = await Workspace.open(o.path, o.recover === 'open-read-only' ? { readOnly: true } : {});
  const paths = pathPolicy(dirname(o.path), o.allow ?? []);
  const service = createService(ws, { paths, log: fileErrorLog(`${o.path}.errors.log`) });
  const stopBackups = o.backups === false || ws.readOnly
    ? () => undefined
    : await startBackupSchedule(ws, { onError: (e) => console.error('[zonetrack] 定时备份失败:', e) });
  return { open: { ws, service, paths, stopBackups }, ...(restored ? { restored } : {}) };
}

/** Serves the workspace named by the first 'start' message over `port` until a 'close' message. */
export function serveOver(port: MessagePort<ToChild, FromChild>, exit: () => void = () => process.exit(0)): void {
  let current: Open | undefined;
  const running = new Map<number, AbortController>();
  port.onMessage((m) => {
    switch (m.type) {
      case 'start':
        if (current) return port.send({ type: 'start-failed', error: { code: 'ALREADY_STARTED', message: '服务已打开一个工作空间' } });
        void open(m.options).then(
          (r) => {
            current = r.open;
            port.send({ type: 'started', readOnly: r.open.ws.readOnly, notices: r.open.ws.notices, ...(r.restored ? { restored: r.restored } : {}) });
          },
          (e) => port.send({ type: 'start-failed', error: failure(e) }),
        );
        return;
      case 'call': {
        const service = current?.service;
        if (!service) return port.send({ type: 'result', id: m.id, envelope: { ok: false, error: { code: 'NOT_STARTED', message: '工作空间尚未打开' } } });
        const cancel = new AbortController();
        running.set(m.id, cancel);
        void service.dispatch(m.name as OperationName, m.args, {
          signal: cancel.signal,
          onProgress: m.progress ? (progress) => port.send({ type: 'progress', id: m.id, progress }) : undefined,
        }).then((envelope) => {
          running.delete(m.id);
          port.send({ type: 'result', id: m.id, envelope });
        });
        return;
      }
      case 'cancel':
        running.get(m.id)?.abort();
        return;
      case 'allow':
        if (current && m.kind in DIALOG_OPERATIONS) grantDialogChoice(current.paths, m.folder, m.kind);
        return;
      case 'close': {
        const closing = current;
        current = undefined;
        closing?.stopBackups();
        // Workspace.close lets the call in progress finish (commit or roll back) before it checkpoints.
        void (closing ? closing.ws.close() : Promise.resolve()).finally(() => {
          port.send({ type: 'closed' });
          exit();
        });
        return;
      }
    }
  });
}
