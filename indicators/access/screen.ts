// 准入研判: a project against the access lists of every control unit it touches (shared/domain/access.md,
// “Screening”). The units in force on the screening date and the lists in force for them (city, each touched
// district, each touched unit — a unit's list of an earlier plan reaches it through the crosswalk); each
// requirement judged 符合 / 不符合 / 需人工判断 with the reason in words; the overall conclusion. Reads only:
// recording a screening is screenings.ts.
import * as turf from '@turf/turf';
import type { Feature, Geometry, LineString, MultiLineString, MultiPolygon, Point, Polygon, Position } from 'geojson';
import type { Sql } from '../../analytics/workspace.js';
import { UserError } from '../../analytics/errors.js';
import { sqlString } from '../../analytics/sql.js';
import { unitCodeInYearSql, unitsInForceSql } from '../../analytics/units/unit-plans.js';
import { contains, polygonsOf } from '../../analytics/spatial/point-in-polygon.js';
import { industryLabel, industryUnder } from '../../analytics/reference/industries-gbt4754.js';
import type { Project } from './project.js';

export type Verdict = '符合' | '不符合' | '需人工判断';
export type Conclusion = '符合' | '不符合' | '需进一步论证';
/** How a verdict or conclusion reads at a glance (a colour in the UI): conforms, does not, needs a person. */
export type Tone = 'ok' | 'bad' | 'check';
export function toneOf(v: Verdict | Conclusion): Tone {
  return v === '符合' ? 'ok' : v === '不符合' ? 'bad' : 'check';
}
export type AccessLevel = '市级' | '区县' | '单元';

export interface TouchedUnit {
  code: string;
  name: string;
  type: 1 | 2 | 3;
  subType: string | null;
  districtCode: string;
  districtName: string;
  planVersion: string;
  /** Share of the project's area inside the unit (polygons); null for a point. */
  share: number | null;
  /** The point lies on the unit's border (the lists of every unit it touches apply). */
  onBorder: boolean;
}

export interface JudgedRequirement {
  reqId: string;
  planVersion: string;
  level: AccessLevel;
  scopeCode: string;
  scopeName: string;
  dimension: string;
  text: string;
  /** The checkable condition in words; null for a text-only requirement. */
  condition: string | null;
  verdict: Verdict;
  tone: Tone;
  reason: string;
  basis: string | null;
  /** The touched units it applies to. */
  units: string[];
}

export interface ScreeningResult {
  project: Project;
  year: number;
  /** Plan versions of the touched units (the units in force on the date). */
  unitPlanVersions: string[];
  /** Plan versions of the lists applied. */
  listPlanVersions: string[];
  units: TouchedUnit[];
  districts: { code: string; name: string }[];
  requirements: JudgedRequirement[];
  conclusion: Conclusion;
  conclusionTone: Tone;
  conclusionText: string;
  counts: Record<Verdict, number>;
}

export const UNIT_TYPE_NAMES = { 1: '优先保护单元', 2: '重点管控单元', 3: '一般管控单元' } as const;
const LEVEL_ORDER: Record<AccessLevel, number> = { 市级: 0, 区县: 1, 单元: 2 };
const DIMENSION_ORDER = ['空间布局约束', '污染物排放管控', '环境风险防控', '资源开发效率要求'];

interface RequirementRow {
  req_id: string; plan_version: string; level: AccessLevel; scope_code: string; unit_type: number | null; dimension: string;
  text: string; condition_type: string | null; industries: string | null; project_types: string | null; feature: string | null;
  distance_km: number | null; pollutant: string | null; ratio: number | null; not_attained: string | null; field: string | null;
  operator: string | null; limit_value: number | null; basis: string | null;
  /** For unit-level rows: the touched unit (code in force) the row's unit maps to. */
  applies_to: string | null;
}

interface FeatureRow { feature_id: string; name: string; layer: string; geometry: Geometry }

const km = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(1));
const t = (x: number) => String(Math.round(x * 1000) / 1000);

