// The IPC transport: `zonetrack:call` bound to the service's dispatch, plus progress events and cancel for
// long calls. Every call is checked: it must come from our own top-level window and page (not a sub-frame,
// not a navigated-away origin), and the operation must be one the contract names; the arguments are
// validated again by the service (zod).
import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent } from 'electron';
import { OPERATION_NAMES, type OperationName } from '../service/contract.js';
import type { Service } from '../service/zonetrack-service.js';

export const CALL_CHANNEL = 'zonetrack:call';
/** main → page: (callId, progress) while a call that named a callId runs. */
export const PROGRESS_CHANNEL = 'zonetrack:progress';
/** page → main: (callId) cancels that call; its transaction rolls back. */
export const CANCEL_CHANNEL = 'zonetrack:cancel';

export function isTrustedSender(event: IpcMainInvokeEvent | IpcMainEvent, appUrlPrefix: string): boolean {
  const frame = event.senderFrame;
  // A folder prefix ends with '/', so that ".../renderer-evil/" does not pass for ".../renderer".
  const prefix = appUrlPrefix.endsWith('/') ? appUrlPrefix : `${appUrlPrefix}/`;
  return !!frame && frame.parent === null && frame.url.startsWith(prefix);
}

export function bindService(ipcMain: IpcMain, service: Service, appUrlPrefix: string): void {
  const running = new Map<string, AbortController>();
  ipcMain.handle(CALL_CHANNEL, async (event, name: unknown, args: unknown, callId: unknown) => {
    if (!isTrustedSender(event, appUrlPrefix)) {
      return { ok: false, error: { code: 'FORBIDDEN', message: '拒绝来自未知页面的调用' } };
    }
    if (typeof name !== 'string' || !OPERATION_NAMES.includes(name as OperationName)) {
      return { ok: false, error: { code: 'UNKNOWN_OPERATION', message: `未知的操作：${String(name)}` } };
    }
    if (typeof callId !== 'string') return service.dispatch(name as OperationName, args);
    const key = `${event.sender.id}:${callId}`;
    const cancel = new AbortController();
    running.set(key, cancel);
    try {
      return await service.dispatch(name as OperationName, args, {
        signal: cancel.signal,
        onProgress: (p) => {
          if (!event.sender.isDestroyed()) event.sender.send(PROGRESS_CHANNEL, callId, p);
        },
      });
    } finally {
      running.delete(key);
    }
  });
  ipcMain.on(CANCEL_CHANNEL, (event, callId: unknown) => {
    if (!isTrustedSender(event, appUrlPrefix) || typeof callId !== 'string') return;
    running.get(`${event.sender.id}:${callId}`)?.abort();
  });
}
