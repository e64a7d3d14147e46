// The .docx reports as they leave the building, re-opened from the files: fonts Word and WPS on a stock Windows can
// substitute, Chinese alt text on every figure, the operator as author, and the snapshot each report comes from.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import JSZip from 'jszip';
import { writeCityReport, writeDistrictReport, type WrittenReport } from '../reports/write-reports.js';
import { writeSettings } from '../analytics/settings/workspace-settings.js';
import { setAuditUser } from '../analytics/audit/audit-log.js';
import { getValue, ranking, scoreSheets, type ScoreSheet } from '../indicators/results.js';
import { formatPoints, formatValue } from '../indicators/value-format.js';
import { reviewSubmission } from '../indicators/review/review-submission.js';
import { createService } from '../service/zonetrack-service.js';
import { annualNotice } from '../reports/five-year-data.js';
import ExcelJS from 'exceljs';
import { basename } from 'node:path';
import { recalculated, SOFFICE_CALC } from './helpers/libreoffice.js';
import { buildSampleWorkspace, type SampleWorkspace } from './helpers/sample-workspace.js';
import { localNow } from '../service/clock.js';

const DISTRICT = '500112';
const OPERATOR = '王五';
let sample: SampleWorkspace;
let district: WrittenReport;
let city: WrittenReport;

beforeAll(async () => {
  sample = await buildSampleWorkspace();
  await sample.ws.transaction(async (tx) => {
    await writeSettings(tx, { issuer: '重庆市渝北区生态环境局', documentDate: '2026-01-15' });
    await setAuditUser(tx, OPERATOR);
  });
  district = await writeDistrictReport(sample.ws, 2025, DISTRICT, join(sample.dir, 'out'));
  city = await writeCityReport(sample.ws, 2025, join(sample.dir, 'out'));
}, 600_000);

afterAll(async () => {
  await sample?.ws.close().catch(() => undefined);
});

async function parts(file: string): Promise<JSZip> {
  return JSZip.loadAsync(await readFile(file));
}
const unescape = (t: string) => t.replaceAll('&quot;', '"').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&apos;', "'").replaceAll('&amp;', '&');

