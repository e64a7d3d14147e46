// The recently opened workspaces, newest first, kept in a small JSON file in the app's user-data folder.
// Plain Node (no electron import) so it is tested like any other module.
import { readFile, rename, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';

const KEEP = 10;

export async function readRecent(file: string): Promise<string[]> {
  try {
    const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
    return Array.isArray(parsed) ? parsed.filter((p): p is string => typeof p === 'string').slice(0, KEEP) : [];
  } catch {
    return []; // no file yet, or unreadable: start a fresh list rather than refuse to start
  }
}

/** Puts `path` first (once) and writes the list atomically. */
export async function addRecent(file: string, path: string): Promise<string[]> {
  const absolute = resolve(path);
  const list = [absolute, ...(await readRecent(file)).filter((p) => p !== absolute)].slice(0, KEEP);
  const tmp = `${file}.tmp`;
  await writeFile(tmp, JSON.stringify(list, null, 1));
  await rename(tmp, file);
  return list;
}
