// Opens a workspace for one command and gives it the same typed client every transport uses.
import { Workspace } from '../analytics/workspace.js';
import type { ApiClient } from '../service/contract.js';
import { inProcessClient } from '../service/in-process-client.js';
import { createService, type ProgressSink } from '../service/zonetrack-service.js';

export async function withWorkspace<T>(
  path: string, fn: (api: ApiClient, ws: Workspace) => Promise<T>, onProgress?: ProgressSink,
): Promise<T> {
  const ws = await Workspace.open(path);
  try {
    return await fn(inProcessClient(createService(ws, { onProgress })), ws);
  } finally {
    await ws.close();
  }
}
