// Electron main process: window, menus, security settings and the IPC binding. The workspace is opened by the
// service in a utilityProcess (electron/service-process.ts), which alone owns the file read-write: report
// rendering, workbooks and imports run there, and the window stays responsive (progress arrives over IPC events).
import { app, BrowserWindow, dialog, ipcMain, Menu, session, shell } from 'electron';
import { dirname, join } from 'node:path';
import type { ServiceProcess } from '../service/child-client.js';
import { bindService } from './ipc-bridge.js';
import { bindFileDialogs } from './file-dialogs.js';
import { bindOpenReport } from './open-report.js';
import { workspaceFolders } from '../service/queries/workspace-folders.js';
import { buildAppMenu } from './app-menu.js';
import { addRecent, readRecent } from './recent-files.js';
import { openWithRecovery } from './open-recovery.js';
import { startServiceProcess } from './service-process.js';
import { registerAppScheme, serveApp } from './app-protocol.js';
import { APP_INDEX, APP_PREFIX } from './app-url.js';

// The page is served as app://zonetrack/… from this folder only (electron/app-url.ts), never from file://.
const rendererDir = join(import.meta.dirname, '..', 'renderer');
const appUrlPrefix = APP_PREFIX;
registerAppScheme();
const EXTERNAL_ALLOW = [/^https:\/\/(www\.)?mee\.gov\.cn\//];

let service: ServiceProcess | undefined;
let mainWindow: BrowserWindow | undefined;
const recentFile = () => join(app.getPath('userData'), 'recent-workspaces.json');

async function chooseWorkspace(): Promise<string | undefined> {
  const fromArgs = process.argv.find((a) => a.endsWith('.duckdb'));
  if (fromArgs) return fromArgs;
  const recent = await readRecent(recentFile());
  const r = await dialog.showOpenDialog({
    title: '打开工作空间', defaultPath: recent[0] ? dirname(recent[0]) : undefined,
    filters: [{ name: 'ZoneTrack 工作空间', extensions: ['duckdb'] }], properties: ['openFile'],
  });
  return r.canceled ? undefined : r.filePaths[0];
}

/** Another workspace: relaunch on it, so the current one is closed in order (will-quit) before the next opens. */
function openWorkspace(path: string) {
  app.relaunch({ args: [...process.argv.slice(1).filter((a) => !a.endsWith('.duckdb')), path] });
  app.quit();
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280, height: 860, title: '生态环境分区管控跟踪评估工作站',
    webPreferences: {
      preload: join(import.meta.dirname, 'preload.cjs'),
      contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false,
    },
  });
  win.webContents.on('will-navigate', (e) => e.preventDefault());
  // The page asks before it is closed or reloaded while report sections have unsaved drafts (beforeunload);
  // Electron shows no dialog of its own and would just refuse to close.
  win.webContents.on('will-prevent-unload', (e) => {
    const choice = dialog.showMessageBoxSync(win, {
      type: 'question', buttons: ['仍要离开', '留下'], defaultId: 1, cancelId: 1, title: '有未保存的草稿',
      message: '报告人工章节有未保存的草稿。',
      detail: '草稿保存在本机，下次打开本工作空间时会恢复；要写入报告，请先回到“报告”页保存。',
    });
    if (choice === 0) e.preventDefault(); // leave: the page's beforeunload is overridden
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (EXTERNAL_ALLOW.some((re) => re.test(url))) void shell.openExternal(url);
    return { action: 'deny' };
  });
  void win.loadURL(APP_INDEX);
  return win;
}

async function start() {
  if (!app.requestSingleInstanceLock()) {
    // The running instance owns the workspace file; it comes to the front (second-instance below).
    app.quit();
    return;
  }
  await app.whenReady();
  serveApp(rendererDir);
  session.defaultSession.setPermissionRequestHandler((_wc, _perm, callback) => callback(false));
  app.on('web-contents-created', (_e, contents) => contents.on('will-attach-webview', (ev) => ev.preventDefault()));
  const path = await chooseWorkspace();
  if (!path) {
    app.quit();
    return;
  }
  // The service opens the workspace (with the periodic backup) in its own process; the page may name files only
  // in the workspace's folder and in folders the user picked in a dialog (relayed to the service).
  const started = startServiceProcess();
  service = started;
  if (!(await openWithRecovery(started, path, []))) {
    await started.close();
    service = undefined;
    app.quit();
    return;
  }
  const recent = await addRecent(recentFile(), path).catch(() => [path]);
  Menu.setApplicationMenu(buildAppMenu(recent, openWorkspace));
  bindService(ipcMain, started, appUrlPrefix);
  bindFileDialogs(ipcMain, () => mainWindow, (picked, kind) => started.allow(picked, kind), appUrlPrefix);
  bindOpenReport(ipcMain, workspaceFolders(path).reports, appUrlPrefix);
  mainWindow = createWindow();
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
    void dialog.showMessageBox(mainWindow, { type: 'info', message: `工作空间已在本窗口中打开：${path}\n同一时间只能有一个 ZoneTrack 窗口使用它。` });
  });
}

app.on('window-all-closed', () => app.quit());
app.on('will-quit', (e) => {
  if (!service) return;
  // Orderly shutdown: the service lets the running transaction finish, checkpoints and closes before it exits.
  e.preventDefault();
  const closing = service;
  service = undefined;
  void closing.close().finally(() => app.quit());
});

void start();
