// Daily air measures, set-based in SQL (HJ 663 validity, HJ 633 AQI). An entity (a district, a control unit
// with city sites inside it, or 'city') takes the mean over its city sites — day by day for 24-h means, hour by hour for O3 (air.md):
//   24-h means: station daily means (≥ 20 valid hours) → entity mean of the valid station means;
//   O3: entity hourly means → 8-h sliding means over the windows ending 08:00–24:00 (each ≥ 6 valid hours),
//       daily max valid with ≥ 14 valid windows or when it exceeds the limit anyway; the daily max 1-h value
//       is taken on the days whose 8-h value is valid [I];
// then IAQI / AQI per entity-day.
import type { Sql } from '../../analytics/workspace.js';
import { sqlString } from '../../analytics/sql.js';
import { MIN_HOURS_PER_DAY, validFlagSql } from '../../analytics/reference/air-validity.js';
import type { AirEdition } from '../standards/editions.js';
import { DAILY_METRICS, iaqiCaseSql } from '../standards/hj633-aqi.js';
import { O3_8H_LIMIT_GRADE2 } from '../standards/gb3095-limits.js';

export const MIN_HOURS_PER_8H = 6;
export const MIN_8H_WINDOWS = 14;

export interface AirDailyOptions {
  /** Years covered (inclusive). */
  fromYear: number;
  toYear: number;
  edition: AirEdition;
}

/**
 * SQL: GB/T 8170 rounding (round half to even) of a non-negative DOUBLE to `decimals`. A value within 1e-9 of a
 * half step is that half (the data have one or two decimals, and a mean such as 2.45 must round to 2.4 whatever
 * float noise it carries; DuckDB's round_even rounds that double up).
 */
export function roundHalfEvenSql(x: string, decimals: number): string {
  const y = `((${x}) * ${10 ** decimals})`;
  return `(CASE WHEN abs(${y} - floor(${y}) - 0.5) < 1e-9 THEN floor(${y}) + (floor(${y}) % 2 <> 0)::INTEGER ELSE round(${y}) END / ${10 ** decimals})`;
}

/** Hour-ending time t belongs to the day of t − 1 hour and is that day's hour (1…24). As integers (a day or hour
 *  number since 1970) the keys group far faster than a DATE cast of every row. */
const HOUR_NUMBER = (t: string) => `((epoch_us(${t}) - 3600000000) // 3600000000)`;
const DAY_NUMBER = (t: string) => `((epoch_us(${t}) - 3600000000) // 86400000000)`;
const DAY_OF_NUMBER = (d: string) => `(DATE '1970-01-01' + (${d})::INTEGER)`;
const VALID_VALUE = `CASE WHEN ${validFlagSql('a.flag')} THEN a.value END`;

/** The city sites' hourly rows of the years (the range test lets DuckDB skip row groups by their time bounds). */
const HOURLY_ROWS = (o: AirDailyOptions) => `
  FROM air_hourly a
  WHERE a.time > TIMESTAMP '${o.fromYear}-01-01 00:00:00' AND a.time <= TIMESTAMP '${o.toYear + 1}-01-01 00:00:00'
    AND a.station_code IN (SELECT station_code FROM air_stations WHERE is_city_site)`;

/** The rows of HOURLY_ROWS with their day and hour (1…24); a view kept for inspection, not read by the measures. */
const HOURLY_IN_RANGE = (o: AirDailyOptions) => `
  SELECT a.station_code, CAST(a.time - INTERVAL 1 HOUR AS DATE) AS day,
         hour(a.time - INTERVAL 1 HOUR) + 1 AS he, a.pollutant, a.batch_id, ${VALID_VALUE} AS v
  ${HOURLY_ROWS(o)}`;

/** Each city site's entities: its district, its control unit (when it lies in one) and the city. */
const SITE_ENTITIES = `
  SELECT station_code, district_code AS entity_code, 'district' AS entity_level FROM air_stations WHERE is_city_site
  UNION ALL
  SELECT station_code, unit_code, 'unit' FROM air_stations WHERE is_city_site AND unit_code IS NOT NULL
  UNION ALL
  SELECT station_code, 'city', 'city' FROM air_stations WHERE is_city_site`;

