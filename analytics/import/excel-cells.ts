// Cells as Excel shows them: column letters (A, B, … Z, AA …) and a place said in a district's words,
// “第 7 行 D 列（监测日期）”. Import errors of XLSX sources carry it (parse-rows.ts); templates name their columns by it.

/** 0-based column index → Excel's letters (0 → A, 26 → AA). */
export function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Where a cell is, as a person looking at the sheet finds it. */
export function excelPlace(sheetRow: number, letter: string | undefined, header: string): string {
  return letter ? `第 ${sheetRow} 行 ${letter} 列（${header}）` : `第 ${sheetRow} 行（${header}）`;
}
