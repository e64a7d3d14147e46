// The synthetic territory of the sample: district outlines and control units that tile the city like a real
// one, and the main rivers crossing them. Built on a lattice of small hexagonal cells ("atoms", ~1.45 km sides)
// whose corners are jittered by a hash of their integer lattice position: a corner shared by three cells is
// computed once from the same key, so neighbouring districts and units share exact vertices (no gaps, no
// slivers). Districts grow from their county seats (approximate real positions) by a noisy multi-source
// shortest-path race, each up to its approximate area; units grow the same way inside their district from
// seeds spread over it (key units nearest the seat, priority units farthest). Every region stays connected
// (an atom is claimed from a neighbour of the same region); enclosed unclaimed atoms become holes.
// Same seed → same geometry, whatever subset of districts is generated.
import type { DistrictReference } from '../reference/chongqing-districts.js';
import { contains, type Ring } from '../spatial/point-in-polygon.js';
import { seededRandom } from './random.js';

export type Geometry = { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };

/** Approximate county seat (lon, lat) and land area (km²) of the 38 districts: seeds and sizes only. */
const SEATS: Record<string, [number, number, number]> = {
  500101: [108.38, 30.81, 3457], 500102: [107.39, 29.70, 2946], 500103: [106.57, 29.55, 22], 500104: [106.48, 29.47, 103],
  500105: [106.58, 29.61, 221], 500106: [106.43, 29.57, 396], 500107: [106.50, 29.51, 432], 500108: [106.62, 29.52, 263],
  500109: [106.40, 29.81, 755], 500110: [106.65, 29.03, 2748], 500111: [105.72, 29.70, 1433], 500112: [106.63, 29.74, 1452],
  500113: [106.54, 29.38, 1825], 500114: [108.77, 29.53, 2397], 500115: [107.08, 29.86, 1415], 500116: [106.26, 29.29, 3200],
  500117: [106.27, 29.97, 2356], 500118: [105.93, 29.36, 1576], 500119: [107.10, 29.16, 2602], 500120: [106.23, 29.59, 912],
  500151: [106.06, 29.84, 1342], 500152: [105.84, 30.19, 1583], 500153: [105.59, 29.40, 1077], 500154: [108.39, 31.16, 3959],
  500155: [107.80, 30.67, 1892], 500156: [107.76, 29.33, 2901], 500229: [108.66, 31.95, 3289], 500230: [107.73, 29.86, 2901],
  500231: [107.35, 30.33, 1518], 500233: [108.04, 30.30, 2184], 500235: [108.70, 30.93, 3649], 500236: [109.46, 31.02, 4087],
  500237: [109.88, 31.07, 2958], 500238: [109.63, 31.40, 4030], 500240: [108.11, 30.00, 3013], 500241: [108.99, 28.45, 2462],
  500242: [108.77, 28.84, 5173], 500243: [108.17, 29.29, 3903],
};

/** Rivers as the places they pass (lon, lat), upstream first. */
const RIVERS: { name: string; code: string; through: [number, number][] }[] = [
  { name: '长江', code: 'R01', through: [[105.95, 29.05], [106.26, 29.26], [106.46, 29.44], [106.58, 29.56], [106.80, 29.62], [107.08, 29.80], [107.39, 29.72], [107.73, 29.88], [108.04, 30.28], [108.38, 30.78], [108.70, 30.92], [109.46, 31.02], [109.95, 31.06]] },
  { name: '嘉陵江', code: 'R02', through: [[106.05, 30.22], [106.27, 29.99], [106.42, 29.83], [106.45, 29.66], [106.58, 29.57]] },
  { name: '乌江', code: 'R03', through: [[108.75, 28.75], [108.45, 29.10], [108.17, 29.30], [107.76, 29.35], [107.50, 29.55], [107.39, 29.71]] },
];

// The lattice: hexagon (q, r) has its centre at integer (X, Y) = (2q + r, 3r) in units of half a width (X) and
// half a side (Y); its corners are integer points too.
const SIDE_KM = 1.45;
const LON0 = 105.2, LAT0 = 28.05;
const DX = ((Math.sqrt(3) / 2) * SIDE_KM) / 96.5;
const DY = SIDE_KM / 2 / 111;
const R_MAX = 220, X_MAX = 400;
const CORNERS: [number, number][] = [[0, -2], [1, -1], [1, 1], [0, 2], [-1, 1], [-1, -1]];
/** The neighbour across the edge from corner k to corner k+1. */
const ACROSS: [number, number][] = [[1, -1], [1, 0], [0, 1], [-1, 1], [-1, 0], [0, -1]];

