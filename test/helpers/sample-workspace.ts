// A small real workspace for tests: the real sample generator → the real importer → the real engine.
// Built once per test file into a temp folder; a few districts keep it to a few seconds.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workspace } from '../../analytics/workspace.js';
import { importFiles } from '../../analytics/import/import-files.js';
import { generateSample, type SampleFile } from '../../analytics/sample/generate-sample.js';
import { computeIndicators } from '../../indicators/engine.js';

export const TEST_DISTRICTS = ['500103', '500112', '500101', '500243'];

export interface SampleWorkspace {
  dir: string;
  ws: Workspace;
  files: SampleFile[];
}

export async function tempDir(prefix = 'zonetrack-test-'): Promise<string> {
  return mkdtemp(join(process.env.ZT_TEST_TMP ?? tmpdir(), prefix));
}

export async function buildSampleWorkspace(options: { years?: number[]; compute?: number[]; districts?: string[] } = {}): Promise<SampleWorkspace> {
  const dir = await tempDir();
  const years = options.years ?? [2024, 2025];
  const files = await generateSample({ outDir: join(dir, 'sample'), years, scale: 'small', seed: 7, districts: options.districts ?? TEST_DISTRICTS });
  const ws = await Workspace.create(join(dir, 'test.duckdb'));
  await importFiles(ws, files.map((f) => f.path));
  for (const y of options.compute ?? [years.at(-1)!]) await computeIndicators(ws, { year: y });
  return { dir, ws, files };
}
