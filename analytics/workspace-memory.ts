// How much memory DuckDB may hold for one workspace, and where it spills the rest. DuckDB's own default is 80 %
// of physical RAM, which on a desktop that also runs Office and a browser means swapping (importing the city
// five-year sample grew to 9 GB). Our queries are joins and aggregates that spill to disk, so a modest limit
// costs little speed: min(2 GB, 40 % of RAM), never below 512 MB. Override with ZONETRACK_MEMORY_LIMIT
// (DuckDB syntax: '4GB', '800MiB') or the memoryLimit option (tests, benches), which wins over both.
import { totalmem } from 'node:os';

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
