// One workspace = one DuckDB file. One process opens it read-write; every statement goes through a queue so
// that a transaction of one call is never interleaved with statements of another.
import { existsSync } from 'node:fs';
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { MIGRATIONS } from './migrations.js';
import { UserError } from './errors.js';

export const APP_ID = 'zonetrack-workspace';
export const SCHEMA_VERSION = MIGRATIONS.at(-1)!.version;

export type Row = Record<string, unknown>;
export type Params = Record<string, DuckDBValue> | DuckDBValue[];

/** The statements a caller may run; the same for a whole workspace or inside a transaction. */
export interface Sql {
  run(sql: string, params?: Params): Promise<void>;
  all<T = Row>(sql: string, params?: Params): Promise<T[]>;
  one<T = Row>(sql: string, params?: Params): Promise<T | undefined>;
  connection(): DuckDBConnection;
}

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
  async one<T = Row>(sql: string, params?: Params): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }
  connection() {
    return this.con;
  }
}

export interface OpenOptions {
  /** DuckDB memory_limit, e.g. '1GB'. */
  memoryLimit?: string;
  threads?: number;
}

export class Workspace implements Sql {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly sql: ConnectionSql;

  private constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
    con: DuckDBConnection,
  ) {
    this.sql = new ConnectionSql(con);
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
    return Workspace.openFile(path, options);
  }

  private static async openFile(path: string, options: OpenOptions): Promise<Workspace> {
    const config: Record<string, string> = {};
    if (options.memoryLimit) config.memory_limit = options.memoryLimit;
    if (options.threads) config.threads = String(options.threads);
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(path, config);
    } catch (e) {
      const msg = (e as Error).message;
      if (/lock/i.test(msg)) {
        throw new UserError('WORKSPACE_LOCKED', `工作空间正被另一个程序使用，无法打开：${path}`);
      }
      throw new UserError('WORKSPACE_UNREADABLE', `无法打开工作空间文件：${path}（${msg.split('\n')[0]}）`);
    }
    const ws = new Workspace(path, instance, await instance.connect());
    await ws.migrate();
    return ws;
  }

  private async migrate(): Promise<void> {
    await this.sql.run(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)',
    );
    const rows = await this.sql.all<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
    const current = rows[0]?.v ?? 0;
    if (current > SCHEMA_VERSION) {
      throw new UserError('WORKSPACE_TOO_NEW', `该工作空间由较新版本的 ZoneTrack 创建（结构版本 ${current}），请升级软件后再打开。`);
    }
    for (const m of MIGRATIONS.filter((m) => m.version > current)) {
      await this.transaction(async (tx) => {
        await tx.run(m.sql());
        if (m.version === 1) {
          await tx.run(`INSERT INTO workspace_meta VALUES ('app', '${APP_ID}'), ('created_at', now()::VARCHAR)`);
        }
        await tx.run('INSERT INTO schema_migrations VALUES ($v, $n, now())', { v: m.version, n: m.name });
      });
    }
    const app = await this.sql.all<{ value: string }>("SELECT value FROM workspace_meta WHERE key = 'app'");
    if (app[0]?.value !== APP_ID) {
      throw new UserError('NOT_A_WORKSPACE', `该文件不是 ZoneTrack 工作空间：${this.path}`);
    }
  }

  /** Runs `fn` alone on the connection (no other call's statements in between). */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
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
    return this.exclusive(async () => {
      await this.sql.run('BEGIN TRANSACTION');
      try {
        const result = await fn(this.sql);
        await this.sql.run('COMMIT');
        return result;
      } catch (e) {
        await this.sql.run('ROLLBACK').catch(() => undefined);
        throw e;
      }
    });
  }

  async checkpoint(): Promise<void> {
    await this.run('CHECKPOINT');
  }

  async close(): Promise<void> {
    await this.exclusive(async () => {
      await this.sql.run('CHECKPOINT').catch(() => undefined);
      this.sql.connection().closeSync();
      this.instance.closeSync();
    });
  }
}
