// Zoning work (A1–A5, B3, B4), red line (C11, V2), key-unit emissions (C14), drinking water (C8) and the
// vetoes, on small hand-written files that go through the real importer and the real engine
// (domain/indicators.md; the numbers below follow from the rows written here).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Workspace } from '../analytics/workspace.js';
import type { UserError } from '../analytics/errors.js';
import { importFiles } from '../analytics/import/import-files.js';
import { computeIndicators } from '../indicators/engine.js';
import { getMeasure, getValue, scoreSheets } from '../indicators/results.js';
import { tempDir } from './helpers/sample-workspace.js';
import { writeCsv, writeXlsx } from './helpers/files.js';
import { main } from '../cli/main.js';
import type { Io } from '../cli/cli-io.js';
import { localNow } from '../service/clock.js';

let ws: Workspace;
let wsPath: string;
const P1 = '91500112MA5U000001001P', P2 = '91500112MA5U000002001P';
const KEY = 'ZH50011220001', GENERAL = 'ZH50011230001';

beforeAll(async () => {
  const dir = await tempDir('zonetrack-zoning-');
  const f = (name: string) => join(dir, name);
  const files = [
    await writeCsv(f('units.csv'), [
      ['环境管控单元编码', '环境管控单元名称', '管控单元类别', '区县代码', '面积（km²）', '成果版本'],
      ['ZH50011210001', '渝北优先1', '优先保护', '500112', 100, '2023'], ['ZH50011210002', '渝北优先2', '优先保护', '500112', 50, '2023'],
      [KEY, '渝北重点1', '重点管控', '500112', 20, '2023'], [GENERAL, '渝北一般1', '一般管控', '500112', 30, '2023'],
      ['ZH50010310001', '渝中优先1', '优先保护', '500103', 40, '2023'], ['ZH50010110001', '万州优先1', '优先保护', '500101', 40, '2023'],
      ['ZH50024310001', '彭水优先1', '优先保护', '500243', 20, '2023'],
    ]),
    // red line: 500112 loses 0.005 km² (inside the 0.01 tolerance); 500103 loses 0.5 without approval (V2);
    // 500101 loses 1.0 under an approved adjustment; 500243 gains 0.5
    await writeCsv(f('ecology.csv'), [
      ['管控单元编码', '年份', '生态保护红线面积（km²）', '新增人类活动点位数', '发现问题数', '已整改问题数'],
      ['ZH50011210001', 2024, 40, 1, 1, 1], ['ZH50011210001', 2025, 39.995, 3, 2, 1],
      ['ZH50011210002', 2024, 20, 0, 0, 0], ['ZH50011210002', 2025, 20, 1, 1, 1],
      ['ZH50010310001', 2024, 30, 0, 0, 0], ['ZH50010310001', 2025, 29.5, 0, 0, 0],
      ['ZH50010110001', 2024, 30, 0, 0, 0], ['ZH50010110001', 2025, 29, 0, 0, 0],
      ['ZH50024310001', 2024, 10, 0, 0, 0], ['ZH50024310001', 2025, 10.5, 0, 0, 0],
    ], 'utf-8-bom'),
    await writeCsv(f('plans.csv'), [
      ['层级', '主体', '版本', '类型', '发布日期', '备案日期', '调整原因'],
      ['市级', '全市', '2023', '定期调整', '2024-03-19', '2024-04-10', null],
      ['区县', '500112', '2021', '发布', '2021-06-01', '2021-06-20', null],
      ['区县', '500112', '2024', '定期调整', '2024-06-01', '2024-08-15', null], // 75 days: late
      ['区县', '500112', '2025-动态1', '动态更新', '2025-03-01', '2025-03-20', '园区调整'],
      ['区县', '500112', '2025-动态2', '动态更新', '2025-05-01', null, '园区调整'], // not filed
      ['区县', '500103', '2024', '定期调整', '2024-05-01', null, null], // not filed
      ['区县', '500101', '2025', '发布', '2025-01-10', '2025-01-30', null], // 20 days: on time
    ]),
    await writeXlsx(f('work.xlsx'), [
      ['区县代码', '年份', '工作事项', '数量', '名称清单'],
      ['500112', 2025, '共享分区管控成果的部门', 4, '发展改革委、规划自然资源局、水利局、林业局'],
      ['500112', 2025, '配套政策文件', 1, '《实施细则》'],
      ['500112', 2025, '应用平台查询次数', 120, null],
      ['500112', 2025, '引用分区管控要求的政策文件', 1, '《国土空间规划》'],
      ['500112', 2025, '准入清单纳入分区管控要求的园区', 3, null],
      ['500112', 2025, '产业园区', 4, null],
      ['500103', 2025, '应用平台查询次数', 0, null],
      ['500103', 2025, '重特大突发环境事件', 1, '某化工厂泄漏重大突发环境事件'],
      ['500101', 2025, '生态保护红线调整批准', 1, '关于同意局部调整生态保护红线的批复'],
      ['全市', 2025, '共享分区管控成果的部门', 7, null],
    ]),
    await writeCsv(f('holders.csv'), [
      ['许可证编号', '单位名称', '是否重点排污单位', '区县代码', '所在管控单元'],
      [P1, '甲公司', '是', '500112', KEY], [P2, '乙公司', '否', '500112', GENERAL],
    ]),
    // key unit: COD 10 → 9, NH3-N 1 → 1, NOx 5 → 6 (up), no VOCs → 3 of 4 not increased; the general unit's rise is not counted
    await writeCsv(f('emissions.csv'), [
      ['许可证编号', '年份', '污染物种类', '实际排放量（t/a）', '许可排放量（t/a）'],
      [P1, 2024, 'COD', 10, 20], [P1, 2025, 'COD', 9, 20], [P1, 2024, '氨氮', 1, 2], [P1, 2025, '氨氮', 1, 2],
      [P1, 2024, '氮氧化物', 5, 10], [P1, 2025, '氮氧化物', 6, 10], [P2, 2024, 'COD', 100, 300], [P2, 2025, 'COD', 200, 300],
    ]),
    await writeCsv(f('sources.csv'), [['水源地编码', '水源地名称', '水源类型', '区县代码'], ['Y1', '甲水库', '湖库', '500112'], ['Y2', '乙河', '河流', '500112']]),
    await writeCsv(f('drinking.csv'), [
      ['水源地编码', '年份', '月份', '是否达标'], ['Y1', 2025, 1, '是'], ['Y1', 2025, 7, '是'], ['Y2', 2025, 1, '是'], ['Y2', 2025, 7, '否'],
    ]),
  ];
  const r = await importFiles(ws = await Workspace.create(wsPath = join(dir, 'zoning.duckdb')), files);
  expect(r.ok, JSON.stringify(r)).toBe(true);
  await computeIndicators(ws, { at: localNow(), year: 2025 });
});
afterAll(async () => ws.close());

