// The messages between a shell and the service running in a child process (Electron's utilityProcess, or
// child_process.fork in tests): one protocol for both. Everything in them is structured-clonable plain data.
import type { ApiError, Envelope, Progress } from './contract.js';
import type { RecoveryChoice } from '../analytics/workspace-open-checks.js';
import type { DialogKind } from './path-policy.js';

/** How the child opens its workspace: as it is, after restoring the latest backup, or read-only (recovery choices). */
export interface StartOptions {
  path: string;
  recover?: 'restore-latest' | 'open-read-only';
  /** Folders besides the workspace's that paths in arguments may name (the page's file dialogs add more). */
  allow?: string[];
  /** The periodic backup while the workspace is open (the desktop's default: on). */
  backups?: boolean;
}

/** Shell → service. */
export type ToChild =
  | { type: 'start'; options: StartOptions }
  | { type: 'call'; id: number; name: string; args: unknown; progress: boolean }
  | { type: 'cancel'; id: number }
  /** The user picked `folder` (a file or a folder) in a dialog of `kind`: allowed for that dialog's operations. */
  | { type: 'allow'; folder: string; kind: DialogKind }
  | { type: 'close' };

/** Why a workspace did not open, and what the user may choose to do about it. */
export interface StartFailure extends ApiError {
  choices?: RecoveryChoice[];
}

/** Service → shell. */
export type FromChild =
  | { type: 'started'; readOnly: boolean; notices: string[]; restored?: { id: string; movedAside?: string } }
  | { type: 'start-failed'; error: StartFailure }
  | { type: 'progress'; id: number; progress: Progress }
  | { type: 'result'; id: number; envelope: Envelope<unknown> }
  | { type: 'closed' };

/** One end of the channel, whichever process API carries it. */
export interface MessagePort<In, Out> {
  send(message: Out): void;
  onMessage(listener: (message: In) => void): void;
}

interface ElectronParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
}

/**
 * The child's end: Electron's process.parentPort in a utilityProcess, else the IPC channel of
 * child_process.fork; undefined when the process was started neither way.
 */
export function parentChannel(): MessagePort<ToChild, FromChild> | undefined {
  const electronPort = (process as { parentPort?: ElectronParentPort }).parentPort;
  if (electronPort) {
    return {
      send: (m) => electronPort.postMessage(m),
      onMessage: (listener) => electronPort.on('message', (e) => listener(e.data as ToChild)),
    };
  }
  if (process.send) {
    return {
      send: (m) => process.send!(m),
      onMessage: (listener) => process.on('message', (m) => listener(m as ToChild)),
    };
  }
  return undefined;
}
