// Dialog grants (issue 17, finding 9): a file chosen in the import dialog allows that file — not its folder —
// and only for the operations of that dialog; a folder chosen for output is not a folder to import from.
import { describe, expect, it, vi } from 'vitest';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { IpcMain } from 'electron';
import { checkPaths, grantDialogChoice, pathPolicy } from '../service/path-policy.js';
import { UserError } from '../analytics/errors.js';
import { tempDir } from './helpers/sample-workspace.js';

const showOpenDialog = vi.fn();
vi.mock('electron', () => ({ dialog: { showOpenDialog: (...a: unknown[]) => showOpenDialog(...a) } }));
const { bindFileDialogs, CHOOSE_CHANNEL } = await import('../electron/file-dialogs.js');

const refused = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => (e instanceof UserError ? e.code : e));

async function folders() {
  const root = await tempDir();
  const ws = join(root, 'ws');
  const data = join(root, 'data');
  const out = join(root, 'out');
  for (const d of [ws, data, out]) await mkdir(d);
  for (const f of ['chosen.csv', 'neighbour.csv']) await writeFile(join(data, f), 'x');
  return { ws, data, out };
}

describe('path policy grants', () => {
  it('a chosen file is allowed for import, its neighbours and its folder are not', async () => {
    const { ws, data } = await folders();
    const policy = pathPolicy(ws);
    grantDialogChoice(policy, join(data, 'chosen.csv'), 'import-files');
    await expect(checkPaths('import/files', { paths: [join(data, 'chosen.csv')] }, policy)).resolves.toEqual({ paths: [join(data, 'chosen.csv')] });
    expect(await refused(checkPaths('import/files', { paths: [join(data, 'neighbour.csv')] }, policy))).toBe('PATH_NOT_ALLOWED');
    expect(await refused(checkPaths('packages/import', { dir: data }, policy))).toBe('PATH_NOT_ALLOWED');
    // nor may anything be written beside it
    expect(await refused(checkPaths('reports/generate', { outDir: data }, policy))).toBe('PATH_NOT_ALLOWED');
    expect(await refused(checkPaths('reports/generate', { outDir: join(data, 'chosen.csv') }, policy))).toBe('PATH_NOT_ALLOWED');
  });

  it('an output folder is for writing reports and exports into, not for importing from', async () => {
    const { ws, out } = await folders();
    await writeFile(join(out, 'planted.csv'), 'x');
    const policy = pathPolicy(ws);
    grantDialogChoice(policy, out, 'output-folder');
    await expect(checkPaths('reports/generate', { outDir: out }, policy)).resolves.toEqual({ outDir: out });
    await expect(checkPaths('tables/export', { outDir: join(out, '2025') }, policy)).resolves.toEqual({ outDir: join(out, '2025') });
    expect(await refused(checkPaths('import/files', { paths: [join(out, 'planted.csv')] }, policy))).toBe('PATH_NOT_ALLOWED');
  });
});

describe('the Electron dialog', () => {
  it('grants what the user picked, with the dialog it was picked in', async () => {
    const handlers = new Map<string, (e: unknown, ...a: unknown[]) => Promise<string[]>>();
    const ipc = { handle: (ch: string, fn: (e: unknown, ...a: unknown[]) => Promise<string[]>) => handlers.set(ch, fn) } as unknown as IpcMain;
    const granted: [string, string][] = [];
    const APP = 'app://zonetrack/';
    bindFileDialogs(ipc, () => ({}) as never, (p, kind) => granted.push([p, kind]), APP);
    const event = { senderFrame: { url: `${APP}index.html`, parent: null } };
    showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/data/a.csv', '/data/b.xlsx'] });
    expect(await handlers.get(CHOOSE_CHANNEL)!(event, 'import-files')).toEqual(['/data/a.csv', '/data/b.xlsx']);
    showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/reports'] });
    await handlers.get(CHOOSE_CHANNEL)!(event, 'output-folder');
    expect(granted).toEqual([['/data/a.csv', 'import-files'], ['/data/b.xlsx', 'import-files'], ['/reports', 'output-folder']]);
    // a page that is not ours gets no dialog and no grant
    expect(await handlers.get(CHOOSE_CHANNEL)!({ senderFrame: { url: 'https://evil.example/', parent: null } }, 'import-files')).toEqual([]);
    expect(granted.length).toBe(3);
  });
});
