// Self vs review on real files: the district's 评分表 as the workstation writes it, edited the way a district
// would (a self-score adjusted, an actual value from other data, a different target), read back and compared.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basename, join } from 'node:path';
import ExcelJS from 'exceljs';
import { writeDistrictReport } from '../reports/write-reports.js';
import { reviewSubmission } from '../indicators/review/review-submission.js';
import { scoreSheets, type ScoreSheet } from '../indicators/results.js';
import { history } from '../analytics/submissions/submissions.js';
import { buildSampleWorkspace, type SampleWorkspace } from './helpers/sample-workspace.js';
import { localNow } from '../service/clock.js';

let sample: SampleWorkspace;
let xlsx: string;
let sheet: ScoreSheet;
const YEAR = 2025;
const D = '500112';

beforeAll(async () => {
  sample = await buildSampleWorkspace();
  xlsx = (await writeDistrictReport(sample.ws, YEAR, D, join(sample.dir, 'out'))).xlsx;
  [sheet] = (await scoreSheets(sample.ws, YEAR, D)) as [ScoreSheet];
}, 600_000);
afterAll(async () => {
  await sample?.ws.close();
});

/** The workbook with `edit(row of indicator, column by header)` applied, saved under a new name. */
async function edited(name: string, edit: (cell: (indicator: string, header: string) => ExcelJS.Cell) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(xlsx);
  const ws = wb.getWorksheet('评分表')!;
  const headers = (ws.getRow(2).values as ExcelJS.CellValue[]).map((v) => String(v ?? ''));
  edit((indicator, header) => {
    let row = 0;
    ws.eachRow((r, n) => {
      if (String(r.getCell(2).value ?? '').startsWith(`${indicator} `)) row = n;
    });
    if (!row || headers.indexOf(header) < 0) throw new Error(`no ${indicator}/${header}`);
    return ws.getCell(row, headers.indexOf(header));
  });
  const out = join(sample.dir, name);
  await wb.xlsx.writeFile(out);
  return out;
}

/** Computable, applicable items with a value and points, to edit. */
const scored = () => sheet.items.filter((i) => i.status !== '不适用' && i.value !== null && i.points !== null && i.computedPoints !== null);

describe('review of a district submission', () => {
  it('an unedited submission has no differences; its self-scores are kept per item', async () => {
    const r = await reviewSubmission(sample.ws, { at: localNow(), year: YEAR, path: xlsx });
    expect(r.entity).toBe(D); // from the title
    expect(r.items).toBe(sheet.items.length);
    expect(r.differences).toEqual([]);
    const kept = await sample.ws.all<{ indicator_id: string; self_score: number }>(
      'SELECT indicator_id, self_score FROM review_submissions WHERE year = $y AND entity_code = $e ORDER BY indicator_id', { y: YEAR, e: D });
    expect(kept).toHaveLength(sheet.items.length);
    const c1 = sheet.items.find((i) => i.indicator === 'C1')!;
    expect(kept.find((k) => k.indicator_id === 'C1')!.self_score).toBeCloseTo(c1.points!, 6);
    // the district's 报送 of the year is recorded as received, with the workbook and its self-scores
    const [received] = await history(sample.ws, YEAR, D);
    expect(received).toMatchObject({ from: '待报送', to: '已报送',
      contents: { source: '自评表', file: basename(xlsx), selfScores: kept.filter((k) => k.self_score !== null).length } });
  });

  it('lists a changed self-score as 人工调整, another actual value as 数据不同, another target as 目标值不同', async () => {
    const [a, b, c] = scored();
    expect(c).toBeDefined();
    const newSelf = a!.points! >= 1 ? a!.points! - 1 : a!.points! + 0.5;
    const file = await edited('submitted.xlsx', (cell) => {
      cell(a!.indicator, '自评得分').value = newSelf;
      cell(b!.indicator, '实际值').value = b!.value! + (b!.direction === 'lower_better' ? -5 : 5);
      cell(c!.indicator, '目标值').value = c!.target! + 7;
    });
    const r = await reviewSubmission(sample.ws, { at: localNow(), year: YEAR, path: file });
    const byId = new Map(r.differences.map((d) => [d.indicator, d]));
    expect(byId.get(a!.indicator)).toMatchObject({ selfScore: newSelf, cityScore: a!.computedPoints, causes: ['人工调整'] });
    expect(byId.get(b!.indicator)).toMatchObject({ causes: ['数据不同'], cityValue: b!.value });
    expect(byId.get(b!.indicator)!.explanation).toContain('实际值');
    expect(byId.get(c!.indicator)).toMatchObject({ causes: ['目标值不同'], cityTarget: c!.target, submittedTarget: c!.target! + 7 });
    expect(r.differences).toHaveLength(3);
    // the city's sheet now shows the district's self-score beside its own computed score
    const [after] = await scoreSheets(sample.ws, YEAR, D);
    const item = after!.items.find((i) => i.indicator === a!.indicator)!;
    expect(item).toMatchObject({ selfScore: newSelf, computedPoints: a!.computedPoints, points: a!.computedPoints });
    expect(item.selfSource).toContain('submitted.xlsx');
  });

  it('refuses a self-score beyond the item\'s points, naming the row, and keeps the previous submission', async () => {
    const before = await sample.ws.all('SELECT * FROM review_submissions ORDER BY ALL');
    const a = scored()[0]!;
    const file = await edited('bad.xlsx', (cell) => {
      cell(a.indicator, '自评得分').value = a.maxPoints! + 1;
    });
    await expect(reviewSubmission(sample.ws, { at: localNow(), year: YEAR, path: file })).rejects.toThrow(new RegExp(`bad\\.xlsx.*第\\d+行（${a.indicator}）`));
    expect(await sample.ws.all('SELECT * FROM review_submissions ORDER BY ALL')).toEqual(before);
  });

  it('lists every error of the workbook at once, each with the row as Excel shows it and the indicator', async () => {
    const before = await sample.ws.all('SELECT * FROM review_submissions ORDER BY ALL');
    const [a, b] = scored();
    let rows: Record<string, number> = {};
    const file = await edited('two-errors.xlsx', (cell) => {
      const ca = cell(a!.indicator, '自评得分');
      ca.value = a!.maxPoints! + 1;
      const cb = cell(b!.indicator, '实际值');
      cb.value = '约三十';
      rows = { [a!.indicator]: Number(ca.row), [b!.indicator]: Number(cb.row) };
    });
    // the rows as Excel numbers them: the title is row 1 and the header row 2, so no item is on row 1 or 2
    expect(Math.min(...Object.values(rows))).toBeGreaterThan(2);
    const err = await reviewSubmission(sample.ws, { at: localNow(), year: YEAR, path: file }).then(() => undefined, (e: unknown) => e as Error & { rowErrors: { row: number; column: string }[] });
    expect(err).toBeDefined();
    expect(err!.message).toContain('2处错误');
    expect(err!.message).toContain(`第${rows[a!.indicator]}行（${a!.indicator}）：自评得分 ${a!.maxPoints! + 1} 超出0至${a!.maxPoints}分`);
    expect(err!.message).toContain(`第${rows[b!.indicator]}行（${b!.indicator}）的实际值：“约三十”不是数字`);
    expect(err!.rowErrors.map((e) => e.row).sort()).toEqual(Object.values(rows).sort());
    expect(await sample.ws.all('SELECT * FROM review_submissions ORDER BY ALL')).toEqual(before);
  });

  it('refuses a submission for another year', async () => {
    await expect(reviewSubmission(sample.ws, { at: localNow(), year: 2024, path: xlsx })).rejects.toThrow(/2025年度/);
  });
});

