// The ApiClient of the Electron shell: the preload exposes exactly `window.zonetrack.call(name, args)`,
// which resolves to the contract's Envelope (electron/preload.cts, electron/ipc-bridge.ts).
import type { ApiClient, Args, Envelope, OperationName, Result } from '../../service/contract.js';
import { unwrap } from './envelope.js';

export interface PreloadBridge {
  call(name: string, args: unknown): Promise<unknown>;
}

declare global {
  interface Window {
    zonetrack?: PreloadBridge;
  }
}

export function createIpcClient(bridge: PreloadBridge): ApiClient {
  return {
    async call<N extends OperationName>(name: N, args: Args<N>): Promise<Result<N>> {
      return unwrap((await bridge.call(name, args ?? {})) as Envelope<Result<N>>);
    },
  };
}
