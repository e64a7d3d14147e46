// Annual concentration limits, grade 2 (class-2 zones), μg/m³. GB 3095-2026 has transitional limits to
// 2030-12-31 and final limits from 2031-01-01. Source: domain/air.md.
import type { AirEdition } from './editions.js';

export type AnnualPollutant = 'SO2' | 'NO2' | 'PM10' | 'PM2.5';

const ANNUAL_GRADE2: Record<'2012' | '2026-transitional' | '2026-final', Record<AnnualPollutant, number>> = {
  '2012': { SO2: 60, NO2: 40, PM10: 70, 'PM2.5': 35 },
  '2026-transitional': { SO2: 60, NO2: 40, PM10: 60, 'PM2.5': 30 },
  '2026-final': { SO2: 20, NO2: 30, PM10: 50, 'PM2.5': 25 },
};

/** 24-h limits, grade 2 (CO in mg/m³; O3 as daily max 8-h). The annual statistics are judged against them. */
const DAILY_GRADE2: Record<'2012' | '2026-transitional' | '2026-final', Record<'SO2' | 'NO2' | 'CO' | 'PM10' | 'PM2.5' | 'O3_8H', number>> = {
  '2012': { SO2: 150, NO2: 80, CO: 4, PM10: 150, 'PM2.5': 75, O3_8H: 160 },
  '2026-transitional': { SO2: 150, NO2: 80, CO: 4, PM10: 120, 'PM2.5': 60, O3_8H: 160 },
  '2026-final': { SO2: 50, NO2: 50, CO: 4, PM10: 100, 'PM2.5': 50, O3_8H: 160 },
};

/** Grade 1 (class-1 zones: national parks, nature reserves, natural parks, other special protection), annual. */
const ANNUAL_GRADE1: typeof ANNUAL_GRADE2 = {
  '2012': { SO2: 20, NO2: 40, PM10: 40, 'PM2.5': 15 },
  '2026-transitional': { SO2: 20, NO2: 40, PM10: 40, 'PM2.5': 15 },
  '2026-final': { SO2: 20, NO2: 30, PM10: 20, 'PM2.5': 10 },
};

/** Grade 1, 24-h (CO in mg/m³; O3 as daily max 8-h). */
const DAILY_GRADE1: typeof DAILY_GRADE2 = {
  '2012': { SO2: 50, NO2: 80, CO: 4, PM10: 50, 'PM2.5': 35, O3_8H: 100 },
  '2026-transitional': { SO2: 50, NO2: 80, CO: 4, PM10: 50, 'PM2.5': 35, O3_8H: 100 },
  '2026-final': { SO2: 50, NO2: 50, CO: 4, PM10: 50, 'PM2.5': 25, O3_8H: 100 },
};

/** GB 3095 grade: 1 for class-1 zones, 2 for class-2 zones. */
export type LimitGrade = 1 | 2;
export type DailyPollutant = keyof (typeof DAILY_GRADE2)['2012'];

export function dailyLimitGrade2(pollutant: DailyPollutant, year: number, edition: AirEdition): number {
  return DAILY_GRADE2[limitSet(year, edition)][pollutant];
}

/** The 24-h limit of a grade. */
export function dailyLimit(pollutant: DailyPollutant, year: number, edition: AirEdition, grade: LimitGrade): number {
  return (grade === 1 ? DAILY_GRADE1 : DAILY_GRADE2)[limitSet(year, edition)][pollutant];
}

/** The annual limit of a grade. */
export function annualLimit(pollutant: AnnualPollutant, year: number, edition: AirEdition, grade: LimitGrade): number {
  return (grade === 1 ? ANNUAL_GRADE1 : ANNUAL_GRADE2)[limitSet(year, edition)][pollutant];
}

function limitSet(year: number, edition: AirEdition) {
  return edition === '2012' ? '2012' : year <= 2030 ? '2026-transitional' : '2026-final';
}

export function annualLimitGrade2(pollutant: AnnualPollutant, year: number, edition: AirEdition): number {
  return ANNUAL_GRADE2[limitSet(year, edition)][pollutant];
}

/** The limit's name as a report cites it. */
export function annualLimitSource(year: number, edition: AirEdition): string {
  const set = limitSet(year, edition);
  return set === '2012' ? 'GB 3095-2012二级浓度限值' : set === '2026-transitional' ? 'GB 3095-2026二级浓度限值（过渡期）' : 'GB 3095-2026二级浓度限值';
}

/** The limits a catalogue may name as a target. */
export const ANNUAL_LIMITS: Record<'PM2.5_annual_grade2', { pollutant: AnnualPollutant }> = {
  'PM2.5_annual_grade2': { pollutant: 'PM2.5' },
};

/** O3 daily max 8-h grade-2 limit (same in both editions): a day with few valid 8-h windows still counts if above it. */
export const O3_8H_LIMIT_GRADE2 = 160;