describe('A: plan publication, filing and zoning work items', () => {
  it('A1: the plan in force filed within 30 days scores 4, late 2, not filed 0; nothing imported for a district is 数据缺失', async () => {
    expect(await getValue(ws, 'A1', '500101', 2025)).toMatchObject({ value: 2, points: 4, status: '达标' });
    expect(await getValue(ws, 'A1', '500112', 2025)).toMatchObject({ value: 1, points: 2, status: '未达标' });
    expect(await getValue(ws, 'A1', '500103', 2025)).toMatchObject({ value: 0, points: 0 });
    expect(await getValue(ws, 'A1', '500243', 2025)).toMatchObject({ status: '数据缺失', points: 0 });
    const m = await getMeasure(ws, 'zoning.plan_filing_status', '500112', 2025);
    expect(m.detail).toContain('间隔75天');
    expect((await getMeasure(ws, 'zoning.plan_filing_status', 'city', 2025)).value).toBe(2);
  });

  it('A2: one of two updates not filed → 50 %, −2 points; no updates → 不适用', async () => {
    expect(await getMeasure(ws, 'zoning.plan_update_filing_rate', '500112', 2025)).toMatchObject({ value: 50, numerator: 1, denominator: 2 });
    // A2 动态更新备案合规率 is the rate (filed / updates × 100), scored −2 per unfiled update
    expect(await getValue(ws, 'A2', '500112', 2025)).toMatchObject({ value: 50, unit: '%', numerator: 1, denominator: 2, points: 2 });
    expect(await getValue(ws, 'A2', '500101', 2025)).toMatchObject({ status: '不适用', points: 0 });
  });

  it('A3 ratio (4 of 5 departments → 2.4), A4/A5 thresholds, B3 ratio (1 of 2 → 1.5), B4 parks 75 % → 0.5', async () => {
    expect(await getValue(ws, 'A3', '500112', 2025)).toMatchObject({ value: 4, target: 5, points: 2.4 });
    expect(await getValue(ws, 'A4', '500112', 2025)).toMatchObject({ value: 1, points: 2 });
    expect(await getValue(ws, 'A5', '500112', 2025)).toMatchObject({ value: 120, points: 2 });
    expect(await getValue(ws, 'A5', '500103', 2025)).toMatchObject({ value: 0, points: 0, status: '未达标' });
    expect(await getValue(ws, 'B3', '500112', 2025)).toMatchObject({ value: 1, target: 2, points: 1.5 });
    expect(await getValue(ws, 'B4', '500112', 2025)).toMatchObject({ value: 75, numerator: 3, denominator: 4, points: 0.5 });
  });

  it('a district that reported work items but not this one counts 0, and so does one absent from the list inside its coverage; no parks → 不适用', async () => {
    expect(await getValue(ws, 'A3', '500103', 2025)).toMatchObject({ value: 0, points: 0 });
    expect(await getValue(ws, 'A3', '500243', 2025)).toMatchObject({ value: 0, points: 0, status: '未达标' });
    expect(await getValue(ws, 'B4', '500103', 2025)).toMatchObject({ status: '不适用' });
    // the city has its own partners, not the sum of the districts'
    expect((await getMeasure(ws, 'zoning.data_sharing_departments', 'city', 2025)).value).toBe(7);
  });
});