const key = (q: number, r: number) => (r + 1) * 1024 + (q + 512);
const qOf = (k: number) => (k % 1024) - 512;
const rOf = (k: number) => Math.floor(k / 1024) - 1;

function hash(a: number, b: number, c: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x632be5ab, 0xc2b2ae35) ^ Math.imul(c + 0x27d4eb2f, 0x165667b1);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  h = Math.imul(h, 0x297a2d39);
  h ^= h >>> 15;
  return (h >>> 0) / 4294967296;
}

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

/** The district layout is the same for every seed. */
const LAYOUT_SALT = 20231;

/** Smooth value noise in [0, 1): hashed lattice values, interpolated. */
function smoothNoise(x: number, y: number, salt: number): number {
  const x0 = Math.floor(x), y0 = Math.floor(y);
  const fx = x - x0, fy = y - y0;
  const sx = fx * fx * (3 - 2 * fx), sy = fy * fy * (3 - 2 * fy);
  const v = (i: number, j: number) => hash(x0 + i + 4096, y0 + j + 4096, salt);
  return (v(0, 0) * (1 - sx) + v(1, 0) * sx) * (1 - sy) + (v(0, 1) * (1 - sx) + v(1, 1) * sx) * sy;
}

function hexOf(lon: number, lat: number): number {
  const r = Math.round((lat - LAT0) / DY / 3);
  const q = Math.round(((lon - LON0) / DX - r) / 2);
  return key(q, r);
}

function inLattice(q: number, r: number): boolean {
  const x = 2 * q + r;
  return r >= 0 && r <= R_MAX && x >= 0 && x <= X_MAX;
}

function neighbours(k: number): number[] {
  const q = qOf(k), r = rOf(k);
  return ACROSS.filter(([dq, dr]) => inLattice(q + dq, r + dr)).map(([dq, dr]) => key(q + dq, r + dr));
}

/** A binary heap of [cost, atom, region]. */
class Heap {
  private readonly items: [number, number, number][] = [];
  get size(): number { return this.items.length; }
  push(x: [number, number, number]): void {
    const a = this.items;
    a.push(x);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p]![0] <= x[0]) break;
      a[i] = a[p]!;
      i = p;
    }
    a[i] = x;
  }
  pop(): [number, number, number] {
    const a = this.items;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1, r = l + 1;
        let m = i;
        let best = last;
        if (l < a.length && a[l]![0] < best[0]) { m = l; best = a[l]!; }
        if (r < a.length && a[r]![0] < best[0]) m = r;
        if (m === i) break;
        a[i] = a[m]!;
        i = m;
      }
      a[i] = last;
    }
    return top;
  }
}

/**
 * Grows regions from their seed atoms over the `allowed` atoms: the cheapest path wins, a step costing
 * (1 + noise) / speed. Returns atom → region index.
 */
function grow(seeds: number[], speed: number[], allowed: Set<number>, salt: number): Map<number, number> {
  const owner = new Map<number, number>();
  const heap = new Heap();
  seeds.forEach((s, i) => heap.push([0, s, i]));
  while (heap.size) {
    const [cost, atom, region] = heap.pop();
    if (owner.has(atom)) continue;
    owner.set(atom, region);
    for (const n of neighbours(atom)) {
      if (owner.has(n) || !allowed.has(n)) continue;
      const noise = hash(Math.min(atom, n), Math.max(atom, n), salt);
      heap.push([cost + (1 + 1.6 * noise * noise) / speed[region]!, n, region]);
    }
  }
  return owner;
}

