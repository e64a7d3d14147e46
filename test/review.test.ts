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

let sample: SampleWorkspace;
let xlsx: string;
let sheet: ScoreSheet;
const YEAR = 2025;
const D = '500112';

beforeAll(async () => {
  sample = await buildSampleWorkspace();
  xlsx = (await writeDistrictReport(sample.ws, YEAR, D, join(sample.dir, 'out'))).xlsx;
  [sheet] = (await scoreSheets(sample.ws, YEAR, D)) as [ScoreSheet];
});
afterAll(async () => {
  await sample.ws.close();
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
    const r = await reviewSubmission(sample.ws, { year: YEAR, path: xlsx });
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
    const r = await reviewSubmission(sample.ws, { year: YEAR, path: file });
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
    await expect(reviewSubmission(sample.ws, { year: YEAR, path: file })).rejects.toThrow(new RegExp(`bad\\.xlsx.*第\\d+行（${a.indicator}）`));
    expect(await sample.ws.all('SELECT * FROM review_submissions ORDER BY ALL')).toEqual(before);
  });

  it('refuses a submission for another year', async () => {
    await expect(reviewSubmission(sample.ws, { year: 2024, path: xlsx })).rejects.toThrow(/2025年度/);
  });
});
