// Sandboxed preload (CommonJS, as sandboxed preloads must be): exposes exactly one capability to the page,
// the typed API's call, over one IPC channel. No Node, no ipcRenderer, nothing else reaches the page.
// A sandboxed preload is CommonJS: `import x = require()` is how TypeScript writes its require.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import electron = require('electron');

const { contextBridge, ipcRenderer } = electron;

contextBridge.exposeInMainWorld('zonetrack', {
  call: (name: string, args: unknown) => ipcRenderer.invoke('zonetrack:call', name, args),
});
