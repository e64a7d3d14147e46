// The middle level of a drill-down: the days behind an annual air value — for the entity (a district, a unit or the
// city) and the pollutant of the indicator's measure, each day's mean over the entity's city sites, the valid hours
// and sites, and whether the day counts (a site-day counts with ≥ 20 valid hours, HJ 663). Read from the station-day
// sums kept per import batch (analytics/derived/air-station-days.ts), never from the hourly table.
import type { Sql } from '../../analytics/workspace.js';
import { MIN_HOURS_PER_DAY } from '../../analytics/reference/air-validity.js';
import { FIRST_DAY_OF, activeAirBatchesSql } from '../../analytics/derived/air-station-days.js';
import { registerInYearSql } from '../../analytics/units/unit-plans.js';
import { DAILY_STATISTICS } from '../../indicators/measures/air-annual.js';
import { activeCatalogue } from '../../indicators/catalogue/load-catalogue.js';

export interface DailySeries {
  /** The pollutant of the measure (PM2.5 …), or null when the indicator has no daily air series (water, records …). */
  pollutant: string | null;
  unit: string;
  decimals: number;
  days: { day: string; value: number | null; hours: number; sites: number; validSites: number; valid: boolean }[];
}

/** The pollutant of a 24-h air measure (air.pm25_24h_p95 → PM2.5); O3 and the AQI-based measures have none here. */
export function dailyPollutant(measure: string): string | null {
  const s = DAILY_STATISTICS[measure as keyof typeof DAILY_STATISTICS];
  return s && s.metric.endsWith('_24H') ? s.metric.replace('_24H', '') : null;
}

export async function dailySeries(sql: Sql, indicator: string, entity: string, year: number): Promise<DailySeries> {
  const measure = activeCatalogue().indicators.find((i) => i.id === indicator)?.measure ?? indicator;
  const pollutant = dailyPollutant(measure);
  const decimals = pollutant === 'CO' ? 1 : 0;
  const unit = pollutant === 'CO' ? '毫克/立方米' : '微克/立方米';
  if (!pollutant) return { pollutant: null, unit: '', decimals: 0, days: [] };
  const sites = entity === 'city' ? 'SELECT station_code FROM air_stations WHERE is_city_site'
    : /^\d{6}$/.test(entity) ? 'SELECT station_code FROM air_stations WHERE is_city_site AND district_code = $e'
      : `SELECT station_code FROM ${registerInYearSql('air_stations', year)} WHERE is_city_site AND unit_code = $e`;
  const rows = await sql.all<{ day: string; value: number | null; hours: number; sites: number; valid_sites: number }>(`
    WITH site_days AS (
      SELECT station_code, d, sum(s) AS s, sum(n) AS n FROM air_station_day_sums
      WHERE pollutant = $p AND d >= ${FIRST_DAY_OF(year)} AND d < ${FIRST_DAY_OF(year + 1)}
        AND batch_id IN (${activeAirBatchesSql()}) AND station_code IN (${sites})
      GROUP BY station_code, d)
    SELECT strftime(DATE '1970-01-01' + d::INTEGER, '%Y-%m-%d') AS day,
           avg(CASE WHEN n >= ${MIN_HOURS_PER_DAY} THEN s / n END) AS value, sum(n)::INTEGER AS hours,
           count(*)::INTEGER AS sites, count(*) FILTER (WHERE n >= ${MIN_HOURS_PER_DAY})::INTEGER AS valid_sites
    FROM site_days GROUP BY d ORDER BY d`, entity === 'city' ? { p: pollutant } : { p: pollutant, e: entity });
  return {
    pollutant, unit, decimals,
    days: rows.map((r) => ({ day: r.day, value: r.value, hours: r.hours, sites: r.sites, validSites: r.valid_sites, valid: r.valid_sites > 0 })),
  };
}
