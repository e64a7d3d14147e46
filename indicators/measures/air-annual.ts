// Annual air measures per entity (district, unit with city sites, city) and year, from the daily tables of
// air-daily.ts (HJ 663 statistics):
//   annual means of SO2, NO2, PM10, PM2.5; percentiles of the daily values — 98th SO2/NO2, 95th PM10/PM2.5/CO,
//   90th O3 daily max 8-h (appendix A: k = 1 + (n−1)p, linear between neighbours = quantile_cont);
//   good-day ratio and heavy-pollution days (HJ 633 edition of the run); and, from those, the composite index
//   and attainment (air-attainment.ts).
// Validity (GB 3095 table 4): ≥ 324 valid days a year and ≥ 27 a month (25 in February) for annual means and
// percentiles [M for percentiles]; the AQI day counts need ≥ 324 valid AQI days [I].
import type { Sql } from '../../analytics/workspace.js';
import { MIN_DAYS_PER_YEAR, monthMinimumSql } from '../../analytics/reference/air-validity.js';
import { roundHalfEvenSql } from './air-daily.js';


/** The daily statistics: measure id → the daily metric it summarises, how, and its decimals. */
export const DAILY_STATISTICS = {
  'air.so2_annual_mean': { metric: 'SO2_24H', stat: 'mean', decimals: 0 },
  'air.no2_annual_mean': { metric: 'NO2_24H', stat: 'mean', decimals: 0 },
  'air.pm10_annual_mean': { metric: 'PM10_24H', stat: 'mean', decimals: 0 },
  'air.pm25_annual_mean': { metric: 'PM2.5_24H', stat: 'mean', decimals: 0 },
  'air.so2_24h_p98': { metric: 'SO2_24H', stat: 0.98, decimals: 0 },
  'air.no2_24h_p98': { metric: 'NO2_24H', stat: 0.98, decimals: 0 },
  'air.pm10_24h_p95': { metric: 'PM10_24H', stat: 0.95, decimals: 0 },
  'air.pm25_24h_p95': { metric: 'PM2.5_24H', stat: 0.95, decimals: 0 },
  'air.co_24h_p95': { metric: 'CO_24H', stat: 0.95, decimals: 1 },
  'air.o3_8h_p90': { metric: 'O3_8H', stat: 0.9, decimals: 0 },
} as const;

export type AirMeasureId = keyof typeof DAILY_STATISTICS | 'air.good_day_ratio' | 'air.heavy_pollution_days'
  | 'air.composite_index' | 'air.attainment';

/** Measures whose value depends on the AQI edition (HJ 633-2012 or -2026). */
export const AQI_BASED_MEASURES: ReadonlySet<string> = new Set(['air.good_day_ratio', 'air.heavy_pollution_days']);

const DAYS_RULE = '有效日均值不足（全年须不少于324天、每月不少于27天，2月不少于25天）';
/** Why a measure's value does not meet its validity rule (shown as 数据不足). */
export const INVALID_REASON: Record<AirMeasureId, string> = {
  ...(Object.fromEntries(Object.keys(DAILY_STATISTICS).map((k) => [k, DAYS_RULE])) as Record<keyof typeof DAILY_STATISTICS, string>),
  'air.good_day_ratio': '有效AQI天数不足324天',
  'air.heavy_pollution_days': '有效AQI天数不足324天',
  'air.composite_index': '六项污染物的年度统计值不全有效',
  'air.attainment': '六项污染物的年度统计值不全有效',
};

export interface MeasureRow {
  measure: string;
  entity_code: string;
  entity_level: 'district' | 'unit' | 'city' | 'section';
  year: number;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  /** Valid days / days in the year. */
  completeness: number;
  /** Meets the validity rule; a value that does not is reported as 数据不足. */
  valid: boolean;
  /** Words for what the value is made of, where numbers alone do not say (e.g. the pollutants not attained). */
  detail: string | null;
  batches: number[];
}

const DAYS_IN_YEAR = (y: string) => `(CASE WHEN ${y} % 4 = 0 AND (${y} % 100 <> 0 OR ${y} % 400 = 0) THEN 366 ELSE 365 END)`;

/** The percentiles taken (each metric's daily values are sorted once for all of them). */
const PERCENTILES = [...new Set(Object.values(DAILY_STATISTICS).flatMap((s) => (s.stat === 'mean' ? [] : [s.stat])))];