describe('C: red line, key-unit emissions, drinking water', () => {
  it('C11: a loss inside 0.01 km² keeps 100 %; 0.5 km² of 30 → 98.33 % and 0 points; the unit has its own value', async () => {
    expect(await getValue(ws, 'C11', '500112', 2025)).toMatchObject({ value: 100, points: 4, status: '达标' });
    expect(await getValue(ws, 'C11', '500103', 2025)).toMatchObject({ value: 98.33, numerator: 29.5, denominator: 30, points: 0 });
    expect(await getValue(ws, 'C11', '500243', 2025)).toMatchObject({ value: 105, points: 4 });
    expect((await getMeasure(ws, 'eco.red_line_retention_rate', 'ZH50010310001', 2025)).value).toBe(98.33);
    expect((await getMeasure(ws, 'eco.red_line_area_change_km2', '500103', 2025)).value).toBe(-0.5);
    expect((await getMeasure(ws, 'eco.red_line_retention_rate', 'city', 2025)).denominator).toBe(130);
  });

  it('C14: 3 of 4 pollutants not increased in key units → 2.25; holders in other units do not count', async () => {
    const v = await getValue(ws, 'C14', '500112', 2025);
    expect(v).toMatchObject({ value: 3, numerator: 3, denominator: 4, points: 2.25 });
    expect((await getMeasure(ws, 'emissions.key_unit_actual_t.COD', '500112', 2025)).value).toBe(9);
    expect((await getMeasure(ws, 'emissions.actual_t.COD', '500112', 2025)).value).toBe(209);
    expect((await getMeasure(ws, 'emissions.key_unit_pollutants_not_increased', KEY, 2025)).value).toBe(3);
    expect(await getValue(ws, 'C14', '500103', 2025)).toMatchObject({ status: '不适用' });
  });

  it('C8: one of two sources failed in a month → 1 non-compliant source, −1 point; 50 % compliant', async () => {
    // C8 集中式饮用水水源地水质达标率 is the rate (sources compliant all year / sources), scored −1 per failing source
    expect(await getValue(ws, 'C8', '500112', 2025)).toMatchObject({ value: 50, unit: '%', numerator: 1, denominator: 2, points: 1 });
    expect((await getMeasure(ws, 'drinking.compliance_rate', '500112', 2025)).value).toBe(50);
    expect((await getMeasure(ws, 'drinking.noncompliant_sources', '500112', 2025)).detail).toContain('Y2');
  });
});

