// Where browser mode keeps files it receives and writes: folders beside the workspace file, so that uploads and
// reports stay with the data they belong to (and the HTTP server can confine its file routes to them).
import { dirname, join, resolve } from 'node:path';

export interface WorkspaceFolders {
  /** Uploaded files waiting for import, one sub-folder per upload. */
  uploads: string;
  /** Generated reports; the only folder the download route serves from. */
  reports: string;
}

export function workspaceFolders(workspacePath: string): WorkspaceFolders {
  const dir = dirname(resolve(workspacePath));
  return { uploads: join(dir, 'zonetrack-uploads'), reports: join(dir, 'zonetrack-reports') };
}
