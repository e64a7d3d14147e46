// The shell's end of the service process (service/service-host.ts): a `Service` whose dispatch relays each call
// as a message, with its progress and cancel, so the IPC bridge binds it exactly as it would an in-process one.
import type { ChildProcess } from 'node:child_process';
import type { Envelope, OperationName, Result } from './contract.js';
import type { CallContext } from './call-context.js';
import type { Service } from './zonetrack-service.js';
import type { FromChild, StartFailure, StartOptions, ToChild } from './child-protocol.js';
import type { DialogKind } from './path-policy.js';

/** The child process as the shell sees it, whichever API started it. */
export interface ChildChannel {
  send(message: ToChild): void;
  onMessage(listener: (message: FromChild) => void): void;
  onExit(listener: (code: number | null) => void): void;
}

export type StartResult =
  | { ok: true; readOnly: boolean; notices: string[]; restored?: { id: string; movedAside?: string } }
  | { ok: false; error: StartFailure };

export interface ServiceProcess extends Service {
  /** Opens the workspace in the child; a failure carries the recovery choices (start again with one of them). */
  start(options: StartOptions): Promise<StartResult>;
  /** A folder the user picked in a dialog: paths in it may now be named. */
  allow(folder: string, kind: DialogKind): void;
  /** Closes the workspace in order (the call in progress finishes first); the child then exits. */
  close(): Promise<void>;
}

/** A channel over child_process.fork's IPC (tests, and any plain-Node shell). */
export function forkedChannel(child: ChildProcess): ChildChannel {
  return {
    send: (m) => child.send(m),
    onMessage: (listener) => child.on('message', (m) => listener(m as FromChild)),
    onExit: (listener) => child.on('exit', (code) => listener(code)),
  };
}

export function serviceProcess(channel: ChildChannel): ServiceProcess {
  let nextId = 1;
  let exited = false;
  const calls = new Map<number, { resolve: (e: Envelope<unknown>) => void; ctx: CallContext }>();
  let starting: ((r: StartResult) => void) | undefined;
  let closing: (() => void) | undefined;
  channel.onMessage((m) => {
    switch (m.type) {
      case 'started':
        starting?.({ ok: true, readOnly: m.readOnly, notices: m.notices, ...(m.restored ? { restored: m.restored } : {}) });
        starting = undefined;
        return;
      case 'start-failed':
        starting?.({ ok: false, error: m.error });
        starting = undefined;
        return;
      case 'progress':
        calls.get(m.id)?.ctx.onProgress?.(m.progress);
        return;
      case 'result':
        calls.get(m.id)?.resolve(m.envelope);
        calls.delete(m.id);
        return;
      case 'closed':
        closing?.();
        return;
    }
  });
  channel.onExit((code) => {
    exited = true;
    const error = { code: 'INTERNAL', message: `内部错误：服务进程已退出（退出码 ${code ?? '无'}）` };
    for (const c of calls.values()) c.resolve({ ok: false, error });
    calls.clear();
    starting?.({ ok: false, error });
    closing?.();
  });
  return {
    start(options) {
      return new Promise((resolve) => {
        starting = resolve;
        channel.send({ type: 'start', options });
      });
    },
    dispatch<N extends OperationName>(name: N, args: unknown, ctx: CallContext = {}): Promise<Envelope<Result<N>>> {
      if (exited) return Promise.resolve({ ok: false, error: { code: 'INTERNAL', message: '内部错误：服务进程已退出' } });
      const id = nextId++;
      return new Promise((resolve) => {
        calls.set(id, { resolve: resolve as (e: Envelope<unknown>) => void, ctx });
        channel.send({ type: 'call', id, name, args, progress: !!ctx.onProgress });
        if (ctx.signal?.aborted) channel.send({ type: 'cancel', id });
        else ctx.signal?.addEventListener('abort', () => channel.send({ type: 'cancel', id }), { once: true });
      });
    },
    allow(folder, kind) {
      channel.send({ type: 'allow', folder, kind });
    },
    close() {
      if (exited) return Promise.resolve();
      return new Promise((resolve) => {
        closing = resolve;
        channel.send({ type: 'close' });
      });
    },
  };
}
