// Native file dialogs for the page: the only way a path reaches the service from the Electron renderer is
// that the user picked it here. What was picked — the files themselves, or the folder — is granted to the
// service for that dialog's operations only (`allow`; service/path-policy.ts, DIALOG_OPERATIONS).
import { dialog, type BrowserWindow, type IpcMain } from 'electron';
import type { DialogKind } from '../service/path-policy.js';
import { isTrustedSender } from './ipc-bridge.js';

export const CHOOSE_CHANNEL = 'zonetrack:choose';

export type ChooseKind = 'import-files' | 'output-folder' | 'package-folder';

const IMPORT_FILTERS = [
  { name: '数据文件', extensions: ['csv', 'txt', 'xlsx', 'parquet', 'json', 'geojson'] },
  { name: '所有文件', extensions: ['*'] },
];

export function bindFileDialogs(
  ipcMain: IpcMain, window: () => BrowserWindow | undefined, allow: (path: string, kind: DialogKind) => void, appUrlPrefix: string,
): void {
  ipcMain.handle(CHOOSE_CHANNEL, async (event, kind: unknown): Promise<string[]> => {
    if (!isTrustedSender(event, appUrlPrefix)) return [];
    const win = window();
    if (!win) return [];
    const result = kind === 'import-files'
      ? await dialog.showOpenDialog(win, { title: '选择要导入的数据文件', filters: IMPORT_FILTERS, properties: ['openFile', 'multiSelections'] })
      : kind === 'output-folder' || kind === 'package-folder'
        ? await dialog.showOpenDialog(win, { title: kind === 'output-folder' ? '选择报告输出文件夹' : '选择数据包文件夹', properties: ['openDirectory', 'createDirectory'] })
        : { canceled: true, filePaths: [] };
    if (result.canceled) return [];
    // the files (or the folder) picked, for this dialog's operations only: never the folder around a chosen file
    for (const p of result.filePaths) allow(p, kind as DialogKind);
    return result.filePaths;
  });
}
