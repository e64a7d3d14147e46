// 一张图: the workspace's own unit polygons (from 'map/layers', no tiles, no network) on an ECharts `geo`
// component: units coloured by type, by watch-list status or by a measure in classes, district borders, air
// stations and water sections as points. Hover shows name, code, type and value; click opens the unit (or the
// district); wheel and drag zoom and pan; `focus` fits the view to a district or to some units.
// Drawn by the one chart host (EChart.tsx) on a registered map, with the aspect the server gives (the same as the
// reports' map figures). The container carries `zonetrackMap` (pixel of a lon/lat, the drawn colour of each unit
// and of each station or section point) for the browser tests.
import { useCallback, useMemo, useRef } from 'react';
import { Box, Stack, Typography, useTheme } from '@mui/material';
import type { ECharts } from 'echarts/core';
import type { MapLayers } from '../../service/queries/map-layers.js';
import { formatValue } from '../../indicators/value-format.js';
import { EChart, registerMap } from './EChart.js';

export const TYPE_COLOURS: Record<number, string> = { 1: '#5B9B57', 2: '#D9822B', 3: '#8FA9C8' };
const FLAG_COLOUR = '#C62828';
const QUIET = '#D5DBE1';
const CLASS_COLOURS = ['#FEE8C8', '#FDBB84', '#FC8D59', '#E34A33', '#B30000'];
const NO_VALUE = '#E0E0E0';

export type MapColouring =
  | { mode: 'type'; labels: Record<number, string> }
  | { mode: 'flags'; flagged: ReadonlySet<string>; labels: { flagged: string; other: string } }
  | { mode: 'value'; label: string; values: Record<string, number | null>; noValue: string };

export interface UnitMapProps {
  layers: MapLayers;
  colouring: MapColouring;
  showDistricts?: boolean;
  showStations?: boolean;
  showSections?: boolean;
  /** Fit the view to a district, or to these units. */
  focus?: { district?: string; units?: readonly string[] };
  /** Draw only these units (others left out). */
  only?: ReadonlySet<string>;
  onUnit?: (code: string) => void;
  height?: number;
  testId?: string;
  labels: { code: string; type: string; value: string; station: string; section: string };
  /** Sections coloured by their result (code → tone and words for the tooltip); without it, one colour. */
  sectionResults?: Record<string, PointResult>;
  /** Extra layers drawn over the units: lines (rivers) and polygons (a project's footprint). */
  overlays?: MapOverlay[];
  /** Pins over the map (a project's location). */
  marks?: { lon: number; lat: number; colour: string; name: string }[];
}

export type ResultTone = 'ok' | 'bad' | 'none';
export interface PointResult { tone: ResultTone; text: string }
export const RESULT_COLOURS: Record<ResultTone, string> = { ok: '#2E7D32', bad: '#C62828', none: '#9E9E9E' };

export interface MapOverlay {
  name: string;
  /** Rings or lines as lon/lat paths. */
  paths: number[][][];
  colour: string;
  width: number;
  /** Filled polygons (a footprint) rather than lines. */
  fill?: string;
}

const LAYER_STYLE: Record<string, Pick<MapOverlay, 'colour' | 'width' | 'fill'>> = {
  河道中心线: { colour: '#1E88E5', width: 2 },
  河流岸线: { colour: '#0D47A1', width: 2.5 },
  生态保护红线: { colour: '#C62828', width: 1, fill: 'rgba(198,40,40,0.28)' },
  饮用水水源保护区: { colour: '#00838F', width: 1, fill: 'rgba(0,131,143,0.25)' },
  产业园区: { colour: '#6A1B9A', width: 1, fill: 'rgba(106,27,154,0.22)' },
};

