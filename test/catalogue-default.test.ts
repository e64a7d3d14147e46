// The default catalogue as domain/indicators.md gives it (A1–A5, B1–B4, C1–C15, D1–D5, 100 points, vetoes),
// the scoring examples 16–17, and the whole catalogue on the sample: every item of a sample district has a value
// or a stated reason, and a veto caps the grade of a district that earned better.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { activeCatalogue } from '../indicators/catalogue/load-catalogue.js';
import { lintCatalogue } from '../indicators/catalogue/lint-catalogue.js';
import defaultCatalogue from '../indicators/catalogue/default-2025.json' with { type: 'json' };
import { gradeOf, scoreItem } from '../indicators/scoring/score-item.js';
import { capGrade } from '../indicators/scoring/vetoes.js';
import { computeIndicators } from '../indicators/engine.js';
import { scoreSheets } from '../indicators/results.js';
import { importFiles } from '../analytics/import/import-files.js';
import { buildSampleWorkspace, TEST_DISTRICTS, type SampleWorkspace } from './helpers/sample-workspace.js';
import { writeCsv } from './helpers/files.js';
import { localNow } from '../service/clock.js';

const catalogue = activeCatalogue();
const item = (id: string) => catalogue.indicators.find((i) => i.id === id)!;

describe('default-2025 as domain/indicators.md', () => {
  it('holds A1–A5, B1–B4, C1–C15, D1–D5 in order, dimensions A–D of 15/20/45/20, 100 points, and lints clean', () => {
    const ids = [...[1, 2, 3, 4, 5].map((k) => `A${k}`), ...[1, 2, 3, 4].map((k) => `B${k}`),
      ...Array.from({ length: 15 }, (_, k) => `C${k + 1}`), ...[1, 2, 3, 4, 5].map((k) => `D${k}`)];
    expect(catalogue.indicators.map((i) => i.id)).toEqual(ids);
    const sums = Object.fromEntries(catalogue.dimensions.map((d) => [d.id, catalogue.indicators.filter((i) => i.dimension === d.id).reduce((s, i) => s + i.points, 0)]));
    expect(sums).toEqual({ A: 15, B: 20, C: 45, D: 20 });
    expect(catalogue.dimensions.map((d) => d.points)).toEqual([15, 20, 45, 20]);
    expect(catalogue.indicators.reduce((s, i) => s + i.points, 0)).toBe(100);
    expect(lintCatalogue(defaultCatalogue).findings).toEqual([]);
  });

  it('has the points and rules of the table', () => {
    const rules = Object.fromEntries(catalogue.indicators.map((i) => [i.id, `${i.points}:${i.rule.type}`]));
    expect(rules).toMatchObject({
      A1: '4:tiered', A2: '4:per_count', A3: '3:ratio', A4: '2:threshold', A5: '2:threshold',
      B1: '8:linear', B2: '6:per_count', B3: '3:ratio', B4: '3:linear',
      C6: '4:per_count', C8: '2:per_count', C11: '4:threshold', C14: '3:ratio', D5: '3:per_count',
    });
  });

  it('vetoes: V1 major incident → at most 良好, V2 red line reduced without approval → at most 合格', () => {
    expect(catalogue.vetoes.map((v) => [v.id, v.maxGrade])).toEqual([['V1', '良好'], ['V2', '合格']]);
    expect(capGrade('优秀', [{ maxGrade: '良好' }], catalogue.grades)).toBe('良好');
    expect(capGrade('优秀', [{ maxGrade: '良好' }, { maxGrade: '合格' }], catalogue.grades)).toBe('合格');
    expect(capGrade('不合格', [{ maxGrade: '良好' }], catalogue.grades)).toBe('不合格'); // a cap never raises
  });
});

