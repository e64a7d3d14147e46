// What the data table needs besides the grid: the natural order of ids and names, a width estimate of a text, and
// the .csv of the rows shown. Pure, so the unit tests run it without a browser.

/** A cell of an exported row: a number (number columns) or the text the page shows. */
export type Cell = string | number;

const collator = new Intl.Collator(['zh-CN', 'en'], { numeric: true, sensitivity: 'base' });

/** Natural order: C2 before C10, 区县 names by their reading, empty last. */
export function naturalCompare(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '' || a === '—') return 1;
  if (b === '' || b === '—') return -1;
  return collator.compare(a, b);
}

/** Pixel width of a text in the table's 14 px font: wide (CJK, full-width) characters 14 px, others about 8 (8.5 monospace). */
export function textWidthPx(text: string, monospace = false): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 14 : monospace ? 8.5 : 8;
  return Math.ceil(w);
}

/** A cell that a spreadsheet would read as a formula (= + - @, tab, CR) gets a leading apostrophe; plain numbers stay. */
export function neutralise(text: string): string {
  if (/^[-+]?\d+(\.\d+)?%?$/.test(text)) return text;
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function quoted(text: string): string {
  const safe = neutralise(text);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** UTF-8 with a byte-order mark (so that Excel reads Chinese), CRLF lines, a header row. */
export function csvText(headers: string[], rows: string[][]): string {
  return '\ufeff' + [headers, ...rows].map((r) => r.map(quoted).join(',')).join('\r\n') + '\r\n';
}
