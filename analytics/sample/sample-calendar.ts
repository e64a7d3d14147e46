// Calendar dates for the sample (ISO text, UTC arithmetic). Records dated after today are not written: the
// importer rightly refuses dates in the future, and a sample of the current year stops at today.
import { randomInt } from './random.js';

export const isoDate = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);

export function addDays(iso: string, days: number): string {
  const t = new Date(`${iso}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
}

export const today = () => new Date().toISOString().slice(0, 10);

export const isPast = (iso: string | null) => iso !== null && iso <= today();

/** A random day of a year (day 1–28 of a random month, so every month is valid). */
export function dayOfYear(rand: () => number, year: number, fromMonth = 1, toMonth = 12): string {
  return isoDate(year, randomInt(rand, fromMonth, toMonth), randomInt(rand, 1, 28));
}

/** 2025年3月5日 — how many registers and Word-born sheets write dates. */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** 2025/3/5 */
export function slashDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}/${m}/${d}`;
}
