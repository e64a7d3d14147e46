// Industry codes in access lists (and later projects) are read in code, not SQL: "C26；2614、C3041" becomes
// "C26;C2614;C3041" through the GB/T 4754-2017 table (analytics/reference/industries-gbt4754.ts), and a code
// the table does not know is named so that the import can refuse the row.
import type { Sql } from '../workspace.js';
import { sqlString } from '../sql.js';
import { industryKnown, normaliseIndustryCode } from '../reference/industries-gbt4754.js';

/** Separators files use between codes: ； ; 、 , ， / and spaces. */
const SEPARATORS = /[;；、,，/\s]+/;

export interface IndustryList {
  /** Normalised codes, in the order written, without repeats. */
  codes: string[];
  /** Tokens that are not GB/T 4754-2017 codes, as written. */
  unknown: string[];
}

export function readIndustryList(text: string): IndustryList {
  const codes: string[] = [];
  const unknown: string[] = [];
  for (const token of text.split(SEPARATORS).filter(Boolean)) {
    const code = normaliseIndustryCode(token);
    if (code && industryKnown(code)) {
      if (!codes.includes(code)) codes.push(code);
    } else unknown.push(token);
  }
  return { codes, unknown };
}

/**
 * `${table}_ind(raw, codes, bad)`: every distinct text of `column` with its normalised codes (';'-joined) and the
 * tokens that are not codes ('、'-joined, NULL when all are).
 */
export async function stageIndustryLists(sql: Sql, table: string, column: string): Promise<string> {
  const target = `${table}_ind`;
  const raws = await sql.all<{ raw: string }>(`SELECT DISTINCT ${column} AS raw FROM ${table} WHERE ${column} IS NOT NULL`);
  const rows = raws.map(({ raw }) => {
    const { codes, unknown } = readIndustryList(raw);
    return `(${sqlString(raw)}, ${sqlString(codes.join(';'))}, ${unknown.length ? sqlString(unknown.join('、')) : 'NULL'})`;
  });
  await sql.run(`CREATE OR REPLACE TEMP TABLE ${target} (raw VARCHAR, codes VARCHAR, bad VARCHAR)`);
  if (rows.length) await sql.run(`INSERT INTO ${target} VALUES ${rows.join(', ')}`);
  return target;
}
