// The five-year report variant re-opened as files: the district report's yearly series, change, trend and
// target completion equal the stored five-year evaluation, its units are matched across plan versions, its
// sentences quote the same figures; the city report ranks the districts by target completion; the service and
// the CLI take --cycle five-year, and a report from a stale or missing evaluation is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cp, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { Workspace } from '../analytics/workspace.js';
import { importFiles } from '../analytics/import/import-files.js';
import { generateSample } from '../analytics/sample/generate-sample.js';
import { computeFiveYear, readFiveYear, type FiveYearEvaluation, type FiveYearItem } from '../indicators/five-year/evaluation.js';
import { computeIndicators } from '../indicators/engine.js';
import { activeCatalogue } from '../indicators/catalogue/load-catalogue.js';
import { scoreSheets } from '../indicators/results.js';
import { formatPoints, formatValue } from '../indicators/value-format.js';
import { writeCityReport, writeDistrictReport, type WrittenReport } from '../reports/write-reports.js';
import { main } from '../cli/main.js';
import type { Io } from '../cli/cli-io.js';
import { tempDir } from './helpers/sample-workspace.js';
import { writeCsv } from './helpers/files.js';
import { localNow } from '../service/clock.js';

let ws: Workspace;
let dir: string;
let evaluation: FiveYearEvaluation;
let district: WrittenReport;
let city: WrittenReport;
// 渝中区 has a key unit that was two units in the sample's 2020 plan, merged by the 2023 adjustment
const DISTRICT = '500103', OTHER = '500104', MERGED = 'ZH50010320001';
const catalogue = activeCatalogue();
const meta = (id: string) => catalogue.indicators.find((i) => i.id === id)!;

beforeAll(async () => {
  dir = await tempDir();
  const files = await generateSample({ outDir: join(dir, 'sample'), years: [2020, 2021, 2022, 2023, 2024, 2025], scale: 'small', seed: 5, districts: [DISTRICT, OTHER] });
  ws = await Workspace.create(join(dir, 'five.duckdb'));
  await importFiles(ws, files.map((f) => f.path));
  // cases of 2021 filed under the 2020 codes of the merged unit, as the registers of that time wrote them
  await importFiles(ws, [await writeCsv(join(dir, '2021年案件_旧单元编码.csv'), [
    ['立案号', '立案日期', '区县代码', '管控单元编码', '违法类型', '罚没金额（元）'],
    ['渝中环立〔2021〕801号', '2021-04-02', DISTRICT, 'ZH50010320002', '超标排放', 30000],
    ['渝中环立〔2021〕802号', '2021-05-06', DISTRICT, 'ZH50010320003', '危废违规', 50000],
  ])], { dataset: 'cases' });
  await computeFiveYear(ws, { at: localNow(), year: 2025 });
  evaluation = await readFiveYear(ws, 2025);
  district = await writeDistrictReport(ws, 2025, DISTRICT, join(dir, 'out'), { cycle: 'five-year' });
  city = await writeCityReport(ws, 2025, join(dir, 'out'), { cycle: 'five-year' });
}, 900_000);
afterAll(async () => {
  await ws.close().catch(() => undefined);
  // ZT_KEEP_REPORTS=DIR keeps the generated reports to look at (the test root is removed after the run)
  if (process.env.ZT_KEEP_REPORTS) await cp(join(dir, 'out'), process.env.ZT_KEEP_REPORTS, { recursive: true });
});

