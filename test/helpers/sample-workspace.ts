// A small real workspace for tests: the real sample generator → the real importer → the real engine.
// Built once per test run for each set of options, into the run's cache folder (test/global-setup.ts), and
// copied for every caller: a test gets its own file and may change it freely.
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Workspace } from '../../analytics/workspace.js';
import { importFiles } from '../../analytics/import/import-files.js';
import { generateSample, type SampleFile } from '../../analytics/sample/generate-sample.js';
import { computeIndicators } from '../../indicators/engine.js';
import { localNow } from '../../service/clock.js';

export const TEST_DISTRICTS = ['500103', '500112', '500101', '500243'];

export interface SampleWorkspace {
  dir: string;
  ws: Workspace;
  files: SampleFile[];
}

export interface SampleOptions {
  years?: number[];
  compute?: number[];
  districts?: string[];
}

export async function tempDir(prefix = 'zonetrack-test-'): Promise<string> {
  return mkdtemp(join(process.env.ZT_TEST_TMP ?? tmpdir(), prefix));
}

/** The folder where this run keeps built workspaces (set by test/global-setup.ts; none outside vitest's run). */
function cacheRoot(): string | undefined {
  return process.env.ZT_SAMPLE_CACHE;
}

function resolved(o: SampleOptions): Required<SampleOptions> {
  const years = o.years ?? [2024, 2025];
  return { years, compute: o.compute ?? [years.at(-1)!], districts: o.districts ?? TEST_DISTRICTS };
}

function cacheKey(o: Required<SampleOptions>): string {
  return `y${o.years.join('-')}_c${o.compute.join('-') || 'none'}_d${o.districts.join('-')}`;
}

/** What a built sample needs to be copied: its files, and the text columns that name its folder. */
interface Built {
  dir: string;
  files: SampleFile[];
  pathColumns: { table: string; column: string }[];
}

async function build(dir: string, o: Required<SampleOptions>): Promise<SampleWorkspace> {
  const files = await generateSample({ outDir: join(dir, 'sample'), years: o.years, scale: 'small', seed: 7, districts: o.districts });
  const ws = await Workspace.create(join(dir, 'test.duckdb'));
  await importFiles(ws, files.map((f) => f.path));
  for (const y of o.compute) await computeIndicators(ws, { at: localNow(), year: y });
  return { dir, ws, files };
}

/** The text columns in which the workspace records a path under `dir` (batch files, audit details). */
async function columnsNaming(ws: Workspace, dir: string): Promise<Built['pathColumns']> {
  const columns = await ws.all<{ table: string; column: string }>(
    `SELECT table_name AS "table", column_name AS "column" FROM duckdb_columns()
      WHERE database_name = current_database() AND schema_name = 'main' AND NOT internal
        AND data_type IN ('VARCHAR', 'JSON')`);
  const naming: Built['pathColumns'] = [];
  for (const c of columns) {
    const hit = await ws.all(`SELECT 1 FROM "${c.table}" WHERE contains("${c.column}"::VARCHAR, $dir) LIMIT 1`, { dir });
    if (hit.length) naming.push(c);
  }
  return naming;
}

/** Whether the worker that took `lock` has ended (its pid written into the lock is no longer running). */
function builderGone(lock: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(join(lock, 'pid'), 'utf8'));
  } catch {
    return false; // taken a moment ago, pid not yet written
  }
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Builds the variant into the cache once per run; other workers asking meanwhile wait for it. */
async function cached(root: string, o: Required<SampleOptions>): Promise<Built | undefined> {
  const dir = join(root, cacheKey(o));
  const manifest = join(dir, 'built.json');
  const lock = `${dir}.building`;
  await mkdir(root, { recursive: true });
  for (const started = Date.now(); Date.now() - started < 15 * 60_000;) {
    if (existsSync(manifest)) return JSON.parse(await readFile(manifest, 'utf8')) as Built;
    if (existsSync(`${dir}.failed`)) return undefined;
    try {
      await mkdir(lock);
      await writeFile(join(lock, 'pid'), String(process.pid));
    } catch {
      // another worker is building it — unless that worker is gone (a file whose hook timed out is ended with its
      // process, leaving the lock behind): then the lock is stale and the next caller builds
      if (builderGone(lock)) {
        await rm(dir, { recursive: true, force: true }); // its half-built files
        await rm(lock, { recursive: true, force: true });
      }
      else await sleep(200);
      continue;
    }
    try {
      await mkdir(dir, { recursive: true });
      const s = await build(dir, o);
      const built: Built = { dir, files: s.files, pathColumns: await columnsNaming(s.ws, dir) };
      await s.ws.close();
      await writeFile(manifest, JSON.stringify(built));
      return built;
    } catch (e) {
      await writeFile(`${dir}.failed`, String(e)); // the callers build their own and see the error themselves
      return undefined;
    } finally {
      await rm(lock, { recursive: true, force: true });
    }
  }
  return undefined;
}

/** A copy of a built sample in a new folder, with the paths it records moved to that folder. */
async function copyOf(built: Built): Promise<SampleWorkspace> {
  const dir = await tempDir();
  await cp(join(built.dir, 'sample'), join(dir, 'sample'), { recursive: true });
  await copyFile(join(built.dir, 'test.duckdb'), join(dir, 'test.duckdb'));
  const ws = await Workspace.open(join(dir, 'test.duckdb'));
  for (const { table, column } of built.pathColumns) {
    await ws.run(`UPDATE "${table}" SET "${column}" = replace("${column}"::VARCHAR, $from, $to) WHERE contains("${column}"::VARCHAR, $from)`,
      { from: built.dir, to: dir });
  }
  const files = built.files.map((f) => ({ ...f, path: f.path.replace(built.dir, dir) }));
  return { dir, ws, files };
}

/**
 * A sample workspace of its own for the caller: years of data imported (default 2024–2025), indicators computed
 * for `compute` (default the last year), `districts` (default TEST_DISTRICTS). Within a test run it is a copy of
 * the one built for these options; outside one (or if that build failed) it is built here.
 */
export async function buildSampleWorkspace(options: SampleOptions = {}): Promise<SampleWorkspace> {
  const o = resolved(options);
  const root = cacheRoot();
  const built = root ? await cached(root, o) : undefined;
  return built ? copyOf(built) : build(await tempDir(), o);
}
