// One evaluation snapshot (issue 16, part A), on the real sample of two districts with a real 目标责任书 file:
// the signed target wins over the default rule everywhere and is named; a veto caps the review grade and the
// ranking too; a municipal layer's grade cut-offs reach every place a grade appears (sheet, `score --json`,
// workbook formula, .docx, ranking); deadlines are judged by the year's reference date, never the clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { Workspace } from '../analytics/workspace.js';
import { importFiles } from '../analytics/import/import-files.js';
import { generateSample } from '../analytics/sample/generate-sample.js';
import { writeSettings } from '../analytics/settings/workspace-settings.js';
import { computeIndicators } from '../indicators/engine.js';
import { getValue, getMeasure, scoreSheets, type ScoreSheet } from '../indicators/results.js';
import { addLayer } from '../indicators/catalogue/workspace-layers.js';
import { activeCatalogue } from '../indicators/catalogue/load-catalogue.js';
import { setManualScore, setReviewScore } from '../indicators/scoring/enter-scores.js';
import { reviewSubmission } from '../indicators/review/review-submission.js';
import { formatPoints } from '../indicators/value-format.js';
import { scoreRanking } from '../indicators/scoring/score-ranking.js';
import { targetsTable } from '../service/queries/targets-table.js';
import { writeDistrictReport } from '../reports/write-reports.js';
import { main } from '../cli/main.js';
import type { Io } from '../cli/cli-io.js';
import { tempDir } from './helpers/sample-workspace.js';
import { recalculated, shownValue } from './helpers/libreoffice.js';
import { writeCsv } from './helpers/files.js';
import { localNow } from '../service/clock.js';

const YEAR = 2025;
// 万州区 comes first in reference order: the sample fires veto V2 (red line reduced without approval) there
const WANZHOU = '500101', YUZHONG = '500103';
let ws: Workspace;
let dir: string;

beforeAll(async () => {
  dir = await tempDir();
  const files = await generateSample({ outDir: join(dir, 'sample'), years: [2024, YEAR], scale: 'small', seed: 7, districts: [WANZHOU, YUZHONG] });
  ws = await Workspace.create(join(dir, 'snapshot.duckdb'));
  // the responsibility letter as a district hands it in, instead of the sample's own targets file
  const letter = await writeCsv(join(dir, '目标责任书2025.csv'), [
    ['考核对象', '年份', '指标编号', '目标值'],
    ['万州区', YEAR, 'C1', 27],
    ['渝中区', YEAR, 'C2', 95],
  ]);
  await importFiles(ws, [...files.filter((f) => f.dataset !== 'targets').map((f) => f.path), letter]);
  await computeIndicators(ws, { at: localNow(), year: YEAR });
}, 600_000);
afterAll(async () => {
  await ws.close().catch(() => undefined);
});

/** The CLI on the test's workspace: one process holds a workspace at a time (its lock), so the test lets go of it. */
async function cli(args: string[], io: Io): Promise<number> {
  const path = ws.path;
  await ws.close();
  try {
    return await main(args, io);
  } finally {
    ws = await Workspace.open(path);
  }
}

describe('target precedence: 目标责任书 > layers > the catalogue default', () => {
  it('万州区 C1 2025 is scored against the signed 27, named as 目标责任书 with file and row, not against last year', async () => {
    const v = await getValue(ws, 'C1', WANZHOU, YEAR);
    expect(v.previous, 'last year differs from the signed target, so the test can tell them apart').not.toBe(27);
    expect(v.target).toBe(27);
    expect(v.targetSource).toBe('目标责任书2025年目标（目标责任书2025.csv 第1行）');
    // the points follow from 27: −0.5 per μg/m³ above it
    const expected = v.value! <= 27 ? 5 : Math.max(0, 5 - 0.5 * (v.value! - 27));
    expect(v.points).toBeCloseTo(expected, 6);
    const sheet = (await scoreSheets(ws, YEAR, WANZHOU))[0]!;
    expect(sheet.items.find((i) => i.indicator === 'C1')).toMatchObject({ target: 27, points: v.points });
  });

  it('an indicator without a signed target keeps the default rule and says so', async () => {
    const c1 = await getValue(ws, 'C1', YUZHONG, YEAR);
    expect(c1.targetSource).not.toContain('目标责任书');
    expect((await getValue(ws, 'C2', YUZHONG, YEAR)).target).toBe(95);
  });

  it('`value --json` and 设置 → 目标值 show the same target and source as the run recorded', async () => {
    let out = '';
    const io: Io = { out: (t) => void (out += t + '\n'), err: () => undefined };
    expect(await cli(['value', ws.path, '--indicator', 'C1', '--entity', WANZHOU, '--year', String(YEAR), '--json'], io)).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ target: 27, targetSource: expect.stringContaining('目标责任书') });
    const table = await targetsTable(ws, YEAR);
    expect(table.resolved!.rows.find((r) => r.entity === WANZHOU && r.indicator === 'C1')).toMatchObject({ target: 27, source: expect.stringContaining('目标责任书') });
  });
});

