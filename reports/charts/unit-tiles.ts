// A tile grid of a district's control units coloured by type, watch-list units outlined in red: something a
// native Word chart cannot draw. ECharts renders it server-side to SVG, resvg rasterises it to PNG with an
// explicit CJK font file (no system font lookup), so Chinese labels render the same on every machine.
// resvg loads the font's face data again for every text run (~0.15 s each with a 20 MB CJK collection), so the
// image carries only the legend as text; the tiles follow the order of the unit table (附件3) and the caption
// and that table name them.
import { existsSync } from 'node:fs';
import * as echarts from 'echarts';
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

export interface Tile { code: string; group: string; flagged: boolean }

const GROUP_COLOURS: Record<string, string> = { 优先保护单元: '#5B9B57', 重点管控单元: '#D9822B', 一般管控单元: '#8FA9C8' };

/** PNG of the tiles in rows of `columns`; width in pixels, height follows from the rows. */
export function renderUnitTiles(tiles: Tile[], options: { columns?: number; width?: number } = {}): { png: Buffer; width: number; height: number } {
  const columns = options.columns ?? 8;
  const width = options.width ?? 900;
  const rows = Math.max(1, Math.ceil(tiles.length / columns));
  const cell = Math.floor((width - 40) / columns);
  const tileHeight = Math.round(cell * 0.62);
  const height = 52 + rows * tileHeight;
  const groups = Object.keys(GROUP_COLOURS);
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  chart.setOption({
    animation: false,
    textStyle: { fontFamily: 'Noto Sans CJK SC' },
    legend: { top: 6, itemWidth: 28, itemHeight: 18, textStyle: { fontSize: 20 }, data: groups, selectedMode: false },
    grid: { left: 20, right: 20, top: 44, bottom: 6 },
    xAxis: { type: 'category', data: Array.from({ length: columns }, (_, k) => k), show: false, boundaryGap: true },
    yAxis: { type: 'category', data: Array.from({ length: rows }, (_, k) => k), inverse: true, show: false },
    // scatter of rectangles on a category grid: one tile per unit, coloured by its group
    series: groups.map((g) => ({
      name: g, type: 'scatter', symbol: 'rect', symbolSize: [Math.round(cell * 0.9), Math.round(tileHeight * 0.85)], itemStyle: { color: GROUP_COLOURS[g], opacity: 1 },
      label: { show: false },
      data: tiles.flatMap((t, k) => t.group !== g ? [] : [{
        value: [k % columns, Math.floor(k / columns)],
        itemStyle: { borderColor: t.flagged ? '#C00000' : GROUP_COLOURS[g], borderWidth: t.flagged ? 3 : 0 },
      }]),
    })),
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  const fontFile = cjkFontFile();
  const png = new Resvg(svg, {
    background: '#FFFFFF',
    font: { fontFiles: fontFile ? [fontFile] : [], loadSystemFonts: !fontFile, defaultFontFamily: 'Noto Sans CJK SC' },
  }).render().asPng();
  return { png: Buffer.from(png), width, height };
}