describe('manual items (no computed value) reconcile too', () => {
  it('a changed self-score or evidence on a manual item is listed, to be reviewed on its evidence', async () => {
    const { addLayer } = await import('../indicators/catalogue/workspace-layers.js');
    const { activeCatalogue } = await import('../indicators/catalogue/load-catalogue.js');
    const { computeIndicators } = await import('../indicators/engine.js');
    const { setManualScore } = await import('../indicators/scoring/enter-scores.js');
    const def = activeCatalogue();
    await addLayer(sample.ws, JSON.stringify({
      layer: { level: 'municipal', entity: 'city', id: 'cq-m', version: '1', name: '重庆市细化' }, base: { id: def.id, version: def.version },
      add: [{ id: 'M1', name: '生态环境分区管控宣传培训', nameEn: 'Training', dimension: 'A', scope: ['district'], unit: '分', decimals: 1,
        direction: 'higher_better', target: { kind: 'value', value: 1 }, points: 2, rule: { type: 'manual' }, datasets: [] }],
    }), 'cq-m.json', localNow());
    await computeIndicators(sample.ws, { at: localNow(), year: YEAR });
    await setManualScore(sample.ws, { at: localNow(), year: YEAR, entity: D, indicator: 'M1', selfScore: 1.5, evidence: '区府办〔2025〕3号' });
    xlsx = (await writeDistrictReport(sample.ws, YEAR, D, join(sample.dir, 'out-m'))).xlsx;
    // unchanged: nothing to list
    expect((await reviewSubmission(sample.ws, { at: localNow(), year: YEAR, path: xlsx })).differences.filter((d) => d.indicator === 'M1')).toEqual([]);
    const file = await edited('manual.xlsx', (cell) => {
      cell('M1', '自评得分').value = 2;
      cell('M1', '佐证材料编号').value = '区府办〔2025〕7号';
    });
    const r = await reviewSubmission(sample.ws, { at: localNow(), year: YEAR, path: file });
    expect(r.manualItems).toContain('M1');
    const m1 = r.differences.find((d) => d.indicator === 'M1');
    expect(m1).toMatchObject({ selfScore: 2, cityScore: 1.5, causes: ['自评项不同'] });
    expect(m1!.explanation).toContain('区县自评2分，本市记录1.5分');
    expect(m1!.explanation).toContain('区府办〔2025〕7号');
  }, 300_000);
});
