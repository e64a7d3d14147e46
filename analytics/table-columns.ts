import type { Sql } from './workspace.js';
import { sqlString } from './sql.js';

/** The columns a table of the workspace has (temporary tables included), in order. */
export async function tableColumns(sql: Sql, table: string): Promise<string[]> {
  const rows = await sql.all<{ column_name: string }>(
    `SELECT column_name FROM duckdb_columns() WHERE table_name = ${sqlString(table)} AND NOT internal ORDER BY column_index`);
  return rows.map((r) => r.column_name);
}