describe('vetoes cap every grade', () => {
  it('the review grade and the city ranking are capped by V2 and name it', async () => {
    const before = (await scoreSheets(ws, YEAR, WANZHOU))[0]!;
    expect(before.vetoes.map((v) => v.id)).toContain('V2');
    // a reviewer gives full points on an item: the review grade is still at most 合格
    const item = before.items.find((i) => i.indicator === 'C1')!;
    const sheet = await setReviewScore(ws, { at: localNow(), year: YEAR, entity: WANZHOU, indicator: 'C1', reviewScore: item.maxPoints });
    expect(sheet.review!.gradeBeforeVetoes).not.toBe('合格'); // the total alone earns more than the cap
    expect(sheet.review!.grade).toBe('合格');
    const row = scoreRanking(await scoreSheets(ws, YEAR)).find((r) => r.entity === WANZHOU)!;
    expect(row.grade).toBe(sheet.grade);
    expect(row.vetoes.join()).toContain('V2');
  });
});

describe('a municipal layer with its own grade cut-offs, everywhere a grade appears', () => {
  let sheets: ScoreSheet[];
  const cutOffs = [{ min: 95, name: '优秀' }, { min: 90, name: '良好' }, { min: 85, name: '合格' }, { min: 0, name: '不合格' }];
  beforeAll(async () => {
    const def = activeCatalogue();
    await addLayer(ws, JSON.stringify({
      layer: { level: 'municipal', entity: 'city', id: 'cq-grades', version: '2', name: '重庆市等级划分' },
      base: { id: def.id, version: def.version }, grades: cutOffs,
    }), 'cq-grades.json', localNow());
    await computeIndicators(ws, { at: localNow(), year: YEAR });
    sheets = await scoreSheets(ws, YEAR);
  }, 300_000);

  it('the score sheets grade by the layer (a total of 80 is 不合格) and name the layer', () => {
    const yz = sheets.find((s) => s.entity === YUZHONG)!;
    expect(yz.total).toBeGreaterThanOrEqual(60); // 合格 or better under the default cut-offs
    expect(yz.total).toBeLessThan(85);
    expect(yz.grade).toBe('不合格');
    expect(yz.layers).toEqual([expect.objectContaining({ id: 'cq-grades', version: '2' })]);
  });

  it('`score --json`, the ranking, the workbook and the .docx give every district the same total and grade', { timeout: 300_000 }, async () => {
    let out = '';
    const io: Io = { out: (t) => void (out += t + '\n'), err: () => undefined };
    expect(await cli(['score', ws.path, '--year', String(YEAR), '--json'], io)).toBe(0);
    const json = JSON.parse(out) as { sheets: { entity: string; total: number; grade: string }[]; ranking: { entity: string; total: number; grade: string }[] };
    const ranking = scoreRanking(sheets);
    expect(sheets.length).toBeGreaterThan(2);
    for (const s of sheets) {
      expect(json.sheets.find((x) => x.entity === s.entity), s.entity).toMatchObject({ total: s.total, grade: s.grade });
      expect(json.ranking.find((x) => x.entity === s.entity), s.entity).toMatchObject({ total: s.total, grade: s.grade });
      expect(ranking.find((x) => x.entity === s.entity), s.entity).toMatchObject({ total: s.total, grade: s.grade });
    }
    for (const code of [WANZHOU, YUZHONG]) {
      const s = sheets.find((x) => x.entity === code)!;
      const r = await writeDistrictReport(ws, YEAR, code, join(dir, 'out'));
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(r.xlsx);
      const sheet = wb.getWorksheet('评分表')!;
      let gradeCell: ExcelJS.CellFormulaValue | undefined, totalCell: ExcelJS.CellFormulaValue | undefined;
      sheet.eachRow((row) => {
        if (row.getCell(1).value === '折算总分（满分100）') {
          totalCell = row.getCell(3).value as ExcelJS.CellFormulaValue;
          gradeCell = row.getCell(5).value as ExcelJS.CellFormulaValue;
        }
      });
      expect(totalCell!.result).toBe(s.total);
      // the formula itself, evaluated here for the sheet's total and for 84.4 (良好 by the default cut-offs)
      expect(evaluateGrade(gradeCell!.formula, s.total)).toBe(s.grade);
      if (s.vetoes.length === 0) expect(evaluateGrade(gradeCell!.formula, 84.4)).toBe('不合格');
      expect(evaluateGrade(gradeCell!.formula, 92)).toBe(s.vetoes.length ? '合格' : '良好');
      const text = await docxText(r.docx);
      expect(text).toContain(`自评总分${s.total}分`);
      expect(text).toContain(`等级为“${s.grade}”`);
      expect(text).toContain('市级细化层 cq-grades 2');
      if (s.vetoes.length) expect(text).toContain(s.vetoes[0]!.id);
    }
  });
});

