// One workspace = one DuckDB file. One process opens it read-write; every statement goes through a queue so
// that a transaction of one call is never interleaved with statements of another.
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { MIGRATIONS } from './migrations.js';
import { UserError } from './errors.js';
import { checkWorkspaceFile, notAWorkspace, openFailure, tooNew } from './workspace-open-checks.js';
import { copyIntoBackups } from './backup/backup-files.js';
import { removeStaleImportScratch, workspaceMemoryLimit, workspaceTempDirectory } from './workspace-memory.js';
import { removeOrphanStationDays } from './derived/air-station-days.js';
import { acquireWorkspaceLock, isStale, readLockHolder, describeHolder, type HeldLock } from './workspace-lock.js';
import { isNoSpaceError, noSpaceError } from './disk-space.js';

/** DuckDB's answer after a fatal error (a checkpoint that met a full disk): every later statement fails until reopened. */
function isInvalidation(e: unknown): boolean {
  return /database has been invalidated|FATAL Error/i.test((e as Error | undefined)?.message ?? '');
}

export const APP_ID = 'zonetrack-workspace';
export const SCHEMA_VERSION = MIGRATIONS.at(-1)!.version;

export type { Row, Params, Sql } from './sql-statements.js';
import type { Params, Row, Sql } from './sql-statements.js';

/** BIGINT/HUGEINT come back as bigint, which JSON and arithmetic dislike; counts here fit in a double. */
function plainValue(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) return v.map(plainValue);
  return v;
}

function plainRow(r: Record<string, unknown>): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(r)) out[k] = plainValue(v);
  return out;
}

class ConnectionSql implements Sql {
  constructor(private readonly con: DuckDBConnection) {}
  async run(sql: string, params?: Params) {
    await this.con.run(sql, params);
  }
  async all<T = Row>(sql: string, params?: Params): Promise<T[]> {
    const reader = await this.con.runAndReadAll(sql, params);
    return reader.getRowObjectsJS().map(plainRow) as T[];
  }
  /** The first row: the statement runs to its end (any write in it completes) but only its first chunk is read into JS. */
  async one<T = Row>(sql: string, params?: Params): Promise<T | undefined> {
    const reader = await this.con.runAndReadUntil(sql, 1, params);
    const first = reader.getRowObjectsJS()[0];
    return first === undefined ? undefined : (plainRow(first) as T);
  }
  connection() {
    return this.con;
  }
}

export interface OpenOptions {
  /** DuckDB memory_limit, e.g. '1GB' (default: workspace-memory.ts). */
  memoryLimit?: string;
  threads?: number;
  /** Look without changing anything (a recovery choice): no migrations, every write refused. */
  readOnly?: boolean;
  /**
   * When another ZoneTrack process holds the workspace for writing: 'refuse' (the default) names it in the
   * error; 'read-only' opens read-only instead where DuckDB allows it (a notice says so).
   */
  ifLocked?: 'refuse' | 'read-only';
}

export class Workspace implements Sql {
  private queue: Promise<unknown> = Promise.resolve();
  private sql: ConnectionSql;
  private closed = false;
  /** What the user should be told once about this opening (a stale lock taken over, opened read-only). */
  readonly notices: string[] = [];
  /** Why it was opened read-only when the caller did not ask for it (a read-only file or medium). */
  private readOnlyWhy?: string;
  /** Set when DuckDB invalidated the database (a fatal write error): the next call opens the file again. */
  private invalidated?: unknown;

  private constructor(
    readonly path: string,
    private instance: DuckDBInstance,
    con: DuckDBConnection,
    private readonly options: OpenOptions,
    private readonly lock: HeldLock | undefined,
  ) {
    this.sql = new ConnectionSql(con);
    if (lock?.notice) this.notices.push(lock.notice);
  }

  get readOnly(): boolean {
    return this.options.readOnly ?? false;
  }

  /** Creates a new, empty workspace file; refuses to overwrite one. */
  static async create(path: string, options: OpenOptions = {}): Promise<Workspace> {
    if (existsSync(path)) throw new UserError('WORKSPACE_EXISTS', `工作空间文件已存在：${path}（不会覆盖已有文件）`);
    return Workspace.openFile(path, options);
  }

