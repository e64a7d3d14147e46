// Station-days of hourly air data, kept per import batch: the first, heaviest step of every daily air measure
// (HJ 663), done once when the hourly rows arrive instead of at every computation.
//   air_station_day_sums(batch_id, station_code, d, pollutant, s, n): sum and count of the valid values of each
//     24-h pollutant per station-day (d: day number since 1970 of the hour-ending time minus one hour);
//   air_station_o3_days(batch_id, station_code, d, h0 … h23): each station-day's valid O3 values side by side
//     (h0 = hour-ending 01:00 … h23 = hour-ending 24:00);
//   air_station_days_built(batch_id): the batches summed.
// A batch's hourly rows never change after its import, so its sums never go stale: they are written in the import's
// transaction, deleted with the batch's rows, and (for batches that came another way — a data package, a workspace
// from before these tables) filled in by the first computation that needs them. Readers take active batches only.
import type { Sql } from '../sql-statements.js';
import { ACTIVE_BATCH } from '../import/active-batch.js';
import { validFlagSql } from '../reference/air-validity.js';

/** Hour-ending time t belongs to the day of t − 1 hour and is that day's hour (1…24). As integers (a day or hour
 *  number since 1970) the keys group far faster than a DATE cast of every row. */
const HOUR_NUMBER = (t: string) => `((epoch_us(${t}) - 3600000000) // 3600000000)`;
const DAY_NUMBER = (t: string) => `((epoch_us(${t}) - 3600000000) // 86400000000)`;
/** SQL: the day number of 1 January of `year`. */
export const FIRST_DAY_OF = (year: number) => `(DATE '${year}-01-01' - DATE '1970-01-01')`;

/** SQL: the value of hourly row `a` when its flag marks it valid, else NULL. */
export const VALID_AIR_VALUE = `CASE WHEN ${validFlagSql('a.flag')} THEN a.value END`;
const HOURS = Array.from({ length: 24 }, (_, k) => k);

/** SQL: the active hourly air batches (a function: batch-lifecycle.ts imports this module too). */
export const activeAirBatchesSql = () => `SELECT batch_id FROM import_batches WHERE dataset = 'air_hourly' AND ${ACTIVE_BATCH}`;

/**
 * SQL: rows (station_code, d, batch_id, h0 … h23) from `hours`, rows (station_code, batch_id, d, k, v) of O3 values
 * (k: hour of the day 0…23 = hour-ending 1…24, v: the value when valid). A station has at most one value an hour
 * (the importer refuses duplicates). The hours and values are gathered as two lists and spread out per
 * station-day: a fifth less time than 24 conditional aggregates over every hourly row (city scale).
 */
export function stationO3DaysSql(hours: string): string {
  return `SELECT station_code, d, batch_id, ${HOURS.map((k) => `vs[list_position(ks, ${k})] AS h${k}`).join(', ')}
    FROM (SELECT station_code, d, batch_id, list(k) AS ks, list(v) AS vs FROM (${hours}) GROUP BY ALL)`;
}

/** SQL: inserts the O3 station-days of the batches `ids` (a list) from their hourly rows. */
function insertO3DaysSql(ids: string): string {
  return `INSERT INTO air_station_o3_days (station_code, d, batch_id, ${HOURS.map((k) => `h${k}`).join(', ')})
    ${stationO3DaysSql(`SELECT a.station_code, a.batch_id, ${HOUR_NUMBER('a.time')} // 24 AS d,
      (${HOUR_NUMBER('a.time')} % 24)::TINYINT AS k, ${VALID_AIR_VALUE} AS v
      FROM air_hourly a WHERE a.batch_id IN (${ids}) AND a.pollutant = 'O3'`)}`;
}

/** Sums the station-days of the given batches (their hourly rows must be in air_hourly). */
async function sumBatches(sql: Sql, batchIds: number[]): Promise<void> {
  const ids = batchIds.join(', ');
  await sql.run(`
    INSERT INTO air_station_day_sums (batch_id, station_code, d, pollutant, s, n)
    SELECT a.batch_id, a.station_code, ${DAY_NUMBER('a.time')} AS d, a.pollutant, sum(${VALID_AIR_VALUE}), count(${VALID_AIR_VALUE})
    FROM air_hourly a WHERE a.batch_id IN (${ids}) AND a.pollutant <> 'O3'
    GROUP BY ALL;
    ${insertO3DaysSql(ids)};
    INSERT INTO air_station_days_built (batch_id) SELECT unnest([${ids}]);
  `);
}

/** What one pass over a new hourly batch found (summariseAirBatch). */
export interface AirBatchSummary {
  /** No station has two rows of one pollutant in one hour; undefined when the pass cannot tell (rows off the full hour). */
  keysUnique: boolean | undefined;
  /** The years of the rows' hour-ending times (what the batch covers by default, batch-coverage.ts). */
  years: number[];
}

/** The temp table a batch's station-days wait in until its checks have passed. */
const BATCH_DAYS = (batchId: number) => `zt_air_batch_days_${Math.trunc(batchId)}`;

