// The one-pass load of long hourly CSV (analytics/import/direct-load.ts): rows land with their true line
// numbers, a file with any problem falls back to the two-pass parse that names row and column, and nothing of
// a refused file stays behind.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Workspace } from '../analytics/workspace.js';
import { importFiles } from '../analytics/import/import-files.js';
import { writesInOrder } from '../analytics/import/direct-load.js';
import { UserError } from '../analytics/errors.js';
import { tableSnapshot } from './helpers/files.js';
import { stationWorkspace, STATIONS } from './helpers/station-workspace.js';

let dir: string;
let ws: Workspace;

/** Hourly lines of two stations; every 97th line is followed by an empty line. Returns the text and, per data line, its row under the header. */
function hourlyText(hours: number, time: (h: number) => string): { text: string; rows: { station: string; time: string; value: number; row: number }[] } {
  const lines = ['站点编码,监测时间,污染物,浓度,数据标记'];
  const rows: { station: string; time: string; value: number; row: number }[] = [];
  for (let h = 1; h <= hours; h++) {
    for (const station of ['1801A', '1802A']) {
      const value = (h * 7 + station.charCodeAt(3)) % 90;
      lines.push(`${station},${time(h)},PM2.5,${value},`);
      rows.push({ station, time: time(h), value, row: lines.length - 1 });
      if (lines.length % 97 === 0) lines.push('');
    }
  }
  return { text: `${lines.join('\n')}\n`, rows };
}

const iso = (h: number) => {
  const t = new Date(Date.UTC(2025, 0, 1, h));
  return `${t.toISOString().slice(0, 10)} ${String(t.getUTCHours()).padStart(2, '0')}:00`;
};

beforeEach(async () => {
  ({ dir, ws } = await stationWorkspace(STATIONS.slice(0, 3))); // the two 渝中区 sites
});
afterEach(async () => {
  await ws.close();
});

