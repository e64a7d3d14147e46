// 准入研判 on a small constructed territory, imported through the real importer: three square units in a row
// (渝中 A | 渝中 B | 渝北 C), a 2020 plan whose key unit B′ became B in 2023, a river line 0.5′ north of them, a red-line
// patch in A, a park in C, and lists at the three levels. Each expected verdict follows from the geometry and
// the rules, not from output.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Workspace } from '../analytics/workspace.js';
import { importFiles } from '../analytics/import/import-files.js';
import { screenProject, type ScreeningResult } from '../indicators/access/screen.js';
import { readProject } from '../indicators/access/project.js';
import { listScreenings, readScreening, recordScreening } from '../indicators/access/screenings.js';
import { listAudit } from '../analytics/audit/audit-log.js';
import { tempDir } from './helpers/sample-workspace.js';
import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { createService } from '../service/zonetrack-service.js';
import { inProcessClient } from '../service/in-process-client.js';
import { ApiCallError } from '../service/contract.js';
import { writeCsv } from './helpers/files.js';
import { readRecordMeasures } from '../indicators/measures/record-measures.js';

let ws: Workspace;
let dir: string;

const square = (x0: number, x1: number, y0 = 29.5, y1 = 29.55) => ({ type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] });
const unit = (code: string, name: string, type: string, version: string, geometry: unknown) =>
  ({ type: 'Feature', properties: { 管控单元编码: code, 管控单元名称: name, 管控单元类别: type, 区县代码: code.slice(2, 8), 成果版本: version }, geometry });
const A = square(106.5, 106.55), B = square(106.55, 106.6), C = square(106.6, 106.65);

beforeAll(async () => {
  dir = await tempDir();
  ws = await Workspace.create(join(dir, 'ws.duckdb'));
  const fc = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });
  await writeFile(join(dir, 'units2023.geojson'), fc([unit('ZH50010310001', '渝中优先01', '优先保护', '2023', A),
    unit('ZH50010320001', '渝中重点01', '重点管控', '2023', B), unit('ZH50011230001', '渝北一般01', '一般管控', '2023', C)]));
  await writeFile(join(dir, 'units2020.geojson'), fc([unit('ZH50010310001', '渝中优先01', '优先保护', '2020', A),
    unit('ZH50010320002', '渝中重点（原）', '重点管控', '2020', B), unit('ZH50011230001', '渝北一般01', '一般管控', '2020', C)]));
  await writeFile(join(dir, 'features.geojson'), fc([
    { type: 'Feature', properties: { 要素编号: 'R1', 要素名称: '长江', 图层: '河流岸线' }, geometry: { type: 'LineString', coordinates: [[106.5, 29.555], [106.65, 29.555]] } },
    { type: 'Feature', properties: { 要素编号: 'H1', 要素名称: '某山红线', 图层: '生态保护红线' }, geometry: square(106.51, 106.52, 29.51, 29.52) },
    { type: 'Feature', properties: { 要素编号: 'P1', 要素名称: '渝北某工业园', 图层: '产业园区' }, geometry: square(106.62, 106.64, 29.51, 29.53) },
  ]));
  const row = (id: string, level: string, scope: string, dim: string, text: string, cond = '', ind = '', types = '', feature = '', dist = '', pol = '', ratio = '', na = '', version = '2023') =>
    [id, level, scope, dim, text, cond, ind, types, feature, dist, pol, ratio, na, version];
  await writeCsv(join(dir, 'lists.csv'), [
    ['条目编号', '层级', '适用范围', '管控维度', '管控要求', '判定条件', '行业代码', '项目类型', '空间要素', '距离', '污染物', '替代比例', '未达标因子', '成果版本'],
    row('S1', '市级', '', '空间布局约束', '长江干流岸线一公里范围内禁止新建、扩建化工项目', '距离', 'C26', '新建、扩建', '河流岸线', '1'),
    row('S2', '市级', '', '空间布局约束', '生态保护红线内禁止开发性、生产性建设活动', '重叠', '', '', '生态保护红线'),
    row('S3', '市级', '', '空间布局约束', '水泥等建材项目只能在合规园区内建设', '限制行业', 'C301'),
    row('S4', '市级', '', '污染物排放管控', 'PM2.5未达标区县新建项目氮氧化物2倍削减替代', '削减替代', '', '新建', '', '', '氮氧化物', '2', 'PM2.5'),
    row('S0', '市级', '', '环境风险防控', '2020年版市级要求', '', '', '', '', '', '', '', '', '2020'),
    row('D1', '区县', '渝中区', '资源开发效率要求', '中心城区禁止新建燃煤锅炉'),
    row('D2', '区县', '渝北区', '环境风险防控', '严格危险化学品仓储布局'),
    row('PA1', '单元', 'ZH50010310001', '空间布局约束', '禁止制造业', '禁止行业', 'C'),
    row('PA2', '单元', 'ZH50010310001', '空间布局约束', '禁止化学原料和化学制品制造', '禁止行业', 'C26'),
    row('PA3', '单元', 'ZH50010310001', '空间布局约束', '禁止基础化学原料制造', '禁止行业', 'C261'),
    row('PA4', '单元', 'ZH50010310001', '空间布局约束', '禁止有机化学原料制造', '禁止行业', 'C2614'),
    row('KB1', '单元', 'ZH50010320001', '空间布局约束', '禁止新建化工项目', '禁止行业', 'C26'),
    row('KB0', '单元', 'ZH50010320002', '空间布局约束', '禁止钢铁冶炼', '禁止行业', 'C31', '', '', '', '', '', '', '2020'),
  ]);
  await importFiles(ws, [join(dir, 'units2023.geojson'), join(dir, 'units2020.geojson'), join(dir, 'features.geojson'), join(dir, 'lists.csv'),
    await writeCsv(join(dir, 'crosswalk.csv'), [['原单元编码', '新单元编码', '对应关系'], ['ZH50010320002', 'ZH50010320001', '调整']])]);
  // 渝北's latest annual air result: PM2.5 not attained (as the attainment measure words it); 渝中 attained
  await ws.run(`INSERT INTO measure_values VALUES
    (1, 'air.attainment', '500112', 'district', 2023, 0, NULL, NULL, 1, true, '超标：PM2.5年均浓度42（限值35）', []),
    (1, 'air.attainment', '500103', 'district', 2023, 1, NULL, NULL, 1, true, '六项污染物均达到二级标准', [])`);
});
afterAll(async () => ws.close());

