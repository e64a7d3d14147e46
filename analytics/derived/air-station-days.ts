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

/** Sums the station-days of the given batches (their hourly rows must be in air_hourly). */
async function sumBatches(sql: Sql, batchIds: number[]): Promise<void> {
  const ids = batchIds.join(', ');
  await sql.run(`
    INSERT INTO air_station_day_sums (batch_id, station_code, d, pollutant, s, n)
    SELECT a.batch_id, a.station_code, ${DAY_NUMBER('a.time')} AS d, a.pollutant, sum(${VALID_AIR_VALUE}), count(${VALID_AIR_VALUE})
    FROM air_hourly a WHERE a.batch_id IN (${ids}) AND a.pollutant <> 'O3'
    GROUP BY ALL;
    INSERT INTO air_station_o3_days (station_code, d, batch_id, ${HOURS.map((k) => `h${k}`).join(', ')})
    ${stationO3DaysSql(`SELECT a.station_code, a.batch_id, ${HOUR_NUMBER('a.time')} // 24 AS d,
      (${HOUR_NUMBER('a.time')} % 24)::TINYINT AS k, ${VALID_AIR_VALUE} AS v
      FROM air_hourly a WHERE a.batch_id IN (${ids}) AND a.pollutant = 'O3'`)};
    INSERT INTO air_station_days_built (batch_id) SELECT unnest([${ids}]);
  `);
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
