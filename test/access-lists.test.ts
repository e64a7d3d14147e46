// Access lists (生态环境准入清单) through the real importer: the long CSV, an XLSX of one level with the unit
// cell merged over its rows, GeoJSON features; a bad list refused with the row and column named, nothing written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { Workspace } from '../analytics/workspace.js';
import { importFiles } from '../analytics/import/import-files.js';
import { UserError } from '../analytics/errors.js';
import { tempDir } from './helpers/sample-workspace.js';
import { workspaceSnapshot, writeCsv } from './helpers/files.js';

let ws: Workspace;
let dir: string;

beforeAll(async () => {
  dir = await tempDir();
  ws = await Workspace.create(join(dir, 'ws.duckdb'));
  await importFiles(ws, [await writeCsv(join(dir, 'units.csv'), [
    ['管控单元编码', '管控单元名称', '管控单元类别', '区县代码', '成果版本'],
    ['ZH50010310001', '渝中优先01', '优先保护', '500103', '2023'],
    ['ZH50010320001', '渝中重点01', '重点管控', '500103', '2023'],
    ['ZH50010320001', '渝中重点01', '重点管控', '500103', '2020'],
  ])]);
});
afterAll(async () => ws.close());

const HEADER = ['条目编号', '层级', '适用范围', '适用单元类别', '管控维度', '管控要求', '判定条件', '行业代码', '项目类型', '空间要素', '距离（km）', '污染物', '替代比例', '未达标因子', '成果版本'];

async function refusal(paths: string[]): Promise<UserError> {
  const before = await workspaceSnapshot(ws);
  const err = await importFiles(ws, paths).then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(UserError);
  expect(await workspaceSnapshot(ws)).toBe(before);
  return err as UserError;
}

describe('the long CSV', () => {
  it('reads levels, scopes, conditions; industry codes normalised to the standard form', async () => {
    const path = await writeCsv(join(dir, '准入清单.csv'), [HEADER,
      ['S1', '市级', '全市', '', '空间布局约束', '长江干流岸线一公里范围内禁止新建、扩建化工项目', '距离', '26、C25', '新建；扩建', '河流岸线', '1', '', '', '', '2023'],
      ['S2', '', '', '重点管控', '污染物排放管控', 'PM2.5未达标区县新建项目氮氧化物实行2倍削减替代', '削减替代', '', '', '', '', '氮氧化物', '2', 'PM2.5', '2023'],
      ['D1', '区县', '渝中区', '', '资源开发效率要求', '中心城区禁止新建燃煤锅炉', '', '', '', '', '', '', '', '', '2023'],
      ['U1', '单元', 'ZH50010320001', '', '环境风险防控', '禁止新建有色金属冶炼项目', '禁止行业', 'C32', '', '', '', '', '', '', '2023'],
    ], 'gb18030');
    const r = await importFiles(ws, [path]);
    expect(r.batches[0]).toMatchObject({ dataset: 'access_requirements', rows: 4, accepted: 4 });
    const rows = await ws.all<Record<string, unknown>>(`SELECT req_id, level, scope_code, unit_type, condition_type, industries, project_types, pollutant, ratio, not_attained
      FROM access_requirements ORDER BY req_id`);
    expect(rows).toEqual([
      { req_id: 'D1', level: '区县', scope_code: '500103', unit_type: null, condition_type: null, industries: null, project_types: null, pollutant: null, ratio: null, not_attained: null },
      { req_id: 'S1', level: '市级', scope_code: 'city', unit_type: null, condition_type: '距离', industries: 'C26;C25', project_types: '新建;扩建', pollutant: null, ratio: null, not_attained: null },
      { req_id: 'S2', level: '市级', scope_code: 'city', unit_type: 2, condition_type: '削减替代', industries: null, project_types: null, pollutant: 'NOx', ratio: 2, not_attained: 'PM2.5' },
      { req_id: 'U1', level: '单元', scope_code: 'ZH50010320001', unit_type: null, condition_type: '禁止行业', industries: 'C32', project_types: null, pollutant: null, ratio: null, not_attained: null },
    ]);
  });
});

