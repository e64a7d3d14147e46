// Annual air measures per entity (district or city) and year, from the daily tables of air-daily.ts.
// Validity (GB 3095 table 4 / HJ 663): an annual mean needs ≥ 324 valid days and ≥ 27 per month (25 in
// February). The same day count is required of the good-day ratio and heavy-pollution days [I].
import type { Sql } from '../../analytics/workspace.js';

export const MIN_DAYS_PER_YEAR = 324;
export const MIN_DAYS_PER_MONTH = 27;
export const MIN_DAYS_IN_FEBRUARY = 25;

export type AirMeasureId = 'air.pm25_annual_mean' | 'air.good_day_ratio' | 'air.heavy_pollution_days';

/** Measures whose value depends on the AQI edition (HJ 633-2012 or -2026). */
export const AQI_BASED_MEASURES: ReadonlySet<string> = new Set(['air.good_day_ratio', 'air.heavy_pollution_days']);

/** Why a measure's value does not meet its validity rule (shown as 数据不足). */
export const INVALID_REASON: Record<AirMeasureId, string> = {
  'air.pm25_annual_mean': '有效日均值不足（全年须不少于324天、每月不少于27天，2月不少于25天）',
  'air.good_day_ratio': '有效AQI天数不足324天',
  'air.heavy_pollution_days': '有效AQI天数不足324天',
};

export interface MeasureRow {
  measure: string;
  entity_code: string;
  year: number;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  /** Valid days / days in the year. */
  completeness: number;
  /** Meets the validity rule; a value that does not is reported as 数据不足. */
  valid: boolean;
  batches: number[];
}

const DAYS_IN_YEAR = (y: string) => `(CASE WHEN ${y} % 4 = 0 AND (${y} % 100 <> 0 OR ${y} % 400 = 0) THEN 366 ELSE 365 END)`;
const MONTH_MIN = `CASE WHEN m = 2 THEN ${MIN_DAYS_IN_FEBRUARY} ELSE ${MIN_DAYS_PER_MONTH} END`;

/** Reads the annual measures of every entity and year present in the daily tables. */
export async function readAirAnnual(sql: Sql): Promise<MeasureRow[]> {
  return sql.all<MeasureRow>(`
    WITH lineage AS (
      -- the hourly batches that fed each entity-year, and the station lists that made the sites city sites
      SELECT entity_code, y, list(DISTINCT batch_id ORDER BY batch_id) AS batches FROM (
        SELECT district_code AS entity_code, year(day) AS y, batch_id FROM zt_hourly
        UNION ALL
        SELECT 'city', year(day), batch_id FROM zt_hourly
        UNION ALL
        SELECT h.entity_code, h.y, s.batch_id FROM air_stations s
          JOIN (SELECT DISTINCT station_code, district_code AS entity_code, year(day) AS y FROM zt_hourly) h USING (station_code)
        UNION ALL
        SELECT 'city', h.y, s.batch_id FROM air_stations s
          JOIN (SELECT DISTINCT station_code, year(day) AS y FROM zt_hourly) h USING (station_code)
      ) GROUP BY ALL
    ),
    pm_month AS (
      SELECT entity_code, year(day) AS y, month(day) AS m, count(*) AS n, sum(conc) AS s
      FROM zt_entity_daily WHERE metric = 'PM2.5_24H' GROUP BY ALL
    ),
    pm AS (
      SELECT entity_code, y, sum(s) AS num, sum(n) AS den,
             sum(n) >= ${MIN_DAYS_PER_YEAR} AND count(*) FILTER (WHERE n >= ${MONTH_MIN}) = 12 AS valid
      FROM pm_month GROUP BY ALL
    ),
    aqi AS (
      SELECT entity_code, year(day) AS y, count(*) AS den,
             count(*) FILTER (WHERE aqi <= 100) AS good, count(*) FILTER (WHERE aqi > 200) AS heavy
      FROM zt_entity_aqi WHERE valid GROUP BY ALL
    ),
    measures AS (
      SELECT 'air.pm25_annual_mean' AS measure, entity_code, y, round_even(num / den, 0) AS value, num, den, valid FROM pm
      UNION ALL
      SELECT 'air.good_day_ratio', entity_code, y, round_even(good / den * 100, 1), good, den, den >= ${MIN_DAYS_PER_YEAR} FROM aqi
      UNION ALL
      SELECT 'air.heavy_pollution_days', entity_code, y, heavy, heavy, den, den >= ${MIN_DAYS_PER_YEAR} FROM aqi
    )
    SELECT m.measure, m.entity_code, m.y::INTEGER AS year, m.value::DOUBLE AS value, m.num::DOUBLE AS numerator,
           m.den::DOUBLE AS denominator, round(m.den / ${DAYS_IN_YEAR('m.y')}, 4) AS completeness, m.valid,
           coalesce(l.batches, []) AS batches
    FROM measures m LEFT JOIN lineage l ON l.entity_code = m.entity_code AND l.y = m.y
    ORDER BY m.measure, m.entity_code, m.y`);
}
