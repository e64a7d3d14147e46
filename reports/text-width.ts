/** Display width of text in monospace cells or Excel column units: a CJK character takes about two. */
export function textWidth(t: string): number {
  return [...t].reduce((w, ch) => w + (/[\u1100-\uFFFF]/.test(ch) ? 2 : 1), 0);
}