  /** Opens an existing workspace and brings its schema up to date. */
  static async open(path: string, options: OpenOptions = {}): Promise<Workspace> {
    if (path !== ':memory:' && !existsSync(path)) {
      throw new UserError('WORKSPACE_MISSING', `找不到工作空间文件：${path}（请先用 zonetrack init 创建）`);
    }
    if (path === ':memory:') return Workspace.openFile(path, options);
    // A file that can only be read opens read-only, saying why: never "damaged", never a restore over it.
    const { readOnlyReason } = await checkWorkspaceFile(path);
    if (!readOnlyReason || options.readOnly) return Workspace.openFile(path, options);
    const ws = await Workspace.openFile(path, { ...options, readOnly: true });
    ws.readOnlyWhy = readOnlyReason;
    ws.notices.push(`工作空间${readOnlyReason}，已以只读方式打开：可以查看和导出，不能导入、计算或修改。要修改，请取消只读属性或把文件复制到可写入的文件夹。`);
    return ws;
  }

  private static async openFile(path: string, requested: OpenOptions): Promise<Workspace> {
    let options = requested;
    let lock: HeldLock | undefined;
    const notices: string[] = [];
    // Our own lock first: DuckDB's can be dropped by anything else in this process that opens the file.
    if (path !== ':memory:' && !options.readOnly) {
      try {
        lock = acquireWorkspaceLock(path);
      } catch (e) {
        const holder = readLockHolder(path);
        if (options.ifLocked !== 'read-only' || !holder || isStale(holder)) throw e;
        options = { ...options, readOnly: true };
        notices.push(`工作空间正由${describeHolder(holder)}打开，已以只读方式打开（不能修改）。`);
      }
    }
    let ws: Workspace;
    try {
      const { instance, con } = await Workspace.connect(path, options);
      ws = new Workspace(path, instance, con, options, lock);
    } catch (e) {
      lock?.release();
      throw e;
    }
    ws.notices.push(...notices);
    try {
      await ws.prepare();
    } catch (e) {
      ws.closeNow();
      lock?.release();
      throw e;
    }
    return ws;
  }

