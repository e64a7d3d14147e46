// A deliberately plain reference for the air statistics, written from domain/air.md (GB 3095 table 4, HJ 663,
// HJ 633-2012 and -2026) and not from the SQL: loops over one small data set, exact integer arithmetic for the
// IAQI. The property tests compare the SQL measures with it. Where air.md leaves a choice open, the reference
// follows the documented project convention and says so ([I]).

export type Pollutant = 'SO2' | 'NO2' | 'CO' | 'O3' | 'PM10' | 'PM2.5';
export type Edition = '2012' | '2026';

/** One site: for each pollutant and day ('YYYY-MM-DD'), the values at hour-ending 1…24 (index 0 unused);
 *  null = missing. Flags are applied by the caller through `isValidFlag`. */
export interface RefSite {
  code: string;
  district: string;
  citySite: boolean;
  hours: Map<string, { value: number | null; flag: string | null }[]>; // key `${pollutant}|${day}`
}

/** Only unflagged values and the "valid" marks count (datasets.md: valid unless marked H, BB, -99, …). */
export function isValidFlag(flag: string | null): boolean {
  return flag === null || flag === '' || ['N', 'A', '有效'].includes(flag.toUpperCase());
}

function validValues(site: RefSite, pollutant: Pollutant, day: string): (number | null)[] {
  const hours = site.hours.get(`${pollutant}|${day}`);
  const out: (number | null)[] = new Array(25).fill(null);
  if (!hours) return out;
  for (let he = 1; he <= 24; he++) {
    const h = hours[he];
    if (h && h.value !== null && isValidFlag(h.flag)) out[he] = h.value;
  }
  return out;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** GB 3095 table 4: a 24-h mean needs ≥ 20 valid hourly values. */
export function stationDailyMean(site: RefSite, pollutant: Pollutant, day: string): number | null {
  const xs = validValues(site, pollutant, day).filter((x): x is number => x !== null);
  return xs.length >= 20 ? mean(xs) : null;
}

/** The entity's daily 24-h mean: the mean of its city sites' valid daily means (air.md: day by day). */
export function entityDailyMean(sites: RefSite[], pollutant: Pollutant, day: string): number | null {
  const xs = sites.filter((s) => s.citySite).map((s) => stationDailyMean(s, pollutant, day)).filter((x): x is number => x !== null);
  return xs.length ? mean(xs) : null;
}

export interface O3Day { o3_8h: number; o3_1h: number; validWindows: number }

/**
 * O3 of an entity-day (air.md 5.1.4–5.1.5): hour by hour mean over the city sites; 8-h means ending 08:00…24:00
 * (hours he−7…he of the same day), each needing ≥ 6 valid hours; the daily max is valid with ≥ 14 valid windows,
 * or with fewer when it still exceeds the grade-2 limit 160 (the exceedance stands). The daily max 1-h value is
 * kept on the days whose 8-h value is valid [I, project convention].
 */
export function entityO3(sites: RefSite[], day: string): O3Day | null {
  const city = sites.filter((s) => s.citySite);
  const hourly: (number | null)[] = new Array(25).fill(null);
  for (let he = 1; he <= 24; he++) {
    const xs = city.map((s) => validValues(s, 'O3', day)[he]).filter((x): x is number => x !== null && x !== undefined);
    hourly[he] = xs.length ? mean(xs) : null;
  }
  const windows: number[] = [];
  for (let end = 8; end <= 24; end++) {
    const xs = hourly.slice(end - 7, end + 1).filter((x): x is number => x !== null);
    if (xs.length >= 6) windows.push(mean(xs));
  }
  if (windows.length === 0) return null;
  const max8 = Math.max(...windows);
  if (windows.length < 14 && !(max8 > 160)) return null;
  const oneHour = hourly.filter((x): x is number => x !== null);
  return { o3_8h: max8, o3_1h: Math.max(...oneHour), validWindows: windows.length };
}

/** GB/T 8170 rounding (round half to even) to `decimals` of the decimal value a double stands for: the data
 *  have one or two decimals, so a double within 1e-9 of a half step is that half (2.45 → 2.4, 2.55 → 2.6). */
export function roundHalfEven(x: number, decimals: number): number {
  const y = x * 10 ** decimals;
  const lower = Math.floor(y);
  if (Math.abs(y - lower - 0.5) < 1e-9) return (lower % 2 === 0 ? lower : lower + 1) / 10 ** decimals;
  return Math.round(y) / 10 ** decimals;
}

export type Metric = 'SO2_24H' | 'NO2_24H' | 'CO_24H' | 'PM10_24H' | 'PM2.5_24H' | 'O3_8H' | 'O3_1H';

/** Daily values are published rounded: CO to 0.1 mg/m³, the others to 1 μg/m³; the AQI uses these. */
export const decimalsOf = (m: Metric) => (m === 'CO_24H' ? 1 : 0);

/** HJ 633 breakpoints, copied from the tables of air.md (IAQI 0, 50, 100, 150, 200, 300, 400, 500). */
const LEVELS = [0, 50, 100, 150, 200, 300, 400, 500];
const TABLES: Record<Edition, Record<Metric, number[]>> = {
  '2012': {
    'SO2_24H': [0, 50, 150, 475, 800, 1600, 2100, 2620],
    'NO2_24H': [0, 40, 80, 180, 280, 565, 750, 940],
    'PM10_24H': [0, 50, 150, 250, 350, 420, 500, 600],
    'CO_24H': [0, 2, 4, 14, 24, 36, 48, 60],
    'O3_1H': [0, 160, 200, 300, 400, 800, 1000, 1200],
    'O3_8H': [0, 100, 160, 215, 265, 800],
    'PM2.5_24H': [0, 35, 75, 115, 150, 250, 350, 500],
  },
  '2026': {
    'SO2_24H': [0, 50, 150, 475, 800, 1600, 2100, 2620],
    'NO2_24H': [0, 40, 80, 180, 280, 565, 750, 940],
    'CO_24H': [0, 2, 4, 14, 24, 36, 48, 60],
    'O3_8H': [0, 100, 160, 215, 265, 800],
    'O3_1H': [0, 160, 200, 300, 400, 800, 1000, 1200],
    'PM10_24H': [0, 50, 120, 250, 350, 420, 500, 600],
    'PM2.5_24H': [0, 35, 60, 115, 150, 250, 350, 500],
  },
};

/** The daily AQI's concentrations: 2012 adds O3's daily max 1-h value; 2026 keeps 1-h values for real-time only. */
export const AQI_METRICS: Record<Edition, Metric[]> = {
  '2012': ['SO2_24H', 'NO2_24H', 'PM10_24H', 'CO_24H', 'O3_1H', 'O3_8H', 'PM2.5_24H'],
  '2026': ['SO2_24H', 'NO2_24H', 'PM10_24H', 'CO_24H', 'O3_8H', 'PM2.5_24H'],
};

/**
 * IAQI of a published (rounded) concentration, rounded up, in exact integer arithmetic (concentrations have at
 * most one decimal). O3 8-h above 800: none in 2012 (the 1-h value decides), 300 in 2026; beyond the last
 * breakpoint: 500.
 */
export function iaqi(metric: Metric, c: number, edition: Edition): number | null {
  const bps = TABLES[edition][metric];
  if (metric === 'O3_8H' && c > 800) return edition === '2012' ? null : 300;
  if (c > bps.at(-1)!) return 500;
  const c10 = Math.round(c * 10);
  for (let i = 1; i < bps.length; i++) {
    const lo10 = bps[i - 1]! * 10;
    const hi10 = bps[i]! * 10;
    if (c10 <= hi10) {
      const num = (LEVELS[i]! - LEVELS[i - 1]!) * (c10 - lo10);
      const den = hi10 - lo10;
      return LEVELS[i - 1]! + ceilDiv(num, den);
    }
  }
  return 500;
}

/** ⌈a / b⌉ for non-negative integers, without floating division. */
function ceilDiv(a: number, b: number): number {
  return (a - (a % b)) / b + (a % b === 0 ? 0 : 1);
}

export interface RefDay { day: string; conc: Partial<Record<Metric, number>>; rounded: Partial<Record<Metric, number>> }

export interface RefAqi { aqi: number; primary: string[] | null; valid: boolean }

/** HJ 633: AQI = the largest IAQI; a day is valid when every concentration of its edition is; 首要污染物 when AQI > 50. */
export function dailyAqi(d: RefDay, edition: Edition): RefAqi | null {
  const present = AQI_METRICS[edition].filter((m) => d.rounded[m] !== undefined);
  if (present.length === 0) return null;
  const scores = present.map((m) => ({ m, i: iaqi(m, d.rounded[m]!, edition) }));
  const known = scores.filter((s): s is { m: Metric; i: number } => s.i !== null);
  const aqi = Math.max(...known.map((s) => s.i));
  const primary = aqi > 50 ? [...new Set(known.filter((s) => s.i === aqi).map((s) => s.m.split('_')[0]!))].sort() : null;
  return { aqi, primary, valid: present.length === AQI_METRICS[edition].length };
}

/** The entity's days of `year`: every daily concentration that is valid. */
export function entityDays(sites: RefSite[], year: number): RefDay[] {
  const days: RefDay[] = [];
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    const conc: RefDay['conc'] = {};
    for (const p of ['SO2', 'NO2', 'CO', 'PM10', 'PM2.5'] as const) {
      const v = entityDailyMean(sites, p, day);
      if (v !== null) conc[`${p}_24H`] = v;
    }
    const o3 = entityO3(sites, day);
    if (o3) {
      conc.O3_8H = o3.o3_8h;
      conc.O3_1H = o3.o3_1h;
    }
    const rounded: RefDay['rounded'] = {};
    for (const [m, v] of Object.entries(conc) as [Metric, number][]) rounded[m] = roundHalfEven(v, decimalsOf(m));
    if (Object.keys(conc).length) days.push({ day, conc, rounded });
  }
  return days;
}

