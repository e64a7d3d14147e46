// Which transport this page has: the Electron preload's bridge if present, else browser mode over HTTP.
import type { ApiClient } from '../../service/contract.js';
import { createHttpClient } from './http-client.js';
import { createIpcClient } from './ipc-client.js';

export function createClient(): ApiClient {
  return window.zonetrack ? createIpcClient(window.zonetrack) : createHttpClient();
}
