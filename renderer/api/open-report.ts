// Desktop only: open a generated report with its default program, or show it in its folder (electron/open-report.ts;
// main opens only files inside the workspace's report folder). Browser mode has no such bridge: the page shows
// the folder's path to copy instead.
import { ApiCallError } from '../../service/contract.js';

declare module './ipc-client.js' {
  interface PreloadBridge {
    /** Resolves to '' when opened, else the reason. */
    openReport?(how: 'file' | 'folder', path: string): Promise<string>;
  }
}

export function canOpenReports(): boolean {
  return typeof window !== 'undefined' && typeof window.zonetrack?.openReport === 'function';
}

export async function openReport(how: 'file' | 'folder', path: string): Promise<void> {
  const reason = await window.zonetrack?.openReport?.(how, path);
  if (reason) throw new ApiCallError({ code: 'OPEN_FAILED', message: reason });
}