/** HJ 663 appendix A: k = 1 + (n − 1)·p, s = ⌊k⌋, X(s) + (X(s+1) − X(s))·(k − s) on the sorted values. */
export function hj663Percentile(values: number[], p: number): number {
  const x = [...values].sort((a, b) => a - b);
  const k = 1 + (x.length - 1) * p;
  const s = Math.floor(k);
  if (s >= x.length) return x[x.length - 1]!;
  return x[s - 1]! + (x[s]! - x[s - 1]!) * (k - s);
}

/** GB 3095 table 4 / HJ 663: ≥ 324 valid days in the year and ≥ 27 in every month (25 in February). */
export function annualValid(days: string[]): boolean {
  if (days.length < 324) return false;
  for (let m = 1; m <= 12; m++) {
    const n = days.filter((d) => Number(d.slice(5, 7)) === m).length;
    if (n < (m === 2 ? 25 : 27)) return false;
  }
  return true;
}

export interface RefAnnual { measure: string; value: number; unrounded: number; valid: boolean; denominator: number; numerator: number | null }

const STATISTICS: { measure: string; metric: Metric; p: number | 'mean' }[] = [
  { measure: 'air.so2_annual_mean', metric: 'SO2_24H', p: 'mean' },
  { measure: 'air.no2_annual_mean', metric: 'NO2_24H', p: 'mean' },
  { measure: 'air.pm10_annual_mean', metric: 'PM10_24H', p: 'mean' },
  { measure: 'air.pm25_annual_mean', metric: 'PM2.5_24H', p: 'mean' },
  { measure: 'air.so2_24h_p98', metric: 'SO2_24H', p: 0.98 },
  { measure: 'air.no2_24h_p98', metric: 'NO2_24H', p: 0.98 },
  { measure: 'air.pm10_24h_p95', metric: 'PM10_24H', p: 0.95 },
  { measure: 'air.pm25_24h_p95', metric: 'PM2.5_24H', p: 0.95 },
  { measure: 'air.co_24h_p95', metric: 'CO_24H', p: 0.95 },
  { measure: 'air.o3_8h_p90', metric: 'O3_8H', p: 0.9 },
];

