// The renderer's own origin in Electron: app://zonetrack/…, served from the renderer's folder only (not
// file://, where any page could read any file and every file:// page would share our origin). This module maps
// a request URL to a file, and refuses everything else; electron/app-protocol.ts binds it to Electron.
import { realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, resolve } from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'zonetrack';
/** What every page URL of ours starts with (the IPC bridge trusts only senders under it). */
export const APP_PREFIX = `${APP_SCHEME}://${APP_HOST}/`;
export const APP_INDEX = `${APP_PREFIX}index.html`;

export const APP_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.json': 'application/json', '.woff2': 'font/woff2',
};

/**
 * The file inside `root` that `url` names, or null: another scheme or host, a path that leaves the folder
 * (also encoded, or through a link), a folder, or a file that does not exist.
 */
export async function appFile(root: string, url: string): Promise<string | null> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return null;
  let path: string;
  try {
    path = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  if (path.includes('\0') || path.includes('\\')) return null;
  if (path === '/' || path === '') path = '/index.html';
  const base = resolve(root);
  const file = resolve(join(base, path));
  if (!inside(base, file)) return null;
  try {
    const [realBase, real] = await Promise.all([realpath(base), realpath(file)]);
    if (!inside(realBase, real) || !(await stat(real)).isFile()) return null;
    return real;
  } catch {
    return null;
  }
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

export function appContentType(file: string): string {
  return APP_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}
