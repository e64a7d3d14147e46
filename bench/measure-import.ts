// One measurement in its own process, so that its peak RSS is its own: `raw` = DuckDB read_csv into a bare
// table; `insert` = DuckDB read_csv of an hourly air file straight into a workspace's air_hourly table in one
// transaction, no check of any kind (what any importer that keeps the rows in the workspace costs at least);
// `zonetrack` = the real importer (reference files first, untimed); `compute` = every measure of every
// year in the file against one scan of the hourly table. Prints one JSON line.
import { rm } from 'node:fs/promises';
import { DuckDBInstance } from '@duckdb/node-api';
import { Workspace } from '../analytics/workspace.js';
import { importFiles } from '../analytics/import/import-files.js';
import { sqlString } from '../analytics/sql.js';
import { computeIndicators } from '../indicators/engine.js';
import { localNow } from '../service/clock.js';

const [mode, dbPath, file, ...references] = process.argv.slice(2);
const MEMORY_LIMIT = '1GB';

/** CPU time (all threads) since `from`, in ms. */
function cpuSince(from: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1000;
}

async function raw(): Promise<{ ms: number; rows: number; cpuMs: number }> {
  await rm(dbPath!, { force: true });
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const db = await DuckDBInstance.create(dbPath!, { memory_limit: MEMORY_LIMIT });
  const con = await db.connect();
  await con.run(`CREATE TABLE t AS SELECT * FROM read_csv(${sqlString(file!)})`);
  await con.run('CHECKPOINT');
  const ms = performance.now() - t0;
  const cpuMs = cpuSince(c0);
  const rows = (await con.runAndReadAll('SELECT count(*)::INTEGER AS n FROM t')).getRowObjectsJS()[0]!.n as number;
  con.closeSync();
  db.closeSync();
  return { ms, rows, cpuMs };
}

async function insertOnly(): Promise<{ ms: number; rows: number; cpuMs: number }> {
  await rm(dbPath!, { force: true });
  await rm(`${dbPath}.wal`, { force: true });
  const ws = await Workspace.create(dbPath!, { memoryLimit: MEMORY_LIMIT });
  try {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    await ws.transaction((tx) => tx.run(`INSERT INTO air_hourly
      SELECT 站点编码, 监测时间::TIMESTAMP, 污染物, 浓度::DOUBLE, 数据标记::VARCHAR, 1, 0 FROM read_csv(${sqlString(file!)})`));
    await ws.checkpoint();
    const ms = performance.now() - t0;
    const cpuMs = cpuSince(c0);
    const rows = (await ws.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM air_hourly'))!.n;
    return { ms, rows, cpuMs };
  } finally {
    await ws.close();
  }
}

async function zonetrack(): Promise<{ ms: number; rows: number; cpuMs: number }> {
  await rm(dbPath!, { force: true });
  await rm(`${dbPath}.wal`, { force: true });
  const ws = await Workspace.create(dbPath!, { memoryLimit: MEMORY_LIMIT });
  try {
    await importFiles(ws, references);
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const r = await importFiles(ws, [file!]);
    return { ms: performance.now() - t0, rows: r.batches[0]!.rows, cpuMs: cpuSince(c0) };
  } finally {
    await ws.close();
  }
}

/** Imports (untimed), then times computing every measure of each year against one plain scan of the hourly table. */
async function compute(): Promise<{ ms: number; rows: number; scanMs: number; years: number }> {
  await rm(dbPath!, { force: true });
  await rm(`${dbPath}.wal`, { force: true });
  const ws = await Workspace.create(dbPath!, { memoryLimit: MEMORY_LIMIT });
  try {
    await importFiles(ws, references);
    const r = await importFiles(ws, [file!]);
    const years = (await ws.all<{ y: number }>('SELECT DISTINCT year(time - INTERVAL 1 HOUR)::INTEGER AS y FROM air_hourly ORDER BY y')).map((x) => x.y);
    const t0 = performance.now();
    await ws.all('SELECT station_code, pollutant, year(time) AS y, avg(value) AS m, count(value) AS n FROM air_hourly GROUP BY ALL');
    const scanMs = performance.now() - t0;
    const t1 = performance.now();
    for (const y of years) await computeIndicators(ws, { at: localNow(), year: y });
    return { ms: performance.now() - t1, rows: r.batches[0]!.rows, scanMs, years: years.length };
  } finally {
    await ws.close();
  }
}

const result = mode === 'raw' ? await raw() : mode === 'insert' ? await insertOnly() : mode === 'compute' ? await compute() : await zonetrack();
console.log(JSON.stringify({ ...result, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
