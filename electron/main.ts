// Electron main process: window, security settings, the workspace and the IPC binding. The workspace is
// opened here, in the main process, because DuckDB's N-API module loads in it without a rebuild and one
// process must own the file read-write; long work moves to a utility process when progress events arrive.
import { app, BrowserWindow, dialog, ipcMain, session, shell } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Workspace } from '../analytics/workspace.js';
import { createService } from '../service/zonetrack-service.js';
import { bindService } from './ipc-bridge.js';

const rendererIndex = join(import.meta.dirname, '..', 'renderer', 'index.html');
const appUrlPrefix = pathToFileURL(join(import.meta.dirname, '..', 'renderer')).href;
const EXTERNAL_ALLOW = [/^https:\/\/(www\.)?mee\.gov\.cn\//];

let workspace: Workspace | undefined;

async function chooseWorkspace(): Promise<string | undefined> {
  const fromArgs = process.argv.find((a) => a.endsWith('.duckdb'));
  if (fromArgs) return fromArgs;
  const r = await dialog.showOpenDialog({ title: '打开工作空间', filters: [{ name: 'ZoneTrack 工作空间', extensions: ['duckdb'] }], properties: ['openFile'] });
  return r.canceled ? undefined : r.filePaths[0];
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
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (EXTERNAL_ALLOW.some((re) => re.test(url))) void shell.openExternal(url);
    return { action: 'deny' };
  });
  void win.loadFile(rendererIndex);
  return win;
}

async function start() {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  await app.whenReady();
  session.defaultSession.setPermissionRequestHandler((_wc, _perm, callback) => callback(false));
  app.on('web-contents-created', (_e, contents) => contents.on('will-attach-webview', (ev) => ev.preventDefault()));
  const path = await chooseWorkspace();
  if (!path) {
    app.quit();
    return;
  }
  try {
    workspace = await Workspace.open(path);
  } catch (e) {
    dialog.showErrorBox('无法打开工作空间', (e as Error).message);
    app.quit();
    return;
  }
  bindService(ipcMain, createService(workspace), appUrlPrefix);
  const win = createWindow();
  app.on('second-instance', () => {
    if (win.isMinimized()) win.restore();
    win.focus();
  });
}

app.on('window-all-closed', () => app.quit());
app.on('will-quit', (e) => {
  if (!workspace) return;
  // Orderly shutdown: checkpoint and close the workspace before the process ends.
  e.preventDefault();
  const ws = workspace;
  workspace = undefined;
  void ws.close().finally(() => app.quit());
});

void start();
