// Property tests: random station-years (gaps, invalid flags, 19/20-hour days, months at the 27/25-day limits,
// leap and non-leap years, hour 24:00 written both ways, a non-city site, the previous year's last day) are
// written as a CSV, imported through the real importer and measured by the real SQL; every daily and annual
// result is compared with the plain reference of test/helpers/air-reference.ts, under HJ 633-2012 and -2026.
// fast-check prints the seed and the failing case on failure (replay with { seed, path }).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { join } from 'node:path';
import { Workspace } from '../analytics/workspace.js';
import { importFiles } from '../analytics/import/import-files.js';
import { buildAirDaily, buildEntityAqi } from '../indicators/measures/air-daily.js';
import { readAirAnnual, type MeasureRow } from '../indicators/measures/air-annual.js';
import {
  annualMeasures, dailyAqi, entityDays, roundHalfEven, stationDailyMean,
  type Edition, type Metric, type Pollutant, type RefDay, type RefSite,
} from './helpers/air-reference.js';
import { writeCsv, type Cell } from './helpers/files.js';
import { tempDir } from './helpers/sample-workspace.js';
import { seededRandom } from '../analytics/sample/random.js';

const POLLUTANTS: Pollutant[] = ['SO2', 'NO2', 'CO', 'O3', 'PM10', 'PM2.5'];
type MonthKind = 'full' | 'min-1' | 'min' | 'min+1';

interface Spec {
  year: number;
  seed: number;
  /** Second city site's district: same as the first, another one, or no second site. */
  second: 'same' | 'other' | 'none';
  /** How many valid days each pollutant keeps in each month (at the entity). */
  months: Record<Pollutant, MonthKind[]>;
  /** 24:00 written as "D 24:00" or as "D+1 00:00". */
  hour24: 'h24' | 'next00';
}

const monthKind = fc.oneof(
  { arbitrary: fc.constant<MonthKind>('full'), weight: 6 },
  { arbitrary: fc.constantFrom<MonthKind>('min-1', 'min', 'min+1'), weight: 1 },
);
const specArb: fc.Arbitrary<Spec> = fc.record({
  year: fc.constantFrom(2023, 2024),
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  second: fc.constantFrom<Spec['second']>('same', 'other', 'none'),
  months: fc.record(Object.fromEntries(POLLUTANTS.map((p) => [p, fc.array(monthKind, { minLength: 12, maxLength: 12 })])) as Record<Pollutant, fc.Arbitrary<MonthKind[]>>),
  hour24: fc.constantFrom<Spec['hour24']>('h24', 'next00'),
});


const INVALID_FLAGS = ['H', 'BB', '-99'];
const dayText = (t: number) => new Date(t).toISOString().slice(0, 10);
const pad = (n: number) => String(n).padStart(2, '0');

/** The hour-ending time text of hour `he` (1…24) of `day`. */
function timeText(day: string, he: number, style: Spec['hour24']): string {
  if (he < 24 || style === 'h24') return `${day} ${pad(he)}:00`;
  return `${dayText(Date.parse(`${day}T00:00:00Z`) + 86_400_000)} 00:00`;
}

/** Hourly values of one site-day-pollutant with `validHours` valid hours; the others blank or flagged. */
function dayHours(rand: () => number, p: Pollutant, level: number, validHours: number, missing?: number[]): { value: number | null; flag: string | null }[] {
  const hours: { value: number | null; flag: string | null }[] = [{ value: null, flag: null }];
  const gone = new Set(missing ?? []);
  while (gone.size < 24 - validHours) gone.add(1 + Math.floor(rand() * 24));
  for (let he = 1; he <= 24; he++) {
    const shape = p === 'O3' ? 0.35 + 0.65 * Math.max(0, Math.sin(((he - 6) / 24) * 2 * Math.PI)) : 0.7 + 0.6 * rand();
    const raw = level * shape * (0.85 + 0.3 * rand());
    const value = p === 'CO' ? Math.round(raw * 10) / 10 : Math.round(raw);
    if (!gone.has(he)) hours.push({ value, flag: rand() < 0.5 ? null : 'N' });
    else hours.push(rand() < 0.5 ? { value: null, flag: null } : { value, flag: INVALID_FLAGS[Math.floor(rand() * 3)]! });
  }
  return hours;
}

/** A day's level of each pollutant (skewed so that every AQI class turns up). */
function levels(rand: () => number): Record<Pollutant, number> {
  const pm25 = 5 + Math.floor(rand() ** 2 * 260);
  return {
    'PM2.5': pm25, PM10: Math.round(pm25 * (1.2 + 0.5 * rand())) + 5, SO2: 3 + Math.floor(rand() ** 3 * 200),
    NO2: 8 + Math.floor(rand() ** 2 * 160), CO: 0.3 + rand() ** 2 * 5, O3: 20 + Math.floor(rand() ** 1.5 * 280),
  };
}