describe('unit tracking', () => {
  it('human-activity problems found and rectified per unit and district; patches counted', async () => {
    expect((await getMeasure(ws, 'eco.problems_found', '500112', 2025)).value).toBe(3);
    expect((await getMeasure(ws, 'eco.problems_rectified', '500112', 2025)).value).toBe(2);
    expect((await getMeasure(ws, 'eco.human_activity_patches', 'ZH50011210001', 2025)).value).toBe(3);
  });
  it('a unit without a station or a section says so, never takes its district’s value', async () => {
    expect(await getMeasure(ws, 'water.good_ratio', KEY, 2025)).toMatchObject({ value: null, status: '无断面' });
    expect(await getMeasure(ws, 'air.pm25_annual_mean', KEY, 2025)).toMatchObject({ value: null, status: '无站点' });
  });
});

describe('codes (examples 9 and 10)', () => {
  it('9: a unit code carries its district and type — ZH50011210001 → 渝北区, 优先保护 — which the measures group by', async () => {
    // the ecology file names units only: district and type come from the code
    const unit = await getMeasure(ws, 'eco.red_line_retention_rate', 'ZH50011210001', 2025);
    expect(unit).toMatchObject({ entityLevel: 'unit', entityName: '渝北优先1' });
    expect((await getMeasure(ws, 'eco.red_line_retention_rate', '500112', 2025)).denominator).toBe(60); // 40 + 20, both units of 500112
  });

  it('10: a permit number is the USCC + 3-digit sequence + letter (91130200699229617X001P); a holder whose USCC differs is refused', async () => {
    const dir = await tempDir('zonetrack-permit-');
    const w = await Workspace.create(join(dir, 'p.duckdb'));
    try {
      const head = ['许可证编号', '统一社会信用代码', '单位名称', '区县代码'];
      const good = await writeCsv(join(dir, 'ok.csv'), [head, ['91130200699229617X001P', '91130200699229617X', '示例单位', '500112']]);
      expect((await importFiles(w, [good])).ok).toBe(true);
      const bad = await writeCsv(join(dir, 'bad.csv'), [head, ['91130200699229617X002P', '91130200699229617Y', '另一单位', '500112']]);
      const refused = await importFiles(w, [bad]).then(() => undefined, (e: unknown) => e as UserError);
      expect(refused?.rowErrors).toEqual([expect.objectContaining({ row: 1, column: '统一社会信用代码', reason: expect.stringContaining('前18位') })]);
      expect((await w.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM permit_holders'))!.n).toBe(1);
    } finally {
      await w.close();
    }
  });
});

describe('vetoes', () => {
  it('V1 and V2 fire with their evidence; an approved reduction does not veto', async () => {
    const [sheet] = await scoreSheets(ws, 2025, '500103');
    expect(sheet!.vetoes.map((v) => v.id)).toEqual(['V1', 'V2']);
    expect(sheet!.vetoes[0]!.evidence).toContain('某化工厂泄漏');
    expect(sheet!.vetoes[1]!.evidence).toContain('ZH50010310001');
    expect(sheet!.grade === '合格' || sheet!.grade === '不合格').toBe(true);
    const [approved] = await scoreSheets(ws, 2025, '500101');
    expect(approved!.vetoes).toEqual([]);
    const [tolerated] = await scoreSheets(ws, 2025, '500112');
    expect(tolerated!.vetoes).toEqual([]);
  });

  it('score --json carries the vetoes; value answers the new measures for a district, a unit and the city', async () => {
    await ws.close();
    let out = '';
    const io: Io = { out: (t) => void (out += t + '\n'), err: () => undefined };
    expect(await main(['score', wsPath, '--year', '2025', '--entity', '500103', '--json'], io)).toBe(0);
    const doc = JSON.parse(out);
    expect(doc.sheets[0].vetoes.map((v: { id: string }) => v.id)).toEqual(['V1', 'V2']);
    expect(doc.sheets[0].items.map((i: { indicator: string }) => i.indicator)).toContain('C14');
    for (const [measure, entity, expected] of [
      ['eco.red_line_retention_rate', 'ZH50011210002', 100], ['zoning.plan_filing_status', 'city', 2],
      ['emissions.key_unit_pollutants_not_increased', '500112', 3], ['veto.major_incidents', '500103', 1],
    ] as const) {
      out = '';
      expect(await main(['value', wsPath, '--indicator', measure, '--entity', entity, '--year', '2025', '--json'], io)).toBe(0);
      expect(JSON.parse(out)).toMatchObject({ indicator: measure, entity, value: expected });
    }
    ws = await Workspace.open(wsPath);
  });
});