describe('scoring examples', () => {
  it('16: C6 with 2 failing sections of 10 → 2.0; B1 96 % → 6.0; C1 37 vs 35 → 4.0', () => {
    // C6 断面水质目标达标率 is a rate (8 of 10 sections = 80 %, target 100 %), scored −1 per failing section
    expect(item('C6')).toMatchObject({ unit: '%', target: { kind: 'value', value: 100 } });
    const c6 = scoreItem(item('C6'), 80, 100, { missing: false, items: { met: 8, of: 10 } });
    expect(c6).toMatchObject({ points: 2, status: '未达标' });
    expect(c6.explanation).toContain('10项中8项达标，未达标2项');
    expect(scoreItem(item('B1'), 96, 100, { missing: false }).points).toBe(6);
    expect(scoreItem(item('C1'), 37, 35, { missing: false }).points).toBe(4);
  });
  it('the rescaled total is rounded by GB/T 8170 (half to even), whatever float noise the division carries', () => {
    // 70.8 / 96 = 73.75 exactly: the kept digit 7 is odd → 73.8 (a float 73.7499… must not give 73.7)
    expect(gradeOf(70.8, 96, catalogue.grades).total).toBe(73.8);
    // 14.73 / 20 = 73.65 exactly: the kept digit 6 is even → 73.6
    expect(gradeOf(14.73, 20, catalogue.grades).total).toBe(73.6);
  });
  it('17: B1 and B2 不适用 leave 86 points; 70 earned → 81.4 良好', () => {
    expect(item('B1').points + item('B2').points).toBe(14);
    expect(gradeOf(70, 100 - 14, catalogue.grades)).toEqual({ total: 81.4, grade: '良好' });
  });
  it('ratio: points × achieved / target, never above full points; C14 0.75 per pollutant; A1 tiers 4/2/0', () => {
    expect(scoreItem(item('A3'), 4, 5, { missing: false }).points).toBe(2.4);
    expect(scoreItem(item('A3'), 8, 5, { missing: false })).toMatchObject({ points: 3, status: '达标' });
    expect([0, 1, 2, 3, 4].map((n) => scoreItem(item('C14'), n, 4, { missing: false }).points)).toEqual([0, 0.75, 1.5, 2.25, 3]);
    expect([2, 1, 0].map((n) => scoreItem(item('A1'), n, 2, { missing: false }).points)).toEqual([4, 2, 0]);
  });
});

describe('the whole catalogue on the sample', () => {
  let s: SampleWorkspace;
  beforeAll(async () => { s = await buildSampleWorkspace(); }, 600_000);
  afterAll(async () => s.ws.close());

  it('every item of a sample district has a value or is 不适用 with a reason — nothing the sample holds is 数据缺失', async () => {
    const sheets = await scoreSheets(s.ws, 2025);
    for (const code of TEST_DISTRICTS) {
      const sheet = sheets.find((x) => x.entity === code)!;
      expect(sheet.items).toHaveLength(catalogue.indicators.length);
      expect(sheet.partial).toBe(false);
      // the one gap the small sample has: online monitoring of some districts' key polluters (the register says they exist)
      const missing = sheet.items.filter((i) => (i.status === '数据缺失' || i.status === '数据不足') && !/重点排污单位有\d+个/.test(i.explanation)).map((i) => i.indicator);
      expect(missing, `${code}`).toEqual([]);
      // 不适用 for a domain reason only (本年无环评审批, 本区县无重点排污单位 …), never because data are missing
      for (const i of sheet.items.filter((x) => x.status === '不适用')) expect(i.explanation).toMatch(/^(本年|本区县|重点管控单元)[^数]*，不计分/);
    }
  });

  it('the sample’s deliberate findings fire their vetoes with evidence', async () => {
    const sheets = await scoreSheets(s.ws, 2025);
    const fired = sheets.flatMap((x) => x.vetoes.map((v) => `${x.entity}:${v.id}`));
    expect(fired.some((f) => f.endsWith(':V1'))).toBe(true);
    expect(fired.some((f) => f.endsWith(':V2'))).toBe(true);
    for (const v of sheets.flatMap((x) => x.vetoes)) expect(v.evidence.length).toBeGreaterThan(0);
  });

  it('a veto caps the grade of a district that earned better, and keeps its score', async () => {
    const before = await scoreSheets(s.ws, 2025);
    const good = before.find((x) => TEST_DISTRICTS.includes(x.entity) && x.vetoes.length === 0 && ['优秀', '良好'].includes(x.grade))!;
    expect(good, 'a sample district graded 良好 or better without vetoes').toBeDefined();
    const file = await writeCsv(join(s.dir, '补报_工作事项.csv'), [
      ['区县代码', '年份', '工作事项', '数量', '名称清单'],
      [good.entity, 2025, '生态保护红线面积未经批准减少', 1, '某项目未经批准占用生态保护红线'],
    ]);
    expect((await importFiles(s.ws, [file])).ok).toBe(true);
    await computeIndicators(s.ws, { at: localNow(), year: 2025 });
    const [after] = await scoreSheets(s.ws, 2025, good.entity);
    expect(after!.total).toBe(good.total);
    expect(after!.gradeBeforeVetoes).toBe(good.grade);
    expect(after!.grade).toBe('合格');
    expect(after!.vetoes).toEqual([expect.objectContaining({ id: 'V2', maxGrade: '合格', evidence: expect.stringContaining('未经批准占用') })]);
  });
});
