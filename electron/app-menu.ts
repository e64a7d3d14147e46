// The application menu (Chinese): new/open/recent workspaces, quit; help. Opening another workspace
// relaunches the app on it, so that one process owns one workspace file from start to orderly close.
import { app, dialog, Menu, type MenuItemConstructorOptions } from 'electron';
import { Workspace } from '../analytics/workspace.js';

export function buildAppMenu(recent: string[], openWorkspace: (path: string) => void): Menu {
  const file: MenuItemConstructorOptions = {
    label: '文件',
    submenu: [
      {
        label: '新建工作空间…', accelerator: 'CmdOrCtrl+N',
        click: async () => {
          const r = await dialog.showSaveDialog({ title: '新建工作空间', defaultPath: '工作空间.duckdb', filters: [{ name: 'ZoneTrack 工作空间', extensions: ['duckdb'] }] });
          if (r.canceled || !r.filePath) return;
          try {
            await (await Workspace.create(r.filePath)).close();
            openWorkspace(r.filePath);
          } catch (e) {
            dialog.showErrorBox('无法新建工作空间', (e as Error).message);
          }
        },
      },
      {
        label: '打开工作空间…', accelerator: 'CmdOrCtrl+O',
        click: async () => {
          const r = await dialog.showOpenDialog({ title: '打开工作空间', filters: [{ name: 'ZoneTrack 工作空间', extensions: ['duckdb'] }], properties: ['openFile'] });
          if (!r.canceled && r.filePaths[0]) openWorkspace(r.filePaths[0]);
        },
      },
      {
        label: '最近打开',
        submenu: recent.length ? recent.map((p) => ({ label: p, click: () => openWorkspace(p) })) : [{ label: '（无）', enabled: false }],
      },
      { type: 'separator' },
      { label: '退出', role: 'quit' },
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: '编辑',
    submenu: [
      { label: '撤销', role: 'undo' }, { label: '重做', role: 'redo' }, { type: 'separator' },
      { label: '剪切', role: 'cut' }, { label: '复制', role: 'copy' }, { label: '粘贴', role: 'paste' }, { label: '全选', role: 'selectAll' },
    ],
  };
  const help: MenuItemConstructorOptions = {
    label: '帮助',
    submenu: [{ label: `关于 ZoneTrack ${app.getVersion()}`, click: () => void dialog.showMessageBox({ title: '关于', message: `生态环境分区管控跟踪评估工作站 ${app.getVersion()}` }) }],
  };
  return Menu.buildFromTemplate([file, edit, help]);
}