/** The imported feature layers (rivers, shorelines, red line, parks) as overlays: lines drawn, polygons filled. */
export function featureOverlays(features: MapLayers['features']): MapOverlay[] {
  const out: MapOverlay[] = [];
  for (const f of features) {
    const style = LAYER_STYLE[f.layer] ?? { colour: '#546E7A', width: 1.5 };
    const g = f.geometry;
    if (g.type === 'LineString') out.push({ name: f.name, paths: [g.coordinates], ...style, fill: undefined });
    else if (g.type === 'MultiLineString') out.push({ name: f.name, paths: g.coordinates, ...style, fill: undefined });
    else if (g.type === 'Polygon') out.push({ name: f.name, paths: g.coordinates, ...style, fill: style.fill ?? 'rgba(84,110,122,0.2)' });
    else if (g.type === 'MultiPolygon') out.push({ name: f.name, paths: g.coordinates.flat(), ...style, fill: style.fill ?? 'rgba(84,110,122,0.2)' });
  }
  return out;
}

export interface ValueClass { from: number; to: number; colour: string }

/** Up to five classes of equal count (quantiles) over the values, rounded for the legend. */
export function valueClasses(values: (number | null)[]): ValueClass[] {
  const sorted = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  const n = Math.min(CLASS_COLOURS.length, new Set(sorted).size);
  const breaks = Array.from({ length: n + 1 }, (_, k) => sorted[Math.min(sorted.length - 1, Math.round((k / n) * (sorted.length - 1)))]!);
  return Array.from({ length: n }, (_, k) => ({ from: breaks[k]!, to: breaks[k + 1]!, colour: CLASS_COLOURS[Math.round((k * (CLASS_COLOURS.length - 1)) / Math.max(1, n - 1))]! }))
    .filter((c, k, all) => k === 0 || c.from !== all[k - 1]!.from);
}

function classColour(classes: ValueClass[], v: number | null | undefined): string {
  if (v === null || v === undefined) return NO_VALUE;
  return (classes.find((c) => v <= c.to) ?? classes.at(-1))?.colour ?? NO_VALUE;
}

/** Bounding box [[west, north], [east, south]] of some features' rings. */
function bounds(features: MapLayers['units']['features']): [[number, number], [number, number]] | undefined {
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  for (const f of features) {
    const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const p of polys) for (const [x, y] of p[0] ?? []) {
      if (x! < w) w = x!;
      if (x! > e) e = x!;
      if (y! < s) s = y!;
      if (y! > n) n = y!;
    }
  }
  return Number.isFinite(w) ? [[w, n], [e, s]] : undefined;
}

let maps = 0;

