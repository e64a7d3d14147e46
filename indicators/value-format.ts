// How indicator values and points are written, everywhere: report sentences, tables, workbooks, the CLI and
// the UI. Pure (no imports), so the renderer may use it at run time too; one format, so surfaces never disagree.

/** A value with the indicator's fixed number of decimals; missing values as a dash. */
export function formatValue(value: number | null | undefined, decimals: number): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(decimals);
}

/** Points with at most two decimals, trailing zeros dropped. */
export function formatPoints(points: number | null | undefined): string {
  return points === null || points === undefined || !Number.isFinite(points) ? '—' : String(Math.round(points * 100) / 100);
}
