// Daily air measures, set-based in SQL (HJ 663 validity, HJ 633 AQI). An entity (a district, a control unit
// with city sites inside it, or 'city') takes the mean over its city sites — day by day for 24-h means, hour by
// hour for O3 (air.md):
//   24-h means: station daily means (≥ 20 valid hours) → entity mean of the valid station means;
//   O3: air-o3.ts (entity hourly means → 8-h windows → daily max);
// then IAQI / AQI per entity-day. The hourly rows are not read here: their station-days are summed per batch at
// import (analytics/derived/air-station-days.ts); everything works on a row per station-day or entity-day with its
// pollutants side by side.
import type { Sql } from '../../analytics/workspace.js';
import { registerInYearSql } from '../../analytics/units/unit-plans.js';
import { sqlString } from '../../analytics/sql.js';
import { MIN_HOURS_PER_DAY } from '../../analytics/reference/air-validity.js';
import type { AirEdition } from '../standards/editions.js';
import { DAILY_METRICS, iaqiCaseSql, iaqiOfSql, type AqiMetric } from '../standards/hj633-aqi.js';
import { entityO3Sql } from './air-o3.js';
import { FIRST_DAY_OF, VALID_AIR_VALUE, activeAirBatchesSql, ensureAirStationDays } from '../../analytics/derived/air-station-days.js';

export { MIN_8H_WINDOWS, MIN_HOURS_PER_8H } from './air-o3.js';

export interface AirDailyOptions {
  /** Years covered (inclusive). */
  fromYear: number;
  toYear: number;
  edition: AirEdition;
}

export { roundHalfEvenSql } from '../value-format.js';
import { roundHalfEvenSql } from '../value-format.js';

const DAY_OF_NUMBER = (d: string) => `(DATE '1970-01-01' + (${d})::INTEGER)`;

/** The hourly rows of the years (the range test lets DuckDB skip row groups by their time bounds). Every
 *  station's: the city sites are picked from the grouped rows, which costs less than a semi-join of every row. */
const HOURLY_ROWS = (o: AirDailyOptions) => `
  FROM air_hourly a
  WHERE a.time > TIMESTAMP '${o.fromYear}-01-01 00:00:00' AND a.time <= TIMESTAMP '${o.toYear + 1}-01-01 00:00:00'`;
const CITY_SITE = 'station_code IN (SELECT station_code FROM air_stations WHERE is_city_site)';

/** The city sites' rows of HOURLY_ROWS with their day and hour (1…24): a view for inspection; the measures do not read it. */
const HOURLY_IN_RANGE = (o: AirDailyOptions) => `
  SELECT a.station_code, CAST(a.time - INTERVAL 1 HOUR AS DATE) AS day,
         hour(a.time - INTERVAL 1 HOUR) + 1 AS he, a.pollutant, a.batch_id, ${VALID_AIR_VALUE} AS v
  ${HOURLY_ROWS(o)} AND a.${CITY_SITE}`;

/** Each city site's entities: its district, its control unit in force in `year` (when it lies in one) and the city. */
const SITE_ENTITIES = (year: number) => `
  SELECT station_code, district_code AS entity_code, 'district' AS entity_level FROM air_stations WHERE is_city_site
  UNION ALL
  SELECT station_code, unit_code, 'unit' FROM ${registerInYearSql('air_stations', year)} WHERE is_city_site AND unit_code IS NOT NULL
  UNION ALL
  SELECT station_code, 'city', 'city' FROM air_stations WHERE is_city_site`;

/** The daily metrics, each with its column in the side-by-side tables and its published decimals. */
const METRICS: { metric: AqiMetric; pollutant: string; column: string; decimals: number }[] = [
  { metric: 'SO2_24H', pollutant: 'SO2', column: 'so2', decimals: 0 },
  { metric: 'NO2_24H', pollutant: 'NO2', column: 'no2', decimals: 0 },
  { metric: 'CO_24H', pollutant: 'CO', column: 'co', decimals: 1 },
  { metric: 'PM10_24H', pollutant: 'PM10', column: 'pm10', decimals: 0 },
  { metric: 'PM2.5_24H', pollutant: 'PM2.5', column: 'pm25', decimals: 0 },
  { metric: 'O3_8H', pollutant: 'O3', column: 'o3_8h', decimals: 0 },
  { metric: 'O3_1H', pollutant: 'O3', column: 'o3_1h', decimals: 0 },
];
const DAILY_24H = METRICS.filter((m) => m.pollutant !== 'O3');
const list = <T>(xs: T[], f: (x: T) => string) => xs.map(f).join(', ');

