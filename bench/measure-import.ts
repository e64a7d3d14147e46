// One measurement in its own process, so that its peak RSS is its own: `raw` = DuckDB read_csv into a bare
// table; `insert` = DuckDB read_csv of an hourly air file straight into a workspace's air_hourly table in one
// transaction, no check of any kind (what any importer that keeps the rows in the workspace costs at least);
// `zonetrack` = the real importer (reference files first, untimed); `compute` = every measure of every
// year in the file against one scan of the hourly table; `floor` = DuckDB read_csv into a bare table, then the annual
// statistics per site and pollutant as one query (ANNUAL_STATS_SQL, the same as bench/annual_stats.py computes with
// pandas); `files-to-stats` = the real importer then every measure of every year (import and compute timed apart).
// Prints one JSON line.
import { rm } from 'node:fs/promises';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
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

/** A fresh database with the file read into table t by a bare read_csv, checkpointed; the clocks started before. */
async function readRaw(): Promise<{ db: DuckDBInstance; con: DuckDBConnection; t0: number; c0: NodeJS.CpuUsage }> {
  await rm(dbPath!, { force: true });
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const db = await DuckDBInstance.create(dbPath!, { memory_limit: MEMORY_LIMIT });
  const con = await db.connect();
  await con.run(`CREATE TABLE t AS SELECT * FROM read_csv(${sqlString(file!)})`);
  await con.run('CHECKPOINT');
  return { db, con, t0, c0 };
}

async function raw(): Promise<{ ms: number; rows: number; cpuMs: number }> {
  const { db, con, t0, c0 } = await readRaw();
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

/** A new workspace with the reference files imported (untimed), then the file imported with the clocks running;
 *  `then` works on the workspace before it is closed. */
async function timedImport<T>(then: (ws: Workspace, t: { importMs: number; rows: number; c0: NodeJS.CpuUsage }) => Promise<T>): Promise<T> {
  await rm(dbPath!, { force: true });
  await rm(`${dbPath}.wal`, { force: true });
  const ws = await Workspace.create(dbPath!, { memoryLimit: MEMORY_LIMIT });
  try {
    await importFiles(ws, references);
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const r = await importFiles(ws, [file!]);
    return await then(ws, { importMs: performance.now() - t0, rows: r.batches[0]!.rows, c0 });
  } finally {
    await ws.close();
  }
}

async function zonetrack(): Promise<{ ms: number; rows: number; cpuMs: number }> {
  return timedImport(async (_ws, t) => ({ ms: t.importMs, rows: t.rows, cpuMs: cpuSince(t.c0) }));
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

/**
 * The annual statistics per site, pollutant and year over a bare table `t` of the file's own columns, as
 * bench/annual_stats.py computes them: valid hours (flag empty, N, A or 有效; hour-ending times belong to the hour
 * before), days with ≥ 20 valid hours, the mean and the 95th percentile (linear) of daily means, the mean of
 * valid hours.
 */
const ANNUAL_STATS_SQL = `
  WITH v AS (SELECT 站点编码 AS site, 污染物 AS pollutant, 浓度 AS value, 监测时间 - INTERVAL 1 HOUR AS t FROM t
             WHERE (数据标记 IS NULL OR 数据标记::VARCHAR IN ('N', 'A', '有效')) AND 浓度 IS NOT NULL),
       daily AS (SELECT site, pollutant, year(t) AS y, t::DATE AS day, avg(value) AS m, count(*) AS n FROM v GROUP BY ALL),
       days AS (SELECT site, pollutant, y, count(*) AS days, avg(m) AS annual_mean, quantile_cont(m, 0.95) AS p95
                FROM daily WHERE n >= 20 GROUP BY ALL),
       hours AS (SELECT site, pollutant, year(t) AS y, avg(value) AS hour_mean, count(*) AS hours FROM v GROUP BY ALL)
  SELECT * FROM hours LEFT JOIN days USING (site, pollutant, y)`;

/** DuckDB floor: read_csv into a table (as `raw`), then ANNUAL_STATS_SQL; both timed, in one process. */
async function floor(): Promise<{ ms: number; readMs: number; statsMs: number; rows: number; groups: number; cpuMs: number }> {
  const { db, con, t0, c0 } = await readRaw();
  const readMs = performance.now() - t0;
  const groups = (await con.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM (${ANNUAL_STATS_SQL})`)).getRowObjectsJS()[0]!.n as number;
  const ms = performance.now() - t0;
  const cpuMs = cpuSince(c0);
  const rows = (await con.runAndReadAll('SELECT count(*)::INTEGER AS n FROM t')).getRowObjectsJS()[0]!.n as number;
  con.closeSync();
  db.closeSync();
  return { ms, readMs, statsMs: ms - readMs, rows, groups, cpuMs };
}

/** Files to all annual statistics through ZoneTrack: the real import (reference files first, untimed), then
 *  every measure of every year in the file; one process, so its peak RSS covers both. */
async function filesToStats(): Promise<{ ms: number; importMs: number; computeMs: number; rows: number; years: number; cpuMs: number }> {
  return timedImport(async (ws, { importMs, rows, c0 }) => {
    const years = (await ws.all<{ y: number }>('SELECT DISTINCT year(time - INTERVAL 1 HOUR)::INTEGER AS y FROM air_hourly ORDER BY y')).map((x) => x.y);
    const t1 = performance.now();
    for (const y of years) await computeIndicators(ws, { at: localNow(), year: y });
    const computeMs = performance.now() - t1;
    return { ms: importMs + computeMs, importMs, computeMs, rows, years: years.length, cpuMs: cpuSince(c0) };
  });
}

const result = mode === 'raw' ? await raw() : mode === 'insert' ? await insertOnly() : mode === 'compute' ? await compute()
  : mode === 'floor' ? await floor() : mode === 'files-to-stats' ? await filesToStats() : await zonetrack();
console.log(JSON.stringify({ ...result, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