describe('one district-year, every reader (issue 16: the consistency test)', () => {
  it('with N/A marks, self and review scores, the layer\'s cut-offs and a veto: score --json, the review, the ranking, the .docx, the workbook '
    + '(cell and LibreOffice recalculation) give the same total and grade', { timeout: 600_000 }, async () => {
    for (const code of [YUZHONG, WANZHOU]) {
      // a person marks an item 不适用 (where allowed) and adjusts a self-score with evidence, on the current draft
      const before = (await scoreSheets(ws, YEAR, code))[0]!;
      const na = before.items.find((i) => i.notApplicableAllowed && i.status !== '不适用');
      if (na) await setManualScore(ws, { at: localNow(), year: YEAR, entity: code, indicator: na.indicator, notApplicableReason: '本年度无此项工作（核实）' });
      const adjusted = before.items.find((i) => i.indicator !== na?.indicator && i.computedPoints !== null && i.status !== '不适用' && (i.maxPoints ?? 0) >= 1);
      await setManualScore(ws, { at: localNow(), year: YEAR, entity: code, indicator: adjusted!.indicator, selfScore: adjusted!.maxPoints! - 0.5, evidence: '区政府文件（2025）9号' });
      const sheet = (await scoreSheets(ws, YEAR, code))[0]!;
      if (na) expect(sheet.items.find((i) => i.indicator === na.indicator)!.status).toBe('不适用');
      const expected = { total: sheet.total, grade: sheet.grade };
      if (code === WANZHOU) expect(sheet.vetoes.map((v) => v.id)).toContain('V2');

      // score --json (the CLI over the service)
      let out = '';
      expect(await cli(['score', ws.path, '--year', String(YEAR), '--json'], { out: (t) => void (out += t + '\n'), err: () => undefined })).toBe(0);
      const json = JSON.parse(out) as { sheets: { entity: string; total: number; grade: string }[]; ranking: { entity: string; total: number; grade: string }[] };
      expect(json.sheets.find((x) => x.entity === code), `score --json ${code}`).toMatchObject(expected);
      expect(json.ranking.find((x) => x.entity === code), `ranking ${code}`).toMatchObject(expected);
      expect(scoreRanking(await scoreSheets(ws, YEAR)).find((x) => x.entity === code), `scoreRanking ${code}`).toMatchObject(expected);

      // the district report and its workbook
      const r = await writeDistrictReport(ws, YEAR, code, join(dir, `out-${code}`));
      const text = await docxText(r.docx);
      expect(text, `.docx ${code}`).toContain(`自评总分${formatPoints(expected.total)}分`);
      expect(text, `.docx ${code}`).toContain(`等级为“${expected.grade}”`);
      const cells = await totalAndGrade(r.xlsx);
      expect(cells, `workbook cells ${code}`).toEqual(expected);
      expect(await recalculatedTotalAndGrade(r.xlsx, join(dir, `lo-${code}`)), `LibreOffice ${code}`).toEqual(expected);

      // the review of the district's own workbook, returned unedited
      const review = await reviewSubmission(ws, { at: localNow(), year: YEAR, path: r.xlsx, entity: code });
      expect(review.cityTotal, `review ${code}`).toMatchObject(expected);
      expect((await scoreSheets(ws, YEAR, code))[0], `sheet after review ${code}`).toMatchObject(expected);
    }
  });
});

