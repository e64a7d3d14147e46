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

/**
 * SQL: the same GB/T 8170 rounding as roundHalfEven, of a DOUBLE expression to `decimals` (a number, or a SQL
 * expression giving it). A value within 1e-9 of a half step is that half (the data have one or two decimals, and
 * a mean such as 2.45 must round to 2.4 whatever float noise it carries; DuckDB's round_even rounds that double up).
 */
export function roundHalfEvenSql(x: string, decimals: number | string): string {
  const f = typeof decimals === 'number' ? String(10 ** decimals) : `power(10, ${decimals})`;
  const y = `((${x}) * ${f})`;
  return `(CASE WHEN abs(${y} - floor(${y}) - 0.5) < 1e-9 THEN floor(${y}) + (floor(${y}) % 2 <> 0)::INTEGER ELSE round(${y}) END / ${f})`;
}

/** The same GB/T 8170 rounding as a spreadsheet formula (Excel and LibreOffice): ROUND goes half away from zero,
 *  so an exact half (to float noise) whose kept digit is even is taken back down. `x` is a formula expression. */
export function roundHalfEvenFormula(x: string, decimals: number): string {
  const f = 10 ** decimals, step = 1 / f;
  return `(ROUND(${x},${decimals})-IF(AND(ABS(MOD((${x})*${f},1)-0.5)<1E-9,MOD(INT((${x})*${f}),2)=0),${step},0))`;
}

/** GB/T 8170 rounding (round half to even) of a value shown with `decimals` places (roundHalfEvenSql in SQL). */
export function roundHalfEven(value: number, decimals: number): number {
  const f = 10 ** decimals;
  const n = value * f;
  const floor = Math.floor(n);
  const diff = n - floor;
  // exactly half (to float noise): go to the even neighbour
  if (Math.abs(diff - 0.5) < 1e-9) return (floor % 2 === 0 ? floor : floor + 1) / f;
  return Math.round(n) / f;
}
