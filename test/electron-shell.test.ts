// The Electron shell's logic without Electron (its binary cannot run here): the IPC bridge refuses calls from
// foreign frames and unknown operations, and passes the rest to the same service the other transports use.
import { describe, expect, it, vi } from 'vitest';
import type { IpcMain, IpcMainInvokeEvent } from 'electron';

vi.mock('electron', () => ({}));

const { bindService, CALL_CHANNEL } = await import('../electron/ipc-bridge.js');

function fakeIpc() {
  const handlers = new Map<string, (e: IpcMainInvokeEvent, ...args: unknown[]) => unknown>();
  const ipc = { handle: (ch: string, fn: (e: IpcMainInvokeEvent, ...args: unknown[]) => unknown) => handlers.set(ch, fn) };
  return { ipc: ipc as unknown as IpcMain, invoke: (event: unknown, ...args: unknown[]) => handlers.get(CALL_CHANNEL)!(event as IpcMainInvokeEvent, ...args) };
}

const APP = 'file:///opt/zonetrack/renderer';
const topFrame = (url: string) => ({ senderFrame: { url, parent: null } });

describe('IPC bridge', () => {
  const dispatch = vi.fn(async (name: string) => ({ ok: true, result: name }));
  const { ipc, invoke } = fakeIpc();
  bindService(ipc, { dispatch } as never, APP);

  it('passes calls from the app page to the service', async () => {
    expect(await invoke(topFrame(`${APP}/index.html`), 'workspace/info', {})).toEqual({ ok: true, result: 'workspace/info' });
    expect(dispatch).toHaveBeenCalledWith('workspace/info', {});
  });

  it('refuses other origins, sub-frames and unknown operations without calling the service', async () => {
    dispatch.mockClear();
    expect(await invoke(topFrame('https://evil.example/'), 'workspace/info', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await invoke(topFrame(`${APP}-evil/index.html`), 'workspace/info', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await invoke({ senderFrame: { url: `${APP}/index.html`, parent: {} } }, 'workspace/info', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await invoke(topFrame(`${APP}/index.html`), 'fs/delete', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_OPERATION' } });
    expect(dispatch).not.toHaveBeenCalled();
  });
});