async function part(file: string, name: string): Promise<string> {
  return (await JSZip.loadAsync(await readFile(file))).file(name)!.async('string');
}
const unescape = (t: string) => t.replaceAll('&quot;', '"').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&apos;', "'").replaceAll('&amp;', '&');
function tableRows(xml: string): string[][] {
  return [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((tr) =>
    [...tr[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((tc) => unescape([...tc[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''))));
}
function paragraphs(xml: string): { style: string | null; text: string }[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => ({
    style: /<w:pStyle w:val="([^"]+)"/.exec(p[0])?.[1] ?? null,
    text: unescape([...p[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')),
  }));
}

const indicatorsOf = (entity: string) => evaluation.items.filter((i) => i.kind === 'indicator' && i.entity === entity
  && (i.baseline !== null || i.values.some((v) => v.value !== null)));
/** The test's own expectation of a signed change: "+1.2", "-3", as the stored value at the indicator's decimals. */
const signed = (x: number | null, decimals: number) => (x === null ? '—' : `${x > 0 ? '+' : ''}${formatValue(x, decimals)}`);

describe('district five-year report', () => {
  it('its yearly series table holds the stored baseline and five yearly values of every indicator', async () => {
    const rows = tableRows(await part(district.docx, 'word/document.xml'));
    const items = indicatorsOf(DISTRICT);
    expect(items.length).toBeGreaterThan(10);
    for (const i of items) {
      const d = meta(i.id).decimals;
      const row = rows.find((r) => r[0] === `${i.id} ${i.name}` && r.length === 8);
      expect(row, `series ${i.id}`).toBeDefined();
      expect(row!.slice(2)).toEqual([i.baseline, ...i.values.map((v) => v.value)].map((v) => formatValue(v, d)));
    }
    expect(rows.find((r) => r[0] === '指标' && r.length === 8)!.slice(2)).toEqual(['2020年（基准）', '2021年', '2022年', '2023年', '2024年', '2025年']);
  });

  it('its change table holds the stored change, change %, ρ, trend and target completion', async () => {
    const rows = tableRows(await part(district.docx, 'word/document.xml'));
    for (const i of indicatorsOf(DISTRICT)) {
      const m = meta(i.id);
      // a unitless indicator (C12 ΔEQI) without empty brackets
      const row = rows.find((r) => r[0] === (m.unit ? `${i.id} ${i.name}（${m.unit}）` : `${i.id} ${i.name}`) && r.length === 7);
      expect(row, `change ${i.id}`).toBeDefined();
      expect(row!.slice(1)).toEqual([signed(i.changeAbs, m.decimals), signed(i.changePct, 1), formatValue(i.rho, 2), i.trend,
        formatValue(i.target, m.decimals), i.targetMet === null ? (i.target === null ? '无目标值' : '无法判断') : i.targetMet ? '完成' : '未完成']);
      if (i.rho !== null) expect(i.significant).toBe(Math.abs(i.rho) >= 0.9);
    }
  });

  it('its sentences quote the same figures, with direction and trend words from the data', async () => {
    const text = paragraphs(await part(district.docx, 'word/document.xml')).map((p) => p.text).join('\n');
    const c1 = indicatorsOf(DISTRICT).find((i) => i.id === 'C1')!;
    expect(c1.baseline).not.toBeNull();
    expect(text).toContain(`2021—2025年，全区${c1.name}由基准年（2020年）的${formatValue(c1.baseline, 0)}微克/立方米变为2025年的${formatValue(c1.final, 0)}微克/立方米`);
    const d = c1.changeAbs!;
    if (Math.abs(d) >= 0.5) expect(text).toContain(`${d > 0 ? '上升' : '下降'}${formatValue(Math.abs(d), 0)}微克/立方米（${formatValue(Math.abs(c1.changePct!), 1)}%）`);
    expect(text).toContain(c1.rho === null ? '五年间逐年值未变化' : c1.significant ? `呈${c1.trend}趋势（ρ=${formatValue(c1.rho, 2)}，n=5）` : `${c1.trend}（ρ=${formatValue(c1.rho, 2)}，n=5）`);
    if (c1.targetMet !== null) expect(text).toContain(`${c1.targetMet ? '完成' : '未完成'}2025年目标（${formatValue(c1.target, 0)}微克/立方米）`);
    const c2 = indicatorsOf(DISTRICT).find((i) => i.id === 'C2')!;
    if (c2.changeAbs !== null && Math.abs(c2.changeAbs) >= 0.05) expect(text).toContain(`${c2.changeAbs > 0 ? '上升' : '下降'}${formatValue(Math.abs(c2.changeAbs), 1)}个百分点`);
    const items = indicatorsOf(DISTRICT);
    const met = items.filter((i) => i.targetMet === true).length, judged = items.filter((i) => i.targetMet !== null).length;
    expect(text).toContain(`可判断目标完成情况的${judged}项，完成${met}项、未完成${judged - met}项`);
  });

  it('follows the five-year outline: window and baseline in the title and text, the final year folded in', async () => {
    const ps = paragraphs(await part(district.docx, 'word/document.xml'));
    expect(ps.find((p) => p.style === 'ztTitle')!.text).toBe('渝中区2021—2025年生态环境分区管控实施情况五年评估自评报告');
    expect(basename(district.docx)).toBe('渝中区2021—2025年分区管控五年评估自评报告.docx');
    const h1 = ps.filter((p) => p.style === 'Heading1').map((p) => p.text);
    expect(h1[4]).toBe('五、五年实施成效与目标完成情况');
    const h2 = ps.filter((p) => p.style === 'Heading2').map((p) => p.text);
    expect(h2).toEqual(expect.arrayContaining(['（一）五年指标变化', '（二）2025年度指标完成情况', '（三）分类型管控单元', '（四）管控单元五年变化']));
    const text = ps.map((p) => p.text).join('\n');
    expect(text).toContain('以2020年为基准年，2025年为末年');
    expect(text).toContain('本年度跟踪评估并入本报告');
    const [sheet] = await scoreSheets(ws, 2025, DISTRICT);
    expect(text).toContain(`2025年度自评总分${formatPoints(sheet!.total)}分`);
    const custom = await part(district.docx, 'docProps/custom.xml');
    expect(custom).toContain(`编号${evaluation.evaluationId}（2021—2025年，基准年2020年）`);
  });

  it('matches units across plan versions and tabulates their stored change', async () => {
    const xml = await part(district.docx, 'word/document.xml');
    const merged = evaluation.items.find((i) => i.kind === 'measure' && i.entity === MERGED && i.sourceCodes.length > 1)!;
    expect(merged, 'the merged unit carries its old codes').toBeDefined();
    const text = paragraphs(xml).map((p) => p.text).join('\n');
    // every old code any of its measures was matched through
    const oldCodes = [...new Set(evaluation.items.filter((i) => i.entity === MERGED).flatMap((i) => i.sourceCodes).filter((c) => c !== MERGED))].sort();
    expect(oldCodes.length).toBeGreaterThan(1);
    expect(text).toContain(`${MERGED}（对应原单元${oldCodes.join('、')}）`);
    const rows = tableRows(xml).filter((r) => r.length === 7 && /^ZH/.test(r[0]!));
    const shown = evaluation.items.filter((i: FiveYearItem) => i.kind === 'measure' && i.entity.startsWith(`ZH${DISTRICT}`)
      && ['air.pm25_annual_mean', 'air.good_day_ratio', 'water.good_ratio'].includes(i.id) && (i.baseline !== null || i.final !== null));
    expect(rows.length).toBe(shown.length);
    for (const u of shown) {
      const decimals = u.id === 'air.pm25_annual_mean' ? 0 : 1;
      const row = rows.find((r) => r[0] === u.entity && r[2]!.startsWith(u.id === 'air.pm25_annual_mean' ? 'PM2.5' : u.id === 'air.good_day_ratio' ? '优良天数' : '地表水'))!;
      expect(row, `${u.entity} ${u.id}`).toBeDefined();
      expect(row.slice(3)).toEqual([formatValue(u.baseline, decimals), formatValue(u.final, decimals), signed(u.changeAbs, decimals), u.trend]);
    }
  });

  it('its workbook is the final year’s score sheet, named for the window', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(district.xlsx);
    expect(basename(district.xlsx)).toBe('渝中区2021—2025年分区管控五年评估评分表.xlsx');
    expect(wb.getWorksheet('评分表')).toBeDefined();
  });
});

describe('city five-year report', () => {
  it('ranks the districts by the share of targets completed, from the stored evaluation', async () => {
    const xml = await part(city.docx, 'word/document.xml');
    // the five-year ranking table (headed 完成率（%）); the annual ranking beside it has nine columns too
    const ranking = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((t) => t[0]).find((t) => tableRows(t)[0]!.includes('完成率（%）'))!;
    const rows = tableRows(ranking).filter((r) => r.length === 9 && /^\d+$/.test(r[0]!));
    const sheets = await scoreSheets(ws, 2025);
    for (const d of [DISTRICT, OTHER]) {
      const items = evaluation.items.filter((i) => i.kind === 'indicator' && i.entity === d);
      const judged = items.filter((i) => i.targetMet !== null).length, met = items.filter((i) => i.targetMet === true).length;
      const row = rows.find((r) => r[1] === d)!;
      expect(row, d).toBeDefined();
      expect(row.slice(3)).toEqual([String(judged), String(met), judged ? formatValue((met / judged) * 100, 1) : '—',
        String(items.filter((i) => i.significant && i.trend.includes('改善')).length), String(items.filter((i) => i.significant && i.trend.includes('变差')).length),
        formatPoints(sheets.find((s) => s.entity === d)!.total)]);
    }
    const rate = (r: string[]) => Number(r[5]);
    expect(rows.map((r) => rate(r))).toEqual([...rows.map((r) => rate(r))].sort((a, b) => b - a));
    const text = paragraphs(xml).map((p) => p.text).join('\n');
    const c1 = evaluation.items.find((i) => i.kind === 'indicator' && i.entity === 'city' && i.id === 'C1')!;
    expect(text).toContain(`2021—2025年，全市${c1.name}由基准年（2020年）的${formatValue(c1.baseline, 0)}微克/立方米变为2025年的${formatValue(c1.final, 0)}微克/立方米`);
    expect(paragraphs(xml).find((p) => p.style === 'ztTitle')!.text).toBe('全市2021—2025年生态环境分区管控实施情况五年评估汇总报告');
  });
});

describe('refusals and the command line', () => {
  it('a year without a five-year evaluation is refused, naming the command that computes it', async () => {
    await expect(writeDistrictReport(ws, 2024, DISTRICT, join(dir, 'none'), { cycle: 'five-year' })).rejects.toThrow(/2024年的五年评估尚未计算/);
  });

  it('zonetrack report --cycle five-year writes the five-year files; a bad cycle is refused with exit code 2', { timeout: 300_000 }, async () => {
    await ws.close();
    let out = '', err = '';
    const io: Io = { out: (t) => void (out += t + '\n'), err: (t) => void (err += t + '\n') };
    expect(await main(['report', ws.path, '--year', '2025', '--entity', OTHER, '--cycle', 'five-year', '--out', join(dir, 'cli'), '--json'], io)).toBe(0);
    const doc = JSON.parse(out) as { files: { docx: string }[] };
    expect(doc.files[0]!.docx).toContain('2021—2025年分区管控五年评估自评报告.docx');
    // recorded with the evaluation it came from (zonetrack reports lists it)
    out = '';
    expect(await main(['reports', ws.path, '--year', '2025', '--json'], io)).toBe(0);
    const listed = (JSON.parse(out) as { files: { path: string; cycle: string; stale: boolean; snapshot: { runId: number; evaluationId: number | null } }[] })
      .files.find((f) => f.path === doc.files[0]!.docx);
    expect(listed).toMatchObject({ cycle: 'five-year', stale: false, snapshot: { evaluationId: evaluation.evaluationId, runId: evaluation.runIds.at(-1) } });
    expect(await main(['report', ws.path, '--year', '2025', '--entity', OTHER, '--cycle', 'decade', '--out', join(dir, 'cli')], io)).toBe(2);
    expect(err).toContain('--cycle');
    ws = await Workspace.open(ws.path);
  });

  it('after the final year is recomputed, the five-year report is refused until the evaluation is run again', { timeout: 300_000 }, async () => {
    await computeIndicators(ws, { at: localNow(), year: 2025 });
    await expect(writeDistrictReport(ws, 2025, DISTRICT, join(dir, 'stale'), { cycle: 'five-year' })).rejects.toThrow(/请先重新运行五年评估/);
  });
});
