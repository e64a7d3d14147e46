// Matching file headers to canonical columns: normalise both sides (full-width → half-width, subscripts,
// units in brackets, spaces, case), then look the header up among each column's synonyms.
import { DATASETS, type ColumnSpec, type DatasetName, type DatasetSpec } from './datasets.js';

/** "PM₂.₅（μg/m³）" → "pm2.5"; "站点 编码" → "站点编码". */
export function normaliseHeader(raw: string): string {
  let text = raw.normalize('NFKC');
  // brackets inside brackets ("（dB(A)）"): the innermost go first
  for (let before = ''; before !== text;) {
    before = text;
    text = text.replace(/[(（[【][^(（[【)）\]】]*[)）\]】]/g, '');
  }
  return text
    .replace(/(μg|ug|mg|ng|个)\/(m[3³]|l)/gi, '')
    .replace(/[\s_\-:：*]/g, '')
    .toLowerCase();
}

export interface ColumnMatch {
  column: ColumnSpec;
  /** 0-based position of the header cell. */
  index: number;
  header: string;
}

export interface HeaderMapping {
  dataset: DatasetSpec;
  form: 'long' | 'wide';
  matches: ColumnMatch[];
  missing: ColumnSpec[];
  /** Columns whose header said nothing we know: kept out of the import, listed in the dry-run report. */
  ignored: string[];
}

/**
 * Each column takes the header that matches its earliest synonym: with both “折算浓度” and “实测浓度” in a
 * file, the value is the first and the second stays for the column that names it.
 */
function matchColumns(headers: string[], columns: ColumnSpec[]): ColumnMatch[] {
  const norm = headers.map(normaliseHeader);
  const out: ColumnMatch[] = [];
  const taken = new Set<number>();
  for (const column of columns) {
    let index = -1;
    for (const synonym of column.synonyms) {
      const s = normaliseHeader(synonym);
      index = norm.findIndex((h, i) => !taken.has(i) && h === s);
      if (index >= 0) break;
    }
    if (index >= 0) {
      taken.add(index);
      out.push({ column, index, header: headers[index]! });
    }
  }
  return out;
}

/** Maps headers to a dataset's columns, choosing the long or wide form by what the headers hold. */
export function mapHeaders(headers: string[], dataset: DatasetSpec): HeaderMapping {
  const longMatches = matchColumns(headers, dataset.columns);
  let form: 'long' | 'wide' = 'long';
  let columns = dataset.columns;
  let matches = longMatches;
  if (dataset.wide) {
    const base = dataset.columns.filter((c) => !dataset.wide!.replaces.includes(c.name));
    const wideMatches = matchColumns(headers, [...base, ...dataset.wide.columns]);
    const wideOnly = wideMatches.filter((m) => dataset.wide!.columns.includes(m.column)).length;
    const longHas = (n: string) => longMatches.some((m) => m.column.name === n);
    if (wideOnly > 0 && !dataset.wide.replaces.filter((n) => dataset.columns.find((c) => c.name === n)?.required).every(longHas)) {
      form = 'wide';
      columns = [...base, ...dataset.wide.columns];
      matches = wideMatches;
    }
  }
  const found = new Set(matches.map((m) => m.column.name));
  // A column the file gives in another form (year + month for the sample date) is not missing.
  const derivable = (c: ColumnSpec) => dataset.derive?.[c.name]?.from.every((f) => found.has(f)) ?? false;
  const missing = columns.filter((c) => c.required && !found.has(c.name) && !derivable(c));
  for (const group of dataset.oneOf ?? []) {
    if (!group.some((n) => found.has(n))) missing.push(columns.find((c) => c.name === group[0])!);
  }
  const used = new Set(matches.map((m) => m.index));
  const ignored = headers.filter((h, i) => !used.has(i) && h.trim() !== '');
  return { dataset, form, matches, missing, ignored };
}

/** How many header cells a line shares with a dataset: used to find the header row and the dataset. */
export function headerScore(cells: string[], dataset: DatasetSpec): number {
  const all = [...dataset.columns, ...(dataset.wide?.columns ?? [])];
  return matchColumns(cells, all).length;
}

export interface HeaderGuess {
  dataset: DatasetSpec;
  /** 0-based line (CSV) or row offset (XLSX) of the header among the lines given. */
  headerIndex: number;
  score: number;
}

/**
 * Finds the header row among the first lines of a file (title rows above it are common) and, unless told,
 * the dataset whose columns it names best. Ties prefer the dataset with more required columns matched.
 */
/** What a file's header is matched against: the datasets (with the user's saved header mappings folded into
 *  their synonyms) and, if the user said so, the one dataset the file must be. */
export interface HeaderContext {
  datasets: Record<DatasetName, DatasetSpec>;
  forced?: DatasetName;
}

export const DEFAULT_HEADER_CONTEXT: HeaderContext = { datasets: DATASETS };

export function guessHeader(lines: string[][], ctx: HeaderContext = DEFAULT_HEADER_CONTEXT): HeaderGuess | undefined {
  const candidates = ctx.forced ? [ctx.datasets[ctx.forced]] : Object.values(ctx.datasets);
  let best: HeaderGuess | undefined;
  for (const [i, cells] of lines.entries()) {
    for (const dataset of candidates) {
      const mapping = mapHeaders(cells, dataset);
      const score = mapping.matches.length * 10 - mapping.missing.length * 11;
      if (mapping.matches.length >= 2 && (!best || score > best.score)) best = { dataset, headerIndex: i, score };
    }
  }
  return best;
}
