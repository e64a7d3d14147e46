// Issue 24: rows of a large hourly file are written once, in their final form, and each keeps its true file line
// (lineage to the line) — also behind a units row under the header and empty lines among the data; the station-days
// and the repeated-key test come from the one grouping of the batch (analytics/derived/air-station-days.ts).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { join } from 'node:path';
import { Workspace } from '../analytics/workspace.js';
import { importFiles } from '../analytics/import/import-files.js';
import { UserError } from '../analytics/errors.js';
import { stationWorkspace, STATIONS } from './helpers/station-workspace.js';

let dir: string;
let ws: Workspace;

beforeEach(async () => {
  ({ dir, ws } = await stationWorkspace(STATIONS.slice(0, 3))); // the two 渝中区 sites, 1801A and 1802A
});
afterEach(async () => {
  await ws.close();
});

const POLLUTANTS = ['SO2', 'NO2', 'CO', 'O3', 'PM10', 'PM2.5'];
const START = Date.UTC(2005, 0, 1, 1);
const stamp = (h: number) => {
  const t = new Date(START + h * 3600_000).toISOString();
  return `${t.slice(0, 10)} ${t.slice(11, 16)}`;
};

/**
 * Streams a file of `records` hourly records (record k, 0-based: hour ⌊k/12⌋, station ⌊(k mod 12)/6⌋, pollutant
 * k mod 6) under a header and a units row, with an empty line after every record whose number is in `blankAfter`.
 * Returns the physical line (1-based) of each record asked for in `watch`, and the sum of every record's line.
 */
async function writeHourly(path: string, records: number, blankAfter: Set<number>, watch: number[]): Promise<{ lines: Map<number, number>; lineSum: bigint }> {
  const out = createWriteStream(path);
  const lines = new Map<number, number>();
  let lineSum = 0n;
  let line = 2; // 1: header, 2: units row
  let chunk = '站点编码,监测时间,污染物,浓度,数据标记\n,,,μg/m³,\n';
  const wanted = new Set(watch);
  for (let k = 0; k < records; k++) {
    line++;
    const h = Math.floor(k / 12);
    chunk += `${Math.floor((k % 12) / 6) === 0 ? '1801A' : '1802A'},${stamp(h)},${POLLUTANTS[k % 6]},${(h + k) % 97},\n`;
    lineSum += BigInt(line);
    if (wanted.has(k)) lines.set(k, line);
    if (blankAfter.has(k)) {
      chunk += '\n';
      line++;
    }
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  return { lines, lineSum };
}

describe('true file lines of a large hourly file, written once', () => {
  it('a record in the middle of a 2 M-line file with a units row and empty lines keeps its file line', async () => {
    const records = 1_999_860; // with the header, the units row and 150 empty lines: 2 000 012 lines
    // 150 empty lines spread over the file, three of them just before the watched record
    const blankAfter = new Set(Array.from({ length: 147 }, (_, i) => 1 + i * 13_331));
    const middle = 1_000_003;
    for (const k of [middle - 1, middle - 2, middle - 5]) blankAfter.add(k);
    const path = join(dir, 'hourly-2m.csv');
    const watch = [0, middle, middle + 1, records - 1];
    const { lines, lineSum } = await writeHourly(path, records, blankAfter, watch);
    expect(lines.get(records - 1)).toBe(2_000_012);

    const r = await importFiles(ws, [path]);
    expect(r.batches[0]).toMatchObject({ dataset: 'air_hourly', rows: records, accepted: records, rejected: 0, headerRow: 1 });
    const id = r.batches[0]!.id!;
    const lineOf = async (k: number) => (await ws.one<{ line: number }>(`
      SELECT a.src_row + b.header_row AS line FROM air_hourly a JOIN import_batches b USING (batch_id)
      WHERE a.batch_id = ${id} AND a.station_code = $s AND a.time = $t::TIMESTAMP AND a.pollutant = $p`,
    { s: Math.floor((k % 12) / 6) === 0 ? '1801A' : '1802A', t: stamp(Math.floor(k / 12)), p: POLLUTANTS[k % 6]! }))?.line;
    for (const k of watch) expect(await lineOf(k)).toBe(lines.get(k));
    // every row's line: their sum is the sum of the true lines, and no two rows share one
    const all = await ws.one<{ s: bigint; n: number }>(`
      SELECT sum(a.src_row + b.header_row)::HUGEINT::VARCHAR AS s, count(DISTINCT a.src_row) AS n
      FROM air_hourly a JOIN import_batches b USING (batch_id) WHERE a.batch_id = ${id}`);
    expect({ s: String(all!.s), n: Number(all!.n) }).toEqual({ s: lineSum.toString(), n: records });

    // the station-days written in the same pass are those a later computation would sum from the rows
    const days = await ws.one<{ n: number; o3: number; built: number }>(`
      SELECT (SELECT count(*) FROM air_station_day_sums WHERE batch_id = ${id}) AS n,
             (SELECT count(*) FROM air_station_o3_days WHERE batch_id = ${id}) AS o3,
             (SELECT count(*) FROM air_station_days_built WHERE batch_id = ${id}) AS built`);
    const stationDays = (await ws.one<{ n: number }>(`SELECT count(DISTINCT (station_code, (time - INTERVAL 1 HOUR)::DATE)) AS n FROM air_hourly`))!.n;
    expect(days).toEqual({ n: stationDays * 5, o3: stationDays, built: 1 });
    // and the years it covers (hour-ending 2005-01-01 01:00 … ) are those of its rows
    const years = (await ws.all<{ year: number }>(`SELECT year FROM batch_coverage WHERE batch_id = ${id} ORDER BY year`)).map((y) => y.year);
    const rowYears = (await ws.all<{ y: number }>('SELECT DISTINCT year(time - INTERVAL 1 HOUR) AS y FROM air_hourly ORDER BY y')).map((y) => y.y);
    expect(years).toEqual(rowYears);
  }, 300_000);

  it('rows off the full hour: a repeated key is still found, named by its line; distinct half hours are not repeats', async () => {
    const lines = ['站点编码,监测时间,污染物,浓度,数据标记'];
    for (let h = 0; h < 200; h++) lines.push(`1801A,${stamp(h).slice(0, 14)}30,PM2.5,${h % 50},`, `1801A,${stamp(h)},PM2.5,${h % 40},`);
    const good = join(dir, 'half-hours.csv');
    await writeFile(good, `${lines.join('\n')}\n`);
    const r = await importFiles(ws, [good]);
    expect(r.batches[0]).toMatchObject({ rows: 400, accepted: 400 });
    const again = join(dir, 'half-hours-repeated.csv');
    // the 1801A 01:30 row of the first file's hour 7, twice, in a file of other days
    const other = lines.slice(1).map((l) => l.replace('2005-01', '2006-01'));
    other.splice(50, 0, other[14]!);
    await writeFile(again, `${[lines[0], ...other].join('\n')}\n`);
    const err = await importFiles(ws, [again]).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).rowErrors.map((e) => [e.row, e.reason])).toEqual([
      [15, expect.stringContaining('在文件中重复')], [51, expect.stringContaining('在文件中重复')]]);
  });
});
