// The statements a caller may run, as a type of its own: modules the workspace itself imports (migrations and
// what they call, per-batch derived tables) can name it without an import cycle through workspace.ts.
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';

export type Row = Record<string, unknown>;
export type Params = Record<string, DuckDBValue> | DuckDBValue[];

/** The statements a caller may run; the same for a whole workspace or inside a transaction. */
export interface Sql {
  run(sql: string, params?: Params): Promise<void>;
  /** Every row, read into JS (BIGINT/HUGEINT as numbers). */
  all<T = Row>(sql: string, params?: Params): Promise<T[]>;
  /** The first row or undefined, without reading the rest into JS (BIGINT/HUGEINT as numbers). */
  one<T = Row>(sql: string, params?: Params): Promise<T | undefined>;
  connection(): DuckDBConnection;
}
