// AQI breakpoints of HJ 633-2012 and HJ 633-2026 (domain/air.md, checked against both standards' tables).
// IAQI = (IAQI_hi − IAQI_lo)/(BP_hi − BP_lo)·(C − BP_lo) + IAQI_lo, rounded UP to an integer in both editions.
import type { AirEdition } from './editions.js';

export type AqiMetric = 'SO2_24H' | 'NO2_24H' | 'CO_24H' | 'PM10_24H' | 'PM2.5_24H' | 'O3_1H' | 'O3_8H';

export const IAQI_LEVELS = [0, 50, 100, 150, 200, 300, 400, 500] as const;

const COMMON: Record<Exclude<AqiMetric, 'PM10_24H' | 'PM2.5_24H'>, number[]> = {
  SO2_24H: [0, 50, 150, 475, 800, 1600, 2100, 2620],
  NO2_24H: [0, 40, 80, 180, 280, 565, 750, 940],
  CO_24H: [0, 2, 4, 14, 24, 36, 48, 60],
  O3_1H: [0, 160, 200, 300, 400, 800, 1000, 1200],
  // Above 800 μg/m³ there is no 8-h IAQI (2012: the 1-h IAQI is used; 2026: counted as 300).
  O3_8H: [0, 100, 160, 215, 265, 800],
};

export const BREAKPOINTS: Record<AirEdition, Record<AqiMetric, number[]>> = {
  '2012': { ...COMMON, PM10_24H: [0, 50, 150, 250, 350, 420, 500, 600], 'PM2.5_24H': [0, 35, 75, 115, 150, 250, 350, 500] },
  '2026': { ...COMMON, PM10_24H: [0, 50, 120, 250, 350, 420, 500, 600], 'PM2.5_24H': [0, 35, 60, 115, 150, 250, 350, 500] },
};

/**
 * The concentrations a daily AQI is made of. HJ 633-2012 uses O3's daily max 1-h value as well; HJ 633-2026
 * keeps 1-h values of SO2, NO2, CO and O3 for the real-time report only.
 */
export const DAILY_METRICS: Record<AirEdition, AqiMetric[]> = {
  '2012': ['SO2_24H', 'NO2_24H', 'CO_24H', 'PM10_24H', 'PM2.5_24H', 'O3_1H', 'O3_8H'],
  '2026': ['SO2_24H', 'NO2_24H', 'CO_24H', 'PM10_24H', 'PM2.5_24H', 'O3_8H'],
};

/** O3 8-h above the last breakpoint: 2012 has no 8-h IAQI (NULL; the 1-h one decides), 2026 counts 300. */
export const O3_8H_OVER_800: Record<AirEdition, number | null> = { '2012': null, '2026': 300 };

export const AQI_CATEGORIES = [
  { max: 50, level: '一级', name: '优' },
  { max: 100, level: '二级', name: '良' },
  { max: 150, level: '三级', name: '轻度污染' },
  { max: 200, level: '四级', name: '中度污染' },
  { max: 300, level: '五级', name: '重度污染' },
  { max: Infinity, level: '六级', name: '严重污染' },
] as const;

/**
 * SQL: the IAQI of concentration `c` (a DOUBLE expression) of `metric` under `edition`, rounded up — a CASE over
 * the breakpoint segments (a segment holds (c_lo, c_hi], the first [0, c_hi]); NULL below 0 (and for NULL), 500
 * above the table, O3 8-h above 800 as O3_8H_OVER_800 says. Written out rather than joined to a breakpoint table:
 * a range join per value costs more than the whole day's arithmetic.
 */
export function iaqiOfSql(metric: AqiMetric, c: string, edition: AirEdition): string {
  const bps = BREAKPOINTS[edition][metric];
  const segments = bps.slice(1).map((hi, i) => {
    const lo = bps[i]!;
    const [ilo, ihi] = [IAQI_LEVELS[i]!, IAQI_LEVELS[i + 1]!];
    // round(…, 9) first so that a value that is an integer up to float error is not pushed up by ceil
    return `WHEN ${c} <= ${hi} THEN ceil(round((${ihi} - ${ilo}) / (${hi} - ${lo}) * (${c} - ${lo}) + ${ilo}, 9))`;
  });
  const top = metric === 'O3_8H' ? `${O3_8H_OVER_800[edition] ?? 'NULL'}` : '500';
  return `(CASE WHEN ${c} < 0 THEN NULL ${segments.join(' ')} WHEN ${c} > ${bps.at(-1)} THEN ${top} END)::INTEGER`;
}

/** SQL: as iaqiOfSql, for a `metric` column holding the metric's name (NULL for a name outside the table). */
export function iaqiCaseSql(metric: string, c: string, edition: AirEdition): string {
  const metrics = Object.keys(BREAKPOINTS[edition]) as AqiMetric[];
  return `(CASE ${metric} ${metrics.map((m) => `WHEN '${m}' THEN ${iaqiOfSql(m, c, edition)}`).join(' ')} END)`;
}