function projectFeature(p: Project): Feature<Point | Polygon | MultiPolygon> {
  return turf.feature(p.location as Point | Polygon | MultiPolygon);
}

function bboxOf(p: Project): [number, number, number, number] {
  const [a, b, c, d] = turf.bbox(projectFeature(p));
  return [a, b, c, d];
}

/** The units in force that the project touches, with area shares (polygons) or border contact (points). */
async function touchedUnits(sql: Sql, p: Project, year: number): Promise<TouchedUnit[]> {
  const [minX, minY, maxX, maxY] = bboxOf(p);
  const rows = await sql.all<{ unit_code: string; unit_name: string; unit_type: number; sub_type: string | null; district_code: string;
    district_name: string; plan_version: string; geometry: string }>(`
    SELECT u.unit_code, u.unit_name, u.unit_type, u.sub_type, u.district_code, d.name AS district_name, u.plan_version, u.geometry
    FROM ${unitsInForceSql(year)} u JOIN districts d USING (district_code)
    WHERE u.geometry IS NOT NULL AND u.min_lon <= $maxX AND u.max_lon >= $minX AND u.min_lat <= $maxY AND u.max_lat >= $minY
    ORDER BY u.unit_code`, { minX, minY, maxX, maxY });
  const out: TouchedUnit[] = [];
  const base = (r: (typeof rows)[number]) => ({
    code: r.unit_code, name: r.unit_name, type: r.unit_type as 1 | 2 | 3, subType: r.sub_type, districtCode: r.district_code,
    districtName: r.district_name, planVersion: r.plan_version,
  });
  if (p.location.type === 'Point') {
    const [x, y] = p.location.coordinates;
    for (const r of rows) {
      const pos = contains(polygonsOf(JSON.parse(r.geometry)), x, y);
      if (pos !== 'out') out.push({ ...base(r), share: null, onBorder: pos === 'edge' });
    }
    return out;
  }
  const shape = projectFeature(p) as Feature<Polygon | MultiPolygon>;
  const total = turf.area(shape);
  for (const r of rows) {
    const unit = turf.feature(JSON.parse(r.geometry) as Polygon | MultiPolygon);
    const inter = turf.intersect(turf.featureCollection([shape, unit]));
    const share = inter ? turf.area(inter) / total : 0;
    if (share > 1e-6) out.push({ ...base(r), share, onBorder: false });
  }
  return out;
}

/** The lists in force in `year` for the touched units: city, their districts, the units themselves. */
async function requirementsInForce(sql: Sql, year: number, units: TouchedUnit[]): Promise<RequirementRow[]> {
  const codes = units.map((u) => sqlString(u.code)).join(', ');
  const districts = [...new Set(units.map((u) => sqlString(u.districtCode)))].join(', ');
  const version = 'TRY_CAST(r.plan_version AS INTEGER)';
  return sql.all<RequirementRow>(`
    SELECT r.*, NULL AS applies_to FROM access_requirements r
    WHERE r.level = '市级' AND ${version} = (SELECT max(TRY_CAST(plan_version AS INTEGER)) FROM access_requirements
      WHERE level = '市级' AND TRY_CAST(plan_version AS INTEGER) <= $year)
    UNION ALL
    SELECT r.*, NULL FROM access_requirements r
    WHERE r.level = '区县' AND r.scope_code IN (${districts}) AND ${version} = (SELECT max(TRY_CAST(v.plan_version AS INTEGER))
      FROM access_requirements v WHERE v.level = '区县' AND v.scope_code = r.scope_code AND TRY_CAST(v.plan_version AS INTEGER) <= $year)
    UNION ALL
    SELECT * FROM (
      SELECT r.*, m.code_in_year AS applies_to FROM access_requirements r JOIN ${unitCodeInYearSql(year)} m ON m.code = r.scope_code
      WHERE r.level = '单元' AND m.code_in_year IN (${codes}) AND ${version} <= $year
      QUALIFY ${version} = max(${version}) OVER (PARTITION BY m.code_in_year))`, { year });
}

