// Excel number formats matching the indicator's decimals and labels with their units (values themselves are formatted by
// indicators/value-format.ts, the one formatting every surface uses).

export function excelNumberFormat(decimals: number): string {
  return decimals === 0 ? '0' : `0.${'0'.repeat(decimals)}`;
}

/** A label with its unit in brackets, or the label alone when the unit is empty (never "ΔEQI（）"). */
export function withUnit(label: string, unit: string | null | undefined): string {
  return unit ? `${label}（${unit}）` : label;
}
