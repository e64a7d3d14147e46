// Synthetic hourly air data in SQL (deterministic: the noise is a hash of seed, station and time, not random()).
// Chongqing-like: PM peaks in winter with multi-day episodes shared across the city; O3 peaks on summer
// afternoons; NO2 has rush-hour peaks; a few percent of hours missing, a few station-days out, a few flags.
import type { SampleStation } from './sample-reference.js';
import { sqlString } from '../sql.js';

export function stationValuesSql(stations: SampleStation[]): string {
  const rows = stations.map((s) => `(${sqlString(s.code)}, ${sqlString(s.districtCode)}, ${s.pm25Base})`);
  return `(VALUES ${rows.join(', ')}) AS st(station_code, district_code, pm25_base)`;
}

/** One row per station × hour × pollutant: station_code, time (hour-ending), pollutant, value, flag. */
export function hourlyAirSql(stations: SampleStation[], fromYear: number, toYear: number, seed: number): string {
  // u(...) ∈ (0,1) and z(...) ~ N(0,1), from hashes
  const u = (...k: string[]) => `((hash(${seed}, ${k.join(', ')}) % 1000000)::DOUBLE + 0.5) / 1000000`;
  const z = (...k: string[]) => `(sqrt(-2 * ln(${u(...k, "'a'")})) * cos(2 * pi() * ${u(...k, "'b'")}))`;
  const TAU = '(2 * pi())';
  return `
    WITH hours AS (
      -- hours to come are not data yet: a sample of the current year stops at the current hour
      SELECT t FROM (SELECT unnest(generate_series(TIMESTAMP '${fromYear}-01-01 01:00:00', TIMESTAMP '${toYear + 1}-01-01 00:00:00', INTERVAL 1 HOUR)) AS t)
      WHERE t <= now()::TIMESTAMP
    ),
    days AS (
      SELECT d, dayofyear(d) AS doy, year(d) AS y,
        -- a city-wide weather factor, smoothed over three days so that episodes last
        exp(0.32 * (${z("'city'", 'd::VARCHAR')} + ${z("'city'", '(d - 1)::VARCHAR')} + ${z("'city'", '(d - 2)::VARCHAR')}) / sqrt(3)) AS episode,
        exp(0.22 * ${z("'o3'", 'd::VARCHAR')}) AS o3day
      FROM (SELECT DISTINCT CAST(t - INTERVAL 1 HOUR AS DATE) AS d FROM hours)
    ),
    base AS (
      SELECT st.station_code, h.t, hour(h.t - INTERVAL 1 HOUR) AS hr, dd.doy, dd.y, dd.d, dd.episode, dd.o3day, st.pm25_base,
        exp(0.12 * ${z('st.station_code', 'dd.d::VARCHAR')}) AS site_day,
        ${u('st.station_code', 'dd.d::VARCHAR', "'out'")} < 0.006 AS outage,
        1 - 0.035 * (dd.y - 2021) AS trend
      FROM ${stationValuesSql(stations)}
      CROSS JOIN hours h
      JOIN days dd ON dd.d = CAST(h.t - INTERVAL 1 HOUR AS DATE)
    ),
    conc AS (
      SELECT station_code, t, d, outage,
        pm25_base * trend * (1 + 0.5 * cos(${TAU} * (doy - 12) / 365.25)) * (1 + 0.12 * cos(${TAU} * (hr - 9) / 24))
          * episode * site_day * exp(0.12 * ${z('station_code', 't::VARCHAR', "'pm'")}) AS pm25,
        (1.38 + 0.25 * ${u('station_code', 't::VARCHAR', "'pm10'")}) AS pm10_ratio,
        9 * (1 + 0.3 * cos(${TAU} * (doy - 12) / 365.25)) * sqrt(episode) * exp(0.25 * ${z('station_code', 't::VARCHAR', "'so2'")}) AS so2,
        34 * trend * (1 + 0.18 * cos(${TAU} * (doy - 12) / 365.25)) * (1 + 0.22 * cos(${TAU} * (hr - 8) / 12)) * sqrt(episode)
          * exp(0.2 * ${z('station_code', 't::VARCHAR', "'no2'")}) AS no2,
        0.75 * (1 + 0.3 * cos(${TAU} * (doy - 12) / 365.25)) * sqrt(episode) * exp(0.15 * ${z('station_code', 't::VARCHAR', "'co'")}) AS co,
        greatest(4, 50 * (1 + 0.7 * cos(${TAU} * (doy - 195) / 365.25)) * greatest(0.25, 1 + 0.8 * cos(${TAU} * (hr - 15) / 24))
          * o3day * exp(0.12 * ${z('station_code', 't::VARCHAR', "'o3'")})) AS o3
      FROM base
    ),
    long AS (
      SELECT station_code, t, d, outage, p.pollutant, p.v FROM conc,
        LATERAL (VALUES ('SO2', round(so2)), ('NO2', round(no2)), ('CO', round(co, 1)), ('O3', round(o3)),
                        ('PM10', round(pm25 * pm10_ratio)), ('PM2.5', round(pm25))) p(pollutant, v)
    )
    SELECT station_code, strftime(t, '%Y-%m-%d %H:%M') AS time, pollutant,
      CASE WHEN outage OR ${u('station_code', 't::VARCHAR', 'pollutant', "'miss'")} < 0.03 THEN NULL ELSE v END AS value,
      CASE WHEN NOT outage AND ${u('station_code', 't::VARCHAR', 'pollutant', "'flag'")} < 0.004 THEN
        CASE WHEN ${u('station_code', 't::VARCHAR', "'fk'")} < 0.5 THEN 'H' ELSE 'BB' END END AS flag
    FROM long
    ORDER BY t, station_code, pollutant`;
}

