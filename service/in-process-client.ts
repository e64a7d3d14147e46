// The in-process transport (tests, CLI): the same envelope as over IPC or HTTP, so every transport behaves alike.
import { ApiCallError, type ApiClient } from './contract.js';
import type { Service } from './zonetrack-service.js';

export function inProcessClient(service: Service): ApiClient {
  return {
    async call(name, args, options = {}) {
      // A JSON round trip, as over the wire: nothing that cannot cross a transport leaks through this one.
      const env = await service.dispatch(name, JSON.parse(JSON.stringify(args)), { onProgress: options.onProgress, signal: options.signal });
      if (!env.ok) throw new ApiCallError(env.error);
      return JSON.parse(JSON.stringify(env.result));
    },
  };
}
