// A construction project to screen against the access lists (准入研判): what the form asks and a project file
// (JSON) holds. Coordinates are CGCS2000/WGS84 lon/lat; the location is a point or a GeoJSON (Multi)Polygon.
import { UserError } from '../../analytics/errors.js';
import { readIndustryList } from '../../analytics/import/industry-codes.js';
import { ACCESS_PROJECT_FIELDS, EMISSION_POLLUTANTS } from '../../analytics/import/datasets.js';

export type ProjectKind = '新建' | '改建' | '扩建';
export type ProjectField = (typeof ACCESS_PROJECT_FIELDS)[number];

export type ProjectLocation =
  | { type: 'Point'; coordinates: [number, number] }
  | { type: 'Polygon'; coordinates: [number, number][][] }
  | { type: 'MultiPolygon'; coordinates: [number, number][][][] };

export interface Project {
  name: string;
  /** The date screened against (YYYY-MM-DD): the plan and lists in force that day apply. */
  date: string;
  location: ProjectLocation;
  /** GB/T 4754-2017 codes, normalised (C2614). */
  industries: string[];
  kind: ProjectKind;
  /** In a compliant industrial park (合规园区); unknown when not given. */
  inPark?: boolean;
  /** The figures numeric limits compare (年综合能耗 t标煤, 单位产品能耗, 年用水量 m³, 产能, 年燃煤量 t). */
  fields?: Partial<Record<ProjectField, number>>;
  /** Planned emissions, t/a, by pollutant (COD, NH3-N, SO2, NOx, 颗粒物, VOCs …). */
  emissions?: Record<string, number>;
  /** Reductions secured elsewhere to offset them (削减替代来源), t/a, by pollutant. */
  offsets?: Record<string, number>;
  /** EIA approval number when the project comes from the approvals register. */
  approvalNo?: string;
}

const KINDS: ProjectKind[] = ['新建', '改建', '扩建'];

const bad = (field: string, reason: string) =>
  new UserError('BAD_PROJECT', `项目信息有误：${field}${reason}`, [{ file: '', row: 0, column: field, value: null, reason }]);

function lonLat(lon: unknown, lat: unknown, where: string): [number, number] {
  const x = Number(lon), y = Number(lat);
  if (!Number.isFinite(x) || x < 73 || x > 136) throw bad(where, `的经度应为 73–136 之间的数（现为 ${String(lon)}）`);
  if (!Number.isFinite(y) || y < 3 || y > 54) throw bad(where, `的纬度应为 3–54 之间的数（现为 ${String(lat)}）`);
  return [x, y];
}

function location(raw: Record<string, unknown>): ProjectLocation {
  const g = (raw.location ?? raw.geometry) as { type?: string; coordinates?: unknown } | undefined;
  if (g && typeof g === 'object' && g.type) {
    if (g.type === 'Point') {
      const [x, y] = (g.coordinates ?? []) as unknown[];
      return { type: 'Point', coordinates: lonLat(x, y, '位置') };
    }
    if (g.type === 'Polygon' || g.type === 'MultiPolygon') {
      const polys = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as unknown[][][];
      if (!Array.isArray(polys) || polys.length === 0) throw bad('位置', '的多边形没有坐标');
      const clean = polys.map((rings) => (rings ?? []).map((ring) => {
        const pts = (ring ?? []).map((p) => lonLat((p as unknown[])[0], (p as unknown[])[1], '位置'));
        if (pts.length < 4) throw bad('位置', '的多边形每个环至少应有 4 个点（首尾相同）');
        return pts;
      }));
      return g.type === 'Polygon' ? { type: 'Polygon', coordinates: clean[0]! } : { type: 'MultiPolygon', coordinates: clean };
    }
    throw bad('位置', `的几何类型应为 Point、Polygon 或 MultiPolygon（现为 ${g.type}）`);
  }
  if (raw.lon !== undefined || raw.lat !== undefined) return { type: 'Point', coordinates: lonLat(raw.lon, raw.lat, '位置') };
  throw bad('位置', '未填写：请给出经纬度（lon、lat）或 GeoJSON 几何（location）');
}

function numbers(raw: unknown, field: string): Record<string, number> | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'object') throw bad(field, '应为“名称: 数值”的对象');
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    if (v === null || v === undefined || v === '') continue;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) throw bad(`${field}“${k}”`, `应为不小于 0 的数（现为 ${String(v)}）`);
    out[k] = n;
  }
  return out;
}

/** A pollutant as the access lists store it (氮氧化物 → NOx, 颗粒物 stays), or null. */
export function emissionPollutant(name: string): string | null {
  const t = name.trim().toLowerCase();
  for (const [k, forms] of Object.entries(EMISSION_POLLUTANTS)) if ([k, ...forms].some((f) => f.toLowerCase() === t)) return k;
  return null;
}

function pollutantAmounts(raw: unknown, field: string): Record<string, number> | undefined {
  const amounts = numbers(raw, field);
  if (!amounts) return undefined;
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(amounts)) {
    const p = emissionPollutant(k);
    if (!p) throw bad(`${field}“${k}”`, `不是可识别的污染物（应为 ${Object.keys(EMISSION_POLLUTANTS).join('、')} 等）`);
    out[p] = (out[p] ?? 0) + v;
  }
  return out;
}

/** A project from a form or a project file: checked, industry codes normalised; refused with the field named. */
export function readProject(raw: Record<string, unknown>, defaultDate: string): Project {
  const name = String(raw.name ?? raw.项目名称 ?? '').trim();
  if (!name) throw bad('项目名称', '未填写');
  const date = String(raw.date ?? defaultDate);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date))) throw bad('研判日期', `应为 YYYY-MM-DD（现为 ${date}）`);
  const written = Array.isArray(raw.industries) ? raw.industries.map(String).join(';') : String(raw.industries ?? raw.industry ?? '');
  const { codes, unknown } = readIndustryList(written);
  if (unknown.length) throw bad('行业代码', `“${unknown.join('、')}”不是 GB/T 4754-2017 的行业代码（如 C2614）`);
  if (codes.length === 0) throw bad('行业代码', '未填写（GB/T 4754-2017，如 C2614）');
  // forms may send the kind as a code (new / rebuild / extension)
  const kind = String(({ new: '新建', rebuild: '改建', extension: '扩建' } as Record<string, string>)[String(raw.kind)] ?? raw.kind ?? '新建') as ProjectKind;
  if (!KINDS.includes(kind)) throw bad('建设性质', `应为 新建、改建 或 扩建（现为 ${kind}）`);
  const fields = numbers(raw.fields, '项目指标');
  for (const k of Object.keys(fields ?? {})) {
    if (!(ACCESS_PROJECT_FIELDS as readonly string[]).includes(k)) throw bad(`项目指标“${k}”`, `不是可比较的指标（应为 ${ACCESS_PROJECT_FIELDS.join('、')}）`);
  }
  const inPark = raw.inPark === undefined || raw.inPark === null ? undefined : raw.inPark === true || raw.inPark === '是';
  return {
    name, date, location: location(raw), industries: codes, kind,
    ...(inPark !== undefined ? { inPark } : {}),
    ...(fields ? { fields: fields as Project['fields'] } : {}),
    ...(raw.emissions ? { emissions: pollutantAmounts(raw.emissions, '排放量') } : {}),
    ...(raw.offsets ? { offsets: pollutantAmounts(raw.offsets, '削减替代量') } : {}),
    ...(raw.approvalNo ? { approvalNo: String(raw.approvalNo) } : {}),
  };
}