/** Builds the sites of a spec: site A (and B) are city sites, R a regional site that must not count. */
function buildSites(spec: Spec): RefSite[] {
  const rand = seededRandom(spec.seed);
  const a: RefSite = { code: 'PA1', district: '500103', citySite: true, hours: new Map() };
  const b: RefSite = { code: 'PB1', district: spec.second === 'other' ? '500104' : '500103', citySite: true, hours: new Map() };
  const r: RefSite = { code: 'PR1', district: '500103', citySite: false, hours: new Map() };
  const city = spec.second === 'none' ? [a] : [a, b];
  const start = Date.UTC(spec.year, 0, 1);
  const end = Date.UTC(spec.year + 1, 0, 1);
  for (const p of POLLUTANTS) {
    // Per month, the entity's bad days: every city site fails them.
    const bad = new Set<string>();
    for (let m = 0; m < 12; m++) {
      const days = new Date(Date.UTC(spec.year, m + 1, 0)).getUTCDate();
      const min = m === 1 ? 25 : 27;
      const kind = spec.months[p][m]!;
      const keep = kind === 'full' ? days : kind === 'min' ? min : kind === 'min-1' ? min - 1 : min + 1;
      const dayList = Array.from({ length: days }, (_, i) => `${spec.year}-${pad(m + 1)}-${pad(i + 1)}`);
      const target = bad.size + days - keep;
      while (bad.size < target) {
        bad.add(dayList[Math.floor(rand() * days)]!);
      }
    }
    for (let t = start; t < end; t += 86_400_000) {
      const day = dayText(t);
      const lv = levels(rand)[p];
      for (const [i, site] of city.entries()) {
        const isBad = bad.has(day) || (i === 1 && rand() < 0.08);
        let hours;
        if (p === 'O3') {
          // Bad O3 days: a block of 3–7 missing hours in the afternoon leaves about 8–14 valid 8-h windows.
          const len = isBad ? 3 + Math.floor(rand() * 5) : Math.floor(rand() * 3);
          const from = 8 + Math.floor(rand() * 12);
          const block = Array.from({ length: len }, (_, k) => Math.min(24, from + k));
          hours = dayHours(rand, p, lv * (0.9 + 0.2 * rand()), 24 - new Set(block).size, block);
        } else {
          const valid = isBad ? (rand() < 0.7 ? 19 : Math.floor(rand() * 19)) : 20 + Math.floor(rand() * 5);
          hours = dayHours(rand, p, lv * (0.9 + 0.2 * rand()), valid);
        }
        site.hours.set(`${p}|${day}`, hours);
      }
    }
  }
  // The regional site: PM2.5 only, far too high; it must change nothing.
  for (let t = start; t < end; t += 86_400_000) r.hours.set(`PM2.5|${dayText(t)}`, dayHours(rand, 'PM2.5', 400, 24));
  return spec.second === 'none' ? [a, r] : [a, b, r];
}

function hourlyRows(spec: Spec, sites: RefSite[]): Cell[][] {
  const rows: Cell[][] = [['站点编码', '监测时间', '污染物', '浓度', '数据标记']];
  for (const s of sites) {
    for (const [key, hours] of s.hours) {
      const [p, day] = key.split('|') as [Pollutant, string];
      for (let he = 1; he <= 24; he++) rows.push([s.code, timeText(day, he, spec.hour24), p, hours[he]!.value, hours[he]!.flag]);
    }
  }
  // The previous year's last day (its 24:00 is written on 1 January): outside the year, it must not count.
  const prev = `${spec.year - 1}-12-31`;
  for (let he = 1; he <= 24; he++) rows.push(['PA1', timeText(prev, he, spec.hour24), 'PM2.5', 999, null]);
  return rows;
}

/** Equal after rounding — or, when the reference lies on a rounding half-step within float noise, either side. */
function expectRounded(sql: number | null, unrounded: number, decimals: number, what: string): void {
  const step = 10 ** -decimals;
  const frac = (unrounded / step) % 1;
  if (Math.abs(Math.abs(frac) - 0.5) < 1e-6) expect([roundHalfEven(unrounded - step / 4, decimals), roundHalfEven(unrounded + step / 4, decimals), roundHalfEven(unrounded, decimals)], what).toContain(sql);
  else expect(sql, what).toBe(roundHalfEven(unrounded, decimals));
}

interface SqlDaily { entity_code: string; day: string; metric: Metric; conc: number; conc_r: number }

