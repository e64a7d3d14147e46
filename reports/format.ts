// One formatting of numbers for every report surface, so that a sentence, a table cell and a workbook cell
// never disagree.

export function formatValue(v: number | null, decimals: number): string {
  return v === null || v === undefined ? '—' : v.toFixed(decimals);
}

export function formatPoints(v: number | null): string {
  if (v === null || v === undefined) return '—';
  return Number.isInteger(v) ? String(v) : String(Math.round(v * 100) / 100);
}

/** Excel number format for an indicator's decimals. */
export function excelNumberFormat(decimals: number): string {
  return decimals === 0 ? '0' : `0.${'0'.repeat(decimals)}`;
}
