// `npm start`: the desktop app when the Electron binary is present; otherwise (as on machines that cannot
// download it) says so and starts browser mode on the demo workspace, building the demo first if needed.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const demoWorkspace = 'demo-output/zonetrack-demo.duckdb';
const workspace = process.argv[2] ?? demoWorkspace;

function run(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/zonetrack.js', ...args], { stdio: 'inherit' });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

/** The Electron executable if it was downloaded; found without loading electron's index.js, which would try to
 *  download it (and on this kind of offline machine fail slowly). */
function electronBinary() {
  try {
    const dir = dirname(require.resolve('electron/package.json'));
    const pathFile = join(dir, 'path.txt');
    if (!existsSync(pathFile)) return undefined;
    const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(dir, 'dist');
    const binary = join(dist, readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

const binary = electronBinary();
if (binary) {
  const child = spawn(binary, ['dist/electron/main.js', workspace], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.error('未找到 Electron 可执行文件（本机无法下载），改为浏览器模式启动。');
  if (workspace === demoWorkspace && !existsSync(demoWorkspace)) {
    console.error('首次启动：先用示例数据生成演示工作空间……');
    const code = await run(['demo']);
    if (code !== 0) process.exit(code);
  }
  process.exit(await run(['serve', workspace]));
}
