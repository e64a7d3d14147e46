// Expected failures: things a user can act on. They carry a stable code and a Chinese message;
// row-level problems travel in `rowErrors` (file, row, column, value, reason), as the CLI contract prints them.

export interface RowError {
  file: string;
  /** Data row counted from 1 (the first row under the header); 0 for a problem with the file or its header. */
  row: number;
  /** The line of the file (CSV) or the sheet row (XLSX) that holds the row, where the file has lines. */
  line?: number;
  column: string;
  value: string | null;
  reason: string;
  /** XLSX sources: the cell as Excel names it (“D7”), where the problem lies in one cell. */
  cell?: string;
  /** XLSX sources: the place in the sheet's own terms, “第 7 行 D 列（监测日期）” (sheet row, not data row). */
  where?: string;
}

export class UserError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly rowErrors: RowError[] = [],
  ) {
    super(message);
    this.name = 'UserError';
  }
}

export function isUserError(e: unknown): e is UserError {
  return e instanceof UserError;
}