const HOURS = Array.from({ length: 24 }, (_, k) => k);
/** The 8-h windows of a day by their last hour (1-based hour-ending 8…24 = index 7…23). */
const WINDOW_ENDS = HOURS.filter((k) => k >= 7);

/**
 * Reads the hourly table twice, each time only the columns and row groups it needs (no copy of it is made):
 *   zt_station_parts(station_code, day, pollutant, batch_id, s, n): sums and counts of the valid values per
 *     station-day of the 24-h pollutants (per batch, for lineage), and from it
 *     zt_station_daily(station_code, day, metric, conc) for the days with ≥ 20 valid hours;
 *   zt_station_o3(station_code, day, batch_id, h0 … h23): each station-day's O3 hours side by side, so that the
 *     entities' hourly means and 8-h windows are column arithmetic on a row per day, not a sort of every hour;
 *   zt_entity_o3(entity_code, day, o3_8h, o3_1h) from the entities' hourly means;
 *   zt_station_batches(station_code, y, batch_id): the hourly batches behind each station-year.
 * Also zt_site_entities and the view zt_hourly of the same rows (kept for inspection; the caller drops both).
 */
export async function buildStationDaily(sql: Sql, o: AirDailyOptions): Promise<void> {
  const valid8h = (k: number) => `(${HOURS.slice(k - 7, k + 1).map((j) => `(n${j} > 0)::INTEGER`).join(' + ')})`;
  const mean8h = (k: number) => `(${HOURS.slice(k - 7, k + 1).map((j) => `coalesce(s${j} / n${j}, 0)`).join(' + ')}) / ${valid8h(k)}`;
  const windows = WINDOW_ENDS.map((k) => `CASE WHEN ${valid8h(k)} >= ${MIN_HOURS_PER_8H} THEN ${mean8h(k)} END`);
  await sql.run(`
    CREATE OR REPLACE TEMP TABLE zt_site_entities AS ${SITE_ENTITIES};
    CREATE OR REPLACE TEMP VIEW zt_hourly AS ${HOURLY_IN_RANGE(o)};
    CREATE OR REPLACE TEMP TABLE zt_station_parts AS
    SELECT a.station_code, ${DAY_NUMBER('a.time')} AS d, a.pollutant, a.batch_id,
           sum(${VALID_VALUE}) AS s, count(${VALID_VALUE}) AS n
    ${HOURLY_ROWS(o)} AND a.pollutant <> 'O3'
    GROUP BY ALL;
    CREATE OR REPLACE TEMP TABLE zt_station_daily AS
    SELECT station_code, ${DAY_OF_NUMBER('d')} AS day, pollutant || '_24H' AS metric, sum(s) / sum(n) AS conc
    FROM zt_station_parts GROUP BY station_code, d, pollutant HAVING sum(n) >= ${MIN_HOURS_PER_DAY};
    CREATE OR REPLACE TEMP TABLE zt_station_o3 AS
    SELECT station_code, h // 24 AS d, batch_id, ${HOURS.map((k) => `max(v) FILTER (h % 24 = ${k}) AS h${k}`).join(', ')}
    FROM (SELECT a.station_code, a.batch_id, ${HOUR_NUMBER('a.time')} AS h, ${VALID_VALUE} AS v ${HOURLY_ROWS(o)} AND a.pollutant = 'O3')
    GROUP BY ALL;
    CREATE OR REPLACE TEMP TABLE zt_station_batches AS
    SELECT DISTINCT station_code, year(${DAY_OF_NUMBER('d')}) AS y, batch_id
    FROM (SELECT station_code, d, batch_id FROM zt_station_parts UNION ALL SELECT station_code, d, batch_id FROM zt_station_o3);
    CREATE OR REPLACE TEMP TABLE zt_entity_o3 AS
    WITH hourly AS (
      -- the entity's hourly sums and counts of valid station values (a station has one value an hour)
      SELECT e.entity_code, o.d, ${HOURS.map((k) => `sum(o.h${k}) AS s${k}, count(o.h${k}) AS n${k}`).join(', ')}
      FROM zt_station_o3 o JOIN zt_site_entities e USING (station_code) GROUP BY ALL
    ),
    windows AS (
      SELECT entity_code, d, [${windows.join(', ')}] AS m8, [${HOURS.map((k) => `s${k} / n${k}`).join(', ')}] AS hourly
      FROM hourly
    )
    SELECT entity_code, ${DAY_OF_NUMBER('d')} AS day, list_max(m8) AS o3_8h, list_max(hourly) AS o3_1h
    FROM windows
    WHERE list_count(m8) >= ${MIN_8H_WINDOWS} OR list_max(m8) > ${O3_8H_LIMIT_GRADE2};
  `);
}