/** SQL: the statistics of DAILY_STATISTICS from `perMetric` (entity_code, metric, y, total, den, q), q the PERCENTILES. */
function statisticsSql(perMetric: string): string {
  return Object.entries(DAILY_STATISTICS).map(([id, s]) => {
    const value = s.stat === 'mean' ? 'total / den' : `q[${PERCENTILES.indexOf(s.stat) + 1}]`;
    const numerator = s.stat === 'mean' ? 'total' : 'NULL::DOUBLE';
    return `SELECT '${id}' AS measure, entity_code, y, ${roundHalfEvenSql(value, s.decimals)} AS value,
      ${numerator} AS num, den, NULL::VARCHAR AS detail FROM ${perMetric} WHERE metric = '${s.metric}'`;
  }).join('\nUNION ALL\n');
}

/** Reads the annual measures of every entity and year present in the daily tables (composite and attainment
 *  are added by air-attainment.ts). */
export async function readAirAnnual(sql: Sql): Promise<MeasureRow[]> {
  return sql.all<MeasureRow>(`
    WITH lineage AS (
      -- the hourly batches that fed each entity-year, and the station lists that made the sites city sites
      SELECT e.entity_code, sb.y, list_sort(list_distinct(list(sb.batch_id) || list(s.batch_id))) AS batches
      FROM zt_station_batches sb JOIN zt_site_entities e USING (station_code) JOIN air_stations s USING (station_code)
      GROUP BY ALL
    ),
    levels AS (SELECT DISTINCT entity_code, entity_level FROM zt_site_entities),
    monthly AS (
      SELECT entity_code, metric, year(day) AS y, month(day) AS m, count(*) AS n FROM zt_entity_daily GROUP BY ALL
    ),
    per_metric AS MATERIALIZED (
      -- HJ 663 appendix A: k = 1 + (n−1)p, linear between neighbours = quantile_cont
      -- air.md: every annual statistic from the published (rounded) daily series, the mean too
      SELECT entity_code, metric, year(day) AS y, sum(conc_r) AS total, count(*) AS den,
             quantile_cont(conc_r, [${PERCENTILES.join(', ')}]) AS q
      FROM zt_entity_daily GROUP BY ALL
    ),
    validity AS (
      SELECT entity_code, metric, y,
             sum(n) >= ${MIN_DAYS_PER_YEAR} AND count(*) FILTER (WHERE n >= ${monthMinimumSql('m')}) = 12 AS valid
      FROM monthly GROUP BY ALL
    ),
    daily_stats AS (${statisticsSql('per_metric')}),
    aqi AS (
      SELECT entity_code, year(day) AS y, count(*) AS den,
             count(*) FILTER (WHERE aqi <= 100) AS good, count(*) FILTER (WHERE aqi > 200) AS heavy
      FROM zt_entity_aqi WHERE valid GROUP BY ALL
    ),
    measures AS (
      SELECT d.measure, d.entity_code, d.y, d.value, d.num, d.den, v.valid, d.detail
      FROM daily_stats d JOIN validity v ON v.entity_code = d.entity_code AND v.y = d.y
        AND v.metric = (CASE d.measure ${Object.entries(DAILY_STATISTICS).map(([id, s]) => `WHEN '${id}' THEN '${s.metric}'`).join(' ')} END)
      UNION ALL
      SELECT 'air.good_day_ratio', entity_code, y, ${roundHalfEvenSql('good / den * 100', 1)}, good, den, den >= ${MIN_DAYS_PER_YEAR}, NULL FROM aqi
      UNION ALL
      SELECT 'air.heavy_pollution_days', entity_code, y, heavy, heavy, den, den >= ${MIN_DAYS_PER_YEAR}, NULL FROM aqi
    )
    SELECT m.measure, m.entity_code, lv.entity_level, m.y::INTEGER AS year, m.value::DOUBLE AS value,
           m.num::DOUBLE AS numerator, m.den::DOUBLE AS denominator,
           round(m.den / ${DAYS_IN_YEAR('m.y')}, 4) AS completeness, m.valid, m.detail,
           coalesce(l.batches, []) AS batches
    FROM measures m
    JOIN levels lv ON lv.entity_code = m.entity_code
    LEFT JOIN lineage l ON l.entity_code = m.entity_code AND l.y = m.y
    ORDER BY m.measure, m.entity_code, m.y`);
}
