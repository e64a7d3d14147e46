// O3 per entity-day (air.md, HJ 663): the entity's hourly means over its city sites → 8-h sliding means over the
// windows ending 08:00–24:00 (each ≥ 6 valid hours) → the daily max 8-h, valid with ≥ 14 valid windows or when
// it exceeds the grade-2 limit anyway; the daily max 1-h value is kept on the days whose 8-h value is valid [I].
// A station-day's 24 hours are laid side by side in one row, so that the entities' hourly means and the windows
// are column arithmetic on a row per day rather than a sort of every hour.
import { O3_8H_LIMIT_GRADE2 } from '../standards/gb3095-limits.js';

export const MIN_HOURS_PER_8H = 6;
export const MIN_8H_WINDOWS = 14;

const HOURS = Array.from({ length: 24 }, (_, k) => k);
/** The 8-h windows of a day by their last hour (hour-ending 8…24 = index 7…23). */
const WINDOW_ENDS = HOURS.filter((k) => k >= 7);
const list = (f: (k: number) => string, ks: number[] = HOURS) => ks.map(f).join(', ');

/**
 * SQL over rows (…, m0 … m23) of entity hourly means: those columns and the day's 8-h means w7 … w23 (NULL with
 * fewer than 6 valid hours). Each window adds two 4-hour partial sums, themselves two 2-hour ones, so that the
 * 17 windows share their additions.
 */
function windowsSql(hourlyMeans: string): string {
  return `
    SELECT *, ${list((k) => `CASE WHEN cq${k - 7} + cq${k - 3} >= ${MIN_HOURS_PER_8H} THEN (zq${k - 7} + zq${k - 3}) / (cq${k - 7} + cq${k - 3}) END AS w${k}`, WINDOW_ENDS)}
    FROM (SELECT *, ${list((j) => `zp${j} + zp${j + 2} AS zq${j}, cp${j} + cp${j + 2} AS cq${j}`, HOURS.slice(0, 21))}
    FROM (SELECT *, ${list((j) => `z${j} + z${j + 1} AS zp${j}, c${j} + c${j + 1} AS cp${j}`, HOURS.slice(0, 23))}
    FROM (SELECT *, ${list((k) => `coalesce(m${k}, 0) AS z${k}, (m${k} IS NOT NULL)::INTEGER AS c${k}`)}
    FROM (${hourlyMeans}))))`;
}

/**
 * SQL: rows (entity_code, d, o3_8h, o3_1h) of the entity-days with a valid daily max 8-h value, from `stationDays`
 * (rows of stationO3DaysSql in analytics/derived/air-station-days.ts) and `siteEntities` (station_code, entity_code) — the city sites' entities.
 */
export function entityO3Sql(stationDays: string, siteEntities: string): string {
  const hourlyMeans = `
    SELECT e.entity_code, o.d, ${list((k) => `avg(o.h${k}) AS m${k}`)}
    FROM ${stationDays} o JOIN ${siteEntities} e USING (station_code) GROUP BY ALL`;
  return `
    SELECT entity_code, d, greatest(${list((k) => `w${k}`, WINDOW_ENDS)}) AS o3_8h, greatest(${list((k) => `m${k}`)}) AS o3_1h
    FROM (${windowsSql(hourlyMeans)})
    WHERE ${WINDOW_ENDS.map((k) => `(w${k} IS NOT NULL)::INTEGER`).join(' + ')} >= ${MIN_8H_WINDOWS} OR o3_8h > ${O3_8H_LIMIT_GRADE2}`;
}
