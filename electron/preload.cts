// Sandboxed preload (CommonJS, as sandboxed preloads must be): exposes one function per capability to the page —
// the typed API's call (with progress and cancel for long calls), the native file dialogs, opening a generated
// report — over fixed IPC channels. No Node, no ipcRenderer, nothing else reaches the page.
// A sandboxed preload is CommonJS: `import x = require()` is how TypeScript writes its require.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import electron = require('electron');

const { contextBridge, ipcRenderer } = electron;

contextBridge.exposeInMainWorld('zonetrack', {
  call: (name: string, args: unknown, callId?: string) => ipcRenderer.invoke('zonetrack:call', name, args, callId),
  cancel: (callId: string) => ipcRenderer.send('zonetrack:cancel', callId),
  /** A native dialog; the paths picked may then be passed to the API (their folder becomes allowed). */
  choose: (kind: 'import-files' | 'output-folder' | 'package-folder') => ipcRenderer.invoke('zonetrack:choose', kind),
  /** Opens a generated report (or shows it in its folder); main opens only files inside the report folder. */
  openReport: (how: 'file' | 'folder', path: string) => ipcRenderer.invoke('zonetrack:open-report', how, path),
  onProgress: (listener: (callId: string, progress: unknown) => void) => {
    const relay = (_e: unknown, callId: string, progress: unknown) => listener(callId, progress);
    ipcRenderer.on('zonetrack:progress', relay);
    return () => {
      ipcRenderer.removeListener('zonetrack:progress', relay);
    };
  },
});