const screen = (p: Record<string, unknown>) => screenProject(ws, readProject({ name: '测试项目', date: '2024-06-01', ...p }, '2024-06-01'));
const verdicts = (r: ScreeningResult) => Object.fromEntries(r.requirements.map((q) => [q.reqId, q.verdict]));
const reason = (r: ScreeningResult, id: string) => r.requirements.find((q) => q.reqId === id)!.reason;

describe('industry prefixes', () => {
  it('match at each level: C, C26, C261, C2614', async () => {
    const at = { lon: 106.53, lat: 29.53 };
    expect(verdicts(await screen({ ...at, industries: 'C2614' }))).toMatchObject({ PA1: '不符合', PA2: '不符合', PA3: '不符合', PA4: '不符合' });
    expect(verdicts(await screen({ ...at, industries: '2619' }))).toMatchObject({ PA1: '不符合', PA2: '不符合', PA3: '不符合', PA4: '符合' });
    expect(verdicts(await screen({ ...at, industries: 'C2621' }))).toMatchObject({ PA1: '不符合', PA2: '不符合', PA3: '符合', PA4: '符合' });
    const steel = await screen({ ...at, industries: 'C3110' });
    expect(verdicts(steel)).toMatchObject({ PA1: '不符合', PA2: '符合', PA3: '符合', PA4: '符合' });
    expect(reason(steel, 'PA1')).toBe('项目行业C3110属于单元ZH50010310001禁止类行业（C 制造业）');
    expect(steel.conclusion).toBe('不符合');
  });
});

describe('location', () => {
  it('a point on the border of two units takes both units’ lists', async () => {
    const r = await screen({ lon: 106.55, lat: 29.52, industries: 'C3670' });
    expect(r.units.map((u) => [u.code, u.onBorder])).toEqual([['ZH50010310001', true], ['ZH50010320001', true]]);
    expect(Object.keys(verdicts(r))).toEqual(expect.arrayContaining(['PA1', 'KB1', 'D1']));
  });
  it('a polygon across two districts: area shares, both districts’ lists', async () => {
    const r = await screen({ location: square(106.58, 106.62, 29.51, 29.53), industries: 'C3670' });
    expect(r.units.map((u) => [u.code, Math.round(u.share! * 100)])).toEqual([['ZH50010320001', 50], ['ZH50011230001', 50]]);
    expect(r.districts.map((d) => d.name).sort()).toEqual(['渝中区', '渝北区']);
    expect(Object.keys(verdicts(r))).toEqual(expect.arrayContaining(['D1', 'D2', 'KB1']));
    expect(verdicts(r)).not.toHaveProperty('PA1');
  });
  it('outside every unit is refused with the reason', async () => {
    await expect(screen({ lon: 107.5, lat: 29.52, industries: 'C3670' })).rejects.toThrow(/不在 2024 年有效的任何环境管控单元内/);
  });
});

