// Backups: consistent copies, automatic before a replacing import and before a migration, rotation, and a
// restore that can itself be undone — all on real workspace files.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { Workspace } from '../analytics/workspace.js';
import { MIGRATIONS } from '../analytics/migrations.js';
import { importFiles } from '../analytics/import/import-files.js';
import { createService } from '../service/zonetrack-service.js';
import { inProcessClient } from '../service/in-process-client.js';
import type { ApiClient } from '../service/contract.js';
import { backupsToRemove, listBackups, type BackupInfo } from '../analytics/backup/backup-files.js';
import { createBackup } from '../analytics/backup/backups.js';
import { startBackupSchedule } from '../analytics/backup/backup-schedule.js';
import { main } from '../cli/main.js';
import type { Io } from '../cli/cli-io.js';
import { workspaceSnapshot, writeCsv } from './helpers/files.js';
import { tempDir } from './helpers/sample-workspace.js';

const STATIONS = [
  ['站点编码', '站点名称', '所属区县', '是否城市点', '经度', '纬度'],
  ['1801A', '解放碑', '渝中区', '是', 106.58, 29.56],
  ['1802A', '两路口', '渝中区', '是', 106.55, 29.55],
];
const HOURLY = ['站点编码', '监测时间', '污染物', '浓度'];

function hourly(station: string, hours: number, base = 30): (string | number)[][] {
  return Array.from({ length: hours }, (_, i) => {
    const t = new Date(Date.UTC(2025, 0, 1, i + 1)).toISOString();
    return [station, `${t.slice(0, 10)} ${t.slice(11, 16)}`, 'PM2.5', base + (i % 7)];
  });
}

let dir: string;
let ws: Workspace;
let api: ApiClient;

beforeEach(async () => {
  dir = await tempDir();
  ws = await Workspace.create(join(dir, 'ws.duckdb'));
  api = inProcessClient(createService(ws, { log: () => undefined }));
  await importFiles(ws, [await writeCsv(join(dir, '站点.csv'), STATIONS)]);
});
afterEach(async () => {
  await ws.close();
});

async function openCopy(path: string): Promise<string> {
  const copy = await Workspace.open(path, { readOnly: true });
  try {
    return await workspaceSnapshot(copy);
  } finally {
    await copy.close();
  }
}