/** Every font name the document's runs and styles use (East-Asian and Latin). */
function fontsUsed(xml: string): Set<string> {
  return new Set([...xml.matchAll(/w:(?:eastAsia|ascii|hAnsi)="([^"]+)"/g)].map((m) => unescape(m[1]!)));
}

describe('fonts on a machine without the bureau fonts', () => {
  it('the font table declares each bureau font with the substitute a stock Windows has', async () => {
    for (const file of [district.docx, city.docx]) {
      const zip = await parts(file);
      const table = await zip.file('word/fontTable.xml')!.async('string');
      const declared = new Map([...table.matchAll(/<w:font w:name="([^"]+)">([\s\S]*?)<\/w:font>/g)].map((m) => [unescape(m[1]!), m[2]!]));
      const alt = (name: string) => /<w:altName w:val="([^"]+)"/.exec(declared.get(name) ?? '')?.[1];
      expect(alt('仿宋_GB2312')).toBe('仿宋');
      expect(alt('仿宋')).toBe('FangSong');
      expect(alt('方正小标宋简体')).toBe('宋体');
      expect(alt('宋体')).toBe('SimSun');
      expect(alt('楷体_GB2312')).toBe('楷体');
      expect(alt('楷体')).toBe('KaiTi');
      // Chinese character set and a PANOSE class on the bureau fonts
      for (const name of ['仿宋_GB2312', '方正小标宋简体', '楷体_GB2312']) {
        expect(declared.get(name)).toContain('<w:charset w:val="86"/>');
        expect(declared.get(name)).toMatch(/<w:panose1 w:val="[0-9A-F]{20}"\/>/);
      }
      // every font the styles and the body name is declared
      const used = new Set([...fontsUsed(await zip.file('word/styles.xml')!.async('string')), ...fontsUsed(await zip.file('word/document.xml')!.async('string'))]);
      for (const f of used) expect(declared.has(f), `${f} declared in the font table`).toBe(true);
    }
  });

  it('the chart uses the report\'s fonts, not 微软雅黑, and every figure has Chinese alt text', async () => {
    const zip = await parts(district.docx);
    const charts = Object.keys(zip.files).filter((f) => /^word\/charts\/chart\d+\.xml$/.test(f));
    expect(charts.length).toBeGreaterThan(0);
    for (const c of charts) {
      const xml = await zip.file(c)!.async('string');
      expect(xml).not.toContain('微软雅黑');
      const typefaces = new Set([...xml.matchAll(/typeface="([^"]+)"/g)].map((m) => unescape(m[1]!)));
      expect([...typefaces].some((t) => t === '仿宋_GB2312' || t === '宋体')).toBe(true);
    }
    const doc = await zip.file('word/document.xml')!.async('string');
    const figures = [...doc.matchAll(/<wp:docPr ([^>]*)\/?>/g)].map((m) => m[1]!);
    expect(figures.length).toBeGreaterThanOrEqual(charts.length);
    for (const f of figures) {
      const descr = unescape(/descr="([^"]*)"/.exec(f)?.[1] ?? '');
      expect(descr, `alt text of ${f}`).toMatch(/[\u4e00-\u9fff]{4}/);
      expect(descr).not.toMatch(/chart|image|picture/i);
    }
  });

  it('the author and last editor are the operator, not "Un-named"', async () => {
    for (const file of [district.docx, city.docx]) {
      const core = await (await parts(file)).file('docProps/core.xml')!.async('string');
      expect(/<dc:creator>([^<]*)</.exec(core)?.[1]).toBe(OPERATOR);
      expect(/<cp:lastModifiedBy>([^<]*)</.exec(core)?.[1]).toBe(OPERATOR);
      expect(core).not.toContain('Un-named');
    }
  });
});

