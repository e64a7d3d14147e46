// Compute bench (issue 4): every measure of five years of city-scale hourly air data (the sample generator's
// `--scale city --years 2021-2025`, ~44 M rows), timed against one plain DuckDB scan of the same hourly table
// measured in the same run. Goals: ≤ 5 s for the five years, ≤ 3× the scan.
// The hourly rows go straight into the workspace, not through the importer (run-bench's import scenarios
// measure that): one year of the generator (its 2025 CSV when run-bench has written it, else its SQL — the
// same seed, the same values), copied to 2021–2024 by shifting the time (the generator's SQL is too slow on a
// busy machine to run five times). Stations and units go through the real importer.
//   node dist/bench/compute-bench.js            (also called by npm run bench)
// Besides wall-clock time it prints CPU time (process.cpuUsage counts DuckDB's worker threads too, they run in this
// process): on a machine shared with other work the CPU ratio is the steadier one.
//
// The station-days of the hourly batch are summed once, as the importer does at the end of an import
// (analytics/derived/air-station-days.ts), and timed apart: ~1.9 s for the five years, part of the import.
//
// Where the time goes (per statement, city scale, one annual run, 2 threads, quiet machine; the runs of 2022–2025
// reuse the year before from its run): ~0.8 s a year — the O3 entity hourly means and 8-h windows ~100 ms, the
// station daily means from the summed station-days ~70 ms, copying the year's O3 station-days ~80 ms, lineage
// ~75 ms, the entity daily tables and AQI ~60–70 ms each, permit-holder records ~60 ms, commit and checkpoint
// ~55 ms, and many small statements. Before the station-days were summed at import, the two passes over the hourly
// table took another ~0.37 s a year (five years: 5.05 s → 3.9 s). The floor scan groups to a few thousand rows;
// the standards' first step alone (valid hours per station-day-pollutant, ~1.5 M groups for five years) is about
// 2× the scan, so ≤ 3× is out of reach whatever comes after it.
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Workspace } from '../analytics/workspace.js';
import { sqlString } from '../analytics/sql.js';
import { importFiles } from '../analytics/import/import-files.js';
import { generateSample } from '../analytics/sample/generate-sample.js';
import { sampleDistricts, sampleStations, sampleUnits } from '../analytics/sample/sample-reference.js';
import { hourlyAirSql } from '../analytics/sample/air-hourly-sql.js';
import { computeIndicators } from '../indicators/engine.js';
import { ensureAirStationDays } from '../analytics/derived/air-station-days.js';
import { localNow } from '../service/clock.js';

const SEED = 2026;
const YEARS = [2021, 2022, 2023, 2024, 2025];

export interface ComputeBenchResult {
  rows: number; years: number; threads: number;
  /** Wall-clock and CPU time of the fastest of three floor scans. */
  scanMs: number; scanCpuMs: number;
  /** The first step the standards require (valid hours and sums per station-day-pollutant), fastest of three. */
  stationDayMs: number;
  /** Summing the station-days of the hourly batch, as an import does (not part of the computation). */
  stationDaySumsMs: number;
  computeMs: number; computeCpuMs: number; perYearMs: number[];
}

/** CPU time of this process (all its threads, DuckDB's included) since `from`, in ms. */
const cpuMsSince = (from: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(from);
  return (u.user + u.system) / 1000;
};

