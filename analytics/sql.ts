// Small helpers for writing SQL text safely. Values from files never reach SQL text except through these.

/** A SQL string literal. */
export function sqlString(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

/**
 * A file path as a SQL string for DuckDB's readers (read_csv, read_parquet, read_json, parquet_schema), which
 * take it as a glob pattern: `h[12].csv` would read h1.csv and h2.csv. Each of [ ] * ? is put in a class of
 * its own (`[[]`, `[]]`, `[*]`, `[?]`), so the path names only the file itself.
 */
export function sqlPath(path: string): string {
  return sqlString(path.replace(/[[\]*?]/g, (ch) => `[${ch}]`));
}

/** A quoted SQL identifier (for header names read from files). */
export function sqlIdent(s: string): string {
  return `"${s.replaceAll('"', '""')}"`;
}