/**
 * The annual statistics of an entity-year, all from the published (rounded) daily series as air.md's rounding
 * rule decides: annual means and HJ 663 percentiles of the published daily values, each rounded once at the end
 * like the daily values; the good-day ratio
 * (AQI ≤ 100 among the valid AQI days, 0.1 %) and heavy-pollution days (AQI > 200), valid with ≥ 324 AQI days [I].
 */
export function annualMeasures(days: RefDay[], edition: Edition): RefAnnual[] {
  const out: RefAnnual[] = [];
  for (const s of STATISTICS) {
    const ds = days.filter((d) => d.conc[s.metric] !== undefined);
    if (ds.length === 0) continue;
    const decimals = decimalsOf(s.metric);
    const unrounded = s.p === 'mean' ? mean(ds.map((d) => d.rounded[s.metric]!)) : hj663Percentile(ds.map((d) => d.rounded[s.metric]!), s.p);
    out.push({
      measure: s.measure, unrounded, value: roundHalfEven(unrounded, decimals), valid: annualValid(ds.map((d) => d.day)),
      denominator: ds.length, numerator: s.p === 'mean' ? ds.reduce((a, d) => a + d.rounded[s.metric]!, 0) : null,
    });
  }
  const aqiDays = days.map((d) => dailyAqi(d, edition)).filter((a): a is RefAqi => a !== null && a.valid);
  if (aqiDays.length) {
    const good = aqiDays.filter((a) => a.aqi <= 100).length;
    const heavy = aqiDays.filter((a) => a.aqi > 200).length;
    const ratio = (good / aqiDays.length) * 100;
    out.push({ measure: 'air.good_day_ratio', unrounded: ratio, value: roundHalfEven(ratio, 1), valid: aqiDays.length >= 324, denominator: aqiDays.length, numerator: good });
    out.push({ measure: 'air.heavy_pollution_days', unrounded: heavy, value: heavy, valid: aqiDays.length >= 324, denominator: aqiDays.length, numerator: heavy });
  }
  return out;
}
