// Opening a generated report from the 报告 page (desktop): the file with its default program, or its folder with
// the file selected. Whatever path the page sends, only a file that exists inside the workspace's report folder
// (symbolic links resolved) is opened.
import { shell, type IpcMain } from 'electron';
import { realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { isTrustedSender } from './ipc-bridge.js';

export const OPEN_REPORT_CHANNEL = 'zonetrack:open-report';

export type OpenHow = 'file' | 'folder';

/** The real path of `path` when it is an existing entry inside `folder`, else null. */
export async function insideFolder(folder: string, path: unknown): Promise<string | null> {
  if (typeof path !== 'string' || path === '' || path.includes('\0')) return null;
  try {
    const [root, target] = await Promise.all([realpath(folder), realpath(resolve(path))]);
    const rel = relative(root, target);
    return rel !== '' && rel.split(sep)[0] !== '..' && !isAbsolute(rel) ? target : null;
  } catch {
    return null; // missing file or folder
  }
}

/** Answers '' when opened, else the reason in Chinese (the page shows it). */
export function bindOpenReport(ipcMain: IpcMain, reportsFolder: string, appUrlPrefix: string): void {
  ipcMain.handle(OPEN_REPORT_CHANNEL, async (event, how: unknown, path: unknown): Promise<string> => {
    if (!isTrustedSender(event, appUrlPrefix)) return '拒绝来自未知页面的请求';
    if (how !== 'file' && how !== 'folder') return `未知的打开方式：${String(how)}`;
    const target = await insideFolder(reportsFolder, path);
    if (!target) return `只能打开报告文件夹（${reportsFolder}）中已有的文件，无法打开“${String(path)}”`;
    if (how === 'folder') {
      shell.showItemInFolder(target);
      return '';
    }
    // only documents open with their program: an executable or script the folder happens to hold never runs
    if (!/\.(docx|xlsx|pdf)$/i.test(target)) return `只能用默认程序打开报告文档（.docx、.xlsx、.pdf），“${target}”不是`;
    const failed = await shell.openPath(target);
    return failed ? `无法打开“${target}”：${failed}` : '';
  });
}