/**
 * Builds zt_entity_daily(entity_code, day, metric, conc, conc_r) for every district, unit with sites, and 'city';
 * conc_r is rounded as daily values are published (CO to 0.1 mg/m³, others to 1 μg/m³, GB/T 8170
 * round-half-even) and feeds the AQI.
 */
export async function buildEntityDaily(sql: Sql): Promise<void> {
  await sql.run(`
    CREATE OR REPLACE TEMP TABLE zt_entity_daily AS
    SELECT entity_code, day, metric, conc,
           CASE WHEN metric = 'CO_24H' THEN ${roundHalfEvenSql('conc', 1)} ELSE ${roundHalfEvenSql('conc', 0)} END AS conc_r
    FROM (
      SELECT e.entity_code, d.day, d.metric, avg(d.conc) AS conc
      FROM zt_station_daily d JOIN zt_site_entities e USING (station_code) GROUP BY ALL
      UNION ALL
      SELECT entity_code, day, 'O3_8H', o3_8h FROM zt_entity_o3
      UNION ALL
      SELECT entity_code, day, 'O3_1H', o3_1h FROM zt_entity_o3
    )`);
}

/** SQL computing IAQI for rows of `input` (entity_code, day, metric, conc_r) under one edition. */
export function iaqiSql(input: string, edition: AirEdition): string {
  return `
    SELECT i.entity_code, i.day, i.metric, i.conc_r, ${iaqiCaseSql('i.metric', 'i.conc_r', edition)} AS iaqi
    FROM ${input} i
    WHERE i.metric IN (${DAILY_METRICS[edition].map(sqlString).join(', ')})`;
}

/**
 * Builds zt_entity_aqi(entity_code, day, aqi, primary_pollutants, valid): a day has a valid AQI when every
 * concentration its edition uses is valid (IAQI of the O3 8-h value may be absent above 800 in 2012).
 * 首要污染物: the pollutants (O3 once for its 1-h and 8-h values) whose IAQI is the day's AQI, when above 50.
 */
export async function buildEntityAqi(sql: Sql, edition: AirEdition): Promise<void> {
  const needed = DAILY_METRICS[edition].length;
  await sql.run(`
    CREATE OR REPLACE TEMP TABLE zt_entity_aqi AS
    SELECT entity_code, day, aqi,
           CASE WHEN aqi > 50 THEN list_sort(list_distinct([x.p FOR x IN iaqis IF x.i = aqi])) END AS primary_pollutants,
           n = ${needed} AS valid
    FROM (
      SELECT entity_code, day, max(iaqi) AS aqi, list({'p': split_part(metric, '_', 1), 'i': iaqi}) AS iaqis, count(*) AS n
      FROM (${iaqiSql('zt_entity_daily', edition)}) GROUP BY entity_code, day
    )`);
}

/** Drops what buildAirDaily made (inside the caller's transaction; a rollback would drop them too). */
export async function dropAirDaily(sql: Sql): Promise<void> {
  await sql.run('DROP VIEW IF EXISTS zt_hourly');
  for (const t of ['zt_site_entities', 'zt_station_parts', 'zt_station_daily', 'zt_station_o3', 'zt_station_batches',
    'zt_entity_o3', 'zt_entity_daily', 'zt_entity_aqi']) {
    await sql.run(`DROP TABLE IF EXISTS ${t}`);
  }
}

export async function buildAirDaily(sql: Sql, o: AirDailyOptions): Promise<void> {
  await buildStationDaily(sql, o);
  await buildEntityDaily(sql);
  await buildEntityAqi(sql, o.edition);
}