describe('backups', () => {
  it('restore puts back the backed-up state in place, and the restore itself can be undone', async () => {
    await importFiles(ws, [await writeCsv(join(dir, 'a.csv'), [HOURLY, ...hourly('1801A', 48)])]);
    const atBackup = await workspaceSnapshot(ws);
    const b = await api.call('workspace/backup', {});
    expect(b.reason).toBe('manual');
    // the copy is a workspace of its own with exactly that content
    expect(await openCopy(b.path)).toBe(atBackup);

    await importFiles(ws, [await writeCsv(join(dir, 'b.csv'), [HOURLY, ...hourly('1802A', 24)])]);
    const later = await workspaceSnapshot(ws);
    expect(later).not.toBe(atBackup);

    const r = await api.call('workspace/restore', { id: b.id });
    expect(r.restored.id).toBe(b.id);
    expect(r.undo.reason).toBe('before-restore');
    // the same Workspace object (held by the service) now reads the restored file
    expect(await workspaceSnapshot(ws)).toBe(atBackup);
    const audit = await api.call('audit/list', {});
    expect(audit.entries.at(-1)).toMatchObject({ action: 'restore', detail: { backup: b.id, undo: r.undo.id } });

    // undo: back to the state before the restore
    await api.call('workspace/restore', { id: r.undo.id });
    expect(await workspaceSnapshot(ws)).toBe(later);
    await expect(api.call('workspace/restore', { id: 'nope' })).rejects.toMatchObject({ error: { code: 'NO_BACKUP' } });
  });

  it('an import that replaces a file is preceded by a backup of the state before it; a new file is not', async () => {
    const path = join(dir, '小时.csv');
    await importFiles(ws, [await writeCsv(path, [HOURLY, ...hourly('1801A', 24)])]);
    expect(await listBackups(ws.path)).toEqual([]);
    const before = await workspaceSnapshot(ws);
    const r = await importFiles(ws, [await writeCsv(path, [HOURLY, ...hourly('1801A', 30)])]);
    expect(r.batches[0]!.supersedes).toBeDefined();
    const backups = await listBackups(ws.path);
    expect(backups.map((b) => b.reason)).toEqual(['before-import']);
    expect(await openCopy(backups[0]!.path)).toBe(before);
  });

  it('a backup taken while an import runs holds the import whole or not at all', async () => {
    const rows = hourly('1801A', 2000);
    const importing = importFiles(ws, [await writeCsv(join(dir, 'big.csv'), [HOURLY, ...rows])]);
    const backup = createBackup(ws, 'manual');
    const [imported, b] = await Promise.all([importing, backup]);
    const copy = await Workspace.open(b.path, { readOnly: true });
    try {
      const n = (await copy.one<{ n: number }>('SELECT count(*) AS n FROM air_hourly'))!.n;
      const batches = (await copy.one<{ n: number }>('SELECT count(*) AS n FROM import_batches WHERE batch_id = $id', { id: imported.batches[0]!.id! }))!.n;
      expect([[0, 0], [2000, 1]]).toContainEqual([n, batches]);
    } finally {
      await copy.close();
    }
  });

  it('rotation keeps the newest N and one per day; the policy is a workspace setting', async () => {
    for (let i = 0; i < 4; i++) await api.call('workspace/backup', i === 0 ? { keepLast: 2 } : {});
    // all on one day: the newest two stay (the day is already represented among them)
    expect((await listBackups(ws.path)).length).toBe(2);

    const at = (day: string, n: number, reason: BackupInfo['reason'] = 'manual'): BackupInfo => {
      const createdAt = `${day}T10:00:0${n}.000Z`;
      return { id: `${day}T10-00-0${n}-000Z_${reason}`, path: '', createdAt, reason, label: '', bytes: 0 };
    };
    const list = [
      at('2026-11-28', 3), at('2026-11-28', 2), at('2026-11-28', 1),
      at('2026-11-27', 2), at('2026-11-27', 1), at('2026-11-20', 1), at('2026-09-01', 1), at('2026-08-01', 1, 'damaged'),
    ];
    const removed = backupsToRemove(list, { keepLast: 2, keepDays: 30 }, new Date('2026-11-28T12:00:00Z')).map((b) => b.id);
    expect(removed.sort()).toEqual([
      at('2026-11-28', 1).id, // its day is kept by the newest two
      at('2026-11-27', 1).id, // the 27th keeps its newest
      at('2026-09-01', 1).id, // older than 30 days
    ].sort());
  });

  it('opening a workspace that needs a migration backs it up first', async () => {
    const path = ws.path;
    // take the workspace back to the schema before the latest migration, as an older version of the app left it
    const last = MIGRATIONS.at(-1)!;
    const created = [...last.sql().matchAll(/CREATE (TABLE|SEQUENCE) (\w+)/g)].map((m) => ({ kind: m[1]!, name: m[2]! }));
    const added = [...last.sql().matchAll(/ALTER TABLE (\w+) ADD COLUMN (\w+)/g)].map((m) => ({ table: m[1]!, column: m[2]! }));
    expect(created.length + added.length, `migration ${last.version} should create or add what this test undoes`).toBeGreaterThan(0);
    // nothing else this test could not undo
    expect(last.sql().replace(/ALTER TABLE \w+ ADD COLUMN/g, '')).not.toMatch(/ALTER TABLE/);
    for (const a of added) await ws.run(`ALTER TABLE ${a.table} DROP COLUMN ${a.column}`);
    for (const c of [...created.filter((x) => x.kind === 'TABLE'), ...created.filter((x) => x.kind === 'SEQUENCE')]) await ws.run(`DROP ${c.kind} ${c.name}`);
    await ws.run(`DELETE FROM schema_migrations WHERE version >= ${last.version}`);
    await ws.close();
    ws = await Workspace.open(path);
    const backups = await listBackups(path);
    expect(backups.map((b) => b.reason)).toEqual(['before-migration']);
    const old = await Workspace.open(backups[0]!.path, { readOnly: true });
    try {
      expect((await old.one<{ v: number }>('SELECT max(version) AS v FROM schema_migrations'))!.v).toBe(MIGRATIONS.at(-2)!.version);
    } finally {
      await old.close();
    }
    expect((await ws.one<{ v: number }>('SELECT max(version) AS v FROM schema_migrations'))!.v).toBe(MIGRATIONS.at(-1)!.version);
  });

  it('zonetrack backup creates, lists and restores', async () => {
    const path = ws.path;
    await ws.close();
    let out = '';
    const io: Io = { out: (t) => void (out += t + '\n'), err: () => undefined };
    try {
      expect(await main(['backup', path, '--json'], io)).toBe(0);
      const made = JSON.parse(out).backup as BackupInfo;
      expect(existsSync(made.path)).toBe(true);
      out = '';
      expect(await main(['backup', path, '--list'], io)).toBe(0);
      expect(out).toContain(made.id);
      expect(out).toContain('手动备份');
      out = '';
      expect(await main(['backup', path, '--restore', made.id], io)).toBe(0);
      expect(out).toContain('如需撤销');
    } finally {
      ws = await Workspace.open(path);
    }
  });

  it('the schedule backs up a workspace that changed since the last check, and only then', async () => {
    const stop = await startBackupSchedule(ws, { everyMs: 150 });
    try {
      await new Promise((r) => setTimeout(r, 600));
      expect((await listBackups(ws.path)).filter((b) => b.reason === 'scheduled')).toHaveLength(0); // nothing changed
      await api.call('import/files', { paths: [await writeCsv(join(dir, '小时.csv'), [HOURLY, ...hourly('1801A', 5)])] });
      await expect.poll(async () => (await listBackups(ws.path)).filter((b) => b.reason === 'scheduled').length, { timeout: 10_000 }).toBe(1);
      await new Promise((r) => setTimeout(r, 600));
      expect((await listBackups(ws.path)).filter((b) => b.reason === 'scheduled')).toHaveLength(1); // no change since
    } finally {
      stop();
    }
  });

  it('a catalogue layer is preceded by a backup of the state before it', async () => {
    const catalogue = await api.call('catalogue/show', {});
    const file = join(dir, 'layer.json');
    await writeFile(file, JSON.stringify({
      layer: { level: 'municipal', entity: 'city', id: 'cq', version: '1', name: '市级细化' },
      base: { id: catalogue.id, version: catalogue.version }, change: [{ id: 'C1', points: 6 }],
    }));
    await api.call('catalogue/add-layer', { path: file });
    const [b] = (await listBackups(ws.path)).filter((x) => x.reason === 'before-catalogue');
    expect(b?.label).toBe('更改指标体系前自动备份');
    const before = await Workspace.open(b!.path, { readOnly: true });
    try {
      expect((await before.one<{ n: number }>('SELECT count(*) AS n FROM catalogue_layers'))!.n).toBe(0);
    } finally {
      await before.close();
    }
  });
});