export function UnitMap(props: UnitMapProps) {
  const { layers, colouring, showDistricts = true, showStations = false, showSections = false, focus, only, onUnit, height = 560, testId, labels, sectionResults, overlays, marks } = props;
  const onUnitRef = useRef(onUnit);
  onUnitRef.current = onUnit;
  const dark = useTheme().palette.mode === 'dark';

  // one registered map per layers answer (the features drawn, named by unit code)
  const drawn = useMemo(() => (only ? layers.units.features.filter((f) => only.has(f.properties.code)) : layers.units.features), [layers, only]);
  const mapName = useMemo(() => {
    const name = `zt-units-${++maps}`;
    registerMap(name, { type: 'FeatureCollection', features: drawn.map((f) => ({ ...f, properties: { ...f.properties, name: f.properties.code } })) } as never);
    return name;
  }, [drawn]);
  const classes = useMemo(() => (colouring.mode === 'value' ? valueClasses(drawn.map((f) => colouring.values[f.properties.code] ?? null)) : []), [colouring, drawn]);
  const colourOf = useMemo(() => (code: string, type: number): string => {
    if (colouring.mode === 'type') return TYPE_COLOURS[type] ?? NO_VALUE;
    if (colouring.mode === 'flags') return colouring.flagged.has(code) ? FLAG_COLOUR : QUIET;
    return classColour(classes, colouring.values[code]);
  }, [colouring, classes]);
  const view = useMemo(() => {
    if (focus?.district) return bounds(layers.units.features.filter((f) => f.properties.district === focus.district));
    if (focus?.units) return bounds(layers.units.features.filter((f) => focus.units!.includes(f.properties.code)));
    return undefined;
  }, [focus, layers]);

  const option = useMemo(() => {
    const byCode = new Map(drawn.map((f) => [f.properties.code, f.properties]));
    const valueText = (code: string) => {
      if (colouring.mode !== 'value') return '';
      const v = colouring.values[code];
      return `<br/>${colouring.label} ${labels.value}${v === null || v === undefined ? colouring.noValue : formatValue(v, 2)}`;
    };
    const districtLines = showDistricts ? layers.districts.features.flatMap((d) => {
      const polys = d.geometry.type === 'Polygon' ? [d.geometry.coordinates] : d.geometry.coordinates;
      return polys.flatMap((p) => p.map((ring) => ({ coords: ring, name: d.properties.name })));
    }) : [];
    return {
      backgroundColor: 'transparent',
      animation: false,
      tooltip: { trigger: 'item', confine: true, className: 'zt-map-tip' },
      geo: {
        map: mapName, roam: true, aspectScale: layers.aspectScale, nameProperty: 'name', selectedMode: false,
        ...(view ? { boundingCoords: view } : { layoutCenter: ['50%', '50%'], layoutSize: '96%' }),
        label: { show: false }, emphasis: { label: { show: false }, itemStyle: { borderColor: '#000', borderWidth: 1.5 } },
        itemStyle: { borderColor: dark ? '#263238' : '#FFFFFF', borderWidth: 0.4 },
        regions: drawn.map((f) => ({ name: f.properties.code, itemStyle: { areaColor: colourOf(f.properties.code, f.properties.type) } })),
      },
      series: [
        // the units as data of the geo's regions: hover and click (styles come from the geo's regions)
        {
          type: 'map', geoIndex: 0, data: drawn.map((f) => ({ name: f.properties.code })),
          tooltip: {
            formatter: (p: { name: string }) => {
              const u = byCode.get(p.name);
              return u ? `<b>${u.name}</b><br/>${labels.code}${u.code}<br/>${labels.type}${u.typeName}${valueText(u.code)}` : p.name;
            },
          },
        },
        { type: 'lines', coordinateSystem: 'geo', polyline: true, silent: true, data: districtLines, lineStyle: { color: dark ? '#ECEFF1' : '#263238', width: 1.2, opacity: 0.9 }, z: 3 },
        ...(showStations ? [{
          type: 'scatter', coordinateSystem: 'geo', symbol: 'triangle', symbolSize: 9, z: 4, itemStyle: { color: '#1565C0', borderColor: '#fff', borderWidth: 1 },
          data: layers.stations.map((s) => ({ name: s.name, value: [s.lon, s.lat], code: s.code })),
          tooltip: { formatter: (p: { data: { name: string; code: string } }) => `${labels.station}${p.data.name}<br/>${labels.code}${p.data.code}` },
        }] : []),
        ...(showSections ? [{
          type: 'scatter', coordinateSystem: 'geo', symbol: 'diamond', symbolSize: 11, z: 4, itemStyle: { borderColor: '#fff', borderWidth: 1 },
          data: layers.sections.map((s) => {
            const r = sectionResults?.[s.code];
            return { name: s.name, value: [s.lon, s.lat], code: s.code, result: r?.text ?? '', itemStyle: { color: r ? RESULT_COLOURS[r.tone] : '#00838F' } };
          }),
          tooltip: { formatter: (p: { data: { name: string; code: string; result: string } }) => `${labels.section}${p.data.name}<br/>${labels.code}${p.data.code}${p.data.result ? `<br/>${p.data.result}` : ''}` },
        }] : []),
        ...(marks?.length ? [{
          type: 'scatter', coordinateSystem: 'geo', symbol: 'pin', symbolSize: 30, z: 6, silent: true,
          data: marks.map((m) => ({ name: m.name, value: [m.lon, m.lat], itemStyle: { color: m.colour } })),
        }] : []),
        ...(overlays ?? []).map((o) => (o.fill ? {
          type: 'custom', coordinateSystem: 'geo', silent: true, z: 5, data: [0],
          renderItem: (_: unknown, api: { coord: (p: number[]) => number[] }) => ({
            type: 'group', children: o.paths.map((ring) => ({
              type: 'polygon', shape: { points: ring.map((p) => api.coord(p)) }, style: { fill: o.fill, stroke: o.colour, lineWidth: o.width },
            })),
          }),
        } : {
          type: 'lines', coordinateSystem: 'geo', polyline: true, silent: true, z: 3, name: o.name,
          data: o.paths.map((path) => ({ coords: path })), lineStyle: { color: o.colour, width: o.width, opacity: 0.95 },
        })),
      ],
    };
  }, [mapName, drawn, colouring, colourOf, layers, showDistricts, showStations, showSections, view, dark, labels, sectionResults, overlays, marks]);
  // test hooks on the chart's element: pixel of a lon/lat, the drawn colour of each unit and of each section
  const onInstance = useCallback((instance: ECharts, el: HTMLDivElement) => {
    type Opt = { geo: { regions: { name: string; itemStyle: { areaColor: string } }[] }[]; series: { type: string; data?: { code?: string; itemStyle?: { color?: string } }[]; symbol?: string }[] };
    Object.assign(el, {
      zonetrackMap: {
        pixelOf: (lon: number, lat: number) => instance.convertToPixel({ geoIndex: 0 }, [lon, lat]) as number[],
        colours: () => Object.fromEntries((instance.getOption() as Opt).geo[0]!.regions.map((r) => [r.name, r.itemStyle.areaColor])),
        sectionColours: () => Object.fromEntries((instance.getOption() as Opt).series.filter((x) => x.type === 'scatter' && x.symbol === 'diamond')
          .flatMap((x) => x.data ?? []).map((d) => [d.code, d.itemStyle?.color])),
      },
    });
  }, []);
  const onClick = useCallback((p: { componentType: string; seriesType: string | undefined; name: string }) => {
    if ((p.componentType === 'geo' || p.seriesType === 'map') && p.name) onUnitRef.current?.(p.name);
  }, []);

  return (
    <Stack spacing={1}>
      <EChart option={option} height={height} testId={testId} onClick={onClick} onInstance={onInstance} measure="map-colour" />
      <Legend colouring={colouring} classes={classes} />
    </Stack>
  );
}