async function featuresNamed(sql: Sql, names: string[]): Promise<FeatureRow[]> {
  if (names.length === 0) return [];
  const list = names.map(sqlString).join(', ');
  const rows = await sql.all<{ feature_id: string; name: string; layer: string; geometry: string }>(
    `SELECT feature_id, name, layer, geometry FROM access_features WHERE layer IN (${list}) OR name IN (${list}) ORDER BY feature_id`);
  return rows.map((r) => ({ ...r, geometry: JSON.parse(r.geometry) as Geometry }));
}

/** Pollutants a district did not attain in its latest annual result up to `year`, with the result's words. */
async function attainmentOf(sql: Sql, district: string, year: number): Promise<{ year: number; detail: string; value: number | null } | null> {
  const r = await sql.one<{ year: number; detail: string | null; value: number | null }>(`
    SELECT m.year, m.detail, m.value FROM measure_values m
    WHERE m.measure_id = 'air.attainment' AND m.entity_code = $d AND m.year <= $y
    ORDER BY m.year DESC, m.run_id DESC LIMIT 1`, { d: district, y: year });
  return r ? { year: r.year, detail: r.detail ?? '', value: r.value } : null;
}

function notAttained(detail: string, pollutant: string): boolean {
  // the attainment measure names each failing statistic: “超标：PM2.5年均浓度42（限值35），O3日最大8小时…”
  return new RegExp(`[：，]${pollutant.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[\\u4e00-\\u9fa5]`).test(detail);
}

// ---- geometry helpers (kilometres) ----

function vertices(g: Geometry): Position[] {
  return turf.coordAll(turf.feature(g));
}

function lines(g: Geometry): Feature<LineString | MultiLineString>[] {
  if (g.type === 'LineString' || g.type === 'MultiLineString') return [turf.feature(g)];
  if (g.type === 'Polygon' || g.type === 'MultiPolygon') {
    const l = turf.polygonToLine(turf.feature(g));
    return l.type === 'FeatureCollection' ? l.features as Feature<LineString | MultiLineString>[] : [l as Feature<LineString | MultiLineString>];
  }
  return [];
}

function pointDistance(pt: Position, g: Geometry): number {
  if (g.type === 'Point') return turf.distance(pt, g.coordinates, { units: 'kilometers' });
  if ((g.type === 'Polygon' || g.type === 'MultiPolygon') && turf.booleanPointInPolygon(pt, g)) return 0;
  let best = Infinity;
  for (const l of lines(g)) {
    const parts = l.geometry.type === 'LineString' ? [l.geometry.coordinates] : l.geometry.coordinates;
    for (const part of parts) best = Math.min(best, turf.pointToLineDistance(pt, turf.lineString(part), { units: 'kilometers' }));
  }
  return best;
}

/** Shortest distance between the project and a feature: 0 when they meet; else between vertices and edges both ways. */
function distanceKm(p: Project, g: Geometry): number {
  const shape = p.location as Geometry;
  if (shape.type === 'Point') return pointDistance(shape.coordinates, g);
  if (turf.booleanIntersects(turf.feature(shape), turf.feature(g))) return 0;
  let best = Infinity;
  for (const v of vertices(shape)) best = Math.min(best, pointDistance(v, g));
  for (const v of vertices(g)) best = Math.min(best, pointDistance(v, shape));
  return best;
}

function overlaps(p: Project, g: Geometry): boolean {
  return turf.booleanIntersects(turf.feature(p.location as Geometry), turf.feature(g));
}

// ---- judging ----

interface Context {
  project: Project;
  year: number;
  units: TouchedUnit[];
  features: FeatureRow[];
  attainment: Map<string, { year: number; detail: string; value: number | null } | null>;
  districtName: (code: string) => string;
}

const listed = (codes: string[]) => codes.map(industryLabel).join('、');

