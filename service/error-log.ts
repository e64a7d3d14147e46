// Unexpected failures go to a log file next to the workspace (and stderr), with the operation, its
// arguments and the stack, so a bureau can send the file to support; the user sees only a short message.
import { appendFileSync } from 'node:fs';

export function fileErrorLog(file: string): (msg: string, e: unknown) => void {
  return (msg, e) => {
    const stack = e instanceof Error ? (e.stack ?? e.message) : String(e);
    const entry = `[${new Date().toISOString()}] ${msg}\n${stack}\n\n`;
    console.error(`[zonetrack] ${msg}:`, e);
    try {
      appendFileSync(file, entry);
    } catch {
      // the log is a help, never a reason to fail the call
    }
  };
}
