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
import { breakpointValuesSql, DAILY_METRICS, O3_8H_OVER_800, BREAKPOINTS } from '../standards/hj633-aqi.js';
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

/** Hour-ending time t belongs to the day of t − 1 hour and is that day's hour (1…24). */
const HOURLY_IN_RANGE = (o: AirDailyOptions) => `
  SELECT a.station_code, CAST(a.time - INTERVAL 1 HOUR AS DATE) AS day,
         hour(a.time - INTERVAL 1 HOUR) + 1 AS he, a.pollutant, a.batch_id,
         CASE WHEN ${validFlagSql('a.flag')} THEN a.value END AS v
  FROM air_hourly a JOIN air_stations s USING (station_code)
  WHERE s.is_city_site
    AND a.time > TIMESTAMP '${o.fromYear}-01-01 00:00:00' AND a.time <= TIMESTAMP '${o.toYear + 1}-01-01 00:00:00'`;

/** Each city site's entities: its district, its control unit (when it lies in one) and the city. */
const SITE_ENTITIES = `
  SELECT station_code, district_code AS entity_code, 'district' AS entity_level FROM air_stations WHERE is_city_site
  UNION ALL
  SELECT station_code, unit_code, 'unit' FROM air_stations WHERE is_city_site AND unit_code IS NOT NULL
  UNION ALL
  SELECT station_code, 'city', 'city' FROM air_stations WHERE is_city_site`;

/**
 * Builds zt_site_entities, zt_hourly (a view of the city sites' hourly values of the years: scanning the
 * columnar table again is cheaper than copying it; the caller drops it), zt_station_daily(station_code, day, metric, conc) for the 24-h means, and
 * zt_entity_o3(entity_code, day, o3_8h, o3_1h) from the entities' hourly means.
 */
export async function buildStationDaily(sql: Sql, o: AirDailyOptions): Promise<void> {
  await sql.run(`
    CREATE OR REPLACE TEMP TABLE zt_site_entities AS ${SITE_ENTITIES};
    CREATE OR REPLACE TEMP VIEW zt_hourly AS ${HOURLY_IN_RANGE(o)};
    CREATE OR REPLACE TEMP TABLE zt_station_daily AS
    SELECT station_code, day, pollutant || '_24H' AS metric, avg(v) AS conc
      FROM zt_hourly WHERE pollutant <> 'O3'
      GROUP BY ALL HAVING count(v) >= ${MIN_HOURS_PER_DAY};
    CREATE OR REPLACE TEMP TABLE zt_entity_o3 AS
    WITH hourly AS (
      SELECT e.entity_code, h.day, h.he, avg(h.v) AS v
      FROM zt_hourly h JOIN zt_site_entities e USING (station_code) WHERE h.pollutant = 'O3' GROUP BY ALL
    ),
    windows AS (
      SELECT g.entity_code, g.day, r.he, h.v,
             CASE WHEN count(h.v) OVER w >= ${MIN_HOURS_PER_8H} THEN avg(h.v) OVER w END AS m8
      FROM (SELECT DISTINCT entity_code, day FROM hourly) g
      CROSS JOIN range(1, 25) r(he)
      LEFT JOIN hourly h ON h.entity_code = g.entity_code AND h.day = g.day AND h.he = r.he
      WINDOW w AS (PARTITION BY g.entity_code, g.day ORDER BY r.he ROWS BETWEEN 7 PRECEDING AND CURRENT ROW)
    )
    SELECT entity_code, day, max(m8) FILTER (WHERE he >= 8) AS o3_8h, max(v) AS o3_1h
    FROM windows GROUP BY ALL
    HAVING count(m8) FILTER (WHERE he >= 8) >= ${MIN_8H_WINDOWS} OR max(m8) FILTER (WHERE he >= 8) > ${O3_8H_LIMIT_GRADE2};
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
  const tops = Object.entries(BREAKPOINTS[edition]).map(([m, bps]) => `WHEN '${m}' THEN ${bps.at(-1)}`).join(' ');
  const over800 = O3_8H_OVER_800[edition];
  return `
    SELECT i.entity_code, i.day, i.metric, i.conc_r,
      CASE
        WHEN i.metric = 'O3_8H' AND i.conc_r > 800 THEN ${over800 === null ? 'NULL' : over800}
        WHEN i.conc_r > (CASE i.metric ${tops} END) THEN 500
        -- round(…, 9) first so that a value that is an integer up to float error is not pushed up by ceil
        ELSE ceil(round((bp.iaqi_hi - bp.iaqi_lo) / (bp.c_hi - bp.c_lo) * (i.conc_r - bp.c_lo) + bp.iaqi_lo, 9))
      END::INTEGER AS iaqi
    FROM ${input} i
    LEFT JOIN ${breakpointValuesSql()}
      ON bp.edition = '${edition}' AND bp.metric = i.metric
     AND (i.conc_r > bp.c_lo OR (bp.c_lo = 0 AND i.conc_r >= 0)) AND i.conc_r <= bp.c_hi
    WHERE i.metric IN (${DAILY_METRICS[edition].map(sqlString).join(', ')})`;
}

/**
 * Builds zt_entity_aqi(entity_code, day, aqi, primary_pollutants, valid): a day has a valid AQI when every
 * concentration its edition uses is valid (IAQI of the O3 8-h value may be absent above 800 in 2012).
 */
export async function buildEntityAqi(sql: Sql, edition: AirEdition): Promise<void> {
  const needed = DAILY_METRICS[edition].length;
  await sql.run(`
    CREATE OR REPLACE TEMP TABLE zt_entity_iaqi AS ${iaqiSql('zt_entity_daily', edition)};
    CREATE OR REPLACE TEMP TABLE zt_entity_aqi AS
    SELECT entity_code, day, max(iaqi) AS aqi,
           CASE WHEN max(iaqi) > 50 THEN list(DISTINCT split_part(metric, '_', 1) ORDER BY split_part(metric, '_', 1))
                FILTER (WHERE is_max) END AS primary_pollutants,
           count(*) = ${needed} AS valid
    FROM (SELECT *, iaqi = max(iaqi) OVER (PARTITION BY entity_code, day) AS is_max FROM zt_entity_iaqi)
    GROUP BY entity_code, day`);
}

export async function buildAirDaily(sql: Sql, o: AirDailyOptions): Promise<void> {
  await buildStationDaily(sql, o);
  await buildEntityDaily(sql);
  await buildEntityAqi(sql, o.edition);
}
