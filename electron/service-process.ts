// The service in an Electron utilityProcess: the window's main process only relays calls (electron/ipc-bridge.ts),
// so report rendering or a long import never freezes it. The child is service/child-host.ts, the same plain-Node
// entry the tests start with child_process.fork.
import { utilityProcess } from 'electron';
import { join } from 'node:path';
import { serviceProcess, type ServiceProcess } from '../service/child-client.js';
import type { FromChild } from '../service/child-protocol.js';

export function startServiceProcess(): ServiceProcess {
  const child = utilityProcess.fork(join(import.meta.dirname, '..', 'service', 'child-host.js'), [], {
    serviceName: 'ZoneTrack 服务', stdio: 'inherit',
  });
  return serviceProcess({
    send: (m) => child.postMessage(m),
    onMessage: (listener) => child.on('message', (m: FromChild) => listener(m)),
    onExit: (listener) => child.on('exit', (code) => listener(code)),
  });
}
