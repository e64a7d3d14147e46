// Entry of the service's own process: `utilityProcess.fork('dist/service/child-host.js')` in the desktop shell,
// `child_process.fork` in tests. Plain Node; the protocol is service/child-protocol.ts.
import { parentChannel } from './child-protocol.js';
import { serveOver } from './service-host.js';

const port = parentChannel();
if (!port) {
  console.error('child-host.js 须由桌面程序（utilityProcess）或 child_process.fork 启动。');
  process.exit(1);
}
serveOver(port);
