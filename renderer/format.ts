// Display formatting shared by the chart and the table.

/** A value with the indicator's fixed number of decimals; missing values as a dash. */
export function formatValue(value: number | null, decimals: number): string {
  return value === null || !Number.isFinite(value) ? '—' : value.toFixed(decimals);
}

/** Points with at most two decimals, trailing zeros dropped. */
export function formatPoints(points: number | null): string {
  return points === null || !Number.isFinite(points) ? '—' : String(Math.round(points * 100) / 100);
}
