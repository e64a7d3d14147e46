// Layers loaded into a real sample workspace change what the engine scores: a municipal target override,
// a district-only layer, an expression indicator, and manual items with self-score, 不适用 and review.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Workspace } from '../analytics/workspace.js';
import { computeIndicators } from '../indicators/engine.js';
import { getValue, scoreSheets } from '../indicators/results.js';
import { activeCatalogue } from '../indicators/catalogue/load-catalogue.js';
import { addLayer, listLayers } from '../indicators/catalogue/workspace-layers.js';
import { setManualScore, setReviewScore } from '../indicators/scoring/enter-scores.js';
import { buildSampleWorkspace, type SampleWorkspace } from './helpers/sample-workspace.js';
import { localNow } from '../service/clock.js';

let sample: SampleWorkspace;
const YEAR = 2025;
const D = '500112';
const OTHER = '500103';
const def = activeCatalogue();

const municipal = (version: string, extra: Record<string, unknown>) => JSON.stringify({
  layer: { level: 'municipal', entity: 'city', id: 'cq-2025', version, name: '重庆市细化' },
  base: { id: def.id, version: def.version }, ...extra,
});

beforeAll(async () => {
  sample = await buildSampleWorkspace();
});
afterAll(async () => {
  await sample.ws.close();
});

describe('a municipal layer', () => {
  it('changes C4\'s target (no 目标责任书 target is signed for it) and the score follows; the run records the layer hash', async () => {
    const before = await getValue(sample.ws, 'C4', D, YEAR);
    expect(before.value).not.toBeNull();
    const target = before.value! - 3; // three μg/m³ above the new target
    const text = municipal('1', {
      change: [{ id: 'C4', target: { kind: 'value', value: target } }],
      add: [
        { id: 'X1', name: 'PM2.5两倍（表达式示例）', nameEn: 'Expression example', dimension: 'C', scope: ['district', 'city'],
          expression: 'air.pm25_annual_mean × 2', unit: '微克/立方米', decimals: 0, direction: 'lower_better',
          target: { kind: 'value', value: 1000 }, points: 1, rule: { type: 'threshold' }, datasets: ['air_hourly'] },
        { id: 'M1', name: '配套政策文件（自评）', nameEn: 'Manual item', dimension: 'B', scope: ['district'], unit: '分', decimals: 1,
          direction: 'higher_better', target: { kind: 'value', value: 1 }, points: 2, rule: { type: 'manual' }, datasets: [] },
      ],
    });
    const added = await addLayer(sample.ws, text, 'cq.json', localNow());
    expect(added.diff).toContainEqual(expect.objectContaining({ entry: 'C4', field: 'target', after: { kind: 'value', value: target } }));
    const run = await computeIndicators(sample.ws, { at: localNow(), year: YEAR });
    expect(run.catalogue.layers).toEqual([expect.objectContaining({ level: 'municipal', id: 'cq-2025', sha256: added.layer.sha256 })]);
    const stored = await sample.ws.one<{ layers: string }>('SELECT layers FROM compute_runs WHERE run_id = $r', { r: run.runId });
    expect(JSON.parse(stored!.layers)[0].sha256).toBe(added.layer.sha256);

    const after = await getValue(sample.ws, 'C4', D, YEAR);
    expect(after.target).toBe(target);
    const c4 = def.indicators.find((i) => i.id === 'C4')!;
    if (c4.rule.type !== 'linear') throw new Error('C4 is linear');
    expect(after.points).toBeCloseTo(Math.max(0, c4.points - (3 / c4.rule.per) * c4.rule.deduct), 6);
    expect(after.status).toBe('未达标');
  });

  it('evaluates an expression indicator over the entity\'s measures', async () => {
    const pm = await getValue(sample.ws, 'C1', D, YEAR);
    const x1 = await getValue(sample.ws, 'X1', D, YEAR);
    // C1 shows the measure with its decimals; the expression uses the stored measure value
    const measure = await sample.ws.one<{ value: number }>(`SELECT value FROM measure_values WHERE run_id = $r AND measure_id = 'air.pm25_annual_mean' AND entity_code = $e AND year = ${YEAR}`, { r: pm.runId, e: D });
    expect(x1.value).toBeCloseTo(measure!.value * 2, 9);
    expect(x1.batches.map((b) => b.id)).toEqual(pm.batches.map((b) => b.id));
  });

  it('refuses a layer with an unknown measure, naming the entry, and writes nothing', async () => {
    const layersBefore = await listLayers(sample.ws);
    const bad = municipal('2', { change: [{ id: 'C2', measure: 'air.no_such' }] });
    await expect(addLayer(sample.ws, bad, 'bad.json', localNow())).rejects.toThrow(/C2 的 measure：未知的测算“air\.no_such”/);
    expect(await listLayers(sample.ws)).toEqual(layersBefore);
  });
});

