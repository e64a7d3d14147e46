// Which control unit contains a point (CGCS2000 lon/lat): a grid index over the units' bounding boxes, then
// even-odd ray casting on the (multi)polygon's rings, holes included. Points on no unit, or on more than one
// (overlapping polygons, or exactly on a shared border), are reported rather than guessed.

export type Ring = [number, number][];
/** GeoJSON Polygon or MultiPolygon coordinates, normalised to a list of polygons (outer ring + holes). */
export type Polygons = Ring[][];

export interface UnitShape {
  code: string;
  polygons: Polygons;
}

export interface Attribution {
  /** The unit containing the point, when exactly one does. */
  unit: string | null;
  /** All units that contain (or touch) the point. */
  candidates: string[];
}

export function polygonsOf(geometry: { type: string; coordinates: unknown }): Polygons {
  if (geometry.type === 'Polygon') return [geometry.coordinates as Ring[]];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates as Ring[][];
  throw new Error(`不支持的几何类型：${geometry.type}（应为 Polygon 或 MultiPolygon）`);
}

export function bbox(polygons: Polygons): [number, number, number, number] {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const poly of polygons) for (const [x, y] of poly[0] ?? []) {
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  return [minX, minY, maxX, maxY];
}

const EPS = 1e-12;

/** 'in', 'out' or 'edge' for one ring. */
function ringPosition(ring: Ring, x: number, y: number): 'in' | 'out' | 'edge' {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    // on the segment (collinear and within its box)
    const cross = (x - xi) * (yj - yi) - (y - yi) * (xj - xi);
    if (Math.abs(cross) < EPS && x >= Math.min(xi, xj) - EPS && x <= Math.max(xi, xj) + EPS
      && y >= Math.min(yi, yj) - EPS && y <= Math.max(yi, yj) + EPS) return 'edge';
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside ? 'in' : 'out';
}

/** Inside the polygons (outer ring, not in a hole); a point on a border counts as touching. */
export function contains(polygons: Polygons, x: number, y: number): 'in' | 'out' | 'edge' {
  for (const [outer, ...holes] of polygons) {
    if (!outer) continue;
    const pos = ringPosition(outer, x, y);
    if (pos === 'out') continue;
    if (pos === 'edge') return 'edge';
    let inHole = false;
    for (const hole of holes) {
      const h = ringPosition(hole, x, y);
      if (h === 'edge') return 'edge';
      if (h === 'in') inHole = true;
    }
    if (!inHole) return 'in';
  }
  return 'out';
}

/** A uniform grid over the units' bounding boxes: each point is tested only against the units of its cell. */
export class UnitIndex {
  private readonly cells = new Map<string, UnitShape[]>();
  private readonly cellSize: number;

  constructor(private readonly units: UnitShape[], cellSize = 0.05) {
    this.cellSize = cellSize;
    for (const u of units) {
      const [minX, minY, maxX, maxY] = bbox(u.polygons);
      for (let cx = Math.floor(minX / cellSize); cx <= Math.floor(maxX / cellSize); cx++) {
        for (let cy = Math.floor(minY / cellSize); cy <= Math.floor(maxY / cellSize); cy++) {
          const key = `${cx}:${cy}`;
          const list = this.cells.get(key);
          if (list) list.push(u);
          else this.cells.set(key, [u]);
        }
      }
    }
  }

  get size(): number {
    return this.units.length;
  }

  locate(lon: number, lat: number): Attribution {
    const cell = this.cells.get(`${Math.floor(lon / this.cellSize)}:${Math.floor(lat / this.cellSize)}`) ?? [];
    const candidates = cell.filter((u) => contains(u.polygons, lon, lat) !== 'out').map((u) => u.code);
    return { unit: candidates.length === 1 ? candidates[0]! : null, candidates };
  }
}