export async function computeBench(root = join(tmpdir(), 'zonetrack-bench')): Promise<ComputeBenchResult> {
  const dir = join(root, 'compute-bench');
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const files = await generateSample({ outDir: join(dir, 'sample'), years: YEARS, scale: 'city', seed: SEED, datasets: ['units', 'air_stations'] });
  const ws = await Workspace.create(join(dir, 'compute.duckdb'), { memoryLimit: '1GB' });
  try {
    await importFiles(ws, files.map((f) => f.path));
    const districts = sampleDistricts();
    // only the stations' codes and PM2.5 levels are used here, not where they lie
    const stations = sampleStations(SEED, 'city', districts, sampleUnits(SEED, districts), () => [0, 0]);
    const batch = await ws.one<{ id: number }>("SELECT nextval('batch_id_seq')::INTEGER AS id");
    // In any order: five years of rows kept in order do not fit in 1 GB.
    await ws.run('SET preserve_insertion_order = false');
    const last = YEARS.at(-1)!;
    const csv = join(root, `city-${last}-${last}`, `示例数据_环境空气小时数据_${last}.csv`);
    const source = existsSync(csv)
      ? `SELECT 站点编码 AS station_code, 监测时间 AS time, 污染物 AS pollutant, 浓度 AS value, 数据标记 AS flag
         FROM read_csv(${sqlString(csv)}, all_varchar = true)`
      : hourlyAirSql(stations, last, last, SEED);
    await ws.run(`INSERT INTO air_hourly SELECT station_code, CAST(time AS TIMESTAMP), pollutant, CAST(value AS DOUBLE), flag, ${batch!.id}, 0
      FROM (${source})`);
    for (const y of YEARS.slice(0, -1)) {
      await ws.run(`INSERT INTO air_hourly SELECT station_code, time - INTERVAL ${last - y} YEAR, pollutant, value, flag, batch_id, src_row
        FROM air_hourly WHERE time > TIMESTAMP '${last}-01-01 00:00:00'`);
    }
    await ws.run('SET preserve_insertion_order = true');
    const rows = (await ws.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM air_hourly'))!.n;
    await ws.run(`INSERT INTO import_batches (batch_id, dataset, file_name, sha256, rows_read, rows_accepted, rows_rejected, imported_at, note)
      VALUES (${batch!.id}, 'air_hourly', 'compute-bench（生成器SQL直接写入）', 'bench', ${rows}, ${rows}, 0, now()::TIMESTAMP, 'bench')`);
    // What the importer does at the end of an import of hourly air data: sum its station-days (timed apart: it
    // belongs to the import, once per batch, not to each computation).
    const s0 = performance.now();
    await ws.transaction((tx) => ensureAirStationDays(tx));
    const stationDaySumsMs = performance.now() - s0;
    await ws.checkpoint();

    // The lower bound: one grouped scan of the whole hourly table (run once to warm up, then the fastest of three).
    const scan = 'SELECT station_code, pollutant, year(time) AS y, avg(value) AS m, count(value) AS n FROM air_hourly GROUP BY ALL';
    await ws.all(scan);
    let scanMs = Infinity;
    let scanCpuMs = Infinity;
    for (let i = 0; i < 3; i++) {
      const c = process.cpuUsage();
      const t = performance.now();
      await ws.all(scan);
      scanMs = Math.min(scanMs, performance.now() - t);
      scanCpuMs = Math.min(scanCpuMs, cpuMsSince(c));
    }
    // HJ 663's first step, which no computation of daily values can skip: valid hours and sums per
    // station-day-pollutant (~1.5 M groups a year, against the scan's few thousand), into a temp table.
    let stationDayMs = Infinity;
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      await ws.run(`CREATE OR REPLACE TEMP TABLE zt_bench_station_day AS
        SELECT station_code, pollutant, (epoch_us(time) - 3600000000) // 86400000000 AS d, sum(value) AS s, count(value) AS n
        FROM air_hourly GROUP BY ALL`);
      stationDayMs = Math.min(stationDayMs, performance.now() - t);
    }
    await ws.run('DROP TABLE zt_bench_station_day');
    const threads = Number((await ws.one<{ t: string }>("SELECT current_setting('threads')::VARCHAR AS t"))!.t);

    const perYearMs: number[] = [];
    const c1 = process.cpuUsage();
    const t1 = performance.now();
    for (const year of YEARS) {
      const t = performance.now();
      await computeIndicators(ws, { at: localNow(), year });
      perYearMs.push(performance.now() - t);
    }
    const computeMs = performance.now() - t1;
    return { rows, years: YEARS.length, threads, scanMs, scanCpuMs, stationDayMs, stationDaySumsMs, computeMs, computeCpuMs: cpuMsSince(c1), perYearMs };
  } finally {
    await ws.close();
    await rm(dir, { recursive: true, force: true });
  }
}

export const COMPUTE_TARGET_MS = 5000;
export const COMPUTE_TARGET_RATIO = 3;

export function computeBenchLine(r: ComputeBenchResult): string {
  const s = (ms: number) => (ms / 1000).toFixed(2);
  const verdict = (ok: boolean) => (ok ? '达到' : '未达到');
  const ratio = r.computeMs / r.scanMs;
  return [
    `五年城市规模测算（${r.rows.toLocaleString('en-US')} 行小时数据，${r.years} 个年度，区县+管控单元+全市；DuckDB ${r.threads} 线程）：`,
    `  全部测算 ${s(r.computeMs)} s（各年 ${r.perYearMs.map(s).join(' / ')} s）；目标 ≤ 5 s：${verdict(r.computeMs <= COMPUTE_TARGET_MS)}`,
    `  小时表单次分组扫描 ${s(r.scanMs)} s；比值 ${ratio.toFixed(1)}×；目标 ≤ ${COMPUTE_TARGET_RATIO}×：${verdict(ratio <= COMPUTE_TARGET_RATIO)}`,
    `  其中标准要求、无法省去的第一步（站点-日-污染物有效小时分组）单独即 ${s(r.stationDayMs)} s，为扫描的 ${(r.stationDayMs / r.scanMs).toFixed(1)}×`,
    `  （导入时按批次汇总站点日 ${s(r.stationDaySumsMs)} s，计入导入，不计入测算）`,
    `  CPU 时间（含 DuckDB 线程）：测算 ${s(r.computeCpuMs)} s，扫描 ${s(r.scanCpuMs)} s，比值 ${(r.computeCpuMs / r.scanCpuMs).toFixed(1)}×`,
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(computeBenchLine(await computeBench()));
}
