// Every scoring rule type on entries of the shipped catalogue, and the worked examples 16–17 (domain/examples.md).
import { describe, expect, it } from 'vitest';
import { activeCatalogue } from '../indicators/catalogue/load-catalogue.js';
import { gradeOf, ruleText, scoreItem } from '../indicators/scoring/score-item.js';
import type { IndicatorEntry } from '../indicators/catalogue/schema.js';

const entry = (id: string): IndicatorEntry => structuredClone(activeCatalogue().indicators.find((i) => i.id === id)!);
const grades = () => activeCatalogue().grades;
const ok = { missing: false };

describe('example 16', () => {
  it('C1 target 35, value 37, −0.5 per μg/m³, 5 points → 4.0', () => {
    const s = scoreItem(entry('C1'), 37, 35, ok);
    expect(s).toMatchObject({ status: '未达标', points: 4 });
    expect(s.explanation).toContain('扣1分');
  });
  it('C6: 2 failing sections of 10, −1 per section, 4 points → 2.0', () => {
    const c6: IndicatorEntry = { ...entry('B2'), id: 'C6', unit: '个', decimals: 0, points: 4, rule: { type: 'per_count', deduct: 1 }, target: { kind: 'value', value: 0 } };
    expect(scoreItem(c6, 2, 0, ok)).toMatchObject({ status: '未达标', points: 2 });
  });
  it('B1 value 96.0 %, target 100, −0.5 per point, 8 points → 6.0', () => {
    expect(scoreItem(entry('B1'), 96, 100, ok)).toMatchObject({ status: '未达标', points: 6 });
  });
});

describe('example 17', () => {
  it('B1 and B2 不适用 (14 points leave the denominator): 70 of 86 → 81.4 → 良好', () => {
    const b1 = scoreItem(entry('B1'), null, 100, { missing: true, notApplicableReason: '本年度无环评审批' });
    expect(b1).toMatchObject({ status: '不适用', points: 0 });
    expect(entry('B1').points + entry('B2').points).toBe(14);
    expect(gradeOf(70, 100 - 14, grades())).toEqual({ total: 81.4, grade: '良好' });
  });
});

describe('rule types', () => {
  it('linear floors at 0 and says 扣完为止', () => {
    const s = scoreItem(entry('C1'), 60, 35, ok);
    expect(s.points).toBe(0);
    expect(s.explanation).toContain('扣完为止');
  });
  it('per_count deducts per counted item', () => {
    expect(scoreItem(entry('B2'), 1, 0, ok).points).toBe(entry('B2').points - 3);
    expect(scoreItem(entry('B2'), 0, 0, ok)).toMatchObject({ status: '达标', points: entry('B2').points });
  });
  it('threshold is full or zero', () => {
    const c7 = entry('C7');
    expect(c7.rule.type).toBe('threshold');
    expect(scoreItem(c7, 0, 0, ok).points).toBe(c7.points);
    expect(scoreItem(c7, 0.1, 0, ok).points).toBe(0);
  });
  it('tiered uses the bands of the value', () => {
    const c12 = entry('C12');
    expect(c12.rule.type).toBe('tiered');
    expect(scoreItem(c12, -0.5, -1, ok).points).toBe(3);
    expect(scoreItem(c12, -1.5, -1, ok).points).toBe(1.5);
    expect(scoreItem(c12, -2.5, -1, ok).points).toBe(0);
  });
  it('manual scores 0 until a self-score is entered, and never passes as computed', () => {
    const m: IndicatorEntry = { ...entry('B1'), id: 'A9', measure: '', rule: { type: 'manual' } };
    expect(scoreItem(m, null, 1, { missing: true })).toMatchObject({ status: '数据缺失', points: 0 });
    expect(ruleText(m)).toContain('自评');
  });
  it('missing data is 数据缺失 with 0 points, not full marks', () => {
    expect(scoreItem(entry('C1'), null, 35, { missing: true })).toMatchObject({ status: '数据缺失', points: 0 });
  });
});

describe('grades', () => {
  it.each([[90, '优秀'], [89.9, '良好'], [70, '良好'], [60, '合格'], [59.9, '不合格']])('%d → %s', (t, g) => {
    expect(gradeOf(t, 100, grades()).grade).toBe(g);
  });
});
