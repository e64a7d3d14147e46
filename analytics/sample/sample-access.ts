// Access lists, spatial features and projects of the synthetic sample (准入研判; shared/domain/access.md).
// Everything spatial is derived from the units' generated geometry — points on named units, bounding boxes,
// a river line across the first central district — never from fixed coordinates, so it stays valid whatever
// shapes the units have. Roles: A = the first 中心城区 district (river, red line, chemical project, offsets: central
// districts' PM2.5 is generated around 40 μg/m³, above the 35 limit), B = the next 中心城区 district (park,
// restricted industry in and out of the park), C = the first district outside 主城都市区 (the project that conforms).
import * as turf from '@turf/turf';
import type { Polygon } from 'geojson';
import type { DistrictReference } from '../reference/chongqing-districts.js';
import { contains, polygonsOf } from '../spatial/point-in-polygon.js';
import type { SampleUnit } from './sample-reference.js';
import type { Territory } from './sample-geometry.js';

export type Shapes = Map<string, Polygon>;

const r6 = (x: number) => Math.round(x * 1e6) / 1e6;
const rect = (x0: number, y0: number, x1: number, y1: number): Polygon =>
  ({ type: 'Polygon', coordinates: [[[r6(x0), r6(y0)], [r6(x1), r6(y0)], [r6(x1), r6(y1)], [r6(x0), r6(y1)], [r6(x0), r6(y0)]]] });

/** Each unit's boundary as one polygon (a unit drawn in several parts: its largest part), for placing features and
 *  projects on it. */
export function unitShapes(territory: Territory, units: readonly SampleUnit[]): Shapes {
  const shapes: Shapes = new Map();
  for (const u of units) {
    const g = territory.unit(u.code);
    if (g.type === 'Polygon') shapes.set(u.code, g);
    else if (g.type === 'MultiPolygon') {
      const parts = g.coordinates.map((c): Polygon => ({ type: 'Polygon', coordinates: c }));
      shapes.set(u.code, parts.reduce((x, y) => (turf.area(y) > turf.area(x) ? y : x)));
    }
  }
  return shapes;
}

export interface SampleProject {
  file: string;
  /** What it shows (示例数据_说明.md). */
  note: string;
  /** The district it lies in (name). */
  district: string;
  project: Record<string, unknown>;
}

export interface SampleAccess {
  features: { type: 'FeatureCollection'; features: unknown[] };
  /** Header + rows of the city-level list (XLSX, one row per requirement). */
  cityRows: (string | number | null)[][];
  /** Header + rows of one district's unit-level list (XLSX; the unit cells are merged over their rows). */
  unitSheet: { district: DistrictReference; rows: (string | number | null)[][]; merges: [number, number][] };
  /** Header + rows of the long CSV: district-level lists and the other districts' unit lists. */
  csvRows: (string | number | null)[][];
  projects: SampleProject[];
}

const HEADER = ['条目编号', '层级', '适用范围', '适用单元类别', '管控维度', '管控要求', '判定条件', '行业代码', '项目类型', '空间要素',
  '距离（km）', '污染物', '替代比例', '未达标因子', '项目指标', '比较', '限值', '依据', '成果版本'];

interface Req {
  id: string; level: '市级' | '区县' | '单元'; scope: string; unitType?: string; dim: string; text: string; cond?: string; ind?: string;
  types?: string; feature?: string; km?: number; pol?: string; ratio?: number; na?: string; field?: string; op?: string; limit?: number; basis?: string;
}
const row = (q: Req): (string | number | null)[] => [q.id, q.level, q.scope, q.unitType ?? '', q.dim, q.text, q.cond ?? '', q.ind ?? '',
  q.types ?? '', q.feature ?? '', q.km ?? '', q.pol ?? '', q.ratio ?? '', q.na ?? '', q.field ?? '', q.op ?? '', q.limit ?? '', q.basis ?? '', '2023'];

