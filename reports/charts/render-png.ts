// SVG (from ECharts' server-side renderer) to PNG with resvg and an explicit CJK font file: no system font
// lookup, so Chinese labels render the same on every machine (and never as tofu boxes).
import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';

/** CJK font files tried in order; the first that exists is used for every label. */
const CJK_FONTS = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
  'C:\\Windows\\Fonts\\msyh.ttc',
  '/System/Library/Fonts/PingFang.ttc',
];

export function cjkFontFile(): string | null {
  return CJK_FONTS.find((f) => existsSync(f)) ?? null;
}

export function svgToPng(svg: string): Buffer {
  const fontFile = cjkFontFile();
  const png = new Resvg(svg, {
    background: '#FFFFFF',
    font: { fontFiles: fontFile ? [fontFile] : [], loadSystemFonts: !fontFile, defaultFontFamily: 'Noto Sans CJK SC' },
  }).render().asPng();
  return Buffer.from(png);
}
