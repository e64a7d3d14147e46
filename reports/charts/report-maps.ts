// The map figures of the reports: a district's control units by type (watch-list units outlined in red), and the
// city's districts by grade. Geometry from the report data's map (the app's 一张图 geometry); the figure's alt
// text says what the map shows in words, for readers who cannot see it.
import type { ReportMap } from '../report-data.js';
import { renderRegionMap, type LegendEntry } from './region-map.js';

/** The unit-type colours of the app's 一张图 (renderer/components/UnitMap.tsx TYPE_COLOURS). */
export const UNIT_TYPE_COLOURS: Record<number, string> = { 1: '#5B9B57', 2: '#D9822B', 3: '#8FA9C8' };
const UNIT_TYPE_LABELS: Record<number, string> = { 1: '优先保护单元', 2: '重点管控单元', 3: '一般管控单元' };
export const FLAG_OUTLINE = '#C00000';
/** Grades best first; a grade past the palette and 无数据 take the last two. */
const GRADE_COLOURS = ['#2E7D32', '#8BC34A', '#FBC02D', '#E53935', '#B71C1C'];
export const NO_DATA_COLOUR = '#D9D9D9';

export interface MapFigure { png: Buffer; width: number; height: number; alt: { title: string; description: string } }

export function districtUnitMap(map: ReportMap, name: string, flagged: ReadonlySet<string>): MapFigure | null {
  if (map.units.length === 0) return null;
  const regions = map.units.map((f) => ({
    code: f.properties.code, geometry: f.geometry, fill: UNIT_TYPE_COLOURS[f.properties.type] ?? NO_DATA_COLOUR,
    ...(flagged.has(f.properties.code) ? { outline: FLAG_OUTLINE } : {}),
  }));
  const types = [1, 2, 3].filter((t) => map.units.some((f) => f.properties.type === t));
  const legend: LegendEntry[] = [
    ...types.map((t) => ({ fill: UNIT_TYPE_COLOURS[t]!, label: UNIT_TYPE_LABELS[t]! })),
    ...(regions.some((r) => r.outline) ? [{ fill: '#FFFFFF', outline: FLAG_OUTLINE, label: '预警单元' }] : []),
  ];
  const counts = types.map((t) => `${UNIT_TYPE_LABELS[t]}${map.units.filter((f) => f.properties.type === t).length}个`).join('、');
  const flaggedHere = map.units.filter((f) => flagged.has(f.properties.code)).map((f) => f.properties.code);
  return {
    ...renderRegionMap({ regions, legend, aspectScale: map.aspectScale }),
    alt: {
      title: `${name}环境管控单元分布图`,
      description: `${name}${map.units.length}个环境管控单元的分布图，按单元类型着色：${counts}`
        + `${flaggedHere.length ? `；红色边框为监管预警单元${flaggedHere.length}个（${flaggedHere.join('、')}）` : '；无监管预警单元'}。`,
    },
  };
}

export function gradeColours(grades: readonly string[]): Map<string, string> {
  return new Map(grades.map((g, k) => [g, GRADE_COLOURS[Math.min(k, GRADE_COLOURS.length - 1)]!]));
}

/** The city's districts coloured by grade, each labelled with its name; a district without a grade is 无数据. */
export function cityGradeMap(map: ReportMap, grades: readonly string[], gradeOf: ReadonlyMap<string, string>, noData: string): MapFigure | null {
  if (map.districts.length === 0) return null;
  const colours = gradeColours(grades);
  const regions = map.districts.map((f) => ({
    code: f.properties.code, geometry: f.geometry, label: f.properties.name,
    fill: colours.get(gradeOf.get(f.properties.code) ?? '') ?? NO_DATA_COLOUR,
  }));
  const used = grades.filter((g) => map.districts.some((f) => gradeOf.get(f.properties.code) === g));
  const without = map.districts.filter((f) => !colours.has(gradeOf.get(f.properties.code) ?? ''));
  const legend: LegendEntry[] = [...grades.map((g) => ({ fill: colours.get(g)!, label: g })),
    ...(without.length ? [{ fill: NO_DATA_COLOUR, label: noData }] : [])];
  return {
    ...renderRegionMap({ regions, legend, aspectScale: map.aspectScale, border: '#FFFFFF' }),
    alt: {
      title: '各区县评估等级分布图',
      description: `全市${map.districts.length}个区县按评估等级着色：${used.map((g) => `${g}${map.districts.filter((f) => gradeOf.get(f.properties.code) === g).length}个`).join('、') || '无'}`
        + `${without.length ? `，${noData}${without.length}个（${without.map((f) => f.properties.name).join('、')}）` : ''}。`,
    },
  };
}

/** The project (a pin, or its footprint outlined) over the units it touches (by type) and their neighbours (grey). */
export function screeningMap(map: ReportMap, touched: readonly string[], location: { type: string; coordinates: unknown }, projectName: string): MapFigure | null {
  const hit = map.units.filter((f) => touched.includes(f.properties.code));
  if (hit.length === 0) return null;
  // the touched units' extent, widened by half on each side: the neighbours drawn for context
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  for (const f of hit) for (const p of (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates)) for (const [x, y] of p[0] ?? []) {
    w = Math.min(w, x!); e = Math.max(e, x!); s = Math.min(s, y!); n = Math.max(n, y!);
  }
  const dx = (e - w) * 0.5, dy = (n - s) * 0.5;
  const near = map.units.filter((f) => !touched.includes(f.properties.code) && (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates)
    .some((p) => (p[0] ?? []).some(([x, y]) => x! >= w - dx && x! <= e + dx && y! >= s - dy && y! <= n + dy)));
  const footprint = location.type === 'Polygon' || location.type === 'MultiPolygon'
    ? [{ code: '__project', geometry: location as ReportMap['units'][number]['geometry'], fill: 'rgba(198,40,40,0.35)', outline: FLAG_OUTLINE }] : [];
  const point = location.type === 'Point' ? (location.coordinates as [number, number]) : null;
  const types = [1, 2, 3].filter((t) => hit.some((f) => f.properties.type === t));
  const fig = renderRegionMap({
    regions: [...near.map((f) => ({ code: f.properties.code, geometry: f.geometry, fill: '#E6E6E6' })),
      ...hit.map((f) => ({ code: f.properties.code, geometry: f.geometry, fill: UNIT_TYPE_COLOURS[f.properties.type] ?? NO_DATA_COLOUR, label: f.properties.code })),
      ...footprint],
    legend: [{ fill: FLAG_OUTLINE, label: point ? '项目位置' : '项目范围' }, ...types.map((t) => ({ fill: UNIT_TYPE_COLOURS[t]!, label: UNIT_TYPE_LABELS[t]! })),
      ...(near.length ? [{ fill: '#E6E6E6', label: '周边单元' }] : [])],
    aspectScale: map.aspectScale, width: 1200,
    ...(point ? { points: [{ lon: point[0], lat: point[1], colour: FLAG_OUTLINE }] } : {}),
  });
  return {
    ...fig,
    alt: {
      title: `${projectName}与环境管控单元位置关系图`,
      description: `${projectName}${point ? `位于经度${point[0]}、纬度${point[1]}` : '的用地范围'}，涉及环境管控单元${hit.map((f) => `${f.properties.code}（${f.properties.typeName}）`).join('、')}；灰色为周边单元。`,
    },
  };
}
