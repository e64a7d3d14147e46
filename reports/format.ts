// Excel number formats matching the indicator's decimals (values themselves are formatted by
// indicators/value-format.ts, the one formatting every surface uses).

export function excelNumberFormat(decimals: number): string {
  return decimals === 0 ? '0' : `0.${'0'.repeat(decimals)}`;
}
