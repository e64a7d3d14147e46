// Hourly air data is summed per station-day when imported (analytics/derived/air-station-days.ts); the daily
// measures read those sums. They must equal what the hourly rows say, leave with their batch, and be filled in
// for batches that arrived without them (a workspace from before the tables, a data package).
import { describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { importFiles } from '../analytics/import/import-files.js';
import { removeBatch } from '../analytics/import/batch-lifecycle.js';
import { computeIndicators } from '../indicators/engine.js';
import { buildSampleWorkspace } from './helpers/sample-workspace.js';
import { stationWorkspace } from './helpers/station-workspace.js';
import type { Sql } from '../analytics/workspace.js';
import { localNow } from '../service/clock.js';

/** The station-day sums and O3 hours as the hourly table says now, minus what the derived tables hold (and back). */
async function mismatches(sql: Sql): Promise<number> {
  const valid = "CASE WHEN flag IS NULL OR flag IN ('N', 'A', '有效') THEN value END";
  const day = '((epoch_us(time) - 3600000000) // 86400000000)';
  const sums = `SELECT batch_id, station_code, ${day} AS d, pollutant, round(sum(${valid}), 6) AS s, count(${valid}) AS n
    FROM air_hourly WHERE pollutant <> 'O3' GROUP BY ALL`;
  const kept = 'SELECT batch_id, station_code, d, pollutant, round(s, 6), n FROM air_station_day_sums';
  const o3 = `SELECT batch_id, station_code, ${day} AS d, ((epoch_us(time) - 3600000000) // 3600000000) % 24 AS k, ${valid} AS v
    FROM air_hourly WHERE pollutant = 'O3'`;
  const keptO3 = `SELECT batch_id, station_code, d, unnest(range(24)) AS k,
    unnest([${Array.from({ length: 24 }, (_, k) => `h${k}`).join(', ')}]) AS v FROM air_station_o3_days`;
  const both = (a: string, b: string) => `(SELECT count(*) FROM ((${a}) EXCEPT ALL (${b}))) + (SELECT count(*) FROM ((${b}) EXCEPT ALL (${a})))`;
  const r = await sql.one<{ n: number }>(`SELECT ${both(sums, kept)}
    + ${both(`SELECT * FROM (${o3}) WHERE v IS NOT NULL`, `SELECT * FROM (${keptO3}) WHERE v IS NOT NULL`)}
    + ${both(`SELECT DISTINCT batch_id, station_code, d FROM (${o3})`, 'SELECT batch_id, station_code, d FROM air_station_o3_days')} AS n`);
  return Number(r!.n);
}

const hourly = (rows: string[]) => `站点编码,监测时间,污染物,浓度,数据标记\n${rows.join('\n')}\n`;

describe('station-days summed at import', () => {
  it('equal the hourly rows, day by day (hour-ending 24:00 on its own day, invalid flags left out), and leave with their batch', async () => {
    const { dir, ws } = await stationWorkspace();
    try {
      const lines: string[] = [];
      for (let h = 1; h <= 72; h++) {
        const t = new Date(Date.UTC(2025, 0, 1, h)).toISOString();
        const time = `${t.slice(0, 10)} ${t.slice(11, 16)}`;
        for (const [p, v] of [['PM2.5', 30 + (h % 7)], ['O3', 60 + (h % 11)], ['NO2', 20 + (h % 5)]] as const) {
          lines.push(`1801A,${time},${p},${v},${h % 13 === 0 ? 'H' : ''}`);
          if (h % 3 === 0) lines.push(`1802A,${time},${p},${v + 1},`);
        }
      }
      const path = join(dir, '小时.csv');
      await writeFile(path, hourly(lines));
      const first = (await importFiles(ws, [path])).batches[0]!.id!;
      expect(await mismatches(ws)).toBe(0);
      // day 2025-01-01 holds hours 01:00 … 24:00 (= 2025-01-02 00:00): 24 values, one of them invalid (H at 13:00)
      const jan1 = await ws.one<{ n: number }>(`SELECT n FROM air_station_day_sums
        WHERE station_code = '1801A' AND pollutant = 'PM2.5' AND d = DATE '2025-01-01' - DATE '1970-01-01'`);
      expect(jan1!.n).toBe(23);

      // a new version of the file replaces the batch: its sums go, the new batch's come
      await writeFile(path, hourly(lines.slice(0, 60)));
      const second = (await importFiles(ws, [path])).batches[0]!.id!;
      expect(await mismatches(ws)).toBe(0);
      const batches = (await ws.all<{ b: number }>('SELECT DISTINCT batch_id AS b FROM air_station_day_sums')).map((r) => r.b);
      expect(batches).toEqual([second]);
      expect(first).not.toBe(second);

      await removeBatch(ws, second, 'test');
      expect(await ws.one<{ n: number }>('SELECT (SELECT count(*) FROM air_station_day_sums) + (SELECT count(*) FROM air_station_o3_days) + (SELECT count(*) FROM air_station_days_built) AS n'))
        .toEqual({ n: 0 });
    } finally {
      await ws.close();
    }
  });

  it('a batch without them (an older workspace, a data package) is summed by the next computation, with the same values', async () => {
    const s = await buildSampleWorkspace({ years: [2025] });
    try {
      await computeIndicators(s.ws, { at: localNow(), year: 2025 });
      // (sums of doubles in parallel differ in the last bits from run to run)
      const values = 'SELECT measure_id, entity_code, round(value, 9) AS value, round(numerator, 6) AS numerator, denominator, valid, batches FROM measure_values WHERE run_id = (SELECT max(run_id) FROM compute_runs) ORDER BY ALL';
      const before = await s.ws.all(values);
      expect(before.length).toBeGreaterThan(0);
      const built = await s.ws.all('SELECT batch_id FROM air_station_days_built ORDER BY 1');
      expect(built.length).toBeGreaterThan(0);
      await s.ws.run('DELETE FROM air_station_day_sums; DELETE FROM air_station_o3_days; DELETE FROM air_station_days_built');
      await computeIndicators(s.ws, { at: localNow(), year: 2025 });
      expect(await s.ws.all(values)).toEqual(before);
      expect(await s.ws.all('SELECT batch_id FROM air_station_days_built ORDER BY 1')).toEqual(built);
      expect(await mismatches(s.ws)).toBe(0);
    } finally {
      await s.ws.close();
    }
  });
});