function matchingIndustries(p: Project, codes: string[]): { project: string; listed: string }[] {
  const out: { project: string; listed: string }[] = [];
  for (const c of p.industries) {
    const hit = codes.find((l) => industryUnder(c, l));
    if (hit) out.push({ project: c, listed: hit });
  }
  return out;
}

function conditionWords(r: RequirementRow): string | null {
  const codes = r.industries ? r.industries.split(';') : [];
  const ind = codes.length ? `（${codes.join('、')}）` : '';
  switch (r.condition_type) {
    case '禁止行业': return `禁止行业：${codes.join('、')}`;
    case '限制行业': return `限制行业（仅限合规园区内）：${codes.join('、')}`;
    case '距离': return `距${r.feature} ${r.distance_km} km 范围内${codes.length ? `禁止${codes.join('、')}` : '禁止'}`;
    case '重叠': return `不得占用${r.feature}${ind}`;
    case '削减替代': return `${r.pollutant} ${r.ratio} 倍削减替代${r.not_attained ? `（${r.not_attained}未达标区县）` : ''}`;
    case '数值限值': return `${r.field} ${r.operator} ${r.limit_value}`;
    default: return null;
  }
}

function inPark(c: Context): { yes: boolean | undefined; why: string } {
  const parks = c.features.filter((f) => f.layer === '产业园区' && overlaps(c.project, f.geometry));
  if (parks.length) return { yes: true, why: `项目位于产业园区“${parks.map((f) => f.name).join('、')}”内` };
  const parkUnits = c.units.filter((u) => u.subType === '产业园区');
  if (parkUnits.length) return { yes: true, why: `项目位于产业园区类管控单元${parkUnits.map((u) => u.code).join('、')}内` };
  if (c.project.inPark !== undefined) return { yes: c.project.inPark, why: c.project.inPark ? '项目申报位于合规园区内' : '项目不在合规园区内' };
  return { yes: undefined, why: '未说明项目是否位于合规园区，工作空间中也没有覆盖项目位置的产业园区图层' };
}