/**
 * One grouping of a new batch's hourly rows (already in air_hourly, every cell checked) by station × pollutant ×
 * day gives at once its 24-h station-days (as sumBatches sums them), the years it covers, and whether a key repeats:
 * each row sets the bit of its hour in a 24-bit mask, so two rows of one hour show as more rows than bits. A few
 * hundred thousand groups instead of a hash of every row's key (load-steps.ts), and no further pass for the sums
 * or the coverage. Rows off the full hour (01:30) leave the question open (keysUnique undefined). The sums are
 * written by storeAirBatchDays once every check has passed, or dropped with dropAirBatchDays. (The O3 hours side
 * by side are gathered from the O3 rows alone there: gathering them in this grouping measured slower, city-year.)
 */
export async function summariseAirBatch(sql: Sql, batchId: number): Promise<AirBatchSummary> {
  const id = Math.trunc(batchId);
  await sql.run(`CREATE OR REPLACE TEMP TABLE ${BATCH_DAYS(id)} AS
    SELECT a.station_code, a.pollutant, ${DAY_NUMBER('a.time')} AS d, count(*) AS n_rows,
      bit_count(bit_or(1::UBIGINT << (${HOUR_NUMBER('a.time')} % 24)::INTEGER)) AS n_hours,
      count(*) FILTER (WHERE epoch_us(a.time) % 3600000000 <> 0) AS off_hour,
      sum(${VALID_AIR_VALUE}) AS s, count(${VALID_AIR_VALUE}) AS n
    FROM air_hourly a WHERE a.batch_id = ${id} GROUP BY a.station_code, a.pollutant, d`);
  const r = await sql.one<{ repeated: boolean | null; off: number | null; years: number[] | null }>(`
    SELECT bool_or(n_rows > n_hours) AS repeated, sum(off_hour)::BIGINT AS off,
      (SELECT list(DISTINCT year(DATE '1970-01-01' + d::INTEGER) ORDER BY year(DATE '1970-01-01' + d::INTEGER)) FROM (SELECT DISTINCT d FROM ${BATCH_DAYS(id)})) AS years
    FROM ${BATCH_DAYS(id)}`);
  const keysUnique = r?.repeated ? false : Number(r?.off ?? 0) > 0 ? undefined : true;
  return { keysUnique, years: (r?.years ?? []).map(Number) };
}

/** Writes the station-days of a batch summarised by summariseAirBatch (its checks passed). */
export async function storeAirBatchDays(sql: Sql, batchId: number): Promise<void> {
  const id = Math.trunc(batchId);
  await sql.run(`
    INSERT INTO air_station_day_sums (batch_id, station_code, d, pollutant, s, n)
    SELECT ${id}, station_code, d, pollutant, s, n FROM ${BATCH_DAYS(id)} WHERE pollutant <> 'O3';
    ${insertO3DaysSql(String(id))};
    INSERT INTO air_station_days_built (batch_id) VALUES (${id});
    DROP TABLE ${BATCH_DAYS(id)};`);
}

/** Drops the summary of a batch that was not taken. */
export async function dropAirBatchDays(sql: Sql, batchId: number): Promise<void> {
  await sql.run(`DROP TABLE IF EXISTS ${BATCH_DAYS(batchId)}`);
}

/** Sums every active hourly air batch not summed yet (none after a normal import). Returns the batches summed. */
export async function ensureAirStationDays(sql: Sql): Promise<number[]> {
  const missing = (await sql.all<{ id: number }>(`
    SELECT batch_id AS id FROM (${activeAirBatchesSql()}) WHERE batch_id NOT IN (SELECT batch_id FROM air_station_days_built)
    ORDER BY id`)).map((r) => r.id);
  if (missing.length > 0) await sumBatches(sql, missing);
  return missing;
}

/** The tables whose rows belong to an hourly air batch and live and die with it. */
const DERIVED_TABLES = ['air_station_day_sums', 'air_station_o3_days', 'air_station_days_built'] as const;

/**
 * Removes derived rows whose batch is not an active hourly air batch (none, normally: they are written in the
 * import's transaction and deleted with the batch). A process killed while its commit was being written has
 * left some; run on opening, in one transaction. Returns the number of rows removed.
 */
export async function removeOrphanStationDays(sql: Sql): Promise<number> {
  let removed = 0;
  for (const t of DERIVED_TABLES) {
    const r = await sql.one<{ n: number }>(`SELECT count(*) AS n FROM ${t} WHERE batch_id NOT IN (${activeAirBatchesSql()})`);
    if (!r?.n) continue;
    await sql.run(`DELETE FROM ${t} WHERE batch_id NOT IN (${activeAirBatchesSql()})`);
    removed += r.n;
  }
  return removed;
}

/** Takes a batch's station-days out with its hourly rows. */
export async function deleteAirStationDays(sql: Sql, batchId: number): Promise<void> {
  for (const t of DERIVED_TABLES) {
    await sql.run(`DELETE FROM ${t} WHERE batch_id = ${Math.trunc(batchId)}`);
  }
}