  private static async connect(path: string, options: OpenOptions): Promise<{ instance: DuckDBInstance; con: DuckDBConnection }> {
    const config: Record<string, string> = {};
    config.memory_limit = workspaceMemoryLimit(options.memoryLimit);
    const temp = workspaceTempDirectory(path);
    if (temp) config.temp_directory = temp;
    if (options.threads) config.threads = String(options.threads);
    if (options.readOnly) config.access_mode = 'READ_ONLY';
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(path, config);
    } catch (e) {
      throw await openFailure(path, e);
    }
    return { instance, con: await instance.connect() };
  }

  /** Checks what the file holds, then (read-write) brings its schema up to date, backing it up first. */
  private async prepare(): Promise<void> {
    let current: number;
    try {
      current = await this.schemaVersion();
    } catch (e) {
      throw await openFailure(this.path, e);
    }
    // Another program's DuckDB database: never migrate it into a workspace.
    if (current === 0 && (await this.hasTables())) throw await notAWorkspace(this.path);
    // Read-only may look at a newer file (a recovery choice); writing to it would be unsafe.
    if (current > SCHEMA_VERSION && !this.readOnly) throw await tooNew(this.path, current, SCHEMA_VERSION);
    if (!this.readOnly) {
      if (this.path !== ':memory:') await removeStaleImportScratch(this.path);
      const pending = MIGRATIONS.filter((m) => m.version > current);
      if (current > 0 && pending.length && this.path !== ':memory:') {
        // A migration rewrites tables: the file as it was is kept, so a failed or unwanted upgrade can be undone.
        await this.sql.run('CHECKPOINT');
        await copyIntoBackups(this.path, 'before-migration');
      }
      await this.sql.run(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)',
      );
      for (const m of pending) {
        await this.inTransaction(async (tx) => {
          await tx.run(m.sql());
          if (m.version === 1) {
            await tx.run(`INSERT INTO workspace_meta VALUES ('app', '${APP_ID}'), ('created_at', now()::VARCHAR)`);
          }
          await tx.run('INSERT INTO schema_migrations VALUES ($v, $n, now())', { v: m.version, n: m.name });
        });
      }
    }
    const app = await this.sql.all<{ value: string }>("SELECT value FROM workspace_meta WHERE key = 'app'").catch(() => []);
    if (app[0]?.value !== APP_ID) throw await notAWorkspace(this.path);
    if (!this.readOnly) {
      // derived rows of a batch that is not there (a process killed while writing its commit)
      const removed = await this.inTransaction((tx) => removeOrphanStationDays(tx));
      if (removed > 0) this.notices.push(`已删除 ${removed} 行没有对应导入批次的空气站点日汇总（上次导入在提交时被中断留下的）。`);
    }
  }

  private async hasTables(): Promise<boolean> {
    const r = await this.sql.one<{ n: number }>("SELECT count(*) AS n FROM duckdb_tables() WHERE NOT temporary AND database_name = current_database()");
    return (r?.n ?? 0) > 0;
  }

  /** The highest migration applied (0 for an empty file). */
  private async schemaVersion(): Promise<number> {
    const has = await this.sql.one<{ n: number }>(
      "SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = 'schema_migrations' AND schema_name = 'main'");
    if (!has?.n) return 0;
    const rows = await this.sql.all<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
    return rows[0]?.v ?? 0;
  }

  /**
   * Runs `fn` alone on the connection (no other call's statements in between). A full disk is named as such; a
   * database DuckDB invalidated (a checkpoint that met a full disk) is opened again before the next call — its
   * log replays what was committed — so the service goes on without a restart once there is room.
   */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const guarded = async () => {
      if (this.invalidated !== undefined) await this.reopenAfterFatal();
      try {
        return await fn();
      } catch (e) {
        if (isInvalidation(e) && !this.closed) {
          this.invalidated = e;
          this.closeNow();
        }
        if (isNoSpaceError(e)) throw noSpaceError('写入工作空间', this.folder());
        throw e;
      }
    };
    return this.serial(guarded);
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private folder(): string {
    return this.path === ':memory:' ? this.path : dirname(this.path);
  }

  private async reopenAfterFatal(): Promise<void> {
    let opened: { instance: DuckDBInstance; con: DuckDBConnection };
    try {
      opened = await Workspace.connect(this.path, this.options);
    } catch (e) {
      if (isNoSpaceError(e) || isNoSpaceError(this.invalidated)) throw noSpaceError('重新打开工作空间', this.folder());
      throw e;
    }
    this.instance = opened.instance;
    this.sql = new ConnectionSql(opened.con);
    this.closed = false;
    this.invalidated = undefined;
    await this.prepare();
  }

  run(sql: string, params?: Params) {
    return this.exclusive(() => this.sql.run(sql, params));
  }
  all<T = Row>(sql: string, params?: Params) {
    return this.exclusive(() => this.sql.all<T>(sql, params));
  }
  one<T = Row>(sql: string, params?: Params) {
    return this.exclusive(() => this.sql.one<T>(sql, params));
  }
  connection() {
    return this.sql.connection();
  }

  /** One user action that writes: all of it or none of it. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    if (this.readOnly) {
      const why = this.readOnlyWhy ? `（${this.readOnlyWhy}）` : '';
      return Promise.reject(new UserError('WORKSPACE_READ_ONLY', `工作空间以只读方式打开${why}，不能修改：${this.path}`));
    }
    return this.exclusive(() => this.inTransaction(fn));
  }

  private async inTransaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    await this.sql.run('BEGIN TRANSACTION');
    try {
      const result = await fn(this.sql);
      await this.sql.run('COMMIT');
      return result;
    } catch (e) {
      await this.sql.run('ROLLBACK').catch(() => undefined);
      throw e;
    }
  }

  async checkpoint(): Promise<void> {
    if (!this.readOnly) await this.run('CHECKPOINT');
  }

  /**
   * Runs `fn` while no statement is in flight and everything committed is in the main file (CHECKPOINT first):
   * the file may then be copied as a consistent whole.
   */
  whileQuiet<T>(fn: (sql: Sql) => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      if (!this.readOnly) await this.sql.run('CHECKPOINT');
      return fn(this.sql);
    });
  }

  /**
   * Closes the file, lets `fn` replace it (a restore), and opens it again in place, so that whoever holds this
   * Workspace (the service, the app window) goes on with the new content.
   */
  replaceFile(fn: () => Promise<void>): Promise<void> {
    return this.exclusive(async () => {
      await this.sql.run('CHECKPOINT').catch(() => undefined);
      this.closeNow();
      try {
        await fn();
      } finally {
        const { instance, con } = await Workspace.connect(this.path, this.options);
        this.instance = instance;
        this.sql = new ConnectionSql(con);
        this.closed = false;
        await this.prepare();
      }
    });
  }

  private closeNow(): void {
    if (this.closed) return;
    this.closed = true;
    this.sql.connection().closeSync();
    this.instance.closeSync();
  }

  /** Orderly close: the call in progress finishes (its transaction commits or rolls back), then CHECKPOINT. */
  async close(): Promise<void> {
    await this.serial(async () => {
      try {
        if (this.closed) return;
        if (!this.readOnly) await this.sql.run('CHECKPOINT').catch(() => undefined);
        this.closeNow();
      } finally {
        this.lock?.release();
      }
    });
  }

  /** Stops the statement in progress (its transaction rolls back), then closes in order: for Ctrl+C / quit. */
  async abortAndClose(): Promise<void> {
    if (!this.closed) this.sql.connection().interrupt();
    await this.close();
  }
}
