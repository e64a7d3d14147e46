#!/usr/bin/env node
// Runs the compiled CLI; `npm ci` builds it (the `prepare` script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli/run.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  console.error('ZoneTrack 尚未构建：请在项目目录运行 npm run build（npm ci 会自动构建）。');
  process.exit(1);
}
await import(entry.href);
