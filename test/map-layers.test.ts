// 'map/layers' and 'map/values' on the real sample workspace: the units in force (either plan) simplified per
// zoom with shared borders kept, districts dissolved from them, points of stations and sections, and the
// computation's values for colouring.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSampleWorkspace, type SampleWorkspace } from './helpers/sample-workspace.js';
import { createService } from '../service/zonetrack-service.js';
import type { MapFeature, MapLayers } from '../service/queries/map-layers.js';
import type { ApiClient } from '../service/contract.js';
import { inProcessClient } from '../service/in-process-client.js';

let sample: SampleWorkspace;
let api: ApiClient;
beforeAll(async () => {
  sample = await buildSampleWorkspace({ years: [2025], compute: [2025] });
  api = inProcessClient(createService(sample.ws));
}, 240_000);
afterAll(async () => sample.ws.close());

const rings = (f: MapFeature<unknown>) => (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates).flat();
const vertices = (l: MapLayers) => l.units.features.reduce((n, f) => n + rings(f).reduce((m, r) => m + r.length, 0), 0);

/** Units sharing no edge with any other (reversed, same vertices): a gap or sliver opened between neighbours. */
function alone(l: MapLayers): string[] {
  const edges = new Map<string, string>();
  for (const f of l.units.features) for (const r of rings(f)) for (let i = 1; i < r.length; i++) edges.set(`${r[i - 1]}|${r[i]}`, f.properties.code);
  const sharing = new Set<string>();
  for (const [e, code] of edges) {
    const [a, b] = e.split('|');
    if (edges.has(`${b}|${a}`)) sharing.add(code);
  }
  return l.units.features.map((f) => f.properties.code).filter((c) => !sharing.has(c));
}

describe('map layers', () => {
  it('draws every unit in force, simplified per zoom with shared borders kept, and the districts dissolved', async () => {
    const inForce = await sample.ws.all<{ unit_code: string }>("SELECT unit_code FROM units WHERE plan_version = '2023' ORDER BY 1");
    const city = await api.call('map/layers', { year: 2025, zoom: 0 });
    const full = await api.call('map/layers', { year: 2025, zoom: 3 });
    expect(city.units.features.map((f) => f.properties.code).sort()).toEqual(inForce.map((u) => u.unit_code));
    expect(city.withoutGeometry).toEqual([]);
    expect(city.planVersions).toEqual(['2023']);
    expect(vertices(city)).toBeLessThan(vertices(full) * 0.9);
    expect(alone(city)).toEqual([]);
    expect(alone(full)).toEqual([]);
    for (const f of city.units.features) for (const r of rings(f)) expect(r.length, f.properties.code).toBeGreaterThanOrEqual(4);
    expect(city.districts.features.map((d) => [d.properties.code, d.properties.name])).toEqual([
      ['500101', '万州区'], ['500103', '渝中区'], ['500112', '渝北区'], ['500243', '彭水苗族土家族自治县']]);
    // the stations and sections of the registers, with their coordinates
    const stations = await sample.ws.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM air_stations');
    expect(city.stations).toHaveLength(stations!.n);
    expect(city.sections.length).toBeGreaterThan(0);
    // an earlier year draws the 2020 plan: the merged unit as its two parts
    const old = await api.call('map/layers', { year: 2021 });
    expect(old.planVersions).toEqual(['2020']);
    expect(old.units.features.length).toBe(city.units.features.length + 4);
  });

  it('gives the values of a measure for every unit, as the computation stored them', async () => {
    const list = await api.call('map/values', { year: 2025, level: 'unit' });
    expect(list.measures.map((m) => m.measure)).toContain('air.pm25_annual_mean');
    const v = await api.call('map/values', { year: 2025, level: 'unit', measure: 'air.pm25_annual_mean' });
    const stored = await sample.ws.all<{ code: string; value: number | null }>(`SELECT entity_code AS code, CASE WHEN valid THEN value END AS value
      FROM measure_values WHERE entity_level = 'unit' AND measure_id = 'air.pm25_annual_mean' AND year = 2025
        AND run_id = (SELECT max(run_id) FROM compute_runs WHERE year = 2025)`);
    expect(v.values).toEqual(Object.fromEntries(stored.map((s) => [s.code, s.value])));
    expect(Object.values(v.values).filter((x) => x !== null).length).toBeGreaterThan(3);
  });
});
