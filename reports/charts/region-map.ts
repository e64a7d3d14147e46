// A map figure for the documents: polygons from the one map geometry (analytics/spatial/map-layers.ts, the same
// simplified arcs and aspect as the app's 一张图), each filled with its class colour and optionally outlined,
// in a north-up frame with a north arrow and a legend. No scale bar: the figure is "scale-free" (the page size
// of a Word figure is not fixed, a bar would lie after resizing). ECharts renders it server-side to SVG and
// resvg rasterises it with an explicit CJK font file (render-png.ts), so the Chinese labels read the same on
// every machine. Text runs are costly in resvg (~30 ms each), so labels are few: the legend, 北, and optional
// region labels (district names on the city map).
import * as echarts from 'echarts';
import type { MapGeometry } from '../../analytics/spatial/map-layers.js';
import { svgToPng } from './render-png.js';

export interface MapRegion {
  code: string;
  geometry: MapGeometry;
  fill: string;
  /** A heavier outline in this colour (e.g. a watch-list unit). */
  outline?: string;
  /** Drawn at the region's label point. */
  label?: string;
}

export interface LegendEntry { fill: string; label: string; outline?: string }

export interface RegionMapOptions {
  regions: MapRegion[];
  legend: LegendEntry[];
  /** cos(mid latitude) of the territory: the x/y ratio of a degree (MapLayers.aspectScale). */
  aspectScale: number;
  /** Width of the PNG in pixels (print resolution: 1400 px ≈ 15 cm at 240 dpi). */
  width?: number;
  /** Lines between regions. */
  border?: string;
  /** Points marked over the regions (a project's location), with their legend entry. */
  points?: { lon: number; lat: number; colour: string }[];
}

/** [west, south, east, north] of the regions. */
function extent(regions: MapRegion[]): [number, number, number, number] {
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  for (const r of regions) {
    const polys = r.geometry.type === 'Polygon' ? [r.geometry.coordinates] : r.geometry.coordinates;
    for (const p of polys) for (const [x, y] of p[0] ?? []) {
      w = Math.min(w, x!); e = Math.max(e, x!); s = Math.min(s, y!); n = Math.max(n, y!);
    }
  }
  return [w, s, e, n];
}

export function renderRegionMap(o: RegionMapOptions): { png: Buffer; width: number; height: number } {
  const width = o.width ?? 1400;
  const [w, s, e, n] = extent(o.regions);
  const legendRows = Math.ceil(o.legend.length / 4);
  const pad = 40, legendHeight = 30 + legendRows * 40;
  const innerW = width - 2 * pad;
  const ratio = (n - s) / Math.max(1e-9, (e - w) * o.aspectScale);
  const innerH = Math.round(Math.min(innerW * 1.1, Math.max(innerW * 0.45, innerW * ratio)));
  const height = innerH + 2 * pad + legendHeight;
  // rendering is synchronous: one registered name, replaced by each figure
  const name = 'zt-report-map';
  echarts.registerMap(name, {
    type: 'FeatureCollection',
    features: o.regions.map((r) => ({ type: 'Feature', properties: { name: r.code }, geometry: r.geometry })),
  } as never);
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  const fontSize = 26;
  chart.setOption({
    animation: false,
    textStyle: { fontFamily: 'Noto Sans CJK SC' },
    geo: {
      map: name, roam: false, aspectScale: o.aspectScale, silent: true,
      left: pad + 10, top: pad + 10, width: innerW - 20, height: innerH - 20,
      itemStyle: { borderColor: o.border ?? '#FFFFFF', borderWidth: 1 },
      label: { show: false },
      regions: o.regions.map((r) => ({
        name: r.code,
        itemStyle: { areaColor: r.fill, ...(r.outline ? { borderColor: r.outline, borderWidth: 4 } : {}) },
        label: r.label ? { show: true, formatter: r.label, fontSize: 20, color: '#1F2933', fontFamily: 'Noto Sans CJK SC' } : { show: false },
      })),
    },
    series: (o.points ?? []).length ? [{
      type: 'scatter', coordinateSystem: 'geo', symbol: 'pin', symbolSize: 56, silent: true, z: 5,
      data: o.points!.map((p) => ({ value: [p.lon, p.lat], itemStyle: { color: p.colour } })),
    }] : [],
    graphic: [
      // the frame
      { type: 'rect', z: 100, shape: { x: pad, y: pad, width: innerW, height: innerH }, style: { fill: 'none', stroke: '#404040', lineWidth: 2 } },
      // north arrow: a split triangle over 北, top right inside the frame
      { type: 'group', x: pad + innerW - 60, y: pad + 16, z: 100, children: [
        { type: 'polygon', shape: { points: [[20, 0], [36, 52], [20, 42]] }, style: { fill: '#1F2933' } },
        { type: 'polygon', shape: { points: [[20, 0], [4, 52], [20, 42]] }, style: { fill: '#FFFFFF', stroke: '#1F2933', lineWidth: 2 } },
        { type: 'text', x: 20, y: 58, style: { text: '北', fill: '#1F2933', fontFamily: 'Noto Sans CJK SC', fontSize, fontWeight: 'bold', align: 'center', verticalAlign: 'top' } },
      ] },
      // the legend below the frame, four entries a row
      ...o.legend.map((l, k) => ({
        type: 'group', x: pad + (k % 4) * (innerW / 4), y: pad + innerH + 24 + Math.floor(k / 4) * 40, children: [
          { type: 'rect', shape: { x: 0, y: 0, width: 44, height: 26 }, style: { fill: l.fill, stroke: l.outline ?? '#9AA5B1', lineWidth: l.outline ? 4 : 1 } },
          { type: 'text', x: 56, y: 13, style: { text: l.label, fill: '#1F2933', fontFamily: 'Noto Sans CJK SC', fontSize, verticalAlign: 'middle' } },
        ],
      })),
    ],
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return { png: svgToPng(svg), width, height };
}
