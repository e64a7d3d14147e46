// The sample's territory: units of both plans as GeoJSON that tile their districts (neighbours share exact
// vertices, nothing overlaps, no ring crosses itself), stations, sections and permit holders inside the unit
// their register names, rivers crossing units, and the same bytes for the same seed.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import * as turf from '@turf/turf';
import { generateSample, RIVERS_FILE, type SampleFile } from '../analytics/sample/generate-sample.js';
import { UnitIndex, polygonsOf, type Ring } from '../analytics/spatial/point-in-polygon.js';
import { readTable } from './helpers/files.js';
import { tempDir } from './helpers/sample-workspace.js';

const DISTRICTS = ['500103', '500112', '500101', '500243'];
type Feature = { properties: Record<string, string>; geometry: { type: string; coordinates: unknown } };
let dir: string;
let files: SampleFile[];
const units: Record<string, Feature[]> = {};

const named = (part: string) => files.find((f) => basename(f.path).includes(part))!.path;

beforeAll(async () => {
  dir = await tempDir();
  files = await generateSample({ outDir: join(dir, 's'), years: [2022, 2023], scale: 'small', seed: 7, districts: DISTRICTS,
    datasets: ['units', 'air_stations', 'water_sections', 'permit_holders'] });
  for (const v of ['2020', '2023']) units[v] = (JSON.parse(await readFile(named(`环境管控单元_${v}版`), 'utf8')) as { features: Feature[] }).features;
});

const rings = (f: Feature): Ring[] => polygonsOf(f.geometry).flat();

describe('sample territory', () => {
  it('units of both plans tile their districts: shared edges, no overlap, no self-intersection', () => {
    for (const [version, list] of Object.entries(units)) {
      expect(new Set(list.map((f) => f.properties['区县代码'])).size, version).toBe(DISTRICTS.length);
      const directed = new Map<string, string>();
      for (const f of list) {
        expect(turf.kinks(f.geometry as never).features, f.properties['环境管控单元编码']).toEqual([]);
        for (const ring of rings(f)) {
          expect(ring[0]).toEqual(ring.at(-1));
          for (let i = 1; i < ring.length; i++) {
            const edge = `${ring[i - 1]}|${ring[i]}`;
            // the same directed edge in two units would be an overlap
            expect(directed.get(edge), `${version} ${edge}`).toBeUndefined();
            directed.set(edge, f.properties['环境管控单元编码']!);
          }
        }
      }
      // every unit shares at least one edge (reversed, the exact same vertices) with a neighbour
      const sharing = new Set<string>();
      for (const [edge, code] of directed) {
        const [a, b] = edge.split('|');
        if (directed.has(`${b}|${a}`)) sharing.add(code);
      }
      expect(sharing.size, version).toBe(list.length);
    }
    // a merged 2023 unit covers exactly its two 2020 parts
    const area = (f: Feature) => turf.area(f.geometry as never);
    const merged = units['2023']!.find((f) => units['2020']!.some((o) => o.properties['环境管控单元名称'] === `${f.properties['环境管控单元名称']}（原甲片）`))!;
    const parts = units['2020']!.filter((o) => o.properties['环境管控单元名称']!.startsWith(`${merged.properties['环境管控单元名称']}（原`));
    expect(parts).toHaveLength(2);
    expect(area(parts[0]!) + area(parts[1]!)).toBeCloseTo(area(merged), -2);
  });

  it('stations, sections and permit holders lie in the unit their register names', async () => {
    const index = new UnitIndex([...units['2020']!, ...units['2023']!].map((f) => ({ code: f.properties['环境管控单元编码']!, polygons: polygonsOf(f.geometry) })));
    for (const [file, codeCol] of [['环境空气监测站点', '所在管控单元'], ['地表水监测断面', '所在管控单元'], ['排污许可单位', '所在管控单元']] as const) {
      const rows = await readTable(named(file));
      const [h, ...data] = rows;
      const at = (name: string) => h!.indexOf(name);
      expect(data.length).toBeGreaterThan(3);
      for (const r of data) {
        const found = index.locate(Number(r[at('经度')]), Number(r[at('纬度')])).candidates;
        // the register's unit, and (for a 2020 part) the 2023 unit it merged into, nothing else
        expect(found, `${file} ${r[0]}`).toContain(r[at(codeCol)]);
        expect(new Set(found.map((c) => c.slice(0, 9))).size, `${file} ${r[0]}`).toBe(1);
      }
    }
  });

  it('writes the rivers crossing the units; a district keeps its boundaries whatever else is generated', async () => {
    const rivers = JSON.parse(await readFile(join(dir, 's', RIVERS_FILE), 'utf8')) as { features: Feature[] };
    expect(rivers.features.map((f) => f.properties['河流名称'])).toEqual(['长江', '嘉陵江', '乌江']);
    const line = turf.lineString(rivers.features[0]!.geometry.coordinates as [number, number][]);
    const crossed = units['2023']!.filter((f) => turf.booleanIntersects(line, f.geometry as never));
    expect(crossed.length).toBeGreaterThan(3);
    const again = await generateSample({ outDir: join(dir, 't'), years: [2022, 2023], scale: 'small', seed: 7, districts: ['500101'], datasets: ['units'] });
    const mine = units['2023']!.filter((f) => f.properties['区县代码'] === '500101');
    const theirs = (JSON.parse(await readFile(again.find((f) => f.path.includes('2023'))!.path, 'utf8')) as { features: Feature[] }).features;
    // a district's unit boundaries are the same whichever other districts are generated
    expect(JSON.stringify(theirs.map((f) => f.geometry))).toBe(JSON.stringify(mine.map((f) => f.geometry)));
  });
});