describe('one-pass load of hourly CSV', () => {
  it('writes every row with its line number under the header, empty lines counted', async () => {
    const { text, rows } = hourlyText(1500, iso);
    const path = join(dir, 'hourly.csv');
    await writeFile(path, text);
    const r = await importFiles(ws, [path]);
    expect(r.batches[0]).toMatchObject({ dataset: 'air_hourly', rows: rows.length, accepted: rows.length, rejected: 0 });
    const stored = await ws.all<{ station_code: string; t: string; value: number; src_row: number; batch_id: number }>(
      "SELECT station_code, strftime(time, '%Y-%m-%d %H:%M') AS t, value, src_row, batch_id FROM air_hourly ORDER BY src_row");
    expect(stored.length).toBe(rows.length);
    expect(new Set(stored.map((s) => s.batch_id))).toEqual(new Set([r.batches[0]!.id]));
    for (const i of [0, 1, 95, 96, 97, 500, rows.length - 1]) {
      const want = rows[i]!;
      expect(stored[i]).toMatchObject({ station_code: want.station, t: want.time, value: want.value, src_row: want.row });
    }
  });

  it('a file large enough to be read and written in parallel keeps every line number', async () => {
    // 2 040 000 lines (~70 MB): DuckDB reads it in pieces on both threads. Line k (1-based, under the header) holds
    // hour ⌊(k−1)/12⌋, station ⌊((k−1) mod 12)/6⌋ and pollutant (k−1) mod 6.
    const pollutants = ['SO2', 'NO2', 'CO', 'O3', 'PM10', 'PM2.5'];
    const hours = 170_000;
    const start = Date.UTC(2005, 0, 1, 1);
    const parts = ['站点编码,监测时间,污染物,浓度,数据标记\n'];
    for (let h = 0; h < hours; h++) {
      const t = new Date(start + h * 3600_000).toISOString();
      const time = `${t.slice(0, 10)} ${t.slice(11, 16)}`;
      for (const station of ['1801A', '1802A']) {
        for (const [i, p] of pollutants.entries()) parts.push(`${station},${time},${p},${(h + i) % 97},\n`);
      }
    }
    const path = join(dir, 'large.csv');
    await writeFile(path, parts.join(''));
    // More threads than this machine's cores: more pieces read side by side, so a write out of file order shows.
    await ws.run('SET threads = 8');
    const r = await importFiles(ws, [path]);
    expect(r.batches[0]).toMatchObject({ rows: hours * 12, accepted: hours * 12 });
    const wrong = await ws.one<{ n: number; rows: number }>(`
      SELECT count(*) FILTER (WHERE
               epoch(time - TIMESTAMP '2005-01-01 01:00:00') / 3600 <> (src_row - 1) // 12
            OR station_code <> CASE WHEN ((src_row - 1) % 12) // 6 = 0 THEN '1801A' ELSE '1802A' END
            OR pollutant <> ['SO2', 'NO2', 'CO', 'O3', 'PM10', 'PM2.5'][((src_row - 1) % 6) + 1]
            OR value <> ((epoch(time - TIMESTAMP '2005-01-01 01:00:00') / 3600 + (src_row - 1) % 6) % 97)) AS n,
             count(DISTINCT src_row) AS rows
      FROM air_hourly`);
    expect(wrong).toEqual({ n: 0, rows: hours * 12 });
  }, 120_000);

  it('a bad last row refuses the file, named by row and column, and leaves the tables as they were', async () => {
    const { text, rows } = hourlyText(800, iso);
    const path = join(dir, 'bad-last.csv');
    await writeFile(path, `${text}1801A,2025-03-01 01:00,PM2.5,-5,\n`);
    const before = await tableSnapshot(ws);
    const err = await importFiles(ws, [path]).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    const lastRow = rows.at(-1)!.row + 1;
    expect((err as UserError).rowErrors.map((e) => [e.row, e.column, e.value])).toEqual([[lastRow, '浓度', '-5']]);
    expect(await tableSnapshot(ws)).toBe(before);
    expect((await ws.one<{ n: number }>('SELECT count(*) AS n FROM air_hourly'))!.n).toBe(0);
  });

  it('a repeated key found after the rows were written refuses the file the same way', async () => {
    const { text, rows } = hourlyText(600, iso);
    const path = join(dir, 'dup.csv');
    await writeFile(path, `${text}${rows[10]!.station},${rows[10]!.time},PM2.5,1,\n`);
    const before = await tableSnapshot(ws);
    const err = await importFiles(ws, [path]).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).rowErrors.map((e) => e.row)).toEqual([rows[10]!.row, rows.at(-1)!.row + 1]);
    expect(await tableSnapshot(ws)).toBe(before);
  });

  it('a file with forms only the slow reading knows is read the two-pass way, with the next batch id', async () => {
    const cn = (h: number) => `2025年1月${1 + Math.floor(h / 24)}日 ${h % 24}时`;
    const { text, rows } = hourlyText(300, cn);
    const path = join(dir, 'cn.csv');
    await writeFile(path, text);
    const good = join(dir, 'good.csv');
    await writeFile(good, hourlyText(300, (h) => iso(h + 1000)).text);
    const r = await importFiles(ws, [path, good]);
    const ids = r.batches.map((b) => b.id!);
    expect(ids[1]).toBe(ids[0]! + 1);
    expect(r.batches[0]).toMatchObject({ rows: rows.length, accepted: rows.length });
    const first = await ws.one<{ t: string; src_row: number }>(
      `SELECT strftime(time, '%Y-%m-%d %H:%M') AS t, src_row FROM air_hourly WHERE batch_id = ${ids[0]} ORDER BY src_row LIMIT 1`);
    expect(first).toEqual({ t: '2025-01-01 01:00', src_row: 1 });
    expect((await ws.one<{ n: number }>('SELECT count(*) AS n FROM air_hourly WHERE batch_id < 0'))!.n).toBe(0);
  });

  it('numbers rows by their place only where DuckDB writes in file order; a join in the statement (a long IN list) does not', async () => {
    const path = join(dir, 'small.csv');
    await writeFile(path, hourlyText(10, iso).text);
    await ws.run('CREATE TEMP TABLE zt_order_probe (s VARCHAR, p VARCHAR)');
    await ws.run('SET preserve_insertion_order = true');
    const read = `read_csv('${path}', header = true, all_varchar = true)`;
    expect(await writesInOrder(ws, `INSERT INTO zt_order_probe SELECT 站点编码, CASE WHEN list_contains(['SO2', 'NO2', 'CO', 'O3', 'PM10', 'PM2.5'], 污染物) THEN 污染物 END FROM ${read}`)).toBe(true);
    expect(await writesInOrder(ws, `INSERT INTO zt_order_probe SELECT 站点编码, CASE WHEN 污染物 IN ('SO2', 'NO2', 'CO', 'O3', 'PM10', 'PM2.5') THEN 污染物 END FROM ${read}`)).toBe(false);
    expect(await writesInOrder(ws, `INSERT INTO zt_order_probe SELECT 站点编码, 污染物 FROM ${read} WHERE 站点编码 IN (SELECT station_code FROM air_stations)`)).toBe(false);
  });
});
