// Computing year after year reuses last year's air values (same edition, no data changed) — and gives exactly
// what computing from scratch gives.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Workspace } from '../analytics/workspace.js';
import { computeIndicators } from '../indicators/engine.js';
import { getValue } from '../indicators/results.js';
import { buildSampleWorkspace } from './helpers/sample-workspace.js';
import { copyFile } from 'node:fs/promises';
import { localNow } from '../service/clock.js';

describe('previous-year reuse', () => {
  it('gives the same targets and values as a computation from scratch', async () => {
    const s = await buildSampleWorkspace({ years: [2024, 2025], compute: [2024] });
    const fresh = join(s.dir, 'fresh.duckdb');
    await s.ws.checkpoint();
    await copyFile(s.ws.path, fresh);
    await computeIndicators(s.ws, { at: localNow(), year: 2025 }); // reuses 2024's run
    const other = await Workspace.open(fresh);
    await other.run('DELETE FROM measure_values; DELETE FROM indicator_values; DELETE FROM air_entity_monthly; DELETE FROM compute_runs');
    await computeIndicators(other, { at: localNow(), year: 2025 }); // computes 2024 again
    try {
      for (const ind of ['C1', 'C2', 'C3']) {
        for (const e of ['500103', '500112', 'city']) {
          const a = await getValue(s.ws, ind, e, 2025);
          const b = await getValue(other, ind, e, 2025);
          expect([a.value, a.target, a.previous, a.points], `${ind} ${e}`).toEqual([b.value, b.target, b.previous, b.points]);
        }
      }
      expect((await getValue(s.ws, 'C1', '500103', 2025)).previous).not.toBeNull();
      // reused only while nothing changed, and only under the same edition
      const { reusablePreviousAir } = await import('../indicators/engine.js');
      expect((await reusablePreviousAir(s.ws, 2024, '2012'))?.length).toBeGreaterThan(0);
      expect(await reusablePreviousAir(s.ws, 2024, '2026')).toBeUndefined();
      await s.ws.run("UPDATE import_batches SET imported_at = now()::TIMESTAMP + INTERVAL 1 SECOND WHERE batch_id = (SELECT max(batch_id) FROM import_batches)");
      expect(await reusablePreviousAir(s.ws, 2024, '2012')).toBeUndefined();
    } finally {
      await other.close();
      await s.ws.close();
    }
  });
});
