// ZoneTrack's own workspace lock (analytics/workspace-lock.ts): a second writer — another CLI, or the CLI next
// to the browser-mode server — is refused with the holder named, even after a backup in the holder's process
// (which drops DuckDB's own fcntl lock), and no batch is lost. Needs `npm run build` (runs dist/ through bin/).
import { beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { Workspace } from '../analytics/workspace.js';
import { importFiles } from '../analytics/import/import-files.js';
import { verifyWorkspace } from '../analytics/workspace-open-checks.js';
import { lockPathOf } from '../analytics/workspace-lock.js';
import { writeCsv } from './helpers/files.js';
import { tempDir } from './helpers/sample-workspace.js';

const BIN = resolve('bin/zonetrack.js');
const STATIONS = [
  ['站点编码', '站点名称', '所属区县', '是否城市点', '经度', '纬度'],
  ['1801A', '解放碑', '渝中区', '是', 106.58, 29.56],
  ['1802A', '两路口', '渝中区', '是', 106.55, 29.55],
];

let dir: string;

function hourly(path: string, station: string, days: number, base: number): Promise<string> {
  const rows: (string | number)[][] = [['站点编码', '监测时间', '污染物', '浓度']];
  for (let h = 1; h <= 24 * days; h++) {
    const t = new Date(Date.UTC(2025, 0, 1, h)).toISOString();
    rows.push([station, `${t.slice(0, 10)} ${t.slice(11, 16)}`, 'PM2.5', base + (h % 50)]);
  }
  return writeCsv(path, rows);
}

async function newWorkspace(name: string): Promise<string> {
  const path = join(dir, name);
  const ws = await Workspace.create(path);
  await importFiles(ws, [await writeCsv(join(dir, `${name}-站点.csv`), STATIONS)]);
  await ws.close();
  return path;
}

function start(args: string[]): { child: ChildProcess; out: () => string; err: () => string; exit: Promise<number | null> } {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '', err = '';
  child.stdout!.on('data', (d: Buffer) => void (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => void (err += d.toString()));
  const exit = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
  return { child, out: () => out, err: () => err, exit };
}

async function until(what: string, test: () => boolean, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function batches(path: string): Promise<{ file_name: string }[]> {
  const ws = await Workspace.open(path, { readOnly: true });
  try {
    expect((await verifyWorkspace(ws)).problems).toEqual([]);
    return await ws.all<{ file_name: string }>('SELECT file_name FROM import_batches ORDER BY batch_id');
  } finally {
    await ws.close();
  }
}

beforeAll(async () => {
  if (!existsSync(resolve('dist/cli/run.js'))) throw new Error('dist/ is missing: run `npm run build` before this test');
  dir = await tempDir('zonetrack-lock-');
});

describe('a second writer is refused, even after a backup in the holder', () => {
  it('browser-mode server + CLI: after workspace/backup the CLI import is refused naming the server; the server goes on', async () => {
    const ws = await newWorkspace('served.duckdb');
    const server = start(['serve', ws, '--port', '0']);
    try {
      await until('the server URL', () => /http:\/\/127\.0\.0\.1:\d+\/\?token=\w+/.test(server.out()));
      const url = new URL(/http:\/\/127\.0\.0\.1:\d+\/\?token=\w+/.exec(server.out())![0]);
      const call = async (name: string, body: unknown) => {
        const r = await fetch(new URL(`/api/${name}`, url), {
          method: 'POST', headers: { 'x-zonetrack-token': url.searchParams.get('token')!, 'content-type': 'application/json' }, body: JSON.stringify(body),
        });
        return (await r.json()) as { ok: boolean; result?: unknown; error?: { message: string } };
      };
      expect((await call('workspace/backup', {})).ok).toBe(true);
      const cli = start(['import', ws, await hourly(join(dir, '另一个进程.csv'), '1801A', 3, 20)]);
      expect(await cli.exit).toBe(2);
      expect(cli.err()).toContain(`正由ZoneTrack 进程 ${server.child.pid}（计算机 ${hostname()}`);
      expect(cli.err()).not.toContain('内部错误');
      // the server still writes: its own import after the refusal
      const mine = await hourly(join(dir, '服务器导入.csv'), '1802A', 3, 30);
      const r = await call('import/files', { paths: [mine] });
      expect(r.ok, JSON.stringify(r.error)).toBe(true);
    } finally {
      server.child.kill('SIGTERM');
      await server.exit;
    }
    expect(existsSync(lockPathOf(ws))).toBe(false);
    expect((await batches(ws)).map((b) => b.file_name)).toEqual(['served.duckdb-站点.csv', '服务器导入.csv']);
  });

  it('two CLIs: while one imports (after its before-import backup), the other is refused; no batch is lost', async () => {
    const ws = await newWorkspace('two-cli.duckdb');
    const file = join(dir, '小时.csv');
    // imported once, so the next version replaces it and the import backs the workspace up first
    expect(await start(['import', ws, await hourly(file, '1801A', 5, 10)]).exit).toBe(0);
    await hourly(file, '1801A', 20, 11);
    const first = start(['import', ws, file]);
    // the backup is done and the transaction open once the first step is reported: freeze it there
    await until('the first import step', () => first.err().includes('%]'));
    first.child.kill('SIGSTOP');
    try {
      const second = start(['import', ws, await hourly(join(dir, '第二个.csv'), '1802A', 3, 40)]);
      expect(await second.exit).toBe(2);
      expect(second.err()).toContain(`正由ZoneTrack 进程 ${first.child.pid}`);
      const backup = start(['backup', ws]);
      expect(await backup.exit).toBe(2);
    } finally {
      first.child.kill('SIGCONT');
    }
    expect(await first.exit).toBe(0);
    const names = (await batches(ws)).map((b) => b.file_name);
    expect(names).toEqual(['two-cli.duckdb-站点.csv', '小时.csv', '小时.csv']);
    expect(existsSync(lockPathOf(ws))).toBe(false);
  });
});

describe('the lock file', () => {
  it('a lock left by a process that is gone is taken over with a notice; one of a live process on another computer is refused', async () => {
    const ws = await newWorkspace('stale.duckdb');
    const dead = spawn(process.execPath, ['-e', '0']);
    await new Promise((r) => dead.on('exit', r));
    await writeFile(lockPathOf(ws), JSON.stringify({ pid: dead.pid, host: hostname(), since: '2026-12-01T08:00:00.000Z', app: 'zonetrack' }));
    const opened = await Workspace.open(ws);
    expect(opened.notices.join()).toContain(`进程 ${dead.pid}`);
    expect(opened.notices.join()).toContain('已接管');
    expect(JSON.parse(await readFile(lockPathOf(ws), 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() });
    // the workspace's own file is not data: importing it is refused, and the lock stays
    await expect(importFiles(opened, [ws])).rejects.toMatchObject({ code: 'FILE_REFUSED', message: expect.stringContaining('工作空间自身的文件') });
    expect(existsSync(lockPathOf(ws))).toBe(true);
    // a second opener in this very process is refused too (DuckDB's fcntl lock would let it through)
    await expect(Workspace.open(ws)).rejects.toMatchObject({ code: 'WORKSPACE_LOCKED', message: expect.stringContaining('本程序') });
    await opened.close();
    expect(existsSync(lockPathOf(ws))).toBe(false);

    await writeFile(lockPathOf(ws), JSON.stringify({ pid: process.pid, host: '另一台计算机', since: '2026-12-01T08:00:00.000Z', app: 'zonetrack' }));
    await expect(Workspace.open(ws)).rejects.toMatchObject({
      code: 'WORKSPACE_LOCKED', message: expect.stringMatching(/计算机 另一台计算机[\s\S]*可删除锁文件/) });
    expect(existsSync(lockPathOf(ws))).toBe(true);
  });
});