function judge(r: RequirementRow, c: Context, scopeLabel: string): { verdict: Verdict; reason: string } {
  const p = c.project;
  const types = r.project_types ? r.project_types.split(';') : [];
  if (types.length && !types.includes(p.kind)) {
    return { verdict: '符合', reason: `该要求针对${types.join('、')}项目，本项目为${p.kind}项目，不涉及` };
  }
  const codes = r.industries ? r.industries.split(';') : [];
  const hits = matchingIndustries(p, codes);
  const notListed = () => `项目行业（${listed(p.industries)}）不属于该要求涉及的行业（${codes.join('、')}）`;
  switch (r.condition_type) {
    case '禁止行业':
      return hits.length
        ? { verdict: '不符合', reason: hits.map((h) => `项目行业${h.project}属于${scopeLabel}禁止类行业（${industryLabel(h.listed)}）`).join('；') }
        : { verdict: '符合', reason: `项目行业（${listed(p.industries)}）不属于禁止类行业（${codes.join('、')}）` };
    case '限制行业': {
      if (!hits.length) return { verdict: '符合', reason: `项目行业（${listed(p.industries)}）不属于限制类行业（${codes.join('、')}）` };
      const park = inPark(c);
      const what = hits.map((h) => `项目行业${h.project}属于${scopeLabel}限制类行业（${industryLabel(h.listed)}）`).join('；');
      if (park.yes === undefined) return { verdict: '需人工判断', reason: `${what}，只能在合规园区内建设；${park.why}` };
      return park.yes
        ? { verdict: '符合', reason: `${what}；${park.why}，符合园区准入要求` }
        : { verdict: '不符合', reason: `${what}，只能在合规园区内建设；${park.why}` };
    }
    case '距离': {
      if (codes.length && !hits.length) return { verdict: '符合', reason: notListed() };
      const fs = c.features.filter((f) => f.layer === r.feature || f.name === r.feature);
      if (!fs.length) return { verdict: '需人工判断', reason: `工作空间中没有空间要素“${r.feature}”（请导入该图层），无法计算距离` };
      const nearest = fs.map((f) => ({ f, d: distanceKm(p, f.geometry) })).sort((a, b) => a.d - b.d)[0]!;
      const where = `项目距${nearest.f.name}（${nearest.f.layer}）${km(nearest.d)} km`;
      const inds = hits.length ? `，项目行业${hits.map((h) => h.project).join('、')}属于${codes.join('、')}` : '';
      return nearest.d <= r.distance_km!
        ? { verdict: '不符合', reason: `${where}，在 ${r.distance_km} km 范围内${inds}` }
        : { verdict: '符合', reason: `${where}，在 ${r.distance_km} km 范围外` };
    }
    case '重叠': {
      if (codes.length && !hits.length) return { verdict: '符合', reason: notListed() };
      const fs = c.features.filter((f) => f.layer === r.feature || f.name === r.feature);
      if (!fs.length) return { verdict: '需人工判断', reason: `工作空间中没有空间要素“${r.feature}”（请导入该图层），无法判断是否占用` };
      const hit = fs.filter((f) => overlaps(p, f.geometry));
      return hit.length
        ? { verdict: '不符合', reason: `项目位置与${r.feature}“${hit.map((f) => f.name).join('、')}”重叠` }
        : { verdict: '符合', reason: `项目位置不在${r.feature}内（最近距离 ${km(Math.min(...fs.map((f) => distanceKm(p, f.geometry))))} km）` };
    }
    case '削减替代': {
      if (codes.length && !hits.length) return { verdict: '符合', reason: notListed() };
      const pol = r.pollutant!;
      // a project whose emissions are given without this pollutant does not emit it: no offset, whatever the air
      if (p.emissions && !p.emissions[pol]) return { verdict: '符合', reason: `项目不新增${pol}排放` };
      if (r.not_attained) {
        const districts = [...new Set(c.units.map((u) => u.districtCode))];
        const states = districts.map((d) => ({ d, a: c.attainment.get(d) ?? null }));
        const unknown = states.filter((s) => !s.a || s.a.value === null);
        const failing = states.filter((s) => s.a && s.a.value !== null && notAttained(s.a.detail, r.not_attained!));
        if (!failing.length) {
          if (unknown.length) {
            return { verdict: '需人工判断', reason: `${unknown.map((s) => c.districtName(s.d)).join('、')}截至${c.year}年没有有效的空气质量达标判定，无法确定是否为${r.not_attained}未达标区县` };
          }
          return { verdict: '符合', reason: `${states.map((s) => `${c.districtName(s.d)}${s.a!.year}年${r.not_attained}达标`).join('，')}，该要求不适用` };
        }
        const why = failing.map((s) => `${c.districtName(s.d)}${s.a!.year}年${s.a!.detail}`).join('；');
        return offsetVerdict(p, pol, r.ratio!, `${why}，属于${r.not_attained}未达标区县`);
      }
      return offsetVerdict(p, pol, r.ratio!, '');
    }
    case '数值限值': {
      if (codes.length && !hits.length) return { verdict: '符合', reason: notListed() };
      const v = p.fields?.[r.field as keyof NonNullable<Project['fields']>];
      if (v === undefined) return { verdict: '需人工判断', reason: `项目未填写${r.field}，无法与限值 ${r.limit_value} 比较` };
      const lim = r.limit_value!;
      const ok = { '<=': v <= lim, '<': v < lim, '>=': v >= lim, '>': v > lim, '=': v === lim }[r.operator as '<=' | '<' | '>=' | '>' | '='];
      return { verdict: ok ? '符合' : '不符合', reason: `项目${r.field}为 ${v}，要求 ${r.operator} ${lim}${ok ? '' : '，不满足'}` };
    }
    default:
      if (codes.length && !hits.length) return { verdict: '符合', reason: notListed() };
      return { verdict: '需人工判断', reason: `${hits.length ? `项目行业${hits.map((h) => h.project).join('、')}属于该要求涉及的行业（${codes.join('、')}）；` : ''}文字要求，没有可自动判定的条件，需对照项目情况人工判断` };
  }
}

