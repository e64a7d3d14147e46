// The IPC transport: one channel, `zonetrack:call`, bound to the service's dispatch. Every call is checked:
// it must come from our own top-level window and page (not a sub-frame, not a navigated-away origin), and the
// operation must be one the contract names; the arguments are validated again by the service (zod).
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { OPERATION_NAMES, type OperationName } from '../service/contract.js';
import type { Service } from '../service/zonetrack-service.js';

export const CALL_CHANNEL = 'zonetrack:call';

export function isTrustedSender(event: IpcMainInvokeEvent, appUrlPrefix: string): boolean {
  const frame = event.senderFrame;
  // A folder prefix ends with '/', so that ".../renderer-evil/" does not pass for ".../renderer".
  const prefix = appUrlPrefix.endsWith('/') ? appUrlPrefix : `${appUrlPrefix}/`;
  return !!frame && frame.parent === null && frame.url.startsWith(prefix);
}

export function bindService(ipcMain: IpcMain, service: Service, appUrlPrefix: string): void {
  ipcMain.handle(CALL_CHANNEL, async (event, name: unknown, args: unknown) => {
    if (!isTrustedSender(event, appUrlPrefix)) {
      return { ok: false, error: { code: 'FORBIDDEN', message: '拒绝来自未知页面的调用' } };
    }
    if (typeof name !== 'string' || !OPERATION_NAMES.includes(name as OperationName)) {
      return { ok: false, error: { code: 'UNKNOWN_OPERATION', message: `未知的操作：${String(name)}` } };
    }
    return service.dispatch(name as OperationName, args);
  });
}