function Swatch({ colour, label }: { colour: string; label: string }) {
  return (
    <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
      <Box sx={{ width: 14, height: 14, bgcolor: colour, border: '1px solid rgba(0,0,0,0.2)' }} />
      <Typography variant="caption">{label}</Typography>
    </Stack>
  );
}

function Legend({ colouring, classes }: { colouring: MapColouring; classes: ValueClass[] }) {
  const items = colouring.mode === 'type'
    ? Object.entries(TYPE_COLOURS).map(([t, c]) => ({ colour: c, label: colouring.labels[Number(t)] ?? t }))
    : colouring.mode === 'flags'
      ? [{ colour: FLAG_COLOUR, label: colouring.labels.flagged }, { colour: QUIET, label: colouring.labels.other }]
      : [...classes.map((c) => ({ colour: c.colour, label: `${formatValue(c.from, 2)} – ${formatValue(c.to, 2)}` })), { colour: NO_VALUE, label: colouring.noValue }];
  return (
    <Stack direction="row" spacing={2} sx={{ flexWrap: 'wrap', alignItems: 'center' }} data-testid="map-legend">
      {colouring.mode === 'value' && <Typography variant="caption" sx={{ fontWeight: 600 }}>{colouring.label}</Typography>}
      {items.map((i) => <Swatch key={i.label} colour={i.colour} label={i.label} />)}
    </Stack>
  );
}