const withTone = (j: { verdict: Verdict; reason: string }) => ({ ...j, tone: toneOf(j.verdict) });

function offsetVerdict(p: Project, pollutant: string, ratio: number, where: string): { verdict: Verdict; reason: string } {
  const lead = where ? `${where}；` : '';
  const e = p.emissions?.[pollutant];
  if (e === undefined) return { verdict: '需人工判断', reason: `${lead}项目未填写${pollutant}排放量，无法核算削减替代量` };
  if (e === 0) return { verdict: '符合', reason: `${lead}项目不新增${pollutant}排放` };
  const need = e * ratio;
  const have = p.offsets?.[pollutant];
  const ask = `须落实${pollutant}削减替代 ${t(e)} × ${ratio} = ${t(need)} t/a`;
  if (have === undefined) return { verdict: '需人工判断', reason: `${lead}${ask}，项目未说明替代来源` };
  return have >= need
    ? { verdict: '符合', reason: `${lead}${ask}，已落实 ${t(have)} t/a` }
    : { verdict: '不符合', reason: `${lead}${ask}，仅落实 ${t(have)} t/a` };
}

export interface UnitAccessList {
  unit: { code: string; name: string; type: 1 | 2 | 3; districtCode: string; districtName: string; planVersion: string };
  requirements: Omit<JudgedRequirement, 'verdict' | 'tone' | 'reason' | 'units'>[];
}

/** A unit's access list in force in `year`: the city's and its district's requirements for its type, and its own. */
export async function unitAccessList(sql: Sql, code: string, year: number): Promise<UnitAccessList> {
  const u = await sql.one<{ unit_code: string; unit_name: string; unit_type: number; sub_type: string | null; district_code: string;
    district_name: string; plan_version: string }>(`
    SELECT u.unit_code, u.unit_name, u.unit_type, u.sub_type, u.district_code, d.name AS district_name, u.plan_version
    FROM ${unitsInForceSql(year)} u JOIN districts d USING (district_code) WHERE u.unit_code = $code`, { code });
  if (!u) throw new UserError('UNKNOWN_UNIT', `${year} 年有效的管控单元中没有 ${code}`);
  const unit: TouchedUnit = { code: u.unit_code, name: u.unit_name, type: u.unit_type as 1 | 2 | 3, subType: u.sub_type, districtCode: u.district_code,
    districtName: u.district_name, planVersion: u.plan_version, share: null, onBorder: false };
  const rows = (await requirementsInForce(sql, year, [unit])).filter((r) => r.unit_type === null || r.level === '单元' || r.unit_type === unit.type);
  const requirements = rows.map((r) => ({
    reqId: r.req_id, planVersion: r.plan_version, level: r.level, scopeCode: r.scope_code,
    scopeName: r.level === '市级' ? '全市' : r.level === '区县' ? unit.districtName : `${unit.name}（${r.scope_code}）`,
    dimension: r.dimension, text: r.text, condition: conditionWords(r), basis: r.basis,
  }));
  requirements.sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level]
    || DIMENSION_ORDER.indexOf(a.dimension) - DIMENSION_ORDER.indexOf(b.dimension) || a.reqId.localeCompare(b.reqId));
  return { unit: { code: unit.code, name: unit.name, type: unit.type, districtCode: unit.districtCode, districtName: unit.districtName, planVersion: unit.planVersion }, requirements };
}

