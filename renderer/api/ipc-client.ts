// The ApiClient of the Electron shell: the preload exposes `window.zonetrack` (electron/preload.cts,
// electron/ipc-bridge.ts): call → the contract's Envelope; a call given a callId streams progress events
// for that id and can be cancelled by it.
import { ApiCallError } from '../../service/contract.js';
import type { ApiClient, Args, CallOptions, Envelope, OperationName, Progress, Result } from '../../service/contract.js';
import { unwrap } from './envelope.js';
import { errorText } from '../i18n/error-text.js';

export interface PreloadBridge {
  call(name: string, args: unknown, callId?: string): Promise<unknown>;
  cancel(callId: string): void;
  onProgress(listener: (callId: string, progress: unknown) => void): () => void;
  /** Native file dialogs (desktop only); browser mode uploads files instead. */
  choose(kind: 'import-files' | 'output-folder' | 'package-folder'): Promise<string[]>;
}

declare global {
  interface Window {
    zonetrack?: PreloadBridge;
  }
}

let nextCallId = 0;

export function createIpcClient(bridge: PreloadBridge): ApiClient {
  return {
    async call<N extends OperationName>(name: N, args: Args<N>, options: CallOptions = {}): Promise<Result<N>> {
      if (!options.onProgress && !options.signal) return unwrap((await bridge.call(name, args ?? {})) as Envelope<Result<N>>);
      if (options.signal?.aborted) throw new ApiCallError({ code: 'CANCELLED', message: errorText('cancelled') });
      const callId = `c${++nextCallId}`;
      const stop = bridge.onProgress((id, p) => {
        if (id === callId) options.onProgress?.(p as Progress);
      });
      const cancel = () => bridge.cancel(callId);
      options.signal?.addEventListener('abort', cancel, { once: true });
      try {
        return unwrap((await bridge.call(name, args ?? {}, callId)) as Envelope<Result<N>>);
      } finally {
        stop();
        options.signal?.removeEventListener('abort', cancel);
      }
    },
  };
}