describe('a district layer', () => {
  it('applies to its district only', async () => {
    const c2 = def.indicators.find((i) => i.id === 'C2')!;
    await addLayer(sample.ws, JSON.stringify({
      layer: { level: 'district', entity: D, id: 'yb-2025', version: '1', name: '渝北区细化' }, base: { id: 'cq-2025', version: '1' },
      change: [{ id: 'C2', points: c2.points + 2 }],
    }), 'yb.json', localNow());
    await expect(addLayer(sample.ws, JSON.stringify({
      layer: { level: 'district', entity: OTHER, id: 'x', version: '1', name: 'x' }, base: { id: def.id, version: def.version }, change: [],
    }), 'x.json', localNow())).rejects.toThrow(/base/);
    const run = await computeIndicators(sample.ws, { at: localNow(), year: YEAR });
    expect(run.catalogue.layers.map((l) => l.id)).toEqual(['cq-2025', 'yb-2025']);
    expect((await getValue(sample.ws, 'C2', D, YEAR)).maxPoints).toBe(c2.points + 2);
    expect((await getValue(sample.ws, 'C2', OTHER, YEAR)).maxPoints).toBe(c2.points);
    const [sheet] = await scoreSheets(sample.ws, YEAR, D);
    expect(sheet!.layers.map((l) => l.id)).toEqual(['cq-2025', 'yb-2025']);
    const [other] = await scoreSheets(sample.ws, YEAR, OTHER);
    expect(other!.layers.map((l) => l.id)).toEqual(['cq-2025']);
  });
});

describe('manual items, 不适用 and review', () => {
  it('a manual item scores 0 until a self-score is entered; the score and evidence round-trip through the file', async () => {
    const [before] = await scoreSheets(sample.ws, YEAR, D);
    const m1 = before!.items.find((i) => i.indicator === 'M1')!;
    expect(m1).toMatchObject({ status: '数据缺失', points: 0, selfScore: null });
    const sheet = await setManualScore(sample.ws, { at: localNow(), year: YEAR, entity: D, indicator: 'M1', selfScore: 1.5, evidence: '渝北府办发〔2025〕12号' });
    const item = sheet.items.find((i) => i.indicator === 'M1')!;
    expect(item).toMatchObject({ status: '已自评', points: 1.5, selfScore: 1.5, evidence: '渝北府办发〔2025〕12号' });
    expect(sheet.earned).toBeCloseTo(before!.earned + 1.5, 6);
    await sample.ws.close();
    sample.ws = await Workspace.open(join(sample.dir, 'test.duckdb'));
    const [reopened] = await scoreSheets(sample.ws, YEAR, D);
    expect(reopened!.items.find((i) => i.indicator === 'M1')).toMatchObject({ points: 1.5, evidence: '渝北府办发〔2025〕12号', explanation: expect.stringContaining('渝北府办发〔2025〕12号') });
    // recomputing keeps what was entered
    await computeIndicators(sample.ws, { at: localNow(), year: YEAR });
    const [recomputed] = await scoreSheets(sample.ws, YEAR, D);
    expect(recomputed!.items.find((i) => i.indicator === 'M1')!.points).toBe(1.5);
  });

  it('refuses a self-score beyond the points and an empty reason, writing nothing', async () => {
    const before = await sample.ws.all('SELECT * FROM score_entries ORDER BY ALL');
    await expect(setManualScore(sample.ws, { at: localNow(), year: YEAR, entity: D, indicator: 'M1', selfScore: 2.5 })).rejects.toThrow(/M1.*0至2分/);
    await expect(setManualScore(sample.ws, { at: localNow(), year: YEAR, entity: D, indicator: 'M1', notApplicableReason: '  ' })).rejects.toThrow(/理由/);
    await expect(setManualScore(sample.ws, { at: localNow(), year: YEAR, entity: D, indicator: 'C1', notApplicableReason: '不想算' })).rejects.toThrow(/有计算结果.*指标体系未注明该项可能不适用/);
    expect(await sample.ws.all('SELECT * FROM score_entries ORDER BY ALL')).toEqual(before);
  });

  it('不适用 with a reason leaves the denominator and rescales the total; the reason is printed', async () => {
    const [before] = await scoreSheets(sample.ws, YEAR, OTHER);
    const m1 = before!.items.find((i) => i.indicator === 'M1')!;
    const sheet = await setManualScore(sample.ws, { at: localNow(), year: YEAR, entity: OTHER, indicator: 'M1', notApplicableReason: '本年度未开展配套政策制定' });
    const item = sheet.items.find((i) => i.indicator === 'M1')!;
    expect(item).toMatchObject({ status: '不适用', notApplicableReason: '本年度未开展配套政策制定', explanation: expect.stringContaining('本年度未开展配套政策制定') });
    expect(sheet.applicableMax).toBe(before!.applicableMax - m1.maxPoints!);
    expect(sheet.total).toBeCloseTo(Math.round((sheet.earned / sheet.applicableMax) * 1000) / 10, 6);
    expect(sheet.total).toBeGreaterThanOrEqual(before!.total);
    const cleared = await setManualScore(sample.ws, { at: localNow(), year: YEAR, entity: OTHER, indicator: 'M1', notApplicableReason: null });
    expect(cleared.applicableMax).toBe(before!.applicableMax);
  });

  it('keeps the self-score and the reviewer\'s score side by side', async () => {
    const sheet = await setReviewScore(sample.ws, { at: localNow(), year: YEAR, entity: D, indicator: 'M1', reviewScore: 1, note: '佐证材料不全' });
    const item = sheet.items.find((i) => i.indicator === 'M1')!;
    expect(item).toMatchObject({ selfScore: 1.5, reviewScore: 1, reviewNote: '佐证材料不全', points: 1.5 });
    expect(sheet.review).toMatchObject({ reviewed: 1 });
    expect(sheet.review!.total).toBeCloseTo(Math.round(((sheet.earned - 0.5) / sheet.applicableMax) * 1000) / 10, 6);
  });
});
