// 一张图: the units in force in a year and their districts (dissolved from the units) as GeoJSON simplified for a
// zoom level, plus air stations and water sections as points. Simplification keeps topology: the units become
// one TopoJSON topology (shared borders become shared arcs), the arcs are simplified once (Visvalingam weights),
// and both the units and the dissolved districts are read back from the same arcs — neighbours keep a common
// border (no gaps, no slivers), multipolygons and holes stay. Topologies are cached per workspace and per set of
// unit rows (the plan versions in force and their batches), the simplified layers per zoom level. The one home of
// the map geometry: the app's 一张图 (service 'map/layers') and the reports' map figures both draw from it.
import { topology } from 'topojson-server';
import { presimplify, simplify } from 'topojson-simplify';
import { feature, merge } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { Sql } from '../workspace.js';
import { unitsInForceSql, registerInYearSql } from '../units/unit-plans.js';
import { unitTypeName } from '../units/unit-types.js';

export type MapGeometry = { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };

export interface MapUnitProperties { code: string; name: string; type: number; typeName: string; district: string; districtName: string }
export interface MapDistrictProperties { code: string; name: string }
export interface MapFeature<P> { type: 'Feature'; properties: P; geometry: MapGeometry }
export interface MapPoint { code: string; name: string; district: string; unit: string | null; lon: number; lat: number }

export interface MapLayers {
  year: number;
  /** 0: the whole city … 3: full detail. */
  zoom: number;
  planVersions: string[];
  /** [minLon, minLat, maxLon, maxLat] of the units with a boundary; null when none has one. */
  bbox: [number, number, number, number] | null;
  /** Width of a degree of longitude over a degree of latitude at the territory's middle latitude (cos φ): the
   *  one aspect every map of these layers draws with (ECharts geo `aspectScale`), in the app and in documents. */
  aspectScale: number;
  units: { type: 'FeatureCollection'; features: MapFeature<MapUnitProperties>[] };
  districts: { type: 'FeatureCollection'; features: MapFeature<MapDistrictProperties>[] };
  /** Units in force without a boundary (imported from a table): listed, not drawn. */
  withoutGeometry: string[];
  stations: (MapPoint & { level: string | null; isCitySite: boolean })[];
  sections: (MapPoint & { river: string | null; targetClass: string | null; level: string | null })[];
  /** Imported spatial features (空间管控要素: red line, river shorelines and centrelines, parks), by layer, unsimplified. */
  features: { id: string; name: string; layer: string; geometry: GeoJSON.Geometry }[];
}

/** Smallest triangle kept, as a share of the squared width of the units: at zoom 0 about 16 px² on a 1000 px map. */
const MIN_WEIGHT_SHARE = [1.6e-5, 2e-6, 2.5e-7, 0] as const;
export const MAP_ZOOMS = MIN_WEIGHT_SHARE.length;

interface Entry {
  topo: Topology<{ units: GeometryCollection<MapUnitProperties> }>;
  bbox: [number, number, number, number];
  planVersions: string[];
  withoutGeometry: string[];
  zooms: Map<number, Pick<MapLayers, 'units' | 'districts'>>;
}
const cache = new WeakMap<Sql, Map<string, Entry>>();

async function unitTopology(sql: Sql, year: number): Promise<Entry> {
  // what identifies the drawing: the unit rows in force (their plan versions and batches)
  const sig = await sql.one<{ sig: string | null }>(
    `SELECT string_agg(DISTINCT plan_version || ':' || batch_id, ',' ORDER BY plan_version || ':' || batch_id) AS sig FROM ${unitsInForceSql(year)}`);
  const key = sig?.sig ?? '';
  let byKey = cache.get(sql);
  if (!byKey) cache.set(sql, byKey = new Map());
  const known = byKey.get(key);
  if (known) return known;
  const rows = await sql.all<{ code: string; name: string; type: number; district: string; district_name: string | null; plan: string; geometry: string | null }>(`
    SELECT u.unit_code AS code, u.unit_name AS name, u.unit_type::INTEGER AS type, u.district_code AS district,
           d.name AS district_name, u.plan_version AS plan, u.geometry
    FROM ${unitsInForceSql(year)} u LEFT JOIN districts d USING (district_code) ORDER BY u.unit_code`);
  const features = rows.filter((r) => r.geometry).map((r) => ({
    type: 'Feature' as const,
    properties: { code: r.code, name: r.name, type: r.type, typeName: unitTypeName(r.type), district: r.district, districtName: r.district_name ?? r.district },
    geometry: JSON.parse(r.geometry!) as MapGeometry,
  }));
  // quantised to ~1 m so that borders digitised twice with rounding differences still become shared arcs
  const topo = topology({ units: { type: 'FeatureCollection', features } as GeoJSON.FeatureCollection }, 1e6) as unknown as Entry['topo'];
  const entry: Entry = {
    topo: presimplify(topo) as Entry['topo'],
    bbox: (topo.bbox ?? [0, 0, 0, 0]) as Entry['bbox'],
    planVersions: [...new Set(rows.map((r) => r.plan))].sort(),
    withoutGeometry: rows.filter((r) => !r.geometry).map((r) => r.code),
    zooms: new Map(),
  };
  byKey.set(key, entry);
  return entry;
}

