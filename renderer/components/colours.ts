// Colours that carry meaning, the same on every page: status of a value, grade of a district.
export const STATUS_COLOUR: Record<string, string> = { 达标: '#2e7d32', 未达标: '#c62828', 不适用: '#607d8b', 数据缺失: '#8d6e63' };
export const GRADE_COLOUR: Record<string, string> = { 优秀: '#1b5e20', 良好: '#558b2f', 合格: '#f9a825', 不合格: '#c62828' };

export function statusColour(status: string | undefined): string {
  return (status && STATUS_COLOUR[status]) || '#757575';
}
