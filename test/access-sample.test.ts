// The sample's access lists, features and projects (analytics/sample/sample-access.ts) through the real generator,
// importer and engine: every list file imports (the unit XLSX with merged cells), and each sample project gets
// the verdict its construction gives it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSampleWorkspace, TEST_DISTRICTS, type SampleWorkspace } from './helpers/sample-workspace.js';
import { sampleProjects } from '../analytics/sample/generate-sample.js';
import { screenProject, type ScreeningResult } from '../indicators/access/screen.js';
import { readProject } from '../indicators/access/project.js';

let s: SampleWorkspace;
const results = new Map<string, ScreeningResult>();
beforeAll(async () => {
  s = await buildSampleWorkspace();
  for (const p of sampleProjects({ seed: 7, scale: 'small', districts: TEST_DISTRICTS, years: [2024, 2025] })) {
    results.set(p.file.replace(/^示例数据_准入研判项目_\d_|\.json$/g, ''), await screenProject(s.ws, readProject(p.project, '2025-06-30')));
  }
}, 400_000);
afterAll(async () => s.ws.close());

const failing = (r: ScreeningResult) => r.requirements.filter((q) => q.verdict === '不符合').map((q) => q.reqId);

describe('the sample access lists', () => {
  it('import at three levels and four dimensions, the merged unit cells read as the unit', async () => {
    const rows = await s.ws.all<{ level: string; dims: number; n: number }>(
      'SELECT level, count(DISTINCT dimension)::INTEGER AS dims, count(*)::INTEGER AS n FROM access_requirements GROUP BY level ORDER BY level');
    expect(rows.map((r) => r.level).sort()).toEqual(['区县', '单元', '市级']);
    expect(rows.find((r) => r.level === '市级')!.dims).toBe(4);
    // every 渝中 unit (the XLSX with merged cells) has its requirements under its own code
    const empty = await s.ws.all(`SELECT u.unit_code FROM units u WHERE u.district_code = '500103' AND u.plan_version = '2023'
      AND u.unit_code NOT IN (SELECT scope_code FROM access_requirements WHERE level = '单元')`);
    expect(empty).toEqual([]);
    expect((await s.ws.one<{ n: number }>("SELECT count(*)::INTEGER AS n FROM access_features WHERE layer <> '河道中心线'"))!.n).toBe(3);
  });
});

describe('the sample projects', () => {
  it('in the red line: 不符合 for the red line', () => {
    const r = results.get('红线内道路')!;
    expect(r.conclusion).toBe('不符合');
    expect(failing(r)).toContain('SJ-01');
  });
  it('a chemical project half a kilometre from the river: 不符合 for the shoreline', () => {
    const r = results.get('岸线化工')!;
    expect(r.conclusion).toBe('不符合');
    expect(r.requirements.find((q) => q.reqId === 'SJ-02')!.reason).toMatch(/^项目距长江（示例岸线）（河流岸线）0\.5\d km，在 1 km 范围内/);
  });
  it('cement in the park conforms; the same outside the park does not', () => {
    const inPark = results.get('园区内水泥')!;
    expect(inPark.requirements.find((q) => q.reqId === 'SJ-03')!.reason).toMatch(/项目位于产业园区“渝北区示例工业园”内/);
    expect(inPark.conclusion).toBe('符合');
    const outside = results.get('园区外水泥')!;
    expect(outside.conclusion).toBe('不符合');
    expect(failing(outside)).toContain('SJ-03');
  });
  it('offsets in the non-attainment district: 1:1 where 2:1 is required is 不符合', async () => {
    // the generator puts central districts' PM2.5 above the limit: 渝中 is not attained in 2025
    const yuzhong = await s.ws.one<{ detail: string }>(`SELECT detail FROM measure_values WHERE measure_id = 'air.attainment' AND entity_code = '500103' AND year = 2025`);
    expect(yuzhong!.detail).toMatch(/PM2\.5年均浓度/);
    const r = results.get('未达标区替代不足')!;
    expect(failing(r)).toEqual(['SJ-05']);
    expect(r.requirements.find((q) => q.reqId === 'SJ-05')!.reason).toMatch(/须落实NOx削减替代 20 × 2 = 40 t\/a，仅落实 20 t\/a$/);
    expect(r.requirements.find((q) => q.reqId === 'SJ-06')!.verdict).toBe('符合');
  });
  it('the project in a general unit of a county conforms', () => {
    const r = results.get('符合')!;
    expect(r.conclusion).toBe('符合');
    expect(r.counts).toEqual({ 符合: r.requirements.length, 不符合: 0, 需人工判断: 0 });
    expect(r.units.map((u) => u.type)).toEqual([3]);
  });
});