/** The total and grade cells of the workbook's 评分表 as written (cached results of their formulas). */
async function totalAndGrade(xlsx: string): Promise<{ total: number; grade: string }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(xlsx);
  let found: { total: number; grade: string } | undefined;
  wb.getWorksheet('评分表')!.eachRow((row) => {
    if (row.getCell(1).value === '折算总分（满分100）') {
      const v = (c: ExcelJS.CellValue) => (c !== null && typeof c === 'object' && 'result' in c ? c.result : c);
      found = { total: Number(v(row.getCell(3).value)), grade: String(v(row.getCell(5).value)) };
    }
  });
  return found!;
}

/** The 评分表's total and grade after LibreOffice computed every formula itself (test/helpers/libreoffice.ts). */
async function recalculatedTotalAndGrade(xlsx: string, outDir: string): Promise<{ total: number; grade: string }> {
  const sheet = (await recalculated(xlsx, outDir)).getWorksheet('评分表')!;
  let found: { total: number; grade: string } | undefined;
  sheet.eachRow((row) => {
    if (String(shownValue(row.getCell(1)) ?? '') === '折算总分（满分100）') found = { total: Number(shownValue(row.getCell(3))), grade: String(shownValue(row.getCell(5))) };
  });
  return found!;
}

describe('the reference date, not the clock', () => {
  // a year whose deadlines still lie ahead of today's clock, so a clock-based count differs from the reference date's
  const future = new Date().getUTCFullYear() + 1;
  it('a problem due in the year counts as overdue by the year\'s reference date; the run records the date', { timeout: 300_000 }, async () => {
    const file = await writeCsv(join(dir, '问题整改_未来.csv'), [
      ['问题编号', '区县代码', '发现日期', '整改期限'],
      ['WZ-FUTURE-1', WANZHOU, `${future - 2}-03-01`, `${future}-06-30`],
    ]);
    await importFiles(ws, [file], { dataset: 'problems' });
    const run = await computeIndicators(ws, { at: localNow(), year: future });
    expect((await getMeasure(ws, 'enforcement.problems_overdue', WANZHOU, future)).value).toBe(1);
    const stored = await ws.one<{ d: string }>('SELECT strftime(reference_date, \'%Y-%m-%d\') AS d FROM compute_runs WHERE run_id = $r', { r: run.runId });
    expect(stored!.d).toBe(`${future + 1}-03-31`);
    // a reference date before the deadline: not yet overdue
    await ws.transaction((tx) => writeSettings(tx, { referenceDate: { year: future, date: `${future}-05-31` } }));
    await computeIndicators(ws, { at: localNow(), year: future });
    expect((await getMeasure(ws, 'enforcement.problems_overdue', WANZHOU, future)).value ?? 0).toBe(0); // nothing counted (part B: 0 vs 数据缺失)
  });
});

/** The grade an IF(total>=min,"name",…) chain gives for `total`. */
function evaluateGrade(formula: string, total: number): string {
  for (const m of formula.matchAll(/>=(\d+(?:\.\d+)?),"([^"]+)"/g)) if (total >= Number(m[1])) return m[2]!;
  return /"([^"]+)"\)*$/.exec(formula)![1]!;
}

async function docxText(file: string): Promise<string> {
  const zip = await JSZip.loadAsync(await readFile(file));
  const xml = await zip.file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('');
}
