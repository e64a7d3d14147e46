// Unexpected failures go to a log file next to the workspace (and stderr), with the operation, its
// arguments and the stack, so a bureau can send the file to support; the user sees only a short message.
import { appendFileSync } from 'node:fs';

/** Where an error was written (said to the user), or undefined when only stderr has it. */
export type ErrorLog = (msg: string, e: unknown) => string | undefined | void;

export function fileErrorLog(file: string): ErrorLog {
  return (msg, e) => {
    const stack = e instanceof Error ? (e.stack ?? e.message) : String(e);
    const entry = `[${new Date().toISOString()}] ${msg}\n${stack}\n\n`;
    console.error(`[zonetrack] ${msg}:`, e);
    try {
      appendFileSync(file, entry);
      return file;
    } catch {
      // the log is a help, never a reason to fail the call; the message then does not claim it was written
      return undefined;
    }
  };
}
