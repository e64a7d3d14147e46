// Catalogue layers, expressions and the linter, on real catalogue documents (the shipped default plus layers).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { activeCatalogue } from '../indicators/catalogue/load-catalogue.js';
import { lintCatalogue } from '../indicators/catalogue/lint-catalogue.js';
import { applyLayers, diffCatalogues, lintLayer, mergeLayer } from '../indicators/catalogue/layers.js';
import { targetText } from '../indicators/catalogue/describe.js';
import { evaluateExpression, ExpressionError, parseExpression, referencedIds } from '../indicators/catalogue/expression.js';
import type { Catalogue } from '../indicators/catalogue/schema.js';

const base = () => structuredClone(activeCatalogue());
const municipal = (extra: Record<string, unknown> = {}) => ({
  layer: { level: 'municipal', entity: 'city', id: 'cq-2025', version: '1', name: '重庆市细化' },
  base: { id: base().id, version: base().version },
  ...extra,
});

describe('expressions', () => {
  it('parse numbers, operators (ASCII and ×÷−), parentheses, min/max and measure ids', () => {
    const e = parseExpression('(soil.safe_use_ha + 10) × 2 − max(air.pm25_annual_mean, 3) ÷ 4');
    expect(referencedIds(e)).toEqual(['soil.safe_use_ha', 'air.pm25_annual_mean']);
    const v = evaluateExpression(e, (id) => ({ 'soil.safe_use_ha': 5, 'air.pm25_annual_mean': 8 })[id]);
    expect(v.value).toBeCloseTo((5 + 10) * 2 - 8 / 4, 10);
    expect(evaluateExpression(parseExpression('-2 * -3 + min(1, 2, -4)'), () => null).value).toBe(2);
  });

  it('say why there is no value: a missing input or division by zero, never NaN or 0', () => {
    expect(evaluateExpression(parseExpression('a.x / a.y'), (id) => (id === 'a.x' ? 1 : 0))).toEqual({ value: null, reason: '除数为0' });
    expect(evaluateExpression(parseExpression('a.x + 1'), () => undefined).reason).toContain('a.x');
  });

  it.each(['', '1 +', '(1 + 2', '1 2', 'sqrt(4)', 'a.b; DROP TABLE x', '1 ^ 2', "a.b + 'x'"])('refuses %j', (text) => {
    expect(() => parseExpression(text)).toThrow(ExpressionError);
  });

  it('agree with JS arithmetic on random +−×÷ trees', () => {
    const leaf = fc.integer({ min: -50, max: 50 }).map((n) => ({ text: `(${n})`, value: n }));
    const tree = fc.letrec<{ node: { text: string; value: number } }>((tie) => ({
      node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf,
        fc.tuple(tie('node'), fc.constantFrom('+', '-', '*'), tie('node')).map(([a, op, b]) => ({
          text: `(${a.text} ${op} ${b.text})`, value: op === '+' ? a.value + b.value : op === '-' ? a.value - b.value : a.value * b.value,
        }))),
    })).node;
    fc.assert(fc.property(tree, (t) => evaluateExpression(parseExpression(t.text), () => null).value === t.value));
  });
});

describe('linter', () => {
  it('passes the shipped default without errors', () => {
    expect(lintCatalogue(base()).findings.filter((f) => f.level === 'error')).toEqual([]);
  });

  it('refuses an unknown measure and names the entry and field', () => {
    const c = base();
    c.indicators[0]!.measure = 'air.no_such_measure';
    const errors = lintCatalogue(c).findings.filter((f) => f.level === 'error');
    expect(errors).toEqual([expect.objectContaining({ entry: c.indicators[0]!.id, field: 'measure' })]);
    expect(errors[0]!.message).toContain('air.no_such_measure');
  });

  it('refuses bad expressions, unknown measures in them, references to indicators, and both measure and expression', () => {
    const c = base();
    const [a, b, d, e] = c.indicators;
    Object.assign(a!, { measure: '', expression: 'air.pm25_annual_mean +' });
    Object.assign(b!, { measure: '', expression: 'air.pm25_annual_mean + air.nope' });
    Object.assign(d!, { measure: '', expression: `${a!.id} * 2` });
    Object.assign(e!, { expression: 'air.pm25_annual_mean' });
    const byEntry = new Map(lintCatalogue(c).findings.filter((f) => f.level === 'error').map((f) => [f.entry, f]));
    expect(byEntry.get(a!.id)).toMatchObject({ field: 'expression', message: expect.stringContaining('表达式有误') });
    expect(byEntry.get(b!.id)).toMatchObject({ field: 'expression', message: expect.stringContaining('air.nope') });
    expect(byEntry.get(d!.id)).toMatchObject({ field: 'expression', message: expect.stringContaining('不能引用指标') });
    expect(byEntry.get(e!.id)).toMatchObject({ field: 'expression', message: expect.stringContaining('只能设置一个') });
  });

  it('refuses rules that do not fit: per_count on a percentage, tiered bands out of order', () => {
    const c = base();
    const pct = c.indicators.find((i) => i.unit === '%')!;
    pct.rule = { type: 'per_count', deduct: 1 };
    const tiered = c.indicators.find((i) => i.rule.type === 'tiered')!;
    tiered.rule = { type: 'tiered', bands: [{ min: -2, points: 1 }, { min: -1, points: 3 }] };
    const errors = lintCatalogue(c).findings.filter((f) => f.level === 'error');
    expect(errors).toContainEqual(expect.objectContaining({ entry: pct.id, field: 'rule.type' }));
    expect(errors).toContainEqual(expect.objectContaining({ entry: tiered.id, field: 'rule.bands' }));
  });

  it('warns (does not refuse) when points do not sum to 100', () => {
    const c = base();
    c.indicators[0]!.points += 1;
    const f = lintCatalogue(c).findings;
    expect(f.filter((x) => x.level === 'error')).toEqual([]);
    expect(f).toContainEqual(expect.objectContaining({ level: 'warning', entry: c.id, field: 'indicators' }));
  });
});