/**
 * Daily figures of the same hours, as a station that reports only daily data would: 24-hour means (20 valid
 * hours at least) and the O3 daily maximum 8-hour mean (8-hour windows ending 08:00–24:00 of the day).
 */
export function dailyAirSql(stations: SampleStation[], fromYear: number, toYear: number, seed: number): string {
  return `
    WITH h AS (
      SELECT station_code, CAST(CAST(time AS TIMESTAMP) - INTERVAL 1 HOUR AS DATE) AS d,
        hour(CAST(time AS TIMESTAMP) - INTERVAL 1 HOUR) + 1 AS k, CAST(time AS TIMESTAMP) AS t, pollutant,
        CASE WHEN flag IS NULL THEN value END AS v
      FROM (${hourlyAirSql(stations, fromYear, toYear, seed)})
    ),
    o3 AS (
      SELECT station_code, d, k,
        CASE WHEN count(v) OVER w >= 6 THEN avg(v) OVER w END AS m8
      FROM h WHERE pollutant = 'O3'
      WINDOW w AS (PARTITION BY station_code ORDER BY t ROWS BETWEEN 7 PRECEDING AND CURRENT ROW)
    ),
    o3_day AS (SELECT station_code, d, max(m8) AS o3_8h FROM o3 WHERE k >= 8 GROUP BY ALL),
    day AS (
      SELECT station_code, d, pollutant, CASE WHEN count(v) >= 20 THEN avg(v) END AS mean FROM h GROUP BY ALL
    )
    SELECT p.station_code, strftime(p.d, '%Y-%m-%d') AS day,
      round(p.SO2) AS so2, round(p.NO2) AS no2, round(p.CO, 1) AS co, round(p.PM10) AS pm10, round(p."PM2.5") AS pm25,
      round(o.o3_8h) AS o3_8h
    FROM (PIVOT day ON pollutant IN ('SO2', 'NO2', 'CO', 'PM10', 'PM2.5') USING first(mean)) p
    LEFT JOIN o3_day o USING (station_code, d)
    WHERE p.d <= current_date
    ORDER BY p.d, p.station_code`;
}