/** The boundary of a set of atoms as GeoJSON: outer rings counter-clockwise, holes clockwise. */
function outline(atoms: Iterable<number>, seed: number): Geometry {
  const set = new Set(atoms);
  const vkey = (x: number, y: number) => (y + 8) * 4096 + (x + 8);
  const next = new Map<number, number>();
  for (const k of set) {
    const q = qOf(k), r = rOf(k);
    const x = 2 * q + r, y = 3 * r;
    for (let c = 0; c < 6; c++) {
      const [dq, dr] = ACROSS[c]!;
      if (set.has(key(q + dq, r + dr)) && inLattice(q + dq, r + dr)) continue;
      const [ax, ay] = CORNERS[c]!, [bx, by] = CORNERS[(c + 1) % 6]!;
      next.set(vkey(x + ax, y + ay), vkey(x + bx, y + by));
    }
  }
  // On a hexagonal lattice each boundary corner has exactly one outgoing boundary edge: rings chain uniquely.
  const rings: [number, number][][] = [];
  const seen = new Set<number>();
  for (const start of [...next.keys()].sort((a, b) => a - b)) {
    if (seen.has(start)) continue;
    const ring: [number, number][] = [];
    let at = start;
    while (!seen.has(at)) {
      seen.add(at);
      ring.push([(at % 4096) - 8, Math.floor(at / 4096) - 8]);
      at = next.get(at)!;
    }
    rings.push(ring);
  }
  const area = (ring: [number, number][]) => ring.reduce((s, [x, y], i) => {
    const [x2, y2] = ring[(i + 1) % ring.length]!;
    return s + x * y2 - x2 * y;
  }, 0);
  const outers = rings.filter((r) => area(r) > 0);
  const holes = rings.filter((r) => area(r) < 0);
  const polygons: [number, number][][][] = outers.map((o) => [o]);
  for (const h of holes) {
    const host = polygons.find((p) => contains([[p[0]!]], h[0]![0], h[0]![1]) === 'in') ?? polygons[0]!;
    host.push(h);
  }
  const toLonLat = ([x, y]: [number, number]): [number, number] => [
    round6(LON0 + (x + (hash(x, y, seed) - 0.5) * 0.46) * DX),
    round6(LAT0 + (y + (hash(y, x, seed + 1) - 0.5) * 0.8) * DY),
  ];
  const coords = polygons.map((p) => p.map((ring) => [...ring, ring[0]!].map(toLonLat)));
  return coords.length === 1 ? { type: 'Polygon', coordinates: coords[0]! } : { type: 'MultiPolygon', coordinates: coords };
}

export interface TerritoryUnit {
  /** The code of the unit (2020 plan codes included: a merged 2023 unit is the union of its 2020 parts). */
  code: string;
  type: 1 | 2 | 3;
  districtCode: string;
}

export interface Territory {
  /** Boundary of a district (only the generated districts). */
  district(code: string): Geometry;
  /** Boundary of a unit of either plan (a 2023 unit that merged 2020 units covers their atoms). */
  unit(code: string): Geometry;
  /** A point inside the unit, picked by two numbers in [0, 1): well inside one of its cells, 4 decimals. */
  pointIn(code: string, a: number, b: number): [number, number];
  /** The main rivers as GeoJSON LineString features (clipped to the territory). */
  rivers(): { type: 'Feature'; properties: Record<string, string>; geometry: { type: 'LineString'; coordinates: [number, number][] } }[];
}

type Layout = { seedAtoms: number[]; atomsOf: Map<number, number[]>; districtOf: Map<number, number> };
const layouts = new WeakMap<readonly DistrictReference[], Layout>();

