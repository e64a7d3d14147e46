// A workspace that does not open gives a clear Chinese message with the ways out, never a stack trace; the
// recovery path (restore the latest backup) ends in a workspace that opens with the backed-up data.
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { chmod, copyFile, open, readFile, truncate, writeFile, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { Workspace } from '../analytics/workspace.js';
import { importFiles } from '../analytics/import/import-files.js';
import { createBackup } from '../analytics/backup/backups.js';
import { listBackups } from '../analytics/backup/backup-files.js';
import { WorkspaceOpenError, verifyWorkspace } from '../analytics/workspace-open-checks.js';
import { listAudit } from '../analytics/audit/audit-log.js';
import { main } from '../cli/main.js';
import type { Io } from '../cli/cli-io.js';
import { workspaceSnapshot, writeCsv } from './helpers/files.js';
import { tempDir } from './helpers/sample-workspace.js';

const STATIONS = [
  ['站点编码', '站点名称', '所属区县', '是否城市点', '经度', '纬度'],
  ['1801A', '解放碑', '渝中区', '是', 106.58, 29.56],
];
const HOURLY = ['站点编码', '监测时间', '污染物', '浓度'];

let dir: string;
let good: string;
let snapshot: string;

async function cli(...argv: string[]) {
  let out = '', err = '';
  const io: Io = { out: (t) => void (out += t + '\n'), err: (t) => void (err += t + '\n') };
  return { code: await main(argv, io), out, err };
}

/** A copy of the good workspace with its backups folder, to damage. */
async function copyOfGood(name: string): Promise<string> {
  const path = join(dir, name);
  await copyFile(good, path);
  return path;
}

async function openError(path: string, options = {}): Promise<WorkspaceOpenError> {
  const e = await Workspace.open(path, options).then(async (ws) => { await ws.close(); return undefined; }, (x: unknown) => x);
  expect(e).toBeInstanceOf(WorkspaceOpenError);
  return e as WorkspaceOpenError;
}

beforeAll(async () => {
  dir = await tempDir();
  good = join(dir, 'good.duckdb');
  const ws = await Workspace.create(good);
  const rows = Array.from({ length: 5000 }, (_, i) => {
    const t = new Date(Date.UTC(2025, 0, 1, i + 1)).toISOString();
    return ['1801A', `${t.slice(0, 10)} ${t.slice(11, 16)}`, 'PM2.5', 20 + (i % 40)];
  });
  await importFiles(ws, [await writeCsv(join(dir, '站点.csv'), STATIONS), await writeCsv(join(dir, '小时.csv'), [HOURLY, ...rows])]);
  snapshot = await workspaceSnapshot(ws);
  await ws.close();
});

describe('opening a workspace that cannot be opened', () => {
  it('a truncated file: the message names the damage and the choices; the CLI exits 2 without a stack trace', async () => {
    const path = await copyOfGood('truncated.duckdb');
    const ws = await Workspace.open(path);
    await createBackup(ws, 'manual');
    await ws.close();
    await truncate(path, Math.floor((await stat(path)).size / 3));
    const e = await openError(path);
    expect(e.code).toBe('WORKSPACE_TRUNCATED');
    expect(e.message).toContain('文件不完整');
    expect(e.message).toContain('尾部缺失');
    expect(e.choices.map((c) => c.id)).toEqual(['restore-latest', 'open-read-only', 'create-new']);
    expect(e.choices[0]!.command).toBe(`zonetrack backup ${path} --restore ${e.latestBackup!.id}`);

    const r = await cli('batches', path);
    expect(r.code).toBe(2);
    expect(r.err).toContain('可以选择');
    expect(r.err).toContain('从最近的备份恢复');
    expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
    expect(r.err).not.toContain('内部错误');
  });

  it('the recovery path: restore the latest backup, the damaged file kept aside, the workspace opens whole', async () => {
    const path = join(dir, 'truncated.duckdb');
    const damagedBytes = await readFile(path);
    const r = await cli('backup', path, '--restore', 'latest');
    expect(r.code).toBe(0);
    expect(r.out).toContain('原文件已移到');
    const aside = (await listBackups(path)).find((b) => b.reason === 'damaged')!;
    expect((await readFile(aside.path)).equals(damagedBytes)).toBe(true);
    const ws = await Workspace.open(path);
    try {
      expect(await workspaceSnapshot(ws)).toBe(snapshot);
      expect((await verifyWorkspace(ws)).problems).toEqual([]);
      const audit = await listAudit(ws);
      expect(audit.entries.at(-1)).toMatchObject({ action: 'restore', detail: { recovery: true, movedAside: aside.id } });
    } finally {
      await ws.close();
    }
  });

  it('a damaged file without backups offers read-only and a new workspace, and says there is no backup', async () => {
    const path = await copyOfGood('nobackup.duckdb');
    await truncate(path, 6000);
    const e = await openError(path);
    expect(e.code).toBe('WORKSPACE_TRUNCATED');
    expect(e.choices.map((c) => c.id)).toEqual(['open-read-only', 'create-new']);
    expect(e.message).toContain('没有可用的备份');
    const r = await cli('backup', path, '--restore', 'latest');
    expect(r.code).toBe(2);
  });

  it('a file that is not a DuckDB database, and an empty one', async () => {
    const text = join(dir, 'notes.duckdb');
    await writeFile(text, '这不是数据库，只是一段文字。\n'.repeat(100));
    const e = await openError(text);
    expect(e.code).toBe('NOT_A_WORKSPACE');
    expect(e.message).toContain('不是 DuckDB 数据库文件');
    const empty = join(dir, 'empty.duckdb');
    await writeFile(empty, '');
    expect((await openError(empty)).message).toContain('文件是空的');
  });

  it('another program\'s DuckDB database is refused and left untouched', async () => {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const path = join(dir, 'other.duckdb');
    const db = await DuckDBInstance.create(path);
    const con = await db.connect();
    await con.run('CREATE TABLE orders (id INTEGER, amount DOUBLE); INSERT INTO orders VALUES (1, 9.5)');
    con.closeSync();
    db.closeSync();
    const bytes = await readFile(path);
    const e = await openError(path);
    expect(e.code).toBe('NOT_A_WORKSPACE');
    expect(e.message).toContain('其他程序的数据库');
    expect((await readFile(path)).equals(bytes)).toBe(true);
  });

  it('a workspace written by a newer version is refused read-write, opens read-only, and refuses writes there', async () => {
    const path = await copyOfGood('newer.duckdb');
    const ws = await Workspace.open(path);
    await ws.run("INSERT INTO schema_migrations VALUES (999, '未来的结构', now())");
    await ws.close();
    const e = await openError(path);
    expect(e.code).toBe('WORKSPACE_TOO_NEW');
    expect(e.message).toContain('结构版本 999');
    expect(e.choices.map((c) => c.id)).toContain('open-read-only');
    const ro = await Workspace.open(path, { readOnly: true });
    try {
      expect(await workspaceSnapshot(ro)).toBe(snapshot);
      await expect(ro.transaction(async () => undefined)).rejects.toMatchObject({ code: 'WORKSPACE_READ_ONLY' });
    } finally {
      await ro.close();
    }
  });

  it('a workspace held by another process is refused as locked, naming the choice to close the other one', async () => {
    const path = await copyOfGood('locked.duckdb');
    const holder = spawn(process.execPath, ['--input-type=module', '-e', `
      import { DuckDBInstance } from '@duckdb/node-api';
      const i = await DuckDBInstance.create(${JSON.stringify(path)});
      await i.connect();
      console.log('ready');
      setInterval(() => {}, 1000);`], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((res, rej) => {
        holder.stdout!.on('data', (d: Buffer) => { if (d.toString().includes('ready')) res(); });
        holder.on('exit', (code) => rej(new Error(`holder exited ${code}`)));
      });
      const e = await openError(path);
      expect(e.code).toBe('WORKSPACE_LOCKED');
      expect(e.message).toContain('正被另一个程序使用');
      expect(e.choices.map((c) => c.id)).toEqual(['close-other']);
      // restore is refused too: the file is in use, not damaged
      expect((await cli('backup', path, '--restore', 'latest')).code).toBe(2);
      expect(existsSync(path)).toBe(true);
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('a read-only file opens read-only and says so; writes and restores are refused, the file never moved aside', async () => {
    const path = await copyOfGood('readonly.duckdb');
    const ws = await Workspace.open(path);
    await createBackup(ws, 'manual');
    await ws.close();
    const bytes = await readFile(path);
    await chmod(path, 0o444);
    try {
      const ro = await Workspace.open(path);
      try {
        expect(ro.readOnly).toBe(true);
        expect(ro.notices.join()).toContain('文件设为只读，已以只读方式打开');
        expect(await workspaceSnapshot(ro)).toBe(snapshot);
      } finally {
        await ro.close();
      }
      const imp = await cli('import', path, await writeCsv(join(dir, '只读时导入.csv'), [HOURLY, ['1801A', '2026-01-01 01:00', 'PM2.5', 30]]));
      expect(imp.code).toBe(2);
      expect(imp.err).toContain('工作空间以只读方式打开（文件设为只读），不能修改');
      const restore = await cli('backup', path, '--restore', 'latest');
      expect(restore.code).toBe(2);
      expect(restore.err).not.toContain('损坏');
      expect((await readFile(path)).equals(bytes)).toBe(true);
      expect((await listBackups(path)).some((b) => b.reason === 'damaged')).toBe(false);
    } finally {
      await chmod(path, 0o644);
    }
  });

  it('damage in the middle of the file: check names the table, backup refuses to copy it, restore keeps it aside', async () => {
    const path = await copyOfGood('middle.duckdb');
    const ws = await Workspace.open(path);
    const good = await createBackup(ws, 'manual');
    const block = (await ws.one<{ b: number }>("SELECT min(block_id) AS b FROM pragma_storage_info('air_hourly') WHERE block_id >= 0"))!.b;
    await ws.close();
    const fh = await open(path, 'r+');
    await fh.write(Buffer.alloc(64, 0xab), 0, 64, 3 * 4096 + block * 262_144 + 100);
    await fh.close();
    expect((await cli('check', good.path)).code).toBe(0);
    const check = await cli('check', path);
    expect(check.code).toBe(2);
    expect(check.err).toContain('表“air_hourly”');
    expect(check.err).toContain('--restore latest');
    const backup = await cli('backup', path);
    expect(backup.code).toBe(2);
    expect(backup.err).toContain('工作空间已损坏，没有备份');
    // the damaged state is what a restore keeps aside; the good backup comes back
    const r = await cli('backup', path, '--restore', good.id);
    expect(r.code, r.err).toBe(0);
    expect((await listBackups(path)).filter((b) => b.reason === 'damaged')).toHaveLength(1);
    expect((await cli('check', path)).code).toBe(0);
    // a damaged backup is never put in place
    const fh2 = await open(good.path, 'r+');
    await fh2.write(Buffer.alloc(64, 0xab), 0, 64, 3 * 4096 + block * 262_144 + 100);
    await fh2.close();
    const bad = await cli('backup', path, '--restore', good.id);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain(`备份“${good.id}”已损坏，不能用来恢复`);
  });
});
