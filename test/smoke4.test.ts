import { test } from 'vitest';
import { Workspace } from '../analytics/workspace.js';
import { importFiles } from '../analytics/import/import-files.js';
import { generateSample } from '../analytics/sample/generate-sample.js';
import { buildAirDaily } from '../indicators/measures/air-daily.js';
import { rmSync } from 'node:fs';
test('stats', async () => {
  const d = 'tmp/smoke4/';
  rmSync(d, { recursive: true, force: true });
  const files = await generateSample({ outDir: d, years: [2024, 2025], scale: 'small', seed: 1, districts: ['500103', '500101', '500112', '500243'] });
  const ws = await Workspace.create(d + 's.duckdb');
  await importFiles(ws, files.map((f) => f.path));
  for (const ed of ['2012', '2026'] as const) {
  await buildAirDaily(ws, { fromYear: 2024, toYear: 2025, edition: ed });
  console.log(ed, (await ws.all(`SELECT entity_code, year(day) y, count(*) n, count(*) FILTER (aqi<=100) good, count(*) FILTER (aqi>200) heavy, count(*) FILTER (aqi>100 AND list_contains(primary_pollutants,'O3')) o3bad, count(*) FILTER (aqi>100 AND list_contains(primary_pollutants,'PM2.5')) pmbad FROM zt_entity_aqi GROUP BY ALL ORDER BY ALL`)).map((r) => JSON.stringify(r)).join('\n'));
  }
  console.log((await ws.all(`SELECT metric, round(avg(conc),1) m, round(max(conc),1) mx, round(quantile_cont(conc, 0.9),1) p90 FROM zt_entity_daily WHERE entity_code='city' GROUP BY ALL ORDER BY ALL`)).map((r) => JSON.stringify(r)).join('\n'));
});