function tableRows(xml: string): string[][] {
  return [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((tr) =>
    [...tr[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((tc) => unescape([...tc[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''))));
}
function paragraphTexts(xml: string): string[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => unescape([...p[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')));
}
/** The rows of the table whose header row starts with these cells. */
function tableWithHeader(xml: string, ...head: string[]): string[][] {
  const tables = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((t) => tableRows(t[0]));
  const found = tables.find((t) => head.every((h, k) => t[0]?.[k] === h));
  expect(found, `a table headed ${head.join(' | ')}`).toBeDefined();
  return found!;
}

describe('city summary report', () => {
  let xml: string;
  let sheets: ScoreSheet[];
  beforeAll(async () => {
    xml = await (await parts(city.docx)).file('word/document.xml')!.async('string');
    sheets = await scoreSheets(sample.ws, 2025);
  });

  it('names every veto with its evidence, and ranks by grade after vetoes: no district above a better-graded one', () => {
    const fired = sheets.filter((s) => s.vetoes.length);
    expect(fired.length).toBeGreaterThan(0); // the sample fires vetoes in 万州区 and 渝中区
    const text = paragraphTexts(xml).join('\n');
    for (const s of fired) {
      for (const v of s.vetoes) {
        expect(text).toContain(`${v.id} ${v.name}`);
        if (v.evidence) expect(text).toContain(v.evidence);
      }
    }
    const rows = tableWithHeader(xml, '排名', '区县代码', '区县').slice(1);
    expect(rows).toHaveLength(sheets.length);
    const order = (grade: string, s: ScoreSheet) => [...s.grades].sort((a, b) => b.min - a.min).findIndex((g) => g.name === grade);
    const graded = rows.map((r) => sheets.find((s) => s.entity === r[1])!).filter((s) => !s.noData);
    for (let k = 1; k < graded.length; k++) {
      expect(order(graded[k]!.grade, graded[k]!), `${graded[k]!.name} after ${graded[k - 1]!.name}`).toBeGreaterThanOrEqual(order(graded[k - 1]!.grade, graded[k - 1]!));
    }
    const header = tableWithHeader(xml, '排名', '区县代码', '区县')[0]!;
    const vetoCol = header.indexOf('否决项');
    expect(vetoCol).toBeGreaterThan(0);
    for (const s of fired) expect(rows.find((r) => r[1] === s.entity)![vetoCol]).toContain(s.vetoes[0]!.id);
  });

  it('prints every score with one precision (one decimal), in the ranking and the self/review comparison', () => {
    const ranking = tableWithHeader(xml, '排名', '区县代码', '区县');
    const cols = ['自评得分', '适用分值', '折算总分'].map((h) => ranking[0]!.indexOf(h));
    for (const r of ranking.slice(1)) for (const c of cols) expect(r[c], `${r[2]} ${ranking[0]![c]}`).toMatch(/^(\d+\.\d|—)$/);
    const comparison = tableWithHeader(xml, '区县代码', '区县', '自评折算总分');
    for (const r of comparison.slice(1)) expect(r[2]).toMatch(/^\d+\.\d$/);
  });

  it('compares a city total only with a target of the same scope (never a count summed over districts with a district\'s target)', async () => {
    const text = paragraphTexts(xml);
    let counts = 0;
    for (const i of sheets[0]!.items) {
      const v = await getValue(sample.ws, i.indicator, 'city', 2025).catch(() => null);
      if (!v || v.value === null || !v.target || !['个', '件'].includes(v.unit) || v.targetSource?.startsWith('目标责任书')) continue;
      counts++;
      const sentence = text.find((t) => t.includes(`${v.name}为`));
      expect(sentence, `a sentence on ${v.name}`).toBeDefined();
      expect(sentence).not.toMatch(/年度目标/);
    }
    expect(counts).toBeGreaterThan(0);
  });

  it('writes ties as ties in the 最好/最差 columns, and the ranked indicators carry each district\'s target', async () => {
    const table = tableWithHeader(xml, '指标', '全市');
    const head = table[0]!;
    let tied = 0;
    for (const i of sheets[0]!.items) {
      const r = await ranking(sample.ws, 2025, i.indicator);
      const row = table.find((x) => x[0]!.startsWith(`${i.indicator} `));
      if (!row) continue;
      const shown = r.rows.filter((x) => x.value !== null).map((x) => ({ name: x.name, v: formatValue(x.value, r.decimals) }));
      if (shown.length < 2) continue;
      const best = row[head.indexOf('最好（值）')]!, worst = row[head.indexOf('最差（值）')]!;
      if (new Set(shown.map((x) => x.v)).size === 1) {
        tied++;
        expect(best, i.indicator).toContain('相同');
        expect(worst, i.indicator).toContain('相同');
        for (const x of shown) expect(best).not.toContain(x.name);
      } else {
        // every district sharing the best value is named (up to three)
        const top = shown.filter((x) => x.v === shown[0]!.v);
        if (top.length <= 3) for (const x of top) expect(best, i.indicator).toContain(x.name);
      }
    }
    expect(tied).toBeGreaterThan(0);
    for (const ind of ['C1', 'C2']) {
      const r = await ranking(sample.ws, 2025, ind);
      const t = tableWithHeader(xml, '排名', '区县代码', '区县', `${r.indicator}${r.unit ? `（${r.unit}）` : ''}`);
      const col = t[0]!.findIndex((h) => h.startsWith('目标值'));
      expect(col, `${ind} table has a 目标值 column`).toBeGreaterThan(0);
      for (const row of t.slice(1)) {
        const target = sheets.find((s) => s.entity === row[1])!.items.find((i) => i.indicator === ind)!.target;
        expect(row[col], `${ind} ${row[2]}`).toBe(formatValue(target, r.decimals));
      }
    }
  });
});

describe('after a review round trip (review --submission)', () => {
  let after: WrittenReport;
  let sheet: ScoreSheet;
  let changed: string;
  beforeAll(async () => {
    // the district's workbook comes back with one computable self-score lowered by hand
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(district.xlsx);
    const ws = wb.getWorksheet('评分表')!;
    const head = (ws.getRow(2).values as ExcelJS.CellValue[]).map((v) => String(v ?? ''));
    const [before] = await scoreSheets(sample.ws, 2025, DISTRICT) as [ScoreSheet];
    const item = before.items.find((i) => i.status !== '不适用' && i.computedPoints !== null && i.computedPoints >= 1)!;
    changed = item.indicator;
    ws.eachRow((r) => {
      if (String(r.getCell(2).value ?? '').startsWith(`${item.indicator} `)) r.getCell(head.indexOf('自评得分')).value = item.computedPoints! - 1;
    });
    const submitted = join(sample.dir, 'submitted.xlsx');
    await wb.xlsx.writeFile(submitted);
    await reviewSubmission(sample.ws, { at: localNow(), year: 2025, path: submitted });
    after = await writeDistrictReport(sample.ws, 2025, DISTRICT, join(sample.dir, 'after-review'));
    [sheet] = await scoreSheets(sample.ws, 2025, DISTRICT) as [ScoreSheet];
  }, 300_000);

  it('the report\'s opening, its score annex and its 合计 tell one total: 自评得分 summed over 分值 is the 折算总分', async () => {
    const xml = await (await parts(after.docx)).file('word/document.xml')!.async('string');
    const total = formatPoints(sheet.total);
    const opening = paragraphTexts(xml).find((t) => t.includes('自评') && t.includes('总分'))!;
    expect(opening).toContain(`${total}分`);
    const annex = tableWithHeader(xml, '一级指标', '二级指标', '分值');
    const head = annex[0]!;
    const sum = annex.find((r) => r[0] === '合计')!;
    const selfSum = Number(sum[head.indexOf('自评得分')]);
    const max = Number(sum[head.indexOf('分值')]);
    expect(formatPoints(Math.round((selfSum / max) * 1000) / 10)).toBe(total);
    expect(sum.at(-1)).toContain(`折算总分${total}分`);
    // the district's own submitted score is named where it is not the one counted
    const row = annex.find((r) => r[1]!.startsWith(`${changed} `))!;
    expect(row.at(-1)).toContain('区县报送');
  });

  it.skipIf(!SOFFICE_CALC)('the workbook, recalculated by LibreOffice, gives the total the report prints', async () => {
    const stored = new ExcelJS.Workbook();
    await stored.xlsx.readFile(after.xlsx);
    const recalc = await recalculated(after.xlsx, join(sample.dir, 'lo-review'));
    const find = (wb: ExcelJS.Workbook, label: string) => {
      const ws = wb.getWorksheet('评分表')!;
      let value: unknown;
      ws.eachRow((r) => {
        if (r.getCell(1).text === label) {
          const v = r.getCell(3).value;
          value = typeof v === 'object' && v !== null && 'result' in v ? v.result : v;
        }
      });
      return value;
    };
    expect(find(stored, '折算总分（满分100）')).toBe(sheet.total);
    expect(find(recalc, '折算总分（满分100）')).toBe(sheet.total);
  }, 300_000);

  it('the document properties name the snapshot: 定稿 or 草稿 and the run', async () => {
    const custom = await (await parts(after.docx)).file('docProps/custom.xml')!.async('string');
    expect(custom).toMatch(/name="快照状态"[\s\S]*?<vt:lpwstr>(定稿|草稿)<\/vt:lpwstr>/);
    expect(custom).toMatch(new RegExp(`name="计算批次"[\\s\\S]*?<vt:lpwstr>${sheet.runId}</vt:lpwstr>`));
    const xml = await (await parts(after.docx)).file('word/document.xml')!.async('string');
    expect(paragraphTexts(xml).join('')).toMatch(sheet.snapshot.state === '定稿' ? /（定稿）/ : /（草稿）/);
  });
});

describe('the annual report of a five-year evaluation year', () => {
  it('is generated with a notice on its first page, and the service (CLI and UI) answers with the same notice', async () => {
    // 2025 ends the 2021–2025 window: its tracking is folded into the five-year evaluation
    for (const file of [district.docx, city.docx]) {
      const texts = paragraphTexts(await (await parts(file)).file('word/document.xml')!.async('string')).filter((t) => t.trim());
      const notice = texts.slice(0, 4).find((t) => t.includes('五年评估年'));
      expect(notice, `${basename(file)}: notice among the first paragraphs`).toBeDefined();
      expect(notice).toContain('2021—2025年五年评估报告');
    }
    const api = createService(sample.ws);
    const r = await api.dispatch('reports/generate', { year: 2025, entity: DISTRICT, outDir: join(sample.dir, 'via-service') });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.result.notice).toContain('2025年为五年评估年');
    const text = paragraphTexts(await (await parts(r.result.files[0]!.docx)).file('word/document.xml')!.async('string')).join('');
    expect(text).toContain(r.result.notice);
  });

  it('says nothing of the kind in another year or in the five-year report itself', () => {
    expect(annualNotice(2024, 'annual')).toBeNull();
    expect(annualNotice(2025, 'five-year')).toBeNull();
  });
});

describe('reviewer nits', () => {
  it('words the tiered A1 by what its band means, never as "2档"', async () => {
    for (const file of [district.docx, city.docx]) {
      const texts = paragraphTexts(await (await parts(file)).file('word/document.xml')!.async('string'));
      expect(texts.filter((t) => /\d档/.test(t)), basename(file)).toEqual([]);
      const a1 = texts.find((t) => t.includes('分区管控方案') && t.includes('备案'));
      expect(a1, `${basename(file)}: a sentence on the plan's filing`).toBeDefined();
    }
  });

  it('the unit-type table gives a type without units an area of 0, not "—"', async () => {
    const xml = await (await parts(district.docx)).file('word/document.xml')!.async('string');
    const t = tableWithHeader(xml, '单元类型');
    const rows = t.slice(1).filter((r) => /管控单元$|保护单元$/.test(r[0]!));
    expect(rows).toHaveLength(3);
    for (const r of rows) if (r[1] === '0') expect(r[2], r[0]).not.toBe('—');
  });

  it('a problem done after its deadline is not called 逾期未整改', async () => {
    for (const file of [district.docx, city.docx]) {
      const xml = await (await parts(file)).file('word/document.xml')!.async('string');
      expect(paragraphTexts(xml).join('') + tableRows(xml).flat().join(''), basename(file)).not.toContain('逾期未整改');
    }
  });
});

describe('title of a county with a long name', () => {
  it('breaks into two balanced lines, none wider than the 20 characters a 22 pt line holds', async () => {
    const county = await writeDistrictReport(sample.ws, 2025, '500243', join(sample.dir, 'county'));
    const xml = await (await parts(county.docx)).file('word/document.xml')!.async('string');
    const title = /<w:p>(?:(?!<\/w:p>)[\s\S])*?w:val="ztTitle"[\s\S]*?<\/w:p>/.exec(xml)![0];
    // the lines: text between the breaks
    const lines = title.split(/<w:br\/>/).map((part) => [...part.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')).filter(Boolean);
    expect(lines.join('')).toBe('彭水苗族土家族自治县2025年度生态环境分区管控跟踪评估自评报告');
    expect(lines).toHaveLength(2);
    const width = (t: string) => [...t].reduce((w, ch) => w + (/[\u1100-\uFFFF]/.test(ch) ? 2 : 1), 0);
    for (const l of lines) expect(width(l), l).toBeLessThanOrEqual(40);
  });
});
