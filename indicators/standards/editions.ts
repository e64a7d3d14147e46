// Which edition of the air standards applies to an evaluation year. Default (domain/air.md): years up to 2025
// use the 2012 editions; 2026 and later the 2026 editions (in force 2026-03-01). A user may force either.

export type AirEdition = '2012' | '2026';

export interface StandardEditions {
  edition: AirEdition;
  gb3095: 'GB 3095-2012' | 'GB 3095-2026';
  hj633: 'HJ 633-2012' | 'HJ 633-2026';
}

export function editionsFor(year: number, forced?: AirEdition): StandardEditions {
  const edition: AirEdition = forced ?? (year <= 2025 ? '2012' : '2026');
  return edition === '2012'
    ? { edition, gb3095: 'GB 3095-2012', hj633: 'HJ 633-2012' }
    : { edition, gb3095: 'GB 3095-2026', hj633: 'HJ 633-2026' };
}

export function isAirEdition(s: string): s is AirEdition {
  return s === '2012' || s === '2026';
}
