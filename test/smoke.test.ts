import { test } from 'vitest';
import { Workspace } from '../analytics/workspace.js';
import { importFiles } from '../analytics/import/import-files.js';
import { generateSample } from '../analytics/sample/generate-sample.js';
import { computeIndicators } from '../indicators/engine.js';
import { scoreSheets, getValue } from '../indicators/results.js';
import { rmSync } from 'node:fs';
test('smoke', async () => {
  const d = 'tmp/smoke2/';
  rmSync(d, { recursive: true, force: true });
  console.time('sample');
  const files = await generateSample({ outDir: d, years: [2024, 2025], scale: 'small', seed: 1, districts: ['500103', '500101', '500112'] });
  console.timeEnd('sample');
  const ws = await Workspace.create(d + 'ws.duckdb');
  try {
    console.time('import');
    const r = await importFiles(ws, files.map((f) => f.path));
    console.timeEnd('import');
    console.log(r.batches.map((b) => [b.file, b.encoding, b.headerRow, b.form, b.rows, b.accepted]));
    console.time('compute');
    console.log(await computeIndicators(ws, { year: 2025 }));
    console.timeEnd('compute');
    console.log(JSON.stringify(await scoreSheets(ws, 2025, '500103'), null, 1).slice(0, 3000));
    console.log(await getValue(ws, 'C1', 'city', 2025));
  } catch (e: any) { console.log(e.message, e.rowErrors); throw e; }
  await ws.close();
});
