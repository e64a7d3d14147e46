// How much memory DuckDB may hold for one workspace, and where it spills the rest. DuckDB's own default is 80 %
// of physical RAM, which on a desktop that also runs Office and a browser means swapping (importing the city
// five-year sample grew to 9 GB). Our queries are joins and aggregates that spill to disk, so a modest limit
// costs little speed: min(2 GB, 40 % of RAM), never below 512 MB. Override with ZONETRACK_MEMORY_LIMIT
// (DuckDB syntax: '4GB', '800MiB') or the memoryLimit option (tests, benches), which wins over both.
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';

const MB = 1024 * 1024;

export const MEMORY_LIMIT_ENV = 'ZONETRACK_MEMORY_LIMIT';

/** The default limit for a machine with `ramBytes` of physical memory, in whole MB. */
export function defaultMemoryLimit(ramBytes = totalmem()): string {
  const mb = Math.max(512, Math.min(2048, Math.floor((ramBytes * 0.4) / MB)));
  return `${mb}MiB`;
}

/** The limit to use: the caller's option, else the environment variable, else the default above. */
export function workspaceMemoryLimit(option?: string, env: NodeJS.ProcessEnv = process.env): string {
  return option || env[MEMORY_LIMIT_ENV]?.trim() || defaultMemoryLimit();
}

/** Spill files next to the workspace (same disk, found and cleaned with it); an in-memory one keeps DuckDB's. */
export function workspaceTempDirectory(path: string): string | undefined {
  return path === ':memory:' ? undefined : `${path}.tmp`;
}

/** Prefix of the folders an import writes scratch files into (a UTF-8 copy of a GB18030 file). */
const IMPORT_SCRATCH_PREFIX = 'import-';

/**
 * A new folder for one import's scratch files, inside the workspace's spill folder (same disk as the workspace,
 * found and removed with it); for an in-memory workspace, in the system temp folder.
 */
export async function importScratchDirectory(path: string | null): Promise<string> {
  const spill = path ? workspaceTempDirectory(path) : undefined;
  if (spill) {
    await mkdir(spill, { recursive: true });
    return mkdtemp(join(spill, IMPORT_SCRATCH_PREFIX));
  }
  return mkdtemp(join(tmpdir(), `zonetrack-${IMPORT_SCRATCH_PREFIX}`));
}

/**
 * Removes scratch folders an import left when its process died (a crash, a kill, a power cut). Called when the
 * workspace is opened for writing: DuckDB then holds the file's write lock, so no other process is importing
 * into it and every such folder is stale. Returns how many were removed.
 */
export async function removeStaleImportScratch(path: string): Promise<number> {
  const spill = workspaceTempDirectory(path);
  if (!spill) return 0;
  const names = await readdir(spill).catch(() => [] as string[]);
  const stale = names.filter((n) => n.startsWith(IMPORT_SCRATCH_PREFIX));
  await Promise.all(stale.map((n) => rm(join(spill, n), { recursive: true, force: true })));
  return stale.length;
}
