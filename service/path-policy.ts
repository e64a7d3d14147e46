// File paths that arrive from a page (browser mode, the Electron renderer) are confined: they must lie inside
// the workspace's folder or a folder the user chose (a native dialog, `serve --allow`). "..", symlinks out of a
// folder and absolute paths elsewhere are refused before any handler sees them.
import { realpath } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { UserError } from '../analytics/errors.js';
import { PATH_ARGS } from './arg-schemas.js';
import type { OperationName } from './contract.js';

export interface PathPolicy {
  /** Relative paths resolve against this folder (the workspace's). */
  base: string;
  /** Allowed folders, for any operation: the workspace's, and `serve --allow`. */
  roots: Set<string>;
  /**
   * What a native dialog granted: the file (or folder) the user picked, for the operations of that dialog only
   * (a file chosen to import is not a folder to write reports into, nor are its neighbours readable).
   */
  grants: { path: string; operations: readonly OperationName[] }[];
}

export function pathPolicy(base: string, extraRoots: string[] = []): PathPolicy {
  return { base: resolve(base), roots: new Set([resolve(base), ...extraRoots.map((r) => resolve(r))]), grants: [] };
}

/** What each dialog's choice may be used for. */
export const DIALOG_OPERATIONS = {
  'import-files': ['import/files', 'catalogue/add-layer', 'review/submission'],
  'output-folder': ['reports/generate', 'watchlist/export', 'tables/export', 'access/screen', 'access/documents', 'packages/export'],
  'package-folder': ['packages/import', 'packages/export'],
} as const satisfies Record<string, readonly OperationName[]>;
export type DialogKind = keyof typeof DIALOG_OPERATIONS;

/** Records what the user picked in a dialog of `kind`: that path, for that dialog's operations. */
export function grantDialogChoice(policy: PathPolicy, path: string, kind: DialogKind): void {
  policy.grants.push({ path: resolve(path), operations: DIALOG_OPERATIONS[kind] });
}

/** The arguments with every path made absolute, or a refusal naming the path. */
export async function checkPaths(name: OperationName, args: Record<string, unknown>, policy: PathPolicy): Promise<Record<string, unknown>> {
  const fields = PATH_ARGS[name];
  if (!fields) return args;
  const out = { ...args };
  for (const field of fields) {
    const v = args[field];
    if (typeof v === 'string') out[field] = await confine(v, policy, name);
    else if (Array.isArray(v)) out[field] = await Promise.all(v.map((p) => confine(String(p), policy, name)));
  }
  return out;
}

async function confine(path: string, policy: PathPolicy, name: OperationName): Promise<string> {
  if (path.split(/[\\/]/).includes('..')) {
    throw new UserError('PATH_NOT_ALLOWED', `路径“${path}”含“..”，已拒绝。请直接选择工作空间文件夹或已授权文件夹中的文件。`);
  }
  const absolute = resolve(policy.base, path);
  const real = await realExisting(absolute);
  const inside = async (root: string) => {
    const rel = relative(await realExisting(root), real);
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  };
  for (const root of policy.roots) if (await inside(root)) return absolute;
  for (const g of policy.grants) if (g.operations.includes(name) && (await inside(g.path))) return absolute;
  throw new UserError('PATH_NOT_ALLOWED',
    `路径“${path}”不在工作空间文件夹或已授权的文件夹内，已拒绝。允许的文件夹：${[...policy.roots].join('；')}`);
}

/** The real path of the deepest existing ancestor, with the rest appended: a symlink cannot lead outside. */
async function realExisting(path: string): Promise<string> {
  let head = path;
  const tail: string[] = [];
  for (;;) {
    try {
      return [await realpath(head), ...tail].join(sep);
    } catch {
      const parent = dirname(head);
      if (parent === head) return path;
      tail.unshift(head.slice(parent.length).replace(/^[\\/]/, ''));
      head = parent;
    }
  }
}