const CITY: Req[] = [
  { id: 'SJ-01', level: '市级', scope: '全市', dim: '空间布局约束', text: '生态保护红线内，除国家允许的有限人为活动外，禁止开发性、生产性建设活动', cond: '重叠', feature: '生态保护红线', basis: '《关于在国土空间规划中统筹划定落实三条控制线的指导意见》' },
  { id: 'SJ-02', level: '市级', scope: '全市', dim: '空间布局约束', text: '长江干支流岸线一公里范围内禁止新建、扩建化工园区和化工项目', cond: '距离', ind: 'C26、C25', types: '新建、扩建', feature: '河流岸线', km: 1, basis: '《中华人民共和国长江保护法》第二十六条' },
  { id: 'SJ-03', level: '市级', scope: '全市', dim: '空间布局约束', text: '钢铁、水泥、平板玻璃等重污染项目只能在合规产业园区内建设', cond: '限制行业', ind: 'C31、C3011、C3041' },
  { id: 'SJ-04', level: '市级', scope: '全市', unitType: '优先保护', dim: '空间布局约束', text: '优先保护单元依法禁止或限制大规模、高强度的工业和城镇建设' },
  { id: 'SJ-05', level: '市级', scope: '全市', dim: '污染物排放管控', text: 'PM2.5未达标区县新建项目氮氧化物实行2倍削减替代', cond: '削减替代', types: '新建、扩建', pol: '氮氧化物', ratio: 2, na: 'PM2.5' },
  { id: 'SJ-06', level: '市级', scope: '全市', dim: '污染物排放管控', text: 'PM2.5未达标区县新建项目挥发性有机物实行2倍削减替代', cond: '削减替代', types: '新建、扩建', pol: '挥发性有机物', ratio: 2, na: 'PM2.5' },
  { id: 'SJ-07', level: '市级', scope: '全市', dim: '环境风险防控', text: '危险化学品生产、储存项目按规定设置防护距离，编制突发环境事件应急预案', ind: 'C26、C25' },
  { id: 'SJ-08', level: '市级', scope: '全市', dim: '资源开发效率要求', text: '水泥、平板玻璃新建、扩建项目能效达到标杆水平（单位产品能耗不高于标杆值）', cond: '数值限值', ind: 'C3011、C3041', types: '新建、扩建', field: '单位产品能耗', op: '≤', limit: 100 },
];

function districtReqs(d: DistrictReference): Req[] {
  const scope = d.name;
  return d.subGroup === '中心城区'
    ? [{ id: `QX-${d.code}-01`, level: '区县', scope, dim: '资源开发效率要求', text: '中心城区禁止新建燃煤火电项目', cond: '禁止行业', ind: 'D4411', types: '新建' }]
    : [{ id: `QX-${d.code}-01`, level: '区县', scope, dim: '环境风险防控', text: '化工企业纳入园区环境风险防控体系，落实三级防控措施', ind: 'C26' }];
}

function unitReqs(u: SampleUnit): Req[] {
  const id = (k: number) => `DY-${u.code}-${k}`;
  const base = { level: '单元' as const, scope: u.code };
  if (u.type === 1) return [{ ...base, id: id(1), dim: '空间布局约束', text: '禁止新建、扩建工业项目', cond: '禁止行业', ind: 'C', types: '新建、扩建' }];
  if (u.type === 2) {
    return [
      { ...base, id: id(1), dim: '环境风险防控', text: '禁止新建涉重金属排放的有色金属冶炼项目', cond: '禁止行业', ind: 'C32' },
      { ...base, id: id(2), dim: '污染物排放管控', text: '石化、化工项目执行大气污染物特别排放限值', ind: 'C25、C26' },
    ];
  }
  return [{ ...base, id: id(1), dim: '空间布局约束', text: '禁止新建化工项目', cond: '禁止行业', ind: 'C26', types: '新建' }];
}