describe('plan versions', () => {
  it('before the 2023 adjustment the 2020 unit and its list apply; after, the 2023 ones', async () => {
    const at = { lon: 106.575, lat: 29.52, industries: 'C3110' };
    const before = await screen({ ...at, date: '2022-06-01' });
    expect(before.units.map((u) => u.code)).toEqual(['ZH50010320002']);
    expect(verdicts(before)).toMatchObject({ KB0: '不符合', S0: '需人工判断' });
    expect(verdicts(before)).not.toHaveProperty('KB1');
    expect(before.unitPlanVersions).toEqual(['2020']);
    const after = await screen({ ...at, date: '2024-06-01' });
    expect(after.units.map((u) => u.code)).toEqual(['ZH50010320001']);
    expect(verdicts(after)).toMatchObject({ KB1: '符合' });
    expect(verdicts(after)).not.toHaveProperty('KB0');
    expect(verdicts(after)).not.toHaveProperty('S0');
    expect(after.conclusion).toBe('需进一步论证');
  });
});

describe('spatial conditions', () => {
  it('a chemical project within 1 km of the river is refused; 5.6 km away it is not', async () => {
    const near = await screen({ lon: 106.575, lat: 29.549, industries: 'C2614' });
    expect(near.requirements.find((q) => q.reqId === 'S1')!.verdict).toBe('不符合');
    expect(reason(near, 'S1')).toMatch(/^项目距长江（河流岸线）0\.67 km，在 1 km 范围内，项目行业C2614属于C26$/);
    const far = await screen({ lon: 106.575, lat: 29.505, industries: 'C2614' });
    expect(verdicts(far).S1).toBe('符合');
    // 改建 is not what the rule names
    expect(verdicts(await screen({ lon: 106.575, lat: 29.549, industries: 'C2614', kind: '改建' })).S1).toBe('符合');
  });
  it('a project in the red line is refused', async () => {
    const r = await screen({ lon: 106.515, lat: 29.515, industries: 'E4819' });
    expect(verdicts(r).S2).toBe('不符合');
    expect(reason(r, 'S2')).toBe('项目位置与生态保护红线“某山红线”重叠');
  });
  it('a restricted industry is allowed in the park, refused outside, and asked about when unknown', async () => {
    expect(verdicts(await screen({ lon: 106.63, lat: 29.52, industries: 'C3011' })).S3).toBe('符合');
    expect(verdicts(await screen({ lon: 106.61, lat: 29.54, industries: 'C3011', inPark: false })).S3).toBe('不符合');
    expect(verdicts(await screen({ lon: 106.61, lat: 29.54, industries: 'C3011' })).S3).toBe('需人工判断');
  });
});

describe('offsets', () => {
  it('apply in the non-attainment district only, judged against the offsets secured', async () => {
    const inYubei = { lon: 106.61, lat: 29.54, industries: 'C3670', emissions: { 氮氧化物: 10 } };
    expect(verdicts(await screen({ ...inYubei, offsets: { NOx: 15 } })).S4).toBe('不符合');
    const ok = await screen({ ...inYubei, offsets: { NOx: 20 } });
    expect(verdicts(ok).S4).toBe('符合');
    expect(reason(ok, 'S4')).toBe('渝北区2023年超标：PM2.5年均浓度42（限值35），属于PM2.5未达标区县；须落实NOx削减替代 10 × 2 = 20 t/a，已落实 20 t/a');
    expect(verdicts(await screen(inYubei)).S4).toBe('需人工判断');
    expect(verdicts(await screen({ lon: 106.575, lat: 29.52, industries: 'C3670', emissions: { NOx: 10 } })).S4).toBe('符合');
  });
});

