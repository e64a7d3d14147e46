import { describe, expect, it } from 'vitest';
import { UnitIndex, contains, polygonsOf } from '../analytics/spatial/point-in-polygon.js';

const square = (x0: number, y0: number, x1: number, y1: number): [number, number][] => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];

describe('point in polygon', () => {
  const donut = polygonsOf({ type: 'Polygon', coordinates: [square(106, 29, 107, 30), square(106.4, 29.4, 106.6, 29.6)] });
  it('sees inside, outside, holes and borders', () => {
    expect(contains(donut, 106.1, 29.1)).toBe('in');
    expect(contains(donut, 106.5, 29.5)).toBe('out'); // in the hole
    expect(contains(donut, 107.5, 29.5)).toBe('out');
    expect(contains(donut, 106, 29.5)).toBe('edge');
    expect(contains(donut, 106.4, 29.5)).toBe('edge'); // on the hole's border
  });

  it('handles multipolygons and a concave shape', () => {
    const multi = polygonsOf({ type: 'MultiPolygon', coordinates: [[square(0, 0, 1, 1)], [square(2, 0, 3, 1)]] });
    expect(contains(multi, 2.5, 0.5)).toBe('in');
    expect(contains(multi, 1.5, 0.5)).toBe('out');
    const u = polygonsOf({ type: 'Polygon', coordinates: [[[0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3], [0, 0]]] });
    expect(contains(u, 1.5, 2)).toBe('out'); // inside the U's notch
    expect(contains(u, 0.5, 2)).toBe('in');
  });

  it('attributes points to exactly one unit, and reports none or several', () => {
    const index = new UnitIndex([
      { code: 'ZH50010310001', polygons: [[square(106, 29, 106.5, 29.5)]] },
      { code: 'ZH50010320001', polygons: [[square(106.5, 29, 107, 29.5)]] },
      { code: 'ZH50010330001', polygons: [[square(106.8, 29.2, 106.9, 29.3)]] }, // overlaps the second
    ]);
    expect(index.locate(106.2, 29.2)).toEqual({ unit: 'ZH50010310001', candidates: ['ZH50010310001'] });
    expect(index.locate(108, 29.2)).toEqual({ unit: null, candidates: [] });
    expect(index.locate(106.5, 29.2).candidates.sort()).toEqual(['ZH50010310001', 'ZH50010320001']); // shared border
    expect(index.locate(106.85, 29.25)).toMatchObject({ unit: null });
  });
});
