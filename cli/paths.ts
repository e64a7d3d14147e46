// Where the built renderer lives: dist/renderer next to the compiled CLI (dist/cli/…) or, when running from
// sources under vitest, the project's dist/renderer.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../analytics/errors.js';

export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  // The project root holds bin/zonetrack.js (dist/ holds a copy of package.json, so that alone is not enough).
  while (!existsSync(join(dir, 'bin', 'zonetrack.js'))) {
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return dir;
}

export function rendererDir(): string {
  const dir = resolve(projectRoot(), 'dist', 'renderer');
  if (!existsSync(join(dir, 'index.html'))) {
    throw new UserError('RENDERER_MISSING', `找不到界面文件（${dir}），请先运行 npm run build`);
  }
  return dir;
}