/** The closed arcs (a ring alone: an island, a hole) keep their three heaviest points, so no ring vanishes. */
function keepRings(topo: Topology, minWeight: number): void {
  for (const arc of topo.arcs) {
    const first = arc[0]!, last = arc.at(-1)!;
    if (arc.length < 4 || first[0] !== last[0] || first[1] !== last[1]) continue;
    const kept = arc.slice(1, -1).filter((p) => (p[2] ?? 0) >= minWeight).length;
    if (kept >= 3) continue;
    const heaviest = arc.slice(1, -1).map((p, i) => [p[2] ?? 0, i + 1] as const).sort((a, b) => b[0] - a[0]).slice(0, 3);
    for (const [, i] of heaviest) arc[i]![2] = Infinity;
  }
}

/** cos of the middle latitude of a bbox (0.75, ECharts' default, when there is none). */
export function aspectScaleOf(bbox: [number, number, number, number] | null): number {
  return bbox ? Math.round(Math.cos(((bbox[1] + bbox[3]) / 2) * Math.PI / 180) * 1e4) / 1e4 : 0.75;
}

export async function mapLayers(sql: Sql, year: number, zoom = 0): Promise<MapLayers> {
  const z = Math.max(0, Math.min(MAP_ZOOMS - 1, Math.trunc(zoom)));
  const entry = await unitTopology(sql, year);
  let layers = entry.zooms.get(z);
  if (!layers) {
    const scale = entry.topo.transform?.scale ?? [1, 1];
    const width = (entry.bbox[2] - entry.bbox[0]) / scale[0];
    const minWeight = MIN_WEIGHT_SHARE[z]! * width * width;
    keepRings(entry.topo as unknown as Topology, minWeight);
    const simple = simplify(entry.topo, minWeight) as Entry['topo'];
    const collection = feature(simple, simple.objects.units) as unknown as MapLayers['units'];
    const byDistrict = new Map<string, { name: string; geometries: unknown[] }>();
    for (const g of simple.objects.units.geometries) {
      const p = g.properties as MapUnitProperties;
      const d = byDistrict.get(p.district) ?? { name: p.districtName, geometries: [] };
      d.geometries.push(g);
      byDistrict.set(p.district, d);
    }
    layers = {
      units: { type: 'FeatureCollection', features: collection.features.map((f) => ({ type: 'Feature', properties: f.properties, geometry: f.geometry })) },
      districts: {
        type: 'FeatureCollection',
        features: [...byDistrict].sort(([a], [b]) => a.localeCompare(b)).map(([code, d]) => ({
          type: 'Feature' as const, properties: { code, name: d.name },
          geometry: merge(simple, d.geometries as never) as unknown as MapGeometry,
        })),
      },
    };
    entry.zooms.set(z, layers);
  }
  const stations = await sql.all<MapLayers['stations'][number]>(`
    SELECT station_code AS code, name, district_code AS district, unit_code AS unit, lon, lat, level, is_city_site AS "isCitySite"
    FROM ${registerInYearSql('air_stations', year)} WHERE lon IS NOT NULL AND lat IS NOT NULL ORDER BY station_code`);
  const sections = await sql.all<MapLayers['sections'][number]>(`
    SELECT section_code AS code, name, district_code AS district, unit_code AS unit, lon, lat, river, target_class AS "targetClass", level
    FROM ${registerInYearSql('water_sections', year)} WHERE lon IS NOT NULL AND lat IS NOT NULL ORDER BY section_code`);
  const features = (await sql.all<{ id: string; name: string; layer: string; geometry: string }>(
    'SELECT feature_id AS id, name, layer, geometry FROM access_features ORDER BY layer, feature_id'))
    .map((f) => ({ ...f, geometry: JSON.parse(f.geometry) as GeoJSON.Geometry }));
  return {
    year, zoom: z, planVersions: entry.planVersions, withoutGeometry: entry.withoutGeometry,
    bbox: entry.topo.objects.units.geometries.length ? entry.bbox : null,
    aspectScale: aspectScaleOf(entry.topo.objects.units.geometries.length ? entry.bbox : null),
    ...layers, stations, sections, features,
  };
}
