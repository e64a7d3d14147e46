// A full disk (issue 17, finding 5): free space is checked before an import, a backup and a report, with a
// Chinese refusal naming the folder and the space needed; a write that meets a full disk anyway is rolled back
// and named 磁盘空间不足 (not damage), and the service goes on answering — on a real, small tmpfs where this
// process may mount one, with the disk probe of analytics/disk-space.ts standing in for the pre-check elsewhere.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { existsSync, statfsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Workspace } from '../analytics/workspace.js';
import { importFiles } from '../analytics/import/import-files.js';
import { createBackup } from '../analytics/backup/backups.js';
import { backupDir } from '../analytics/backup/backup-files.js';
import { setFreeSpaceProbe } from '../analytics/disk-space.js';
import { UserError } from '../analytics/errors.js';
import { createService } from '../service/zonetrack-service.js';
import { buildSampleWorkspace, tempDir } from './helpers/sample-workspace.js';

/** Hourly PM2.5 of station 1801A for `days` days of 2026 (new to the sample): ~33 bytes a row. */
function hourlyCsv(days: number, fromDay = 0): string {
  const lines = ['站点编码,监测时间,污染物,浓度,数据标记'];
  const start = Date.UTC(2026, 0, 1) + fromDay * 86_400_000;
  for (let h = 0; h < days * 24; h++) {
    const t = new Date(start + (h + 1) * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
    for (const p of ['PM2.5', 'PM10', 'SO2', 'NO2']) lines.push(`1801A,${t},${p},${(h % 70) + 5},`);
  }
  return lines.join('\r\n') + '\r\n';
}

const batchIds = async (ws: Workspace) => (await ws.all<{ id: number }>('SELECT batch_id AS id FROM import_batches ORDER BY 1')).map((r) => r.id);

afterEach(() => setFreeSpaceProbe(undefined));

describe('free space is checked before writing', () => {
  let ws: Workspace;
  let dir: string;
  beforeAll(async () => {
    const s = await buildSampleWorkspace({ years: [2025], compute: [] });
    ws = s.ws;
    dir = s.dir;
  });
  afterAll(async () => ws?.close());

  it('an import is refused naming the workspace folder and the space it needs; nothing is written', async () => {
    const file = join(dir, 'hourly-2026.csv');
    await writeFile(file, hourlyCsv(10));
    const before = await batchIds(ws);
    setFreeSpaceProbe(async () => 3 * 1024 * 1024);
    const e = await importFiles(ws, [file]).then(() => undefined, (x: unknown) => x);
    expect(e).toBeInstanceOf(UserError);
    expect((e as UserError).code).toBe('DISK_FULL');
    const msg = (e as UserError).message;
    expect(msg).toContain('磁盘空间不足');
    expect(msg).toContain(`“${dirname(ws.path)}”`);
    expect(msg).toMatch(/约需 \d+(\.\d)? MB/);
    expect(msg).toContain('只剩 3.0 MB');
    expect(msg).toContain('hourly-2026.csv');
    expect(await batchIds(ws)).toEqual(before);
    // with room, the same file goes in
    setFreeSpaceProbe(async () => 100 * 1024 ** 3);
    const r = await importFiles(ws, [file]);
    expect(r.batches[0]).toMatchObject({ rows: 10 * 24 * 4, rejected: 0 });
  });

  it('a backup is refused when the disk cannot hold a copy of the workspace, and leaves no partial copy', async () => {
    setFreeSpaceProbe(async () => 1024 * 1024);
    const before = existsSync(backupDir(ws.path)) ? await readdir(backupDir(ws.path)) : [];
    const e = await createBackup(ws).then(() => undefined, (x: unknown) => x);
    expect((e as UserError).code).toBe('DISK_FULL');
    expect((e as UserError).message).toContain('备份工作空间');
    expect((e as UserError).message).toContain(dirname(ws.path));
    const after = existsSync(backupDir(ws.path)) ? await readdir(backupDir(ws.path)) : [];
    expect(after).toEqual(before);
  });

  it('reports are refused naming the output folder', async () => {
    const out = join(dir, 'reports-out');
    await mkdir(out);
    setFreeSpaceProbe(async (d) => (d === out ? 2 * 1024 * 1024 : 100 * 1024 ** 3));
    const r = await createService(ws, { log: () => undefined }).dispatch('reports/generate', { year: 2025, entity: '500103', outDir: out });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('DISK_FULL');
    expect(r.error.message).toContain(`“${out}”`);
    expect(r.error.message).toContain('生成报告');
    expect(await readdir(out)).toEqual([]);
  });
});

/** A tmpfs of `mb` MB, when this process may mount one (root); else undefined and the tests below are skipped. */
function mountTmpfs(at: string, mb: number): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${mb}m`, 'tmpfs', at], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const freeOn = (dir: string) => {
  const s = statfsSync(dir);
  return Number(s.bavail) * Number(s.bsize);
};

describe('a disk that fills up while writing (a real tmpfs)', async () => {
  const root = await tempDir();
  const disk = join(root, 'disk');
  await mkdir(disk);
  const mounted = mountTmpfs(disk, 48);
  let ws: Workspace;
  let wsPath: string;
  const filler = join(disk, 'filler.bin');
  /** Fills the disk until `leave` bytes are free. */
  const fill = async (leave: number) => {
    await rm(filler, { force: true });
    await writeFile(filler, Buffer.alloc(Math.max(0, freeOn(disk) - leave)));
  };

  beforeAll(async () => {
    if (!mounted) return;
    const s = await buildSampleWorkspace({ years: [2025], compute: [] });
    await s.ws.close();
    wsPath = join(disk, 'ws.duckdb');
    await copyFile(s.ws.path, wsPath);
    ws = await Workspace.open(wsPath);
  });
  afterAll(async () => {
    await ws?.close().catch(() => undefined);
    if (mounted) execFileSync('umount', ['-l', disk]);
    await rm(root, { recursive: true, force: true });
  });

  it.skipIf(!mounted)('an import that meets a full disk is rolled back and named 磁盘空间不足; the service answers and imports once there is room', async () => {
    const service = createService(ws, { log: () => undefined });
    const file = join(root, 'hourly.csv');
    await writeFile(file, hourlyCsv(300));
    const before = await batchIds(ws);
    await fill(16 * 1024);
    // the estimate is passed (as when it is too low): the write itself meets the full disk
    setFreeSpaceProbe(async () => 100 * 1024 ** 3);
    const r = await service.dispatch('import/files', { paths: [file] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('DISK_FULL');
    expect(r.error.message).toContain('磁盘空间不足');
    expect(r.error.message).toContain('不是文件损坏');
    const list = await service.dispatch('batches/list', {});
    expect(list.ok).toBe(true);
    expect(await batchIds(ws)).toEqual(before);
    expect((await readdir(disk)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    await rm(filler);
    const again = await service.dispatch('import/files', { paths: [file] });
    expect(again.ok, JSON.stringify(again).slice(0, 300)).toBe(true);
    expect((await batchIds(ws)).length).toBe(before.length + 1);
  });

  it.skipIf(!mounted)('a checkpoint that meets a full disk does not leave the service answering "invalidated": committed data is kept', async () => {
    const service = createService(ws, { log: () => undefined });
    await ws.checkpoint();
    // a small write committed to the log, then no room to fold the log into the file
    await fill(1024 * 1024);
    await ws.transaction((tx) => tx.run("INSERT OR REPLACE INTO settings VALUES ('disk_test_marker', 'kept')"));
    await fill(0);
    setFreeSpaceProbe(async () => 100 * 1024 ** 3);
    const backup = await service.dispatch('workspace/backup', {});
    expect(backup.ok).toBe(false);
    if (!backup.ok) {
      expect(backup.error.code).toBe('DISK_FULL');
      expect(backup.error.message).not.toContain('invalidated');
    }
    await rm(filler);
    const list = await service.dispatch('batches/list', {});
    expect(list.ok, JSON.stringify(list).slice(0, 400)).toBe(true);
    expect(await ws.one("SELECT value FROM settings WHERE key = 'disk_test_marker'")).toEqual({ value: 'kept' });
  });
});
