// Checks of a unit boundary at import, before anything is written: the GeoJSON nesting (Polygon: rings of
// positions; MultiPolygon: polygons of rings), lon/lat numbers in range, closed rings of at least four
// positions, a bounded vertex count, holes inside their outer ring, and no ring crossing itself or another
// ring of the unit. Invalid boundaries are refused (never repaired): a repaired shape would be a boundary the
// plan did not publish. The reason names the ring and the position in Chinese.
import { contains, type Ring } from './point-in-polygon.js';

/** More vertices than this in one unit: refused (a boundary digitised far finer than any map shows). */
export const MAX_UNIT_VERTICES = 100_000;

type Pos = [number, number];

const isPos = (p: unknown): p is Pos =>
  Array.isArray(p) && p.length >= 2 && typeof p[0] === 'number' && typeof p[1] === 'number' && Number.isFinite(p[0]) && Number.isFinite(p[1]);

const at = (p: Pos) => `（${p[0]}, ${p[1]}）`;

/** The polygons of a Polygon/MultiPolygon, or the reason its nesting is wrong. */
function validPolygons(geometry: { type?: unknown; coordinates?: unknown }): Ring[][] | string {
  const c = geometry.coordinates;
  const ringsOk = (rings: unknown): rings is Ring[] => Array.isArray(rings) && rings.length > 0 && rings.every((r) => Array.isArray(r) && r.every(isPos));
  if (geometry.type === 'Polygon') {
    return ringsOk(c) ? [c] : '坐标的嵌套层数不符：Polygon 应为“环 → 坐标点 → [经度, 纬度]”';
  }
  if (geometry.type === 'MultiPolygon') {
    return Array.isArray(c) && c.length > 0 && c.every(ringsOk) ? c : '坐标的嵌套层数不符：MultiPolygon 应为“多边形 → 环 → 坐标点 → [经度, 纬度]”';
  }
  return `几何类型为 ${String(geometry.type)}，应为 Polygon 或 MultiPolygon`;
}

/** Where two segments cross (not merely touch at an end), or null. Collinear overlaps count as crossing. */
function crossing(a: Pos, b: Pos, c: Pos, d: Pos): Pos | null {
  const orient = (p: Pos, q: Pos, r: Pos) => (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]);
  const o1 = orient(a, b, c), o2 = orient(a, b, d), o3 = orient(c, d, a), o4 = orient(c, d, b);
  if (o1 === 0 && o2 === 0) {
    // collinear: overlapping by more than a point?
    const k = Math.abs(b[0] - a[0]) >= Math.abs(b[1] - a[1]) ? 0 : 1;
    const [lo1, hi1] = [Math.min(a[k], b[k]), Math.max(a[k], b[k])];
    const [lo2, hi2] = [Math.min(c[k], d[k]), Math.max(c[k], d[k])];
    return Math.min(hi1, hi2) - Math.max(lo1, lo2) > 0 ? (lo2 >= lo1 && lo2 <= hi1 ? (c[k] === lo2 ? c : d) : (a[k] === lo1 ? a : b)) : null;
  }
  if (((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0))) {
    const t = o3 / (o3 - o4);
    return [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
  }
  return null;
}

interface Segment { a: Pos; b: Pos; ring: number; i: number; n: number; minX: number; maxX: number }

/** The first crossing between any two non-adjacent edges of the rings (edges sorted by x, swept). */
function firstCrossing(rings: Ring[]): { at: Pos; rings: [number, number] } | null {
  const segs: Segment[] = [];
  rings.forEach((ring, r) => {
    const n = ring.length - 1;
    for (let i = 0; i < n; i++) {
      const a = ring[i]!, b = ring[i + 1]!;
      segs.push({ a, b, ring: r, i, n, minX: Math.min(a[0], b[0]), maxX: Math.max(a[0], b[0]) });
    }
  });
  segs.sort((s, t) => s.minX - t.minX);
  const active: Segment[] = [];
  for (const s of segs) {
    for (let k = active.length - 1; k >= 0; k--) if (active[k]!.maxX < s.minX) active.splice(k, 1);
    for (const t of active) {
      if (s.ring === t.ring && (Math.abs(s.i - t.i) === 1 || Math.abs(s.i - t.i) === s.n - 1)) continue;
      if (Math.max(s.a[1], s.b[1]) < Math.min(t.a[1], t.b[1]) || Math.max(t.a[1], t.b[1]) < Math.min(s.a[1], s.b[1])) continue;
      const x = crossing(s.a, s.b, t.a, t.b);
      if (x) return { at: [Math.round(x[0] * 1e6) / 1e6, Math.round(x[1] * 1e6) / 1e6], rings: [Math.min(t.ring, s.ring), Math.max(t.ring, s.ring)] };
    }
    active.push(s);
  }
  return null;
}

/** Why a unit's boundary (parsed GeoJSON geometry) cannot be used, or null when it is valid. */
export function geometryProblem(geometry: { type?: unknown; coordinates?: unknown }): string | null {
  const polygons = validPolygons(geometry);
  if (typeof polygons === 'string') return polygons;
  let vertices = 0;
  for (const [p, rings] of polygons.entries()) {
    const name = (r: number) => `${polygons.length > 1 ? `第${p + 1}个多边形的` : ''}${r === 0 ? '外环' : `第${r}个内环`}`;
    for (const [r, ring] of rings.entries()) {
      vertices += ring.length;
      const bad = ring.find((q) => Math.abs(q[0]) > 180 || Math.abs(q[1]) > 90);
      if (bad) return `${name(r)}的坐标${at(bad)}不是经纬度（应为 CGCS2000 经度、纬度）`;
      if (ring.length < 4) return `${name(r)}只有 ${ring.length} 个坐标点，至少需要 4 个（首尾相同）`;
      const first = ring[0]!, last = ring.at(-1)!;
      if (first[0] !== last[0] || first[1] !== last[1]) return `${name(r)}未闭合：首点${at(first)}与末点${at(last)}不同`;
      // a hole lies inside its outer ring
      if (r > 0 && ring.every((q) => contains([[rings[0]!]], q[0], q[1]) === 'out')) return `${name(r)}不在外环之内`;
    }
    if (vertices > MAX_UNIT_VERTICES) return `坐标点过多（超过 ${MAX_UNIT_VERTICES} 个），请简化边界后导入`;
    const x = firstCrossing(rings);
    if (x) return x.rings[0] === x.rings[1] ? `${name(x.rings[0])}自相交，交点约在${at(x.at)}` : `${name(x.rings[0])}与${name(x.rings[1])}相交，交点约在${at(x.at)}`;
  }
  return null;
}