describe('recording', () => {
  it('writes the screening and its audit entry; lists and reads it back', async () => {
    const r = await screen({ lon: 106.575, lat: 29.52, industries: 'C3670' });
    const id = await ws.transaction((tx) => recordScreening(tx, r, { source: 'manual', recordedAt: '2026-12-01 10:00:00' }));
    const list = await listScreenings(ws, { year: 2024 });
    expect(list.rows[0]).toMatchObject({ id, projectName: '测试项目', screenedOn: '2024-06-01', conclusion: r.conclusion, units: ['ZH50010320001'] });
    expect((await readScreening(ws, id))!.result.requirements.length).toBe(r.requirements.length);
    expect((await listAudit(ws)).entries.filter((e) => e.action === 'access/screen').map((e) => e.target)).toEqual([`准入研判 ${id}`]);
  });
});

describe('the service operation and the documents', () => {
  it('screens, records, writes a 研判意见 and a detail sheet that reopen with the verdicts; a bad project is refused by field', async () => {
    const api = inProcessClient(createService(ws, { log: () => undefined }));
    const out = join(dir, 'out');
    const r = await api.call('access/screen', { project: { name: '某化工新材料项目', date: '2024-06-01', lon: 106.575, lat: 29.549, industries: ['C2614'] }, outDir: out });
    expect(r.result.conclusion).toBe('不符合');
    const xml = await (await JSZip.loadAsync(await readFile(r.files!.docx))).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('建设项目生态环境准入研判意见');
    expect(text).toContain('某化工新材料项目');
    expect(text).toContain('ZH50010320001');
    expect(text).toContain('项目距长江（河流岸线）0.67 km，在 1 km 范围内');
    expect(text).toContain('研判结论：不符合');
    // the map of the project over the unit it touches, with alt text naming the unit
    const descr = /<wp:docPr [^>]*descr="([^"]*)"/.exec(xml)?.[1] ?? '';
    expect(descr).toContain('ZH50010320001');
    expect(descr).toContain('经度106.575');
    expect(text).toMatch(/图1\s*项目与环境管控单元位置关系/);
    // the first column of the project table is wide enough for 是否位于合规园区 (8 characters of the body font)
    const grid = [...(/<w:tblGrid>([\s\S]*?)<\/w:tblGrid>/.exec(xml)?.[1] ?? '').matchAll(/w:w="(\d+)"/g)].map((m) => Number(m[1]));
    const tableXml = /<w:tbl>[\s\S]*?<\/w:tbl>/.exec(xml)![0];
    const halfPoints = Number(/<w:sz w:val="(\d+)"/.exec(tableXml)![1]); // a Han character is as wide as the font size: halfPoints × 10 twips
    expect(tableXml).toContain('是否位于合规园区');
    expect(grid[0]!).toBeGreaterThanOrEqual(8 * halfPoints * 10);
    await mkdir(join(import.meta.dirname, '..', 'tmp', 'documents'), { recursive: true });
    await copyFile(r.files!.docx, join(import.meta.dirname, '..', 'tmp', 'documents', 'screening.docx'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(r.files!.xlsx);
    const sheet = wb.getWorksheet('准入要求研判')!;
    const rows: string[][] = [];
    sheet.eachRow((row, n) => { if (n > 2) rows.push((row.values as unknown[]).slice(1).map(String)); });
    expect(rows.map((x) => [x[0], x[6]])).toEqual(r.result.requirements.map((q) => [q.reqId, q.verdict]));
    const listed = await api.call('access/screenings', {});
    expect(listed.rows[0]).toMatchObject({ id: r.id, projectName: '某化工新材料项目', conclusion: '不符合' });
    const err = await api.call('access/screen', { project: { name: 'x', lon: 106.575, lat: 29.549, industries: ['C9999'] } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiCallError);
    expect((err as ApiCallError).message).toBe('项目信息有误：行业代码“C9999”不是 GB/T 4754-2017 的行业代码（如 C2614）');
    expect((await api.call('access/screenings', {})).total).toBe(listed.total);
  });
  it('a unit’s access list by level and dimension', async () => {
    const api = inProcessClient(createService(ws, { log: () => undefined }));
    const l = await api.call('access/unit-list', { unit: 'ZH50010320001', year: 2024 });
    expect(l.requirements.map((q) => `${q.level}${q.reqId}`)).toEqual(['市级S1', '市级S2', '市级S3', '市级S4', '区县D1', '单元KB1']);
  });
});

describe('bulk screening of EIA approvals, and A5', () => {
  it('screens the year’s approvals that carry a location and industry, lists where the recorded conformity disagrees, B2 keeps its value and names it', async () => {
    await importFiles(ws, [await writeCsv(join(dir, 'eia.csv'), [
      ['批复文号', '项目名称', '批复日期', '区县', '是否开展分区管控符合性分析', '符合性结论', '经度', '纬度', '行业代码', '建设性质'],
      // in the red-line patch of A: the screening says 不符合, the approval was recorded 符合
      ['渝中环准〔2024〕1号', '某山公路工程', '2024-05-10', '渝中区', '是', '符合', 106.515, 29.515, 'E4812', '新建'],
      // in 渝北's unit C, outside the park: a text-only district requirement leaves it to a person (需进一步论证), no disagreement
      ['渝北环准〔2024〕2号', '某汽车零部件项目', '2024-06-10', '渝北区', '是', '符合', 106.605, 29.545, 'C3670', '新建'],
      // no location: not screened
      ['渝中环准〔2024〕3号', '某污水处理厂', '2024-07-10', '渝中区', '是', '不符合', '', '', '', ''],
      ['渝中环准〔2023〕9号', '上年项目', '2023-07-10', '渝中区', '是', '符合', 106.515, 29.515, 'E4812', '新建'],
    ])]);
    const client = inProcessClient(createService(ws));
    const bulk = await client.call('access/screen-approvals', { year: 2024 });
    expect(bulk.approvals).toBe(3);
    expect(bulk.screened).toBe(2);
    expect(bulk.rows.map((r) => [r.approvalNo, r.conclusion, r.disagrees])).toEqual([
      ['渝中环准〔2024〕1号', '不符合', true], ['渝北环准〔2024〕2号', '需进一步论证', false], ['渝中环准〔2024〕3号', null, false]]);
    expect(bulk.rows[2]!.reason).toContain('经纬度');
    expect(bulk.disagreements.map((r) => r.approvalNo)).toEqual(['渝中环准〔2024〕1号']);
    // recorded as screenings of the approvals; screening the year again replaces them
    const again = await client.call('access/screen-approvals', { year: 2024 });
    expect(again.screened).toBe(2);
    const eia = await ws.all<{ source: string }>("SELECT source FROM access_screenings WHERE source LIKE 'eia:%' ORDER BY source");
    expect(eia.map((r) => r.source)).toEqual(['eia:渝中环准〔2024〕1号', 'eia:渝北环准〔2024〕2号']);
    expect((await listAudit(ws)).entries.filter((a) => a.action === 'access/screen-approvals')).toHaveLength(2);

    // B2 counts the recorded 不符合 (approval 3) and only names the disagreement
    const rows = await readRecordMeasures(ws, 2024, 2024, '2024-12-31');
    const b2 = rows.find((r) => r.measure === 'zoning.nonconforming_approvals' && r.entity_code === '500103' && r.year === 2024)!;
    expect(b2.value).toBe(1);
    expect(b2.detail).toContain('渝中环准〔2024〕1号');
    expect(b2.detail).toContain('记录为符合，研判为不符合');
  });

  it('A5 counts the screenings recorded in the year, once per district touched; bulk screenings are not queries', async () => {
    const before = await readRecordMeasures(ws, 2024, 2024, '2024-12-31');
    const a5 = (rows: typeof before, d: string) => rows.find((r) => r.measure === 'zoning.platform_uses' && r.entity_code === d && r.year === 2024)?.value ?? 0;
    const across = await screen({ location: square(106.58, 106.62, 29.51, 29.53), industries: 'C3670' });
    const inside = await screen({ lon: 106.53, lat: 29.53, industries: 'C3670' });
    await ws.transaction(async (tx) => {
      await recordScreening(tx, across, { source: 'manual', recordedAt: '2024-03-01 09:00:00' });
      await recordScreening(tx, inside, { source: 'manual', recordedAt: '2024-11-30 16:00:00' });
      await recordScreening(tx, inside, { source: 'manual', recordedAt: '2025-01-02 08:00:00' });
    });
    const after = await readRecordMeasures(ws, 2024, 2024, '2024-12-31');
    expect(a5(after, '500103') - a5(before, '500103')).toBe(2);
    expect(a5(after, '500112') - a5(before, '500112')).toBe(1);
  });
});