describe('layers', () => {
  it('a municipal layer changes a target and points, adds a manual item and retires one; the diff says so field by field', () => {
    const below = base();
    const [first, second, third] = below.indicators;
    const doc = municipal({
      change: [{ id: first!.id, target: { kind: 'value', value: 42 }, points: first!.points + 1 }],
      retire: [{ id: second!.id, reason: '本市无此项工作' }],
      add: [{ id: 'M1', name: '细化自评项', nameEn: 'Manual item', dimension: third!.dimension, scope: ['district'], unit: '分',
        decimals: 1, direction: 'higher_better', target: { kind: 'value', value: 1 }, points: 2, rule: { type: 'manual' }, datasets: [] }],
    });
    const { merged, findings } = lintLayer(doc, below);
    expect(findings.filter((f) => f.level === 'error')).toEqual([]);
    const c = applyLayers(below, [{ text: JSON.stringify(doc), source: 'cq.json' }]);
    expect(c.layers).toEqual([expect.objectContaining({ level: 'municipal', id: 'cq-2025', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) })]);
    expect(c.indicators.find((i) => i.id === first!.id)!.target).toEqual({ kind: 'value', value: 42 });
    expect(c.indicators.find((i) => i.id === second!.id)).toBeUndefined();
    expect(merged!.indicators.map((i) => i.id)).toEqual(c.indicators.map((i) => i.id));
    const diff = diffCatalogues(below, c);
    // the target is also said in words, as the 设置 page shows it
    expect(diff).toContainEqual({ entry: first!.id, field: 'target', change: '修改', before: first!.target, after: { kind: 'value', value: 42 },
      beforeText: targetText(first!.target), afterText: '规定值 42' });
    expect(diff).toContainEqual({ entry: first!.id, field: 'points', change: '修改', before: first!.points, after: first!.points + 1 });
    expect(diff).toContainEqual(expect.objectContaining({ entry: second!.id, change: '停用' }));
    expect(diff).toContainEqual(expect.objectContaining({ entry: 'M1', change: '新增' }));
    expect(diff).toHaveLength(4);
  });

  it('a district layer stacks on the municipal one and must name it as its base', () => {
    const m = applyLayers(base(), [{ text: JSON.stringify(municipal()), source: 'cq.json' }]);
    const district = (baseRef: { id: string; version: string }) => ({
      layer: { level: 'district', entity: '500112', id: 'yb-2025', version: '1', name: '渝北区细化' }, base: baseRef,
      change: [{ id: m.indicators[0]!.id, points: 9 }],
    });
    expect(lintLayer(district({ id: 'cq-2025', version: '1' }), m).findings.filter((f) => f.level === 'error')).toEqual([]);
    const wrong = lintLayer(district({ id: 'cq-2025', version: '0' }), m).findings;
    expect(wrong).toContainEqual(expect.objectContaining({ level: 'error', entry: 'yb-2025', field: 'base', message: expect.stringContaining('cq-2025 1') }));
    expect(() => applyLayers(m, [{ text: JSON.stringify(district({ id: 'default-2025', version: '0' })), source: 'yb.json' }])).toThrow(/yb\.json.*base/);
  });

  it('refuses overrides and retirements of unknown ids, unknown fields, and an added id that exists', () => {
    const below = base();
    const { findings } = lintLayer(municipal({
      change: [{ id: 'Z9', points: 1 }], retire: [{ id: 'Z8', reason: 'x' }],
      add: [{ ...below.indicators[0]! }],
    }), below);
    expect(findings).toContainEqual(expect.objectContaining({ entry: 'Z9', field: 'change[0].id' }));
    expect(findings).toContainEqual(expect.objectContaining({ entry: 'Z8', field: 'retire[0].id' }));
    expect(findings).toContainEqual(expect.objectContaining({ entry: below.indicators[0]!.id, field: 'add[0].id' }));
    const typo = lintLayer(municipal({ change: [{ id: below.indicators[0]!.id, taget: { kind: 'value', value: 1 } }] }), below).findings;
    expect(typo).toEqual([expect.objectContaining({ level: 'error', entry: below.indicators[0]!.id, message: expect.stringContaining('taget') })]);
  });

  it('refuses a layer whose change leaves the merged catalogue invalid (unknown measure named)', () => {
    const below = base();
    const id = below.indicators[2]!.id;
    const { merged, findings } = lintLayer(municipal({ change: [{ id, measure: 'water.nope' }] }), below);
    expect(merged).toBeUndefined();
    expect(findings).toContainEqual(expect.objectContaining({ level: 'error', entry: id, field: 'measure', message: expect.stringContaining('water.nope') }));
  });

  it('switching an indicator to an expression clears its measure', () => {
    const below: Catalogue = base();
    const id = below.indicators[2]!.id;
    const layer = lintLayer(municipal({ change: [{ id, expression: 'min(air.pm25_annual_mean, 35)' }] }), below);
    expect(layer.findings.filter((f) => f.level === 'error')).toEqual([]);
    const c = mergeLayer(below, layer.layer!, 'x');
    expect(c.indicators.find((i) => i.id === id)).toMatchObject({ measure: '', expression: 'min(air.pm25_annual_mean, 35)' });
  });
});
