// Small helpers for writing SQL text safely. Values from files never reach SQL text except through these.

/** A SQL string literal. */
export function sqlString(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

/** A quoted SQL identifier (for header names read from files). */
export function sqlIdent(s: string): string {
  return `"${s.replaceAll('"', '""')}"`;
}
