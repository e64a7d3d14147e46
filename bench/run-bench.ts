// npm run bench: import speed of a year of city-scale hourly air data (≥ 8 M rows) through the real importer,
// against DuckDB's own read_csv of the same file into a bare table, measured in the same run.
// Prints rows/s and the ratio; the goal (issue 3) is ≥ 0.7× raw for UTF-8.
import { existsSync } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { generateSample } from '../analytics/sample/generate-sample.js';
import { Workspace } from '../analytics/workspace.js';
import { importFiles } from '../analytics/import/import-files.js';
import { sqlString } from '../analytics/sql.js';

const YEAR = 2025;
const dataDir = join(tmpdir(), 'zonetrack-bench-city-2025');
const hourlyCsv = join(dataDir, `示例数据_环境空气小时数据_${YEAR}.csv`);
const referenceCsvs = ['示例数据_环境管控单元_2023版.csv', '示例数据_环境空气监测站点_GBK.csv'].map((f) => join(dataDir, f));

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const t0 = performance.now();
  const result = await fn();
  return { ms: performance.now() - t0, result };
}

async function rawDuckDb(dir: string): Promise<{ ms: number; rows: number }> {
  const path = join(dir, 'raw.duckdb');
  await rm(path, { force: true });
  const { ms, result } = await timed(async () => {
    const db = await DuckDBInstance.create(path);
    const con = await db.connect();
    await con.run(`CREATE TABLE t AS SELECT * FROM read_csv(${sqlString(hourlyCsv)})`);
    await con.run('CHECKPOINT');
    const r = await con.runAndReadAll('SELECT count(*)::INTEGER AS n FROM t');
    const n = r.getRowObjectsJS()[0]!.n as number;
    con.closeSync();
    db.closeSync();
    return n;
  });
  return { ms, rows: result };
}

async function zonetrackImport(dir: string): Promise<{ ms: number; rows: number }> {
  const path = join(dir, 'zt.duckdb');
  await rm(path, { force: true });
  await rm(`${path}.wal`, { force: true });
  const ws = await Workspace.create(path, { memoryLimit: '1GB' });
  try {
    await importFiles(ws, referenceCsvs); // reference data first, untimed
    const { ms, result } = await timed(() => importFiles(ws, [hourlyCsv]));
    return { ms, rows: result.batches[0]!.rows };
  } finally {
    await ws.close();
  }
}

async function main() {
  if (!existsSync(hourlyCsv)) {
    console.error(`生成城市规模一年小时数据到 ${dataDir} ……`);
    await generateSample({ outDir: dataDir, years: [YEAR], scale: 'city', seed: 2026 });
  }
  const size = (await stat(hourlyCsv)).size;
  const work = join(dataDir, 'work');
  await mkdir(work, { recursive: true });
  const raw = await rawDuckDb(work);
  const zt = await zonetrackImport(work);
  const rate = (r: { ms: number; rows: number }) => Math.round(r.rows / (r.ms / 1000));
  const rss = Math.round(process.resourceUsage().maxRSS / 1024);
  console.log(`\n城市规模一年小时空气数据：${zt.rows.toLocaleString('en-US')} 行，${(size / 1e6).toFixed(0)} MB（UTF-8 CSV）`);
  console.log(`DuckDB read_csv（基线）：${(raw.ms / 1000).toFixed(2)} s，${rate(raw).toLocaleString('en-US')} 行/秒`);
  console.log(`ZoneTrack 导入（校验+写入）：${(zt.ms / 1000).toFixed(2)} s，${rate(zt).toLocaleString('en-US')} 行/秒`);
  console.log(`速度比（ZoneTrack / 基线）：${(rate(zt) / rate(raw)).toFixed(2)}×    进程峰值内存：${rss} MB`);
  await rm(work, { recursive: true, force: true });
}

await main();
