// The three kinds of control unit (管控单元类别), as stored in units.unit_type.
export const UNIT_TYPE_NAMES: Record<number, string> = { 1: '优先保护单元', 2: '重点管控单元', 3: '一般管控单元' };

export function unitTypeName(t: number): string {
  return UNIT_TYPE_NAMES[t] ?? `类别${t}`;
}
