// Unit boundaries are checked as shapes at import: an unclosed ring, a bow-tie, a hole outside its polygon,
// wrong nesting, projected coordinates or too few points refuse the whole file, each unit named with its row;
// valid multipolygons with holes pass.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Workspace } from '../analytics/workspace.js';
import { importFiles } from '../analytics/import/import-files.js';
import { UserError } from '../analytics/errors.js';
import { geometryProblem } from '../analytics/spatial/geometry-check.js';
import { tempDir } from './helpers/sample-workspace.js';

const square = (x0: number, y0: number, x1: number, y1: number) => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];
const unit = (seq: number, geometry: unknown) => ({
  type: 'Feature',
  properties: { 环境管控单元编码: `ZH5001032${String(seq).padStart(4, '0')}`, 环境管控单元名称: `渝中区重点管控单元${seq}`, 管控单元类别: '重点管控', 区县代码: '500103', 成果版本: '2023' },
  geometry,
});

let dir: string;
let ws: Workspace;
beforeAll(async () => {
  dir = await tempDir();
  ws = await Workspace.create(join(dir, 'g.duckdb'));
});
afterAll(async () => ws.close());

describe('unit boundary checks', () => {
  it('accepts a multipolygon with a hole', () => {
    expect(geometryProblem({ type: 'MultiPolygon', coordinates: [[square(106, 29, 107, 30), square(106.4, 29.4, 106.6, 29.6).reverse()], [square(108, 29, 108.5, 29.5)]] })).toBeNull();
  });

  it('names what is wrong', () => {
    expect(geometryProblem({ type: 'Polygon', coordinates: [[[106, 29], [107, 29], [107, 30], [106, 30]]] })).toMatch(/外环未闭合：首点（106, 29）与末点（106, 30）不同/);
    expect(geometryProblem({ type: 'Polygon', coordinates: [[[106, 29], [107, 30], [107, 29], [106, 30], [106, 29]]] })).toMatch(/外环自相交，交点约在（106.5, 29.5）/);
    expect(geometryProblem({ type: 'Polygon', coordinates: [square(106, 29, 107, 30), square(108, 29, 108.2, 29.2)] })).toMatch(/第1个内环不在外环之内/);
    expect(geometryProblem({ type: 'Polygon', coordinates: [square(106, 29, 107, 30), square(106.5, 29.5, 107.5, 29.8)] })).toMatch(/外环与第1个内环相交/);
    expect(geometryProblem({ type: 'Polygon', coordinates: square(106, 29, 107, 30) })).toMatch(/嵌套层数/);
    expect(geometryProblem({ type: 'MultiPolygon', coordinates: [square(106, 29, 107, 30)] })).toMatch(/嵌套层数/);
    expect(geometryProblem({ type: 'Polygon', coordinates: [square(560000, 3300000, 561000, 3301000)] })).toMatch(/不是经纬度/);
    expect(geometryProblem({ type: 'Polygon', coordinates: [[[106, 29], [107, 29], [106, 29]]] })).toMatch(/只有 3 个坐标点/);
    const many = Array.from({ length: 100_001 }, (_, i) => [106 + Math.cos((i / 100_000) * 2 * Math.PI), 29 + Math.sin((i / 100_000) * 2 * Math.PI)]);
    expect(geometryProblem({ type: 'Polygon', coordinates: [[...many, many[0]]] })).toMatch(/坐标点过多/);
  });

  it('refuses the file at import, naming each bad unit and its row; nothing is written', async () => {
    const path = join(dir, '单元.geojson');
    await writeFile(path, JSON.stringify({ type: 'FeatureCollection', features: [
      unit(1, { type: 'Polygon', coordinates: [square(106.50, 29.50, 106.55, 29.60)] }),
      unit(2, { type: 'Polygon', coordinates: [[[106.55, 29.5], [106.6, 29.6], [106.6, 29.5], [106.55, 29.6], [106.55, 29.5]]] }),
      unit(3, { type: 'Polygon', coordinates: [[[106.6, 29.5], [106.7, 29.5], [106.7, 29.6]]] }),
    ] }));
    const e = await importFiles(ws, [path]).then(() => null, (x: unknown) => x as UserError);
    expect(e?.code).toBe('IMPORT_REFUSED');
    expect(e!.rowErrors.map((r) => [r.row, r.column, r.reason])).toEqual([
      [2, 'geometry', expect.stringMatching(/^管控单元“ZH50010320002”的边界无效：外环自相交/)],
      [3, 'geometry', expect.stringMatching(/^管控单元“ZH50010320003”的边界无效：外环只有 3 个坐标点/)],
    ]);
    expect(await ws.one('SELECT count(*)::INTEGER AS n FROM units')).toEqual({ n: 0 });
  });
});