/** The districts' atoms: the same for every seed, computed once per reference list. */
function districtLayout(allDistricts: readonly DistrictReference[]): Layout {
  const known = layouts.get(allDistricts);
  if (known) return known;
  // the central districts are drawn a little apart from each other (they are small beside the lattice cells)
  const seats = allDistricts.map((d): [number, number, number] => {
    const s = SEATS[d.code];
    if (!s) throw new Error(`示例区县 ${d.code} 没有位置`);
    return d.subGroup === '中心城区' ? [106.55 + (s[0] - 106.55) * 1.8, 29.58 + (s[1] - 29.58) * 1.8, s[2]] : s;
  });
  const seedAtoms = seats.map(([lon, lat]) => hexOf(lon, lat));
  if (new Set(seedAtoms).size !== seedAtoms.length) throw new Error('示例区县的位置落在同一格内');
  // The city: discs around the seats (by area) and bands along the links between near seats, their edges
  // moved by a smooth noise; the same for every seed.
  const km = (lon: number, lat: number): [number, number] => [lon * 96.5, lat * 111];
  const centres = seats.map(([lon, lat]) => km(lon, lat));
  const radius = seats.map(([, , a]) => Math.max(6, Math.sqrt(a / Math.PI) * 1.25));
  const links: [number, number][] = [];
  centres.forEach((a, i) => centres.forEach((b, j) => {
    if (j > i && Math.hypot(a[0] - b[0], a[1] - b[1]) < 95) links.push([i, j]);
  }));
  // each disc and band marks the atoms of its bounding box that it covers
  const city = new Set<number>();
  const edge = new Map<number, number>();
  const cover = (minX: number, minY: number, maxX: number, maxY: number, within: (px: number, py: number, grow: number) => boolean) => {
    const r0 = Math.max(0, Math.floor((minY / 111 - LAT0) / DY / 3) - 1), r1 = Math.min(R_MAX, Math.ceil((maxY / 111 - LAT0) / DY / 3) + 1);
    for (let r = r0; r <= r1; r++) {
      const q0 = Math.floor(((minX / 96.5 - LON0) / DX - r) / 2) - 1, q1 = Math.ceil(((maxX / 96.5 - LON0) / DX - r) / 2) + 1;
      for (let q = q0; q <= q1; q++) {
        if (!inLattice(q, r)) continue;
        const k = key(q, r);
        if (city.has(k)) continue;
        const [px, py] = km(LON0 + (2 * q + r) * DX, LAT0 + 3 * r * DY);
        let g = edge.get(k);
        if (g === undefined) edge.set(k, g = 1 + 0.45 * (smoothNoise(px / 18, py / 18, LAYOUT_SALT) - 0.5));
        if (within(px, py, g)) city.add(k);
      }
    }
  };
  centres.forEach(([cx, cy], i) => {
    const m = radius[i]! * 1.25;
    cover(cx - m, cy - m, cx + m, cy + m, (px, py, g) => Math.hypot(px - cx, py - cy) < radius[i]! * g);
  });
  for (const [i, j] of links) {
    const [ax, ay] = centres[i]!, [bx, by] = centres[j]!;
    const len2 = (bx - ax) ** 2 + (by - ay) ** 2;
    cover(Math.min(ax, bx) - 20, Math.min(ay, by) - 20, Math.max(ax, bx) + 20, Math.max(ay, by) + 20, (px, py, g) => {
      const t = Math.max(0, Math.min(1, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / len2));
      return Math.hypot(px - ax - t * (bx - ax), py - ay - t * (by - ay)) < 16 * g;
    });
  }
  for (const s of seedAtoms) city.add(s);
  const speed = seats.map(([, , a]) => a ** 0.2);
  const districtOf = grow(seedAtoms, speed, city, LAYOUT_SALT);
  const atomsOf = new Map<number, number[]>();
  for (const [atom, d] of [...districtOf].sort((a, b) => a[0] - b[0])) {
    const list = atomsOf.get(d);
    if (list) list.push(atom);
    else atomsOf.set(d, [atom]);
  }
  const layout = { seedAtoms, atomsOf, districtOf };
  layouts.set(allDistricts, layout);
  return layout;
}

/**
 * The territory: every district of the reference list grows (so the layout does not depend on which ones are
 * generated); units are grown for `units`' districts. `merged` maps a 2023 unit code to the 2020 codes it
 * replaced (each grown from its own seed).
 */
