// The Electron shell's logic without Electron (its binary cannot run here): the IPC bridge refuses calls from
// foreign frames and unknown operations, passes the rest to the same service the other transports use, relays
// a long call's progress to the page that made it, and cancels it on that page's request only.
import { describe, expect, it, vi } from 'vitest';
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { CallContext } from '../service/zonetrack-service.js';

vi.mock('electron', () => ({}));

const { bindService, CALL_CHANNEL, CANCEL_CHANNEL, PROGRESS_CHANNEL } = await import('../electron/ipc-bridge.js');

type Listener = (e: unknown, ...args: unknown[]) => unknown;

function fakeIpc() {
  const handlers = new Map<string, Listener>();
  const listeners = new Map<string, Listener>();
  const ipc = {
    handle: (ch: string, fn: Listener) => handlers.set(ch, fn),
    on: (ch: string, fn: Listener) => listeners.set(ch, fn),
  };
  return {
    ipc: ipc as unknown as IpcMain,
    invoke: (event: unknown, ...args: unknown[]) => handlers.get(CALL_CHANNEL)!(event as IpcMainInvokeEvent, ...args),
    send: (event: unknown, ...args: unknown[]) => listeners.get(CANCEL_CHANNEL)!(event, ...args),
  };
}

const APP = 'file:///opt/zonetrack/renderer';
const sent: unknown[][] = [];
const sender = (id: number) => ({ id, isDestroyed: () => false, send: (...a: unknown[]) => sent.push([id, ...a]) });
const topFrame = (url: string, id = 1) => ({ senderFrame: { url, parent: null }, sender: sender(id) });

describe('IPC bridge', () => {
  const dispatch = vi.fn(async (name: string, _args?: unknown, _ctx?: CallContext) => ({ ok: true, result: name }));
  const { ipc, invoke, send } = fakeIpc();
  bindService(ipc, { dispatch } as never, APP);

  it('passes calls from the app page to the service', async () => {
    expect(await invoke(topFrame(`${APP}/index.html`), 'workspace/info', {})).toEqual({ ok: true, result: 'workspace/info' });
    expect(dispatch).toHaveBeenCalledWith('workspace/info', {});
  });

  it('refuses other origins, sub-frames and unknown operations without calling the service', async () => {
    dispatch.mockClear();
    expect(await invoke(topFrame('https://evil.example/'), 'workspace/info', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await invoke(topFrame(`${APP}-evil/index.html`), 'workspace/info', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await invoke({ senderFrame: { url: `${APP}/index.html`, parent: {} }, sender: sender(1) }, 'workspace/info', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await invoke(topFrame(`${APP}/index.html`), 'fs/delete', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_OPERATION' } });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('relays a long call\'s progress to its page and cancels it when that page asks, not when another does', async () => {
    let release!: () => void;
    let seenSignal: AbortSignal | undefined;
    dispatch.mockImplementationOnce(async (name: string, _args?: unknown, ctx?: CallContext) => {
      seenSignal = ctx?.signal;
      ctx?.onProgress?.({ step: '计算', done: 0, total: 2 });
      await new Promise<void>((r) => (release = r));
      return { ok: true, result: name };
    });
    const page = topFrame(`${APP}/index.html`, 7);
    const pending = invoke(page, 'indicators/compute', { year: 2025 }, 'c1');
    await vi.waitFor(() => expect(seenSignal).toBeDefined());
    expect(sent).toContainEqual([7, PROGRESS_CHANNEL, 'c1', { step: '计算', done: 0, total: 2 }]);
    send(topFrame('https://evil.example/', 7), 'c1'); // foreign page: ignored
    send(topFrame(`${APP}/index.html`, 8), 'c1'); // another window's call ids are its own
    expect(seenSignal!.aborted).toBe(false);
    send(page, 'c1');
    expect(seenSignal!.aborted).toBe(true);
    release();
    await pending;
  });
});