function bboxOf(p: Polygon): [number, number, number, number] {
  const [a, b, c, d] = turf.bbox(p);
  return [a, b, c, d];
}
const inside = (p: Polygon) => turf.pointOnFeature(p).geometry.coordinates as [number, number];

export function sampleAccess(districts: DistrictReference[], units: SampleUnit[], shapes: Shapes, lastYear: number): SampleAccess | null {
  const central = districts.filter((d) => d.subGroup === '中心城区');
  const A = central[0], B = central[1], C = districts.find((d) => d.regionGroup !== '主城都市区');
  if (!A || !B || !C) return null;
  const of = (d: DistrictReference, type: 1 | 2 | 3) => units.filter((u) => u.districtCode === d.code && u.type === type && shapes.has(u.code));
  const shape = (u: SampleUnit) => shapes.get(u.code)!;
  const aUnits = units.filter((u) => u.districtCode === A.code && shapes.has(u.code));
  const aBox = aUnits.map((u) => bboxOf(shape(u))).reduce((m, b) => [Math.min(m[0], b[0]), Math.min(m[1], b[1]), Math.max(m[2], b[2]), Math.max(m[3], b[3])]);
  // the river crosses A a fifth of its height below its northern edge
  const riverY = aBox[3] - (aBox[3] - aBox[1]) * 0.2;
  const river = { type: 'LineString', coordinates: [[r6(aBox[0] - 0.05), r6(riverY)], [r6(aBox[2] + 0.05), r6(riverY)]] };
  const priorityA = of(A, 1)[0]!;
  const [rx, ry] = inside(shape(priorityA));
  const [pw, ph] = ((b) => [b[2] - b[0], b[3] - b[1]])(bboxOf(shape(priorityA)));
  const redLine = rect(rx - pw * 0.1, ry - ph * 0.05, rx + pw * 0.1, ry + ph * 0.05);
  const keyB = of(B, 2);
  const [kx, ky] = inside(shape(keyB[0]!));
  const kb = bboxOf(shape(keyB[0]!));
  const park = rect(kx - (kb[2] - kb[0]) * 0.2, ky - (kb[3] - kb[1]) * 0.1, kx + (kb[2] - kb[0]) * 0.2, ky + (kb[3] - kb[1]) * 0.1);
  const features = {
    type: 'FeatureCollection' as const,
    features: [
      { type: 'Feature', properties: { 要素编号: 'HX-001', 要素名称: `${A.name}示例生态保护红线图斑`, 图层: '生态保护红线' }, geometry: redLine },
      { type: 'Feature', properties: { 要素编号: 'AX-001', 要素名称: '长江（示例岸线）', 图层: '河流岸线' }, geometry: river },
      { type: 'Feature', properties: { 要素编号: 'YQ-001', 要素名称: `${B.name}示例工业园`, 图层: '产业园区' }, geometry: park },
    ],
  };
  // half a kilometre south of the river, inside one of A's units
  const nearY = riverY - 0.0045;
  let chem: [number, number] | null = null;
  for (let k = 1; k < 40 && !chem; k++) {
    const x = aBox[0] + ((aBox[2] - aBox[0]) * k) / 40;
    if (aUnits.some((u) => contains(polygonsOf(shape(u)), x, nearY) === 'in')) chem = [r6(x), r6(nearY)];
  }
  const inPark = (pt: [number, number]) => contains(polygonsOf(park), pt[0], pt[1]) !== 'out';
  const outside = [...of(B, 3), ...of(B, 1)].map((u) => inside(shape(u))).find((pt) => !inPark(pt))!;
  const keyA = inside(shape(of(A, 2)[0] ?? priorityA));
  const good = inside(shape(of(C, 3)[0] ?? of(C, 2)[0]!));
  const date = `${lastYear}-06-30`;
  const pt = (p: [number, number]) => ({ lon: r6(p[0]), lat: r6(p[1]) });
  const projects: SampleProject[] = [
    { file: '示例数据_准入研判项目_1_红线内道路.json', district: A.name, note: `${A.name}：位于生态保护红线图斑内的公路项目——不符合（占用生态保护红线）`,
      project: { name: `${A.name}某山区公路工程（示例）`, date, ...pt([rx, ry]), industries: ['E4812'], kind: '新建' } },
    ...(chem ? [{ file: '示例数据_准入研判项目_2_岸线化工.json', district: A.name, note: `${A.name}：距长江岸线约 0.5 km 的新建化工项目——不符合（岸线一公里范围内禁止新建化工项目）`,
      project: { name: `${A.name}某有机化工原料项目（示例）`, date, ...pt(chem), industries: ['C2614'], kind: '新建', emissions: { VOCs: 12, 氮氧化物: 8 }, offsets: { VOCs: 24, 氮氧化物: 16 } } }] : []),
    { file: '示例数据_准入研判项目_3_园区内水泥.json', district: B.name, note: `${B.name}：示例工业园内的新建水泥项目——限制类行业在园区内，能效达标杆值、氮氧化物已倍量替代：符合`,
      project: { name: `${B.name}某水泥熟料项目（园区内，示例）`, date, ...pt([kx, ky]), industries: ['C3011'], kind: '新建',
        fields: { 单位产品能耗: 95 }, emissions: { 氮氧化物: 50 }, offsets: { 氮氧化物: 100 } } },
    { file: '示例数据_准入研判项目_4_园区外水泥.json', district: B.name, note: `${B.name}：园区外的同类水泥项目——不符合（限制类行业只能在合规园区内建设）`,
      project: { name: `${B.name}某水泥熟料项目（园区外，示例）`, date, ...pt(outside), industries: ['C3011'], kind: '新建', inPark: false,
        fields: { 单位产品能耗: 95 }, emissions: { 氮氧化物: 50 }, offsets: { 氮氧化物: 100 } } },
    { file: '示例数据_准入研判项目_5_未达标区替代不足.json', district: A.name, note: `${A.name}（PM2.5未达标）：新建汽车零部件项目，氮氧化物仅等量替代——不符合（须2倍削减替代）`,
      project: { name: `${A.name}某汽车零部件涂装项目（示例）`, date, ...pt(keyA), industries: ['C3670'], kind: '新建', emissions: { 氮氧化物: 20, VOCs: 10 }, offsets: { 氮氧化物: 20, VOCs: 20 } } },
    { file: '示例数据_准入研判项目_6_符合.json', district: C.name, note: `${C.name}：一般管控单元内的新建汽车零部件项目——符合`,
      project: { name: `${C.name}某汽车零部件项目（示例）`, date, ...pt(good), industries: ['C3670'], kind: '新建', emissions: { 颗粒物: 0.5 } } },
  ];
  const xlsxDistrict = A;
  const sheetUnits = units.filter((u) => u.districtCode === xlsxDistrict.code);
  const unitRows: (string | number | null)[][] = [];
  const merges: [number, number][] = [];
  for (const u of sheetUnits) {
    const reqs = unitReqs(u);
    const first = unitRows.length;
    reqs.forEach((q, k) => unitRows.push([q.id, k === 0 ? u.code : null, k === 0 ? u.name : null, q.dim, q.text, q.cond ?? '', q.ind ?? '', q.types ?? '', '2023']));
    if (reqs.length > 1) merges.push([first, unitRows.length - 1]);
  }
  return {
    features,
    cityRows: [HEADER, ...CITY.map(row)],
    unitSheet: {
      district: xlsxDistrict,
      rows: [['条目编号', '环境管控单元编码', '环境管控单元名称', '管控维度', '管控要求', '判定条件', '行业代码', '项目类型', '成果版本'], ...unitRows],
      merges,
    },
    csvRows: [HEADER, ...districts.flatMap(districtReqs).map(row),
      ...units.filter((u) => u.districtCode !== xlsxDistrict.code).flatMap(unitReqs).map(row)],
    projects,
  };
}