export function sampleTerritory(seed: number, allDistricts: readonly DistrictReference[], units: TerritoryUnit[], merged: Map<string, string[]>): Territory {
  const { seedAtoms, atomsOf, districtOf } = districtLayout(allDistricts);
  const unitAtoms = new Map<string, number[]>();
  const byDistrict = new Map<string, TerritoryUnit[]>();
  for (const u of units) byDistrict.set(u.districtCode, [...(byDistrict.get(u.districtCode) ?? []), u]);
  for (const [districtCode, list] of byDistrict) {
    const di = allDistricts.findIndex((d) => d.code === districtCode);
    const atoms = atomsOf.get(di) ?? [];
    const rand = seededRandom(seed * 4099 + Number(districtCode));
    const inDistrict = new Set(atoms);
    if (atoms.length < list.reduce((n, u) => n + (merged.get(u.code)?.length ?? 1), 0)) throw new Error(`示例区县 ${districtCode} 太小，容不下 ${list.length} 个单元`);
    // seeds spread over the district (best of 8 random candidates, farthest from the chosen ones)
    const chosen: number[] = [];
    const dist = (a: number, b: number) => {
      const ax = 2 * qOf(a) + rOf(a), ay = 3 * rOf(a), bx = 2 * qOf(b) + rOf(b), by = 3 * rOf(b);
      return (ax - bx) ** 2 + ((ay - by) * 0.58) ** 2;
    };
    // (not next to another seed, which a merged unit's second part takes; in a crowded district any free atom)
    for (let tries = 0; chosen.length < list.length; tries++) {
      let best = -1, bestD = -1;
      for (let c = 0; c < 8; c++) {
        const a = atoms[Math.floor(rand() * atoms.length)]!;
        if (chosen.includes(a) || (tries < 50 && neighbours(a).some((n) => chosen.includes(n)))) continue;
        const d = chosen.length ? Math.min(...chosen.map((x) => dist(x, a))) : 0;
        if (d > bestD) { best = a; bestD = d; }
      }
      if (best >= 0) chosen.push(best);
    }
    // key units nearest the seat, general ones next, priority units on the outside
    const seat = seedAtoms[di]!;
    chosen.sort((a, b) => dist(a, seat) - dist(b, seat) || a - b);
    const rank = { 2: 0, 3: 1, 1: 2 } as const;
    const order = [...list].sort((a, b) => rank[a.type] - rank[b.type]);
    // each unit grows from its seed; a unit the 2023 plan merged grows as its 2020 parts from adjacent seeds
    const parts = order.flatMap((u, i) => (merged.get(u.code) ?? [u.code]).map((code, k) => {
      const atom = k === 0 ? chosen[i]! : neighbours(chosen[i]!).find((n) => inDistrict.has(n) && !chosen.includes(n));
      if (atom === undefined) throw new Error(`示例管控单元 ${code} 没有位置`);
      return { code, atom, speed: ({ 1: 1.5, 2: 0.75, 3: 1.1 } as const)[u.type] };
    }));
    const owner = grow(parts.map((p) => p.atom), parts.map((p) => p.speed), inDistrict, seed + Number(districtCode));
    for (const [atom, i] of [...owner].sort((a, b) => a[0] - b[0])) {
      const codes = unitAtoms.get(parts[i]!.code);
      if (codes) codes.push(atom);
      else unitAtoms.set(parts[i]!.code, [atom]);
    }
  }
  const atomsOfUnit = (code: string) => {
    const list = (merged.get(code) ?? [code]).flatMap((c) => unitAtoms.get(c) ?? []);
    if (list.length === 0) throw new Error(`示例管控单元 ${code} 没有几何`);
    return list;
  };

  return {
    district: (code) => outline(atomsOf.get(allDistricts.findIndex((d) => d.code === code)) ?? [], LAYOUT_SALT),
    unit: (code) => outline(atomsOfUnit(code), LAYOUT_SALT),
    pointIn: (code, a, b) => {
      const atoms = atomsOfUnit(code);
      const pick = a * atoms.length;
      const atom = atoms[Math.floor(pick)]!;
      const x = 2 * qOf(atom) + rOf(atom) + (b - 0.5) * 0.34;
      const y = 3 * rOf(atom) + (pick - Math.floor(pick) - 0.5) * 0.6;
      return [Math.round((LON0 + x * DX) * 10000) / 10000, Math.round((LAT0 + y * DY) * 10000) / 10000];
    },
    rivers: () => RIVERS.map((river) => {
      const rand = seededRandom(seed * 31 + Number(river.code.slice(1)));
      // meanders: each leg cut into short steps, each step bent sideways a little (smoothed)
      const points: [number, number][] = [];
      let bend = 0;
      river.through.forEach(([lon, lat], i) => {
        const to = river.through[i + 1];
        if (!to) return void points.push([lon, lat]);
        const steps = Math.max(2, Math.round(Math.hypot(to[0] - lon, to[1] - lat) / 0.02));
        const [nx, ny] = [-(to[1] - lat), to[0] - lon].map((v) => v / Math.hypot(to[0] - lon, to[1] - lat)) as [number, number];
        for (let s = 0; s < steps; s++) {
          const t = s / steps;
          bend = bend * 0.8 + (rand() - 0.5) * 0.02;
          const fade = Math.sin(Math.PI * t);
          points.push([lon + (to[0] - lon) * t + nx * bend * fade, lat + (to[1] - lat) * t + ny * bend * fade]);
        }
      });
      // the longest stretch inside the territory
      let best: [number, number][] = [], run: [number, number][] = [];
      for (const p of points) {
        if (districtOf.has(hexOf(p[0], p[1]))) run.push(p);
        else run = [];
        if (run.length > best.length) best = [...run];
      }
      return {
        type: 'Feature' as const,
        // importable as 空间管控要素 (layer 河道中心线: drawn on the map, not a shoreline the distance rules measure)
        properties: { 要素编号: river.code, 要素名称: river.name, 图层: '河道中心线', 河流编码: river.code, 河流名称: river.name, 类型: '河流中心线' },
        geometry: { type: 'LineString' as const, coordinates: best.map(([x, y]) => [round6(x), round6(y)] as [number, number]) },
      };
    }),
  };
}
