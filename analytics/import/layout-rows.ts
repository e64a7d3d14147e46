// Rows that are part of a table's layout, not its data: a units row under the header, notes under the data.

/** A units cell: μg/m³, mg/L, 万元 … (alone or in brackets). */
const UNIT_CELL = /^[(（]?(μg\/m[3³]|ug\/m[3³]|mg\/m[3³]|mg\/L|t\/a|吨|万元|元|km[2²]|公顷|ha|%|℃|dB\(?A?\)?|个|次|天|小时)[)）]?$/i;

/** A row of units under the header: skipped, not read as data. */
export function isUnitsRow(cells: string[]): boolean {
  const filled = cells.map((c) => c.trim()).filter((c) => c !== '');
  return filled.length > 0 && filled.filter((c) => UNIT_CELL.test(c)).length * 2 >= filled.length;
}

/** Headers with the units row folded in (罚没金额 + 万元 → 罚没金额（万元）): units decide conversions (万元 → 元). */
export function withUnits(headers: string[], unitCells: string[]): string[] {
  return headers.map((h, i) => {
    const u = (unitCells[i] ?? '').trim().replace(/^[(（](.*)[)）]$/, '$1');
    return u && !h.includes(u) ? `${h}（${u}）` : h;
  });
}

/** How a note under the data begins (“注：…”, “数据来源：…”), as a regular expression source for JS and SQL. */
export const NOTE_START = '^(注|说明|备注|数据来源|资料来源|填表说明|填报说明)\\s*\\d*\\s*[:：.、]';

/** A note under the data: one filled cell that begins like a note. Reading stops there. */
export function isNoteRow(cells: (string | null)[]): boolean {
  const filled = cells.filter((c) => c !== null && c.trim() !== '') as string[];
  return filled.length === 1 && new RegExp(NOTE_START).test(filled[0]!.trim());
}

/**
 * A data-request template (reports/templates/) fills the district's code and the year into its empty rows and
 * says so above the header: “预填列：区县代码、年份”. A row with nothing but those prefilled cells is an unused
 * row of the form, not a record.
 */
export const PREFILLED_MARK = '预填列：';

/** The headers a line above the header names as prefilled (empty when it names none). */
export function prefilledHeaders(cells: string[]): string[] {
  for (const cell of cells) {
    const at = cell.indexOf(PREFILLED_MARK);
    if (at >= 0) return cell.slice(at + PREFILLED_MARK.length).split(/[（(；;。\n]/)[0]!.split(/[、,，]/).map((h) => h.trim()).filter((h) => h !== '');
  }
  return [];
}

/** A row whose only filled cells are in prefilled columns (0-based indexes): skipped like an empty row. */
export function isPrefilledOnly(cells: (string | null)[], prefilled: ReadonlySet<number>): boolean {
  if (prefilled.size === 0) return false;
  return cells.every((c, i) => c === null || c.trim() === '' || prefilled.has(i));
}