/** The station-days of the years from the active batches (analytics/derived/air-station-days.ts). */
const STATION_DAYS = (table: string, o: AirDailyOptions) => `
  FROM ${table} WHERE d >= ${FIRST_DAY_OF(o.fromYear)} AND d < ${FIRST_DAY_OF(o.toYear + 1)}
    AND batch_id IN (${activeAirBatchesSql()})`;

/**
 * Reads the station-days summed per batch when the hourly rows were imported (summing batches that came another
 * way first), not the hourly table:
 *   zt_station_parts(station_code, d, pollutant, batch_id, s, n): sums and counts of the valid values per
 *     station-day (d: day number) of the 24-h pollutants, per batch for the lineage;
 *   zt_station_wide(station_code, d, so2, no2, co, pm10, pm25): every station's daily means (≥ 20 valid hours),
 *     the city sites' also seen row by row as the view zt_station_daily(station_code, day, metric, conc);
 *   zt_station_o3(station_code, d, batch_id, h0 … h23): each station-day's O3 hours side by side;
 *   zt_entity_o3(entity_code, day, o3_8h, o3_1h) from the entities' hourly means (air-o3.ts);
 *   zt_station_batches(station_code, y, batch_id): the hourly batches behind each station-year.
 * Only the city sites count, but they are picked where the stations meet zt_site_entities (city sites only), on a
 * row per station-day or station-year: a semi-join on the city sites of every station-day-pollutant row cost
 * about a tenth of the compute (EXPLAIN ANALYZE, city scale).
 * Also zt_site_entities and the view zt_hourly (the caller drops them all: dropAirDaily).
 */
export async function buildStationDaily(sql: Sql, o: AirDailyOptions): Promise<void> {
  await ensureAirStationDays(sql);
  await sql.run(`
    CREATE OR REPLACE TEMP TABLE zt_site_entities AS ${SITE_ENTITIES(o.toYear)};
    CREATE OR REPLACE TEMP VIEW zt_hourly AS ${HOURLY_IN_RANGE(o)};
    CREATE OR REPLACE TEMP TABLE zt_station_parts AS
    SELECT station_code, d, pollutant, batch_id, s, n ${STATION_DAYS('air_station_day_sums', o)};
    CREATE OR REPLACE TEMP TABLE zt_station_wide AS
    SELECT station_code, d, ${list(DAILY_24H, (m) => `CASE WHEN sum(n) FILTER (WHERE pollutant = '${m.pollutant}') >= ${MIN_HOURS_PER_DAY}
             THEN sum(s) FILTER (WHERE pollutant = '${m.pollutant}') / sum(n) FILTER (WHERE pollutant = '${m.pollutant}') END AS ${m.column}`)}
    FROM zt_station_parts GROUP BY station_code, d;
    CREATE OR REPLACE TEMP VIEW zt_station_daily AS
    SELECT station_code, ${DAY_OF_NUMBER('d')} AS day, m.metric, m.conc
    FROM (SELECT station_code, d, unnest([${list(DAILY_24H, (m) => `{'metric': '${m.metric}', 'conc': ${m.column}}`)}]) AS m FROM zt_station_wide
          WHERE ${CITY_SITE})
    WHERE m.conc IS NOT NULL;
    CREATE OR REPLACE TEMP TABLE zt_station_o3 AS
    SELECT station_code, d, batch_id, ${list(Array.from({ length: 24 }, (_, k) => k), (k) => `h${k}`)} ${STATION_DAYS('air_station_o3_days', o)};
    CREATE OR REPLACE TEMP TABLE zt_station_batches AS
    SELECT DISTINCT station_code, year(${DAY_OF_NUMBER('d')}) AS y, batch_id
    FROM (SELECT station_code, d, batch_id FROM zt_station_parts UNION ALL SELECT station_code, d, batch_id FROM zt_station_o3);
    CREATE OR REPLACE TEMP TABLE zt_entity_o3 AS
    SELECT entity_code, ${DAY_OF_NUMBER('d')} AS day, o3_8h, o3_1h FROM (${entityO3Sql('zt_station_o3', 'zt_site_entities')});
  `);
}

