// From an entity-year's annual statistics: the composite index I = Σ Ci/Si (annual means of SO2, NO2, PM10,
// PM2.5 against annual limits; CO 95th and O3-8h 90th against their 24-h limits) and attainment — a pollutant
// attains when all its annual statistics meet the limits of the edition in force, grade 2 unless the entity
// lies in a class-1 zone (grade 1); the entity when all six do (air.md, HJ 663). Works on the few rows per
// entity that readAirAnnual returns.
import type { Sql } from '../../analytics/workspace.js';
import type { AirEdition } from '../standards/editions.js';
import { annualLimit, dailyLimit, type LimitGrade } from '../standards/gb3095-limits.js';
import type { MeasureRow } from './air-annual.js';
import { roundHalfEven } from '../value-format.js';

type Stat = { measure: string; limit: (y: number, e: AirEdition, g: LimitGrade) => number; pollutant: string; label: string };

const STATS: Stat[] = [
  { measure: 'air.so2_annual_mean', pollutant: 'SO2', label: '年均浓度', limit: (y, e, g) => annualLimit('SO2', y, e, g) },
  { measure: 'air.so2_24h_p98', pollutant: 'SO2', label: '日均值第98百分位', limit: (y, e, g) => dailyLimit('SO2', y, e, g) },
  { measure: 'air.no2_annual_mean', pollutant: 'NO2', label: '年均浓度', limit: (y, e, g) => annualLimit('NO2', y, e, g) },
  { measure: 'air.no2_24h_p98', pollutant: 'NO2', label: '日均值第98百分位', limit: (y, e, g) => dailyLimit('NO2', y, e, g) },
  { measure: 'air.pm10_annual_mean', pollutant: 'PM10', label: '年均浓度', limit: (y, e, g) => annualLimit('PM10', y, e, g) },
  { measure: 'air.pm10_24h_p95', pollutant: 'PM10', label: '日均值第95百分位', limit: (y, e, g) => dailyLimit('PM10', y, e, g) },
  { measure: 'air.pm25_annual_mean', pollutant: 'PM2.5', label: '年均浓度', limit: (y, e, g) => annualLimit('PM2.5', y, e, g) },
  { measure: 'air.pm25_24h_p95', pollutant: 'PM2.5', label: '日均值第95百分位', limit: (y, e, g) => dailyLimit('PM2.5', y, e, g) },
  { measure: 'air.co_24h_p95', pollutant: 'CO', label: '日均值第95百分位', limit: (y, e, g) => dailyLimit('CO', y, e, g) },
  { measure: 'air.o3_8h_p90', pollutant: 'O3', label: '日最大8小时第90百分位', limit: (y, e, g) => dailyLimit('O3_8H', y, e, g) },
];

/** The statistics the composite index adds up (one per pollutant). */
const COMPOSITE = ['air.so2_annual_mean', 'air.no2_annual_mean', 'air.pm10_annual_mean', 'air.pm25_annual_mean', 'air.co_24h_p95', 'air.o3_8h_p90'];

const GRADE_NAME: Record<LimitGrade, string> = { 1: '一级', 2: '二级' };

/**
 * The entities judged by grade-1 limits: those whose city sites all lie in class-1 zones (air_stations.zone_class
 * '一类'); an entity with any class-2 site, or a site whose zone is not given, is judged by grade 2. Reads
 * zt_site_entities (air-daily.ts).
 */
export async function readGradeOf(sql: Sql): Promise<(entity: string) => LimitGrade> {
  const rows = await sql.all<{ entity_code: string }>(`
    SELECT e.entity_code FROM zt_site_entities e JOIN air_stations s USING (station_code)
    GROUP BY e.entity_code HAVING bool_and(coalesce(s.zone_class, '二类') = '一类')`);
  const gradeOne = new Set(rows.map((r) => r.entity_code));
  return (entity) => (gradeOne.has(entity) ? 1 : 2);
}

/** `gradeOf` gives an entity's GB 3095 grade: 1 for a site in a class-1 zone; grade 2 by default. */
export function attainmentRows(rows: MeasureRow[], edition: AirEdition, gradeOf: (entity: string) => LimitGrade = () => 2): MeasureRow[] {
  const groups = new Map<string, MeasureRow[]>();
  for (const r of rows) {
    const k = `${r.entity_code}|${r.year}`;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  const out: MeasureRow[] = [];
  for (const g of groups.values()) {
    const first = g[0]!;
    const of = (m: string) => g.find((r) => r.measure === m);
    const base = { entity_code: first.entity_code, entity_level: first.entity_level, year: first.year, completeness: first.completeness,
      batches: first.batches, numerator: null, denominator: null };
    const grade = gradeOf(first.entity_code);
    const limit = (s: Stat) => s.limit(first.year, edition, grade);
    const stats = STATS.map((s) => ({ s, r: of(s.measure) }));
    const allValid = stats.every(({ r }) => r && r.valid && r.value !== null);
    const failing = stats.filter(({ s, r }) => r && r.value !== null && r.value > limit(s));
    const failedPollutants = [...new Set(failing.map(({ s }) => s.pollutant))];
    out.push({
      ...base, measure: 'air.attainment', valid: allValid,
      value: allValid ? (failedPollutants.length === 0 ? 1 : 0) : null,
      detail: failing.length
        ? `超标${grade === 1 ? '（一级标准）' : ''}：${failing.map(({ s, r }) => `${s.pollutant}${s.label}${r!.value}（限值${limit(s)}）`).join('，')}`
        : `六项污染物均达到${GRADE_NAME[grade]}标准`,
    });
    const composite = COMPOSITE.map((m) => ({ r: of(m), s: STATS.find((x) => x.measure === m)! }));
    const compositeValid = composite.every(({ r }) => r && r.valid && r.value !== null);
    // The ranking rule fixes the divisors at the 2012 grade-2 values (air.md §5.1.6: 60, 40, 70, 35, 4, 160).
    const sum = composite.reduce((acc, { r, s }) => acc + (r?.value ?? 0) / s.limit(first.year, '2012', 2), 0);
    out.push({
      ...base, measure: 'air.composite_index', valid: compositeValid, value: compositeValid ? roundHalfEven(sum, 2) : null,
      detail: composite.map(({ r, s }) => `${s.pollutant} ${r?.value ?? '—'}/${s.limit(first.year, '2012', 2)}`).join('；'),
    });
  }
  return out;
}
