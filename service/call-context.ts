// What one call carries besides its arguments: where its progress goes and whether it was cancelled.
// Cancelling works through the progress sink: long operations report progress from inside their
// transaction, so the throw lands there and the transaction rolls back — nothing half-written remains.
import { UserError } from '../analytics/errors.js';
import type { Progress } from './contract.js';

export type ProgressSink = (p: Progress) => void;

export interface CallContext {
  onProgress?: ProgressSink;
  signal?: AbortSignal;
}

export function cancelledError(): UserError {
  return new UserError('CANCELLED', '操作已取消，未写入任何数据。');
}

/** The sink a handler hands to long work: reports to every listener, and stops the work once cancelled. */
export function progressSink(ctx: CallContext, ...listeners: (ProgressSink | undefined)[]): ProgressSink {
  const sinks = [...listeners, ctx.onProgress].filter((s): s is ProgressSink => !!s);
  return (p) => {
    if (ctx.signal?.aborted) throw cancelledError();
    for (const s of sinks) s(p);
  };
}