/**
 * Builds, for every district, unit with sites, and 'city':
 *   zt_entity_wide(entity_code, day, so2 … o3_1h, so2_r … o3_1h_r): the day's values side by side, with each
 *     rounded as daily values are published (CO to 0.1 mg/m³, others to 1 μg/m³, GB/T 8170 round-half-even) —
 *     the rounded ones feed the AQI;
 *   zt_entity_daily(entity_code, day, metric, conc, conc_r): the same, a row per value present.
 */
export async function buildEntityDaily(sql: Sql): Promise<void> {
  await sql.run(`
    CREATE OR REPLACE TEMP TABLE zt_entity_wide AS
    SELECT *, ${list(METRICS, (m) => `${roundHalfEvenSql(m.column, m.decimals)} AS ${m.column}_r`)}
    FROM (
      SELECT e.entity_code, ${DAY_OF_NUMBER('w.d')} AS day, ${list(DAILY_24H, (m) => `avg(w.${m.column}) AS ${m.column}`)}
      FROM zt_station_wide w JOIN zt_site_entities e USING (station_code) GROUP BY ALL
    ) FULL JOIN zt_entity_o3 USING (entity_code, day);
    CREATE OR REPLACE TEMP TABLE zt_entity_daily AS
    SELECT entity_code, day, m.metric, m.conc, m.conc_r
    FROM (SELECT entity_code, day, unnest([${list(METRICS, (m) => `{'metric': '${m.metric}', 'conc': ${m.column}, 'conc_r': ${m.column}_r}`)}]) AS m
          FROM zt_entity_wide)
    WHERE m.conc IS NOT NULL;
  `);
}

/** SQL computing IAQI for rows of `input` (entity_code, day, metric, conc_r) under one edition. */
export function iaqiSql(input: string, edition: AirEdition): string {
  return `
    SELECT i.entity_code, i.day, i.metric, i.conc_r, ${iaqiCaseSql('i.metric', 'i.conc_r', edition)} AS iaqi
    FROM ${input} i
    WHERE i.metric IN (${DAILY_METRICS[edition].map(sqlString).join(', ')})`;
}

/**
 * Builds zt_entity_aqi(entity_code, day, aqi, primary_pollutants, valid) from zt_entity_wide: a day has a valid
 * AQI when every concentration its edition uses is valid (IAQI of the O3 8-h value may be absent above 800 in 2012).
 * 首要污染物: the pollutants (O3 once for its 1-h and 8-h values) whose IAQI is the day's AQI, when above 50.
 */
export async function buildEntityAqi(sql: Sql, edition: AirEdition): Promise<void> {
  const used = METRICS.filter((m) => DAILY_METRICS[edition].includes(m.metric));
  await sql.run(`
    CREATE OR REPLACE TEMP TABLE zt_entity_aqi AS
    SELECT entity_code, day, aqi,
           CASE WHEN aqi > 50 THEN list_sort(list_distinct([x.p FOR x IN iaqis IF x.i = aqi])) END AS primary_pollutants,
           valid
    FROM (
      SELECT entity_code, day, greatest(${list(used, (m) => `i_${m.column}`)}) AS aqi,
             [${list(used, (m) => `{'p': '${m.pollutant}', 'i': i_${m.column}}`)}] AS iaqis,
             ${used.map((m) => `${m.column}_r IS NOT NULL`).join(' AND ')} AS valid
      FROM (SELECT *, ${list(used, (m) => `${iaqiOfSql(m.metric, `${m.column}_r`, edition)} AS i_${m.column}`)} FROM zt_entity_wide
            WHERE ${used.map((m) => `${m.column} IS NOT NULL`).join(' OR ')})
    )`);
}

/** Drops what buildAirDaily made (inside the caller's transaction; a rollback would drop them too). */
export async function dropAirDaily(sql: Sql): Promise<void> {
  for (const v of ['zt_hourly', 'zt_station_daily']) await sql.run(`DROP VIEW IF EXISTS ${v}`);
  for (const t of ['zt_site_entities', 'zt_station_parts', 'zt_station_wide', 'zt_station_o3', 'zt_station_batches',
    'zt_entity_o3', 'zt_entity_wide', 'zt_entity_daily', 'zt_entity_aqi']) {
    await sql.run(`DROP TABLE IF EXISTS ${t}`);
  }
}

export async function buildAirDaily(sql: Sql, o: AirDailyOptions): Promise<void> {
  await buildStationDaily(sql, o);
  await buildEntityDaily(sql);
  await buildEntityAqi(sql, o.edition);
}