describe('an XLSX of the unit level', () => {
  it('gives every row of a merged unit cell the unit', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('单元级');
    sheet.addRow(['渝中区环境管控单元生态环境准入清单']);
    sheet.addRow(['条目编号', '环境管控单元编码', '管控维度', '管控要求', '判定条件', '行业代码', '成果版本']);
    sheet.addRow(['X1', 'ZH50010310001', '空间布局约束', '禁止开发性、生产性建设活动', '重叠', '', '2023']);
    sheet.addRow(['X2', null, '空间布局约束', '禁止新建化工项目', '禁止行业', 'C26', '2023']);
    sheet.addRow(['X3', null, '环境风险防控', '严禁新增环境风险源', '', '', '2023']);
    sheet.addRow(['X4', 'ZH50010320001', '资源开发效率要求', '新建项目能效达到标杆水平', '', '', '2023']);
    sheet.mergeCells('B3:B5');
    const path = join(dir, '渝中区单元准入清单.xlsx');
    await wb.xlsx.writeFile(path);
    // 重叠 needs a feature: the X1 row is refused first, the merged cells are still read
    const err = await refusal([path]);
    expect(err.rowErrors).toEqual([expect.objectContaining({ row: 1, column: '判定条件', reason: expect.stringContaining('空间要素') })]);
    sheet.getCell('E3').value = null;
    await wb.xlsx.writeFile(path);
    await importFiles(ws, [path]);
    const rows = await ws.all<{ req_id: string; level: string; scope_code: string }>(
      "SELECT req_id, level, scope_code FROM access_requirements WHERE req_id LIKE 'X%' ORDER BY req_id");
    expect(rows).toEqual([
      { req_id: 'X1', level: '单元', scope_code: 'ZH50010310001' },
      { req_id: 'X2', level: '单元', scope_code: 'ZH50010310001' },
      { req_id: 'X3', level: '单元', scope_code: 'ZH50010310001' },
      { req_id: 'X4', level: '单元', scope_code: 'ZH50010320001' },
    ]);
  });
});

describe('a bad list', () => {
  it('is refused with each row, column and reason; nothing written', async () => {
    const path = await writeCsv(join(dir, '有错的准入清单.csv'), [HEADER,
      ['B1', '单元', 'ZH50010329999', '', '空间布局约束', '未知单元', '', '', '', '', '', '', '', '', '2023'],
      ['B2', '单元', 'ZH50010310001', '', '空间布局约束', '2020版没有该单元', '', '', '', '', '', '', '', '', '2020'],
      ['B3', '市级', '', '', '空间布局约束', '未知行业', '禁止行业', 'C26、C2699', '', '', '', '', '', '', '2023'],
      ['B4', '市级', '', '', '污染物排放管控', '缺替代比例', '削减替代', '', '', '', '', 'VOCs', '', '', '2023'],
      ['B5', '市级', '', '', '空间布局约束', '项目类型写错', '禁止行业', 'C31', '新造', '', '', '', '', '', '2023'],
      ['B6', '区县', '', '', '空间布局约束', '区县级缺范围', '', '', '', '', '', '', '', '', '2023'],
    ]);
    const err = await refusal([path]);
    const by = (row: number) => (err.rowErrors ?? []).filter((d) => d.row === row).map((d) => `${d.column}|${d.value}|${d.reason}`);
    expect(by(1)).toEqual([expect.stringMatching(/^适用范围\|ZH50010329999\|管控单元编码不在该成果版本的管控单元中/)]);
    expect(by(2)).toEqual([expect.stringMatching(/^适用范围\|ZH50010310001\|管控单元编码不在该成果版本的管控单元中/)]);
    expect(by(3)).toEqual([expect.stringMatching(/^行业代码\|C2699\|未知的行业代码/)]);
    expect(by(4)).toEqual([expect.stringMatching(/^判定条件\|削减替代\|.*须填写污染物和替代比例/)]);
    expect(by(5)).toEqual([expect.stringMatching(/^项目类型\|新造\|项目类型应为/)]);
    expect(by(6)).toEqual([expect.stringMatching(/^适用范围\|.*\|缺少适用范围/)]);
  });
});

describe('features', () => {
  it('import from GeoJSON with their layer; a geometry of another type is refused', async () => {
    const fc = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });
    const line = { type: 'Feature', properties: { 要素编号: 'R1', 要素名称: '长江', 图层: '岸线' }, geometry: { type: 'LineString', coordinates: [[106.5, 29.5], [106.6, 29.6]] } };
    const park = { type: 'Feature', properties: { 要素编号: 'P1', 要素名称: '某工业园', 图层: '工业园区' }, geometry: { type: 'Polygon', coordinates: [[[106.5, 29.5], [106.6, 29.5], [106.6, 29.6], [106.5, 29.5]]] } };
    const bad = { type: 'Feature', properties: { 要素编号: 'Z1', 要素名称: '坏', 图层: '其他' }, geometry: { type: 'GeometryCollection', geometries: [] } };
    const badPath = join(dir, 'bad-features.geojson');
    await writeFile(badPath, fc([line, bad]));
    const err = await refusal([badPath]);
    expect(err.rowErrors).toEqual([expect.objectContaining({ row: 2, column: 'geometry' })]);
    const path = join(dir, 'features.geojson');
    await writeFile(path, fc([line, park]));
    await importFiles(ws, [path]);
    expect(await ws.all('SELECT feature_id, layer FROM access_features ORDER BY 1')).toEqual([
      { feature_id: 'P1', layer: '产业园区' }, { feature_id: 'R1', layer: '河流岸线' }]);
  });
});
