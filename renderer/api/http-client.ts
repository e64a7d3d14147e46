// The ApiClient of browser mode: POST /api/<operation> with the per-launch token from the page URL.
// A call with a progress listener or a cancel signal is streamed (NDJSON): progress lines, then the envelope;
// aborting the fetch hangs up, which cancels the operation on the server.
// Browser code only — types come from the contract, nothing from the Node side runs here.
import { ApiCallError, NDJSON } from '../../service/contract.js';
import type { ApiClient, Args, CallOptions, Envelope, OperationName, Progress, Result } from '../../service/contract.js';
import { unwrap } from './envelope.js';
import { errorText } from '../i18n/error-text.js';

// (reached through globalThis so that Node tests can use this client with an explicit token)
export function tokenFromLocation(search: string = (globalThis as { location?: { search: string } }).location?.search ?? ''): string {
  return new URLSearchParams(search).get('token') ?? '';
}

export function createHttpClient(options: { token?: string; baseUrl?: string } = {}): ApiClient {
  const token = options.token ?? tokenFromLocation();
  const baseUrl = options.baseUrl ?? '';
  return {
    async call<N extends OperationName>(name: N, args: Args<N>, call: CallOptions = {}): Promise<Result<N>> {
      const streamed = !!(call.onProgress || call.signal);
      let response: Response;
      try {
        response = await fetch(`${baseUrl}/api/${name}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-ZoneTrack-Token': token, ...(streamed ? { Accept: NDJSON } : {}) },
          body: JSON.stringify(args ?? {}),
          signal: call.signal,
        });
      } catch {
        if (call.signal?.aborted) throw cancelled();
        throw new ApiCallError({ code: 'NETWORK', message: errorText('network') });
      }
      const isStream = (response.headers.get('Content-Type') ?? '').startsWith(NDJSON);
      if (isStream && response.body) return unwrap(await readStream<Result<N>>(response.body, call));
      let envelope: Envelope<Result<N>>;
      try {
        envelope = (await response.json()) as Envelope<Result<N>>;
      } catch {
        throw new ApiCallError({ code: 'BAD_RESPONSE', message: errorText('badResponse', { status: response.status }) });
      }
      return unwrap(envelope);
    },
  };
}

function cancelled(): ApiCallError {
  return new ApiCallError({ code: 'CANCELLED', message: errorText('cancelled') });
}

async function readStream<T>(body: ReadableStream<Uint8Array>, call: CallOptions): Promise<Envelope<T>> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffered += decoder.decode(value, { stream: true });
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        if (!line.trim()) continue;
        const msg = JSON.parse(line) as { progress?: Progress; envelope?: Envelope<T> };
        if (msg.envelope) return msg.envelope;
        if (msg.progress) call.onProgress?.(msg.progress);
      }
    }
  } catch (e) {
    if (call.signal?.aborted) throw cancelled();
    throw e;
  }
  if (call.signal?.aborted) throw cancelled();
  throw new ApiCallError({ code: 'BAD_RESPONSE', message: errorText('interrupted') });
}