async function checkSpec(spec: Spec): Promise<void> {
  const sites = buildSites(spec);
  const dir = await tempDir('zonetrack-prop-');
  const ws = await Workspace.create(join(dir, 'p.duckdb'));
  try {
    const stations = await writeCsv(join(dir, 'st.csv'), [
      ['站点编码', '站点名称', '区县代码', '是否城市点'],
      ...sites.map((s) => [s.code, s.code, s.district, s.citySite ? '是' : '否']),
    ]);
    await importFiles(ws, [stations, await writeCsv(join(dir, 'h.csv'), hourlyRows(spec, sites))]);
    await buildAirDaily(ws, { fromYear: spec.year, toYear: spec.year, edition: '2012' });

    // Station daily means (20-hour rule), city sites only.
    const stationDaily = await ws.all<{ station_code: string; day: string; metric: string; conc: number }>(
      'SELECT station_code, day::VARCHAR AS day, metric, conc FROM zt_station_daily');
    const expected = new Map<string, number>();
    for (const s of sites.filter((x) => x.citySite)) {
      for (const key of s.hours.keys()) {
        const [p, day] = key.split('|') as [Pollutant, string];
        if (p === 'O3') continue;
        const v = stationDailyMean(s, p, day);
        if (v !== null) expected.set(`${s.code}|${day}|${p}_24H`, v);
      }
    }
    expect(stationDaily.length, 'station-days with a valid 24-h mean').toBe(expected.size);
    for (const r of stationDaily) expect(r.conc, `${r.station_code} ${r.day} ${r.metric}`).toBeCloseTo(expected.get(`${r.station_code}|${r.day}|${r.metric}`)!, 9);

    // Entity daily values (24-h means, O3 daily max 8-h and 1-h) for each district and the city.
    const entities = new Map<string, RefSite[]>([['city', sites]]);
    for (const s of sites) entities.set(s.district, sites.filter((x) => x.district === s.district));
    const refDays = new Map<string, RefDay[]>();
    const sqlDaily = await ws.all<SqlDaily>('SELECT entity_code, day::VARCHAR AS day, metric, conc, conc_r FROM zt_entity_daily');
    for (const [code, members] of entities) {
      if (!members.some((m) => m.citySite)) continue;
      const days = entityDays(members, spec.year);
      refDays.set(code, days);
      const mine = sqlDaily.filter((r) => r.entity_code === code);
      expect(mine.length, `${code}: entity-day values`).toBe(days.reduce((n, d) => n + Object.keys(d.conc).length, 0));
      const byKey = new Map(days.map((d) => [d.day, d]));
      for (const r of mine) {
        const ref = byKey.get(r.day)?.conc[r.metric];
        expect(ref, `${code} ${r.day} ${r.metric} should exist`).toBeDefined();
        expect(r.conc, `${code} ${r.day} ${r.metric}`).toBeCloseTo(ref!, 9);
        expectRounded(r.conc_r, ref!, r.metric === 'CO_24H' ? 1 : 0, `${code} ${r.day} ${r.metric} rounded`);
      }
    }

    for (const edition of ['2012', '2026'] as Edition[]) {
      if (edition === '2026') await buildEntityAqi(ws, '2026');
      // Daily AQI and primary pollutants on valid days; which days are valid.
      const aqi = await ws.all<{ entity_code: string; day: string; aqi: number; primary_pollutants: string[] | null; valid: boolean }>(
        'SELECT entity_code, day::VARCHAR AS day, aqi, primary_pollutants, valid FROM zt_entity_aqi');
      for (const [code, days] of refDays) {
        const got = new Map(aqi.filter((r) => r.entity_code === code).map((r) => [r.day, r]));
        for (const d of days) {
          const ref = dailyAqi(d, edition);
          const sql = got.get(d.day);
          expect(sql?.valid ?? false, `${edition} ${code} ${d.day} AQI valid`).toBe(ref?.valid ?? false);
          if (ref?.valid) {
            expect(sql!.aqi, `${edition} ${code} ${d.day} AQI`).toBe(ref.aqi);
            expect(sql!.primary_pollutants, `${edition} ${code} ${d.day} 首要污染物`).toEqual(ref.primary);
          }
        }
      }
      // Annual statistics with their validity.
      const annual = (await readAirAnnual(ws)).filter((r) => r.year === spec.year);
      for (const [code, days] of refDays) {
        const ref = annualMeasures(days, edition);
        const mine = annual.filter((r: MeasureRow) => r.entity_code === code);
        expect(mine.map((r) => r.measure).sort(), `${edition} ${code} measures`).toEqual(ref.map((r) => r.measure).sort());
        for (const r of ref) {
          const m = mine.find((x) => x.measure === r.measure)!;
          const what = `${edition} ${code} ${r.measure}`;
          expect(m.valid, `${what} valid`).toBe(r.valid);
          expect(m.denominator, `${what} days`).toBe(r.denominator);
          expectRounded(m.value, r.unrounded, r.measure === 'air.co_24h_p95' || r.measure === 'air.good_day_ratio' ? 1 : 0, what);
          if (r.numerator !== null) expect(m.numerator!, `${what} numerator`).toBeCloseTo(r.numerator, 6);
        }
      }
    }
  } finally {
    await ws.close();
  }
}

describe('air measures in SQL agree with the reference of air.md on random station-years', () => {
  it('station and entity daily values, O3 8-h, AQI and 首要污染物 (both editions), annual statistics and validity', async () => {
    // no shrinking: each case is a year of data
    await fc.assert(fc.asyncProperty(specArb, checkSpec), { numRuns: Number(process.env.ZT_PROPERTY_RUNS ?? 15), verbose: 1, endOnFailure: true });
  }, 600_000);
});