/** Screens a project: nothing is written. `year` of the date picks the plan and the lists in force. */
export async function screenProject(sql: Sql, project: Project): Promise<ScreeningResult> {
  const year = Number(project.date.slice(0, 4));
  const units = await touchedUnits(sql, project, year);
  if (units.length === 0) {
    const any = await sql.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${unitsInForceSql(year)} WHERE geometry IS NOT NULL`);
    throw new UserError('OUTSIDE_UNITS', any?.n
      ? `项目位置不在 ${year} 年有效的任何环境管控单元内：请核对经纬度（CGCS2000，经度在前）`
      : `工作空间中没有 ${year} 年有效、带边界的环境管控单元：请先导入管控单元 GeoJSON`);
  }
  const rows = await requirementsInForce(sql, year, units);
  const districtNames = new Map(units.map((u) => [u.districtCode, u.districtName]));
  const featureNames = [...new Set([...rows.map((r) => r.feature).filter((f): f is string => !!f), '产业园区'])];
  const attainment = new Map<string, Awaited<ReturnType<typeof attainmentOf>>>();
  if (rows.some((r) => r.not_attained)) for (const d of districtNames.keys()) attainment.set(d, await attainmentOf(sql, d, year));
  const c: Context = {
    project, year, units, features: await featuresNamed(sql, featureNames), attainment,
    districtName: (code) => districtNames.get(code) ?? code,
  };
  const requirements: JudgedRequirement[] = [];
  for (const r of rows) {
    const applies = r.level === '单元' ? units.filter((u) => u.code === r.applies_to)
      : units.filter((u) => (r.level === '市级' || u.districtCode === r.scope_code) && (r.unit_type === null || u.type === r.unit_type));
    if (applies.length === 0) continue;
    const scopeName = r.level === '市级' ? '全市' : r.level === '区县' ? c.districtName(r.scope_code)
      : `${applies[0]!.name}（${r.scope_code === applies[0]!.code ? r.scope_code : `${r.scope_code}，现${applies[0]!.code}`}）`;
    const scopeLabel = r.level === '市级' ? '全市' : r.level === '区县' ? c.districtName(r.scope_code) : `单元${applies[0]!.code}`;
    const typeNote = r.level !== '单元' && r.unit_type ? `（${UNIT_TYPE_NAMES[r.unit_type as 1 | 2 | 3]}）` : '';
    requirements.push({
      reqId: r.req_id, planVersion: r.plan_version, level: r.level, scopeCode: r.scope_code, scopeName: `${scopeName}${typeNote}`,
      dimension: r.dimension, text: r.text, condition: conditionWords(r), ...withTone(judge(r, c, scopeLabel)), basis: r.basis,
      units: applies.map((u) => u.code),
    });
  }
  requirements.sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || a.scopeCode.localeCompare(b.scopeCode)
    || a.scopeName.localeCompare(b.scopeName) || DIMENSION_ORDER.indexOf(a.dimension) - DIMENSION_ORDER.indexOf(b.dimension) || a.reqId.localeCompare(b.reqId));
  const counts: Record<Verdict, number> = { 符合: 0, 不符合: 0, 需人工判断: 0 };
  for (const r of requirements) counts[r.verdict]++;
  const conclusion: Conclusion = counts.不符合 ? '不符合' : counts.需人工判断 ? '需进一步论证' : '符合';
  const conclusionText = conclusion === '不符合'
    ? `项目不符合生态环境准入要求：${counts.不符合} 项要求不符合（${requirements.filter((r) => r.verdict === '不符合').map((r) => r.reason).join('；')}）。`
    : conclusion === '需进一步论证'
      ? `未发现不符合的可判定要求；${counts.需人工判断} 项要求需人工判断，项目的生态环境准入符合性需进一步论证。`
      : `项目符合所涉环境管控单元的全部 ${requirements.length} 项生态环境准入要求。`;
  return {
    project, year, units, districts: [...districtNames].map(([code, name]) => ({ code, name })), requirements, conclusion,
    conclusionTone: toneOf(conclusion), conclusionText, counts,
    unitPlanVersions: [...new Set(units.map((u) => u.planVersion))].sort(),
    listPlanVersions: [...new Set(requirements.map((r) => r.planVersion))].sort(),
  };
}
