// Opens a workspace for one command and gives it the same typed client every transport uses.
import { Workspace } from '../analytics/workspace.js';
import type { ApiClient } from '../service/contract.js';
import { inProcessClient } from '../service/in-process-client.js';
import { createService, type ProgressSink } from '../service/zonetrack-service.js';

export async function withWorkspace<T>(
  path: string, fn: (api: ApiClient, ws: Workspace) => Promise<T>, onProgress?: ProgressSink,
): Promise<T> {
  const ws = await Workspace.open(path);
  for (const n of ws.notices) process.stderr.write(`注意：${n}\n`);
  // Ctrl+C or a polite kill: the operation stops at its next step or statement, its transaction rolls back,
  // the file is checkpointed and closed — then the process ends. (A signal after the commit finds the work done.)
  const interrupted = new AbortController();
  const stop = (signal: NodeJS.Signals) => {
    process.stderr.write(`\n已中断（${signal}）：正在撤销未完成的操作并关闭工作空间……\n`);
    interrupted.abort();
    void ws.abortAndClose().finally(() => process.exit(130));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    return await fn(inProcessClient(createService(ws, { onProgress, signal: interrupted.signal })), ws);
  } finally {
    // the handlers stay until the file is closed: a signal during the closing checkpoint waits for it
    await ws.close();
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}
