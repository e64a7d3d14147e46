// Reports re-opened as files: every number in the .docx text and tables and in the .xlsx sheets is the stored
// value (`zonetrack value` / getMeasure), the workbook totals are live formulas that compute the stored totals,
// the documents carry the official look and their manifest, and files are written atomically.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, readdir, readFile, writeFile, stat } from 'node:fs/promises';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { scoreRanking } from '../indicators/scoring/score-ranking.js';
import { writeAllReports, writeAtomically, writeCityReport, writeDistrictReport, type WrittenReport } from '../reports/write-reports.js';
import type { WatchFlag } from '../reports/report-data.js';
import { UNIT_COLUMNS } from '../reports/unit-rows.js';
import { vetoCap } from '../reports/xlsx/scoring-workbook.js';
import { getMeasure, getValue, ranking, scoreSheets, type IndicatorValue, type ScoreSheet } from '../indicators/results.js';
import { formatPoints, formatValue } from '../indicators/value-format.js';
import { unitsInForceSql } from '../analytics/units/unit-plans.js';
import { TEST_DISTRICTS, buildSampleWorkspace, type SampleWorkspace } from './helpers/sample-workspace.js';
import { watchList } from '../indicators/watchlist/watchlist.js';
import { setManualScore, setReviewScore } from '../indicators/scoring/enter-scores.js';
import { activeCatalogue } from '../indicators/catalogue/load-catalogue.js';
import { addLayer } from '../indicators/catalogue/workspace-layers.js';
import { computeIndicators } from '../indicators/engine.js';
import { createService } from '../service/zonetrack-service.js';
import { writeSettings } from '../analytics/settings/workspace-settings.js';
import { setAuditUser } from '../analytics/audit/audit-log.js';
import { localNow } from '../service/clock.js';

const DISTRICT = '500112';
const ISSUER = '重庆市渝北区生态环境局';
const OPERATOR = '李四';
const INJECTED = '=HYPERLINK("http://x","点击")';
let sample: SampleWorkspace;
let report: WrittenReport;
let values: IndicatorValue[];
let sheet: ScoreSheet;
let units: { unit_code: string; unit_name: string; unit_type: number }[];
let flags: WatchFlag[];

beforeAll(async () => {
  sample = await buildSampleWorkspace();
  units = await sample.ws.all(`SELECT unit_code, unit_name, unit_type::INTEGER AS unit_type FROM ${unitsInForceSql(2025)}
    WHERE district_code = '${DISTRICT}' ORDER BY unit_type, unit_code`);
  // A name as an imported file may carry it: it must stay text in every output, never become a formula.
  await sample.ws.run(`UPDATE units SET unit_name = $n WHERE unit_code = $c`, { n: INJECTED, c: units.at(-1)!.unit_code });
  units.at(-1)!.unit_name = INJECTED;
  const keyUnit = units.find((u) => u.unit_type === 2)!;
  flags = [{
    unitCode: keyUnit.unit_code, unitName: keyUnit.unit_name, unitType: '重点管控', unitTypeNo: 2, district: DISTRICT, districtName: '渝北区', flag: '生态环境问题突出',
    evidence: [{ condition: '逾期未整改问题', value: 2, threshold: 0, records: ['WT-001'] }, { condition: 'PM2.5高于目标', value: 37, threshold: 35 }],
  }];
  await sample.ws.transaction(async (tx) => {
    await writeSettings(tx, { issuer: ISSUER, documentDate: '2026-01-15' });
    await setAuditUser(tx, OPERATOR);
  });
  report = await writeDistrictReport(sample.ws, 2025, DISTRICT, join(sample.dir, 'out'));
  [sheet] = await scoreSheets(sample.ws, 2025, DISTRICT) as [ScoreSheet];
  values = await Promise.all(sheet.items.map((i) => getValue(sample.ws, i.indicator, DISTRICT, 2025)));
}, 400_000); // sample import + compute + the year's data-quality scan, on a shared machine

afterAll(async () => {
  await sample.ws.close();
});

async function part(file: string, name: string): Promise<string> {
  const zip = await JSZip.loadAsync(await readFile(file));
  const f = zip.file(name);
  if (!f) throw new Error(`missing ${name}`);
  return f.async('string');
}

/** The text of each cell of each table row, in document order. */
function tableRows(xml: string): string[][] {
  return [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((tr) =>
    [...tr[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((tc) => unescape([...tc[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''))));
}

/**
 * The 评分表's data validations as written, by range: one per input column, its upper bound a reference relative to
 * the range's first row ("$C3", so each row is bounded by its own 分值), which exceljs reads back as NaN.
 */
async function scoreValidations(file: string): Promise<Map<string, { type: string; formulae: string[] }>> {
  const xml = await part(file, 'xl/worksheets/sheet1.xml'); // 评分表 is the workbook's first sheet
  return new Map([...xml.matchAll(/<dataValidation ([^>]*)>([\s\S]*?)<\/dataValidation>/g)].map((m) => [
    /sqref="([^"]+)"/.exec(m[1]!)![1]!,
    { type: /type="([^"]+)"/.exec(m[1]!)?.[1] ?? '', formulae: [...m[2]!.matchAll(/<formula\d>([^<]*)<\/formula\d>/g)].map((f) => f[1]!) },
  ]));
}

function unescape(t: string): string {
  return t.replaceAll('&quot;', '"').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&apos;', "'").replaceAll('&amp;', '&');
}

/** Paragraph texts with their style id, in document order. */
function paragraphs(xml: string): { style: string | null; text: string }[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => ({
    style: /<w:pStyle w:val="([^"]+)"/.exec(p[0])?.[1] ?? null,
    text: unescape([...p[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')),
  }));
}

describe('district .docx', () => {
  it('its indicator table holds the same numbers as the value query, for every computed indicator', async () => {
    const rows = tableRows(await part(report.docx, 'word/document.xml'));
    for (const v of values) {
      const row = rows.find((r) => r[0] === `${v.indicator} ${v.name}` && r.length === 8);
      expect(row, `row for ${v.indicator}`).toBeDefined();
      expect(row![2]).toBe(formatValue(v.value, v.decimals));
      expect(row![3]).toBe(formatValue(v.target, v.decimals));
      expect(row![4]).toBe(v.status);
      expect(row![6]).toBe(formatPoints(v.points));
      expect(row![7]).toBe(formatValue(v.denominator, 0));
      // the annex score sheet repeats them
      const annex = rows.find((r) => r.includes(`${v.indicator} ${v.name}`) && r.includes(v.explanation));
      expect(annex, `annex row ${v.indicator}`).toBeDefined();
    }
    const total = rows.find((r) => r[0] === '合计' && r.at(-1)!.startsWith('折算总分'))!;
    expect(total.at(-1)).toBe(`折算总分${formatPoints(sheet.total)}分（满分100），等级：${sheet.grade}${sheet.vetoes.length ? `；否决项${sheet.vetoes.map((v) => v.id).join('、')}触发，等级最高为${vetoCap(sheet, activeCatalogue().grades)}` : ''}`);
  });

  it('its sentences quote the figures of the tables, with comparison words from the data', async () => {
    const text = paragraphs(await part(report.docx, 'word/document.xml')).map((p) => p.text).join('\n');
    const c1 = values.find((v) => v.indicator === 'C1')!;
    const c2 = values.find((v) => v.indicator === 'C2')!;
    expect(text).toContain(`PM2.5年均浓度为${formatValue(c1.value, 0)}微克/立方米`);
    expect(text).toContain(`空气质量优良天数比例为${formatValue(c2.value, 1)}%`);
    if (c1.target !== null && c1.value !== null) {
      expect(text).toContain(c1.value < c1.target ? `优于年度目标（${formatValue(c1.target, 0)}微克/立方米）`
        : c1.value > c1.target ? `未达到年度目标（${formatValue(c1.target, 0)}微克/立方米）` : '达到年度目标');
    }
    expect(text).toContain('渝北区2025年度生态环境分区管控');
    expect(text).toContain('示例数据');
    expect(text).toContain('GB 3095-2012');
    expect(text).toContain(`自评总分${formatPoints(sheet.total)}分`);
    // C6/C8 are named as rates and scored per item short of them: the sentence gives the rate and the count
    const c6 = values.find((v) => v.indicator === 'C6')!;
    expect(c6.value).not.toBeNull();
    expect(c6.unit).toBe('%');
    expect(text).toContain(`断面水质目标达标率为${formatValue((c6.numerator! / c6.denominator!) * 100, 1)}%（${formatValue(c6.denominator, 0)}个断面中${formatValue(c6.numerator, 0)}个达到水质目标）`);
    expect(text).toContain(`未达目标断面${formatValue(c6.denominator! - c6.numerator!, 0)}个`);
    expect(text).not.toMatch(/达标率为[\d.]+个/);
    // a list that came out empty leaves no empty brackets behind
    expect(text).not.toContain('（）');
    // human sections carry a visible placeholder when no text was given
    expect(text.match(/【待填写：[^】]+】/g)!.length).toBeGreaterThanOrEqual(4);
    // the report carries the year's watch list as computed for this district (or says there is none)
    const flagged = (await watchList(sample.ws, 2025)).filter((f) => f.district === DISTRICT);
    if (flagged.length === 0) expect(text).toContain('本年度无预警单元');
    for (const f of flagged) expect(text).toContain(f.unitCode);
  });

  it('its data-quality text, annex and sheet are about this district only, with no padding rows', async () => {
    const xml = await part(report.docx, 'word/document.xml');
    const text = paragraphs(xml).map((p) => p.text).join('\n');
    expect(text).not.toContain('检查范围为全市');
    expect(text).toContain('检查范围为渝北区2025年的数据');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(report.xlsx);
    const sheetText = wb.getWorksheet('数据质量')!.getSheetValues().flat().join('\n');
    // no station, case, permit or approval of another district is named as an example
    const foreign = (await sample.ws.all<{ code: string }>(`
      SELECT station_code AS code FROM air_stations WHERE district_code <> $d
      UNION ALL SELECT case_no FROM cases WHERE district_code <> $d
      UNION ALL SELECT permit_no FROM permit_holders WHERE district_code <> $d
      UNION ALL SELECT approval_no FROM eia_approvals WHERE district_code <> $d
      UNION ALL SELECT problem_id FROM problems WHERE district_code <> $d`, { d: DISTRICT })).map((r) => r.code);
    expect(foreign.length).toBeGreaterThan(10);
    for (const code of foreign) {
      expect(text, code).not.toContain(code);
      expect(sheetText, code).not.toContain(code);
    }
    // the district's own open cases are counted and named
    const own = await sample.ws.all<{ case_no: string }>("SELECT case_no FROM cases WHERE district_code = $d AND year(filed_on) = 2025 AND closed_on IS NULL", { d: DISTRICT });
    const row = tableRows(xml).find((r) => r[1] === '尚未结案的处罚案件')!;
    expect(row[2]).toBe(String(own.length));
    for (const rows of [tableRows(xml), wb.getWorksheet('数据质量')!.getSheetValues().map((r) => (Array.isArray(r) ? r.map(String) : []))]) {
      expect(rows.filter((r) => r[1] === '记录数' || r[2] === '记录数')).toEqual([]);
    }
  });

  it('follows the §8.2 outline with heading styles, numbered tables and figures, and sources under tables', async () => {
    const ps = paragraphs(await part(report.docx, 'word/document.xml'));
    const headings = ps.filter((p) => p.style === 'Heading1').map((p) => p.text);
    expect(headings.slice(0, 8)).toEqual(['一、基本情况', '二、组织实施', '三、成果管理', '四、成果应用', '五、环境质量与目标完成情况',
      '六、污染排放与监管', '七、问题清单', '八、整改措施与下一步工作']);
    expect(headings.filter((h) => h.startsWith('附件'))).toEqual([]);
    const captions = ps.filter((p) => p.style === 'ztCaption').map((p) => p.text);
    const tables = captions.filter((c) => c.startsWith('表')).map((c) => Number(/^表(\d+)/.exec(c)![1]));
    const figures = captions.filter((c) => c.startsWith('图')).map((c) => Number(/^图(\d+)/.exec(c)![1]));
    expect(tables).toEqual(tables.map((_, k) => k + 1));
    expect(figures).toEqual([1, 2]);
    expect(ps.filter((p) => p.style === 'ztSource' && p.text.startsWith('数据来源')).length).toBeGreaterThanOrEqual(4);
  });

  it('has the GB/T 9704 elements: 附件说明, 落款 and 成文日期 from the settings, each annex on a new page under its label, a 22-line grid', async () => {
    const xml = await part(report.docx, 'word/document.xml');
    const ps = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => m[0]);
    const text = (p: string) => unescape([...p.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''));
    const labels = ps.filter((p) => p.includes('w:val="ztAnnexLabel"'));
    expect(labels.map(text)).toEqual(['附件1', '附件2', '附件3', '附件4', '附件5', '附件6', '附件7']);
    for (const l of labels) expect(l).toMatch(/<w:pageBreakBefore\/>|<w:pageBreakBefore w:val="(true|1|on)"\/>/);
    const titles = ps.filter((p) => p.includes('w:val="ztAnnexTitle"')).map(text);
    expect(titles).toHaveLength(7);
    expect(titles.at(-1)).toBe('数据来源说明');
    // the 附件说明 lists the same titles, before the signature, after the last body section
    const all = ps.map(text);
    const note = all.findIndex((t) => t.startsWith('附件：'));
    expect(note).toBeGreaterThan(all.indexOf('八、整改措施与下一步工作'));
    expect(all.slice(note, note + 7)).toEqual(titles.map((t, k) => `${k === 0 ? '附件：' : ''}${k + 1}. ${t}`));
    expect(all.slice(note + 7, note + 10).filter(Boolean)).toEqual([ISSUER, '2026年1月15日']);
    expect(all[note + 10]).toBe('附件1');
    // the type block holds 22 lines: line pitch and exact body line height 225 mm / 22
    expect(xml).toMatch(/<w:docGrid [^>]*w:linePitch="579"/);
    // no hashes, version strings or run numbers in the body: those are document properties
    const body = all.join('\n');
    for (const b of values.flatMap((v) => v.batches)) expect(body).not.toContain(b.sha256.slice(0, 16));
    expect(body).not.toMatch(/default-2025|计算批次|ZoneTrack版本|0\.\d+\.\d+/);
    expect(body).not.toContain('本表含本版本已计算的指标');
    // every section with sub-headings has at least two (no lone （一）)
    const seq = paragraphs(xml).filter((p) => p.style === 'Heading1' || p.style === 'Heading2');
    let run = 0;
    for (const [k, p] of seq.entries()) {
      if (p.style === 'Heading2') run++;
      if (k === seq.length - 1 || seq[k + 1]!.style === 'Heading1') {
        expect(run, p.text).not.toBe(1);
        run = 0;
      }
    }
    const core = await part(report.docx, 'docProps/core.xml');
    expect(core).toContain(`<dc:creator>${OPERATOR}</dc:creator>`);
    expect(core).toContain(`<cp:lastModifiedBy>${OPERATOR}</cp:lastModifiedBy>`);
  });

  it('sets chemical subscripts, one unit style, no empty brackets, and column widths that keep numbers and short headers on one line', async () => {
    const xml = await part(report.docx, 'word/document.xml');
    // PM2.5 and O3 as PM + subscript 2.5, O + subscript 3 (the joined text is unchanged)
    expect(xml).toMatch(/<w:t[^>]*>PM<\/w:t><\/w:r><w:r><w:rPr>(?:(?!<\/w:rPr>).)*<w:vertAlign w:val="subscript"\/>(?:(?!<\/w:rPr>).)*<\/w:rPr><w:t[^>]*>2\.5<\/w:t>/);
    expect(xml).not.toMatch(/<w:t[^>]*>[^<]*PM2\.5/);
    const text = paragraphs(xml).map((p) => p.text).join('\n') + tableRows(xml).flat().join('\n');
    expect(text).not.toContain('μg/m³');
    expect(text).toContain('微克/立方米');
    expect(text).not.toContain('（）');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(report.xlsx);
    for (const w of wb.worksheets) {
      w.eachRow((r) => r.eachCell((c) => {
        expect(String(c.value ?? ''), `${w.name}!${c.address}`).not.toMatch(/（）|μg\/m³/);
      }));
    }
    // every table has a fixed layout and a grid; a cell holding a number or a header of up to four characters
    // is at least as wide as its text (10.5 pt: 105 twips per half-width character) plus the cell margins
    const tables = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]);
    expect(tables.length).toBeGreaterThan(5);
    const halfWidths = (t: string) => [...t].reduce((w, ch) => w + (/[\u1100-\uFFFF]/.test(ch) ? 2 : 1), 0);
    let checked = 0;
    for (const t of tables) {
      expect(t).toContain('<w:tblLayout w:type="fixed"/>');
      for (const tc of t.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)) {
        const width = Number(/<w:tcW w:type="dxa" w:w="(\d+)"\/>|<w:tcW w:w="(\d+)" w:type="dxa"\/>/.exec(tc[0])?.slice(1).find(Boolean) ?? 0);
        for (const p of tc[0].matchAll(/<w:p>[\s\S]*?<\/w:p>|<w:p [\s\S]*?<\/w:p>/g)) {
          const line = unescape([...p[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''));
          if (/^-?[\d.,%]+$/.test(line) || /^\p{Script=Han}{2,4}$/u.test(line)) {
            expect(width, line).toBeGreaterThanOrEqual(halfWidths(line) * 105 + 114);
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('uses East-Asian official fonts, GB/T 9704 page, "— N —" odd/even page numbers, repeated table headers', async () => {
    const styles = await part(report.docx, 'word/styles.xml');
    for (const f of ['仿宋_GB2312', '方正小标宋简体', '黑体', '楷体_GB2312']) expect(styles).toContain(`w:eastAsia="${f}"`);
    expect(styles).toMatch(/w:styleId="Heading1"[\s\S]*?w:eastAsia="黑体"/);
    const doc = await part(report.docx, 'word/document.xml');
    expect(doc).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(doc).toMatch(/w:top="2098"/);
    const tblCount = (doc.match(/<w:tbl>/g) ?? []).length;
    expect((doc.match(/<w:tblHeader\/>|<w:tblHeader w:val="(true|1|on)"\/>/g) ?? []).length).toBe(tblCount);
    const settings = await part(report.docx, 'word/settings.xml');
    expect(settings).toContain('<w:evenAndOddHeaders');
    const zip = await JSZip.loadAsync(await readFile(report.docx));
    const footers = await Promise.all(zip.file(/^word\/footer\d*\.xml$/).map((f) => f.async('string')));
    expect(footers.length).toBeGreaterThanOrEqual(2);
    for (const f of footers) {
      expect(f).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
      expect(f).toContain('— ');
      expect(f).toContain('w:eastAsia="宋体"');
    }
    expect(footers.join('')).toMatch(/w:jc w:val="right"/);
    expect(footers.join('')).toMatch(/w:jc w:val="left"/);
  });

  it('its unit annex holds each unit’s stored measures, and says 无站点 rather than borrowing the district value', async () => {
    const rows = tableRows(await part(report.docx, 'word/document.xml'));
    let absentSeen = 0;
    for (const u of units) {
      const row = rows.find((r) => r[0] === u.unit_code && r.length === 8);
      expect(row, u.unit_code).toBeDefined();
      expect(row![1]).toBe(u.unit_name);
      for (const [k, c] of UNIT_COLUMNS.slice(0, 5).entries()) {
        const m = await getMeasure(sample.ws, c.measure, u.unit_code, 2025);
        const expected = m.value === null ? c.absent : formatValue(m.value, c.decimals);
        expect(row![3 + k], `${u.unit_code} ${c.measure}`).toBe(expected);
        if (m.value === null && c.absent === '无站点') absentSeen++;
      }
    }
    expect(absentSeen).toBeGreaterThan(0);
  });

  it('carries its manifest in the document properties; regenerating gives the same manifest and numbers', { timeout: 180_000 }, async () => {
    const custom = await part(report.docx, 'docProps/custom.xml');
    expect(custom).toContain('default-2025');
    expect(custom).toContain('GB 3095-2012');
    expect(custom).toContain('ZoneTrack版本');
    for (const b of values.flatMap((v) => v.batches)) expect(custom).toContain(b.sha256.slice(0, 16));
    const again = await writeDistrictReport(sample.ws, 2025, DISTRICT, join(sample.dir, 'again'));
    expect(await part(again.docx, 'docProps/custom.xml')).toBe(custom);
    expect(tableRows(await part(again.docx, 'word/document.xml'))).toEqual(tableRows(await part(report.docx, 'word/document.xml')));
  });

  it('holds a native, editable twelve-month chart and a rendered unit tile image', async () => {
    const zip = await JSZip.loadAsync(await readFile(report.docx));
    const chart = zip.file(/charts\/chart\d*\.xml/)[0];
    expect(await chart!.async('string')).toContain('12月');
    const png = zip.file(/media\/.*\.png$/)[0];
    expect(png, 'tile image').toBeDefined();
    const bytes = await png!.async('nodebuffer');
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    expect(bytes.length).toBeGreaterThan(2000);
  });

  it('lists watch-list units with their evidence when flags are given', { timeout: 180_000 }, async () => {
    const r = await writeDistrictReport(sample.ws, 2025, DISTRICT, join(sample.dir, 'flags'), { watchFlags: flags, userText: { organisation: '区政府成立分区管控工作专班。' } });
    const xml = await part(r.docx, 'word/document.xml');
    const text = paragraphs(xml).map((p) => p.text).join('\n');
    expect(text).not.toContain('本年度无预警单元');
    expect(text).toContain('区政府成立分区管控工作专班。');
    expect(text).not.toContain('【待填写：责任机制');
    const row = tableRows(xml).find((x) => x[0] === flags[0]!.unitCode && x[3] === '生态环境问题突出');
    expect(row).toBeDefined();
    expect(row![4]).toContain('逾期未整改问题：2（阈值0）；记录WT-001');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(r.xlsx);
    const w = wb.getWorksheet('预警清单')!;
    expect(w.getRow(3).values).toEqual(expect.arrayContaining(['渝北区', flags[0]!.unitCode, '生态环境问题突出', '逾期未整改问题', 2, 0, 'WT-001']));
  });
});

describe('district .xlsx', () => {
  async function open(file = report.xlsx) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    return wb;
  }

  it('has the sheets of the workbook look, each frozen below its headers and set up for landscape A4', async () => {
    const wb = await open();
    expect(wb.worksheets.map((w) => w.name)).toEqual(['评分表', '指标汇总', '单元明细', '预警清单', '数据质量', '数据来源', '生成信息']);
    for (const w of wb.worksheets) {
      expect(w.views[0], w.name).toMatchObject({ state: 'frozen' });
      expect(w.pageSetup.orientation, w.name).toBe('landscape');
      expect(w.pageSetup.fitToWidth, w.name).toBe(1);
    }
    const flagged = (await watchList(sample.ws, 2025)).filter((f) => f.district === DISTRICT);
    const firstRow = wb.getWorksheet('预警清单')!.getRow(3);
    if (flagged.length === 0) expect(firstRow.getCell(1).value).toBe('本年度无预警单元');
    else expect(firstRow.getCell(2).value).toBe(flagged[0]!.unitCode);
  });

  it('评分表: live totals compute the stored totals; validation on score cells; values as the value query', async () => {
    const ws = (await open()).getWorksheet('评分表')!;
    const headers = ws.getRow(2).values as unknown[];
    const c = (h: string) => headers.indexOf(h);
    expect([c('系统计算得分'), c('自评得分'), c('是否适用'), c('佐证材料编号'), c('审核得分'), c('差异（审核−自评）')]).toEqual([8, 9, 10, 12, 13, 14]);
    const rows = Array.from({ length: ws.rowCount }, (_, i) => ws.getRow(i + 1));
    for (const v of values) {
      const row = rows.find((r) => r.getCell(2).value === `${v.indicator} ${v.name}`)!;
      expect(row, v.indicator).toBeDefined();
      const item = sheet.items.find((i) => i.indicator === v.indicator)!;
      expect(row.getCell(7).value).toBe(v.value);
      expect(row.getCell(8).value).toBe(item.computedPoints);
      // 自评得分 is the score the total counts: blank for a 不适用 item (outside the total) and for a manual item
      // not yet self-scored (marked to fill); a computed one carries its points
      if (item.status === '不适用' || item.selfScore === null) expect(row.getCell(9).value, v.indicator).toBeNull();
      else expect(row.getCell(9).value, v.indicator).toBe(item.points);
      if (item.computedPoints !== null && item.status !== '不适用') expect(row.getCell(9).value).toBe(v.points);
      // the score cells are validated, each bounded by its row's 分值 (the range validations are checked below)
      expect(row.getCell(3).value).toBe(v.maxPoints);
      expect(row.getCell(9).dataValidation).toMatchObject({ type: 'decimal' });
      expect(row.getCell(13).dataValidation).toMatchObject({ type: 'decimal' });
      expect((row.getCell(14).value as ExcelJS.CellFormulaValue).formula).toBe(`IF(OR(M${row.number}="",I${row.number}=""),"",M${row.number}-I${row.number})`);
    }
    const manualBlank = sheet.items.filter((i) => i.selfScore === null && i.status !== '不适用');
    for (const i of manualBlank) {
      const cell = rows.find((r) => r.getCell(2).value === `${i.indicator} ${i.name}`)!.getCell(9);
      expect(cell.value, i.indicator).toBeNull();
      expect(cell.fill, i.indicator).toMatchObject({ type: 'pattern', pattern: 'solid' });
    }
    const totalRow = rows.find((r) => r.getCell(1).value === '合计（适用指标）')!;
    const last = totalRow.number - 1;
    expect(last - 2).toBe(sheet.items.length);
    // one validation over each score column, 0 … the row's own 分值 (C, relative from the first item row)
    const dv = await scoreValidations(report.xlsx);
    expect(dv.get(`I3:I${last}`)).toEqual({ type: 'decimal', formulae: ['0', '$C3'] });
    expect(dv.get(`M3:M${last}`)).toEqual({ type: 'decimal', formulae: ['0', '$C3'] });
    const total = totalRow.getCell(9).value as ExcelJS.CellFormulaValue;
    expect(total.formula).toBe(`SUMIF(J3:J${last},"是",I3:I${last})`);
    expect((totalRow.getCell(8).value as ExcelJS.CellFormulaValue).formula).toBe(`SUMIF(J3:J${last},"是",H3:H${last})`);
    // evaluate the formulas over the cells as a spreadsheet would
    const sumIf = (col: number) => rows.slice(2, last).filter((r) => r.getCell(10).value === '是').reduce((a, r) => a + Number(r.getCell(col).value ?? 0), 0);
    expect(sumIf(9)).toBeCloseTo(sheet.earned, 6);
    expect(sumIf(3)).toBe(sheet.applicableMax);
    expect(total.result).toBeCloseTo(sheet.earned, 6);
    const gradeRow = ws.getRow(totalRow.number + 1);
    // the rescaled total rounded half to even (GB/T 8170), as the sheet's total is: ROUND, taken back down by 0.1
    // on an exact half whose kept digit is even
    const n = totalRow.number;
    expect((gradeRow.getCell(3).value as ExcelJS.CellFormulaValue).formula)
      .toMatch(new RegExp(`^IF\\(C${n}=0,0,\\(ROUND\\(I${n}/C${n}\\*100,1\\)-IF\\(AND\\(.*MOD\\(INT\\(.*,2\\)=0\\),0\\.1,0\\)\\)\\)$`));
    expect(Math.round((sumIf(9) / sumIf(3)) * 1000) / 10).toBeCloseTo(sheet.total, 6);
    const formula = (gradeRow.getCell(5).value as ExcelJS.CellFormulaValue).formula;
    expect(formula.replaceAll(`C${gradeRow.number}`, 'T')).toMatch(/^IF\(T>=90,"(优秀|良好|合格)",IF\(T>=70,"(良好|合格)",IF\(T>=60,"合格","不合格"\)\)\)$/);
    expect(evaluateGrade(formula, sheet.total)).toBe(sheet.grade);
    if (sheet.vetoes.length === 0) expect(formula).toContain('"优秀"');
    // before any review the review total is empty
    expect((totalRow.getCell(13).value as ExcelJS.CellFormulaValue).formula).toMatch(/^IF\(COUNT\(M3:M\d+\)=0,"",/);
    expect([undefined, '']).toContain((totalRow.getCell(13).value as ExcelJS.CellFormulaValue).result);
    expect(ws.getRow(totalRow.number + 3).getCell(3).value).toEqual(sheet.vetoes.length ? expect.stringContaining('等级最高为') : '无否决项触发');
    const applicable = rows.slice(2, last).map((r) => r.getCell(10).value);
    expect(applicable.filter((x) => x === '否').length).toBe(sheet.items.filter((i) => i.status === '不适用').length);
  });

  it('指标汇总 and 单元明细 hold the stored values; a name starting with "=" stays text', async () => {
    const wb = await open();
    const sum = wb.getWorksheet('指标汇总')!;
    const header = sum.getRow(3).values as unknown[];
    const row = sum.getRow(4);
    expect(row.getCell(1).value).toBe(DISTRICT);
    for (const v of values) {
      // a unitless indicator (C12 ΔEQI) has no empty brackets
      const col = header.indexOf(v.unit ? `${v.indicator} ${v.name}（${v.unit}）` : `${v.indicator} ${v.name}`);
      expect(col, v.indicator).toBeGreaterThan(0);
      expect(row.getCell(col).value).toBe(v.value);
    }
    expect(sum.getRow(2).getCell(3).value).toBe(sheet.items[0]!.dimension);
    const det = wb.getWorksheet('单元明细')!;
    const detRows = Array.from({ length: det.rowCount - 2 }, (_, i) => det.getRow(i + 3));
    for (const u of units) {
      const r = detRows.find((x) => x.getCell(2).value === u.unit_code)!;
      expect(r, u.unit_code).toBeDefined();
      expect(r.getCell(3).value).toBe(u.unit_name);
      const pm = await getMeasure(sample.ws, 'air.pm25_annual_mean', u.unit_code, 2025);
      expect(r.getCell(6).value).toBe(pm.value ?? '无站点');
    }
    // the raw sheet XML: the injected name is a string cell, and no formula holds it
    const zip = await JSZip.loadAsync(await readFile(report.xlsx));
    const names = Object.keys(zip.files).filter((n) => /xl\/worksheets\/sheet\d+\.xml$/.test(n));
    for (const n of names) expect(await zip.file(n)!.async('string')).not.toContain('<f>HYPERLINK');
    const injectedCell = detRows.find((x) => x.getCell(3).value === INJECTED)!.getCell(3);
    expect(injectedCell.type).toBe(ExcelJS.ValueType.String);
    const docText = paragraphs(await part(report.docx, 'word/document.xml')).map((p) => p.text).join('');
    expect(docText).toContain(INJECTED);
  });

  it('数据来源 lists every batch with its full sha256, and 生成信息 the manifest', async () => {
    const wb = await open();
    const src = wb.getWorksheet('数据来源')!;
    const shas = Array.from({ length: src.rowCount - 2 }, (_, i) => src.getRow(i + 3).getCell(6).value);
    for (const b of values.flatMap((v) => v.batches)) expect(shas).toContain(b.sha256);
    // 生成信息: first in words (the computation and 定稿/草稿, each data file), then the manifest the properties carry
    const man = wb.getWorksheet('生成信息')!;
    const rows = Array.from({ length: man.rowCount - 2 }, (_, i) => [man.getRow(i + 3).getCell(1).value, man.getRow(i + 3).getCell(2).value]);
    const manifest = JSON.parse(wb.description!) as Record<string, string>;
    expect(manifest['指标体系']).toBe(`${sheet.catalogue.id} ${sheet.catalogue.version}`);
    expect(manifest['计算批次']).toBe(String(sheet.runId));
    expect(rows.slice(-Object.keys(manifest).length)).toEqual(Object.entries(manifest));
    const words = rows.slice(0, rows.length - Object.keys(manifest).length);
    expect(words).toContainEqual(['计算', `第${sheet.runId}次计算（${sheet.snapshot.state}）`]);
    const files = words.slice(words.findIndex((w) => w[0] === '数据文件')).map((w) => String(w[1]));
    for (const b of values.flatMap((v) => v.batches)) expect(files.some((f) => f.includes(`：${b.file}（`)), b.file).toBe(true);
  });
});

describe('city summary report', () => {
  let city: WrittenReport;
  beforeAll(async () => {
    city = await writeCityReport(sample.ws, 2025, join(sample.dir, 'city'), { watchFlags: flags });
  }, 300_000);

  it('ranks all districts by score and by indicator, and compares self and review scores', async () => {
    const sheets = await scoreSheets(sample.ws, 2025);
    const xml = await part(city.docx, 'word/document.xml');
    const rows = tableRows(xml);
    // one precision for scores (0.0); ranked by grade after vetoes, then total (scoreRanking)
    const ranked = scoreRanking(sheets);
    for (const s of sheets) {
      const row = rows.find((r) => r[1] === s.entity && r.length === 9)!;
      expect(row, s.entity).toBeDefined();
      expect(row[3]).toBe(formatValue(s.earned, 1));
      expect(row[5]).toBe(formatValue(s.total, 1));
      expect(row[6]).toBe(s.grade);
      expect(row[0]).toBe(String(ranked.find((r) => r.entity === s.entity)!.rank ?? '—'));
      const cmp = rows.find((r) => r[0] === s.entity && r.length === 5)!;
      expect(cmp).toEqual([s.entity, s.name, formatValue(s.total, 1), '待审核', '—']);
    }
    const c1 = await ranking(sample.ws, 2025, 'C1');
    for (const r of c1.rows) {
      const row = rows.find((x) => x.length === 7 && x[1] === r.entity && x[3] === formatValue(r.value, c1.decimals));
      expect(row, `C1 rank ${r.entity}`).toBeDefined();
      expect(row![0]).toBe(r.rank === null ? '—' : String(r.rank));
    }
    const text = paragraphs(xml).map((p) => p.text).join('\n');
    const cityC1 = await getValue(sample.ws, 'C1', 'city', 2025);
    expect(text).toContain(`全市PM2.5年均浓度为${formatValue(cityC1.value, 0)}微克/立方米`);
    expect(text).toContain(flags[0]!.unitCode);
    expect(text).toContain('全市2025年度生态环境分区管控');
  });

  it('its streamed workbook opens, with an editable review column and a live difference formula', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(city.xlsx);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['评分汇总', '指标汇总', '单元明细', '预警清单', '数据质量', '数据来源', '生成信息']);
    const ws = wb.getWorksheet('评分汇总')!;
    const sheets = await scoreSheets(sample.ws, 2025);
    const rows = Array.from({ length: sheets.length }, (_, i) => ws.getRow(i + 3));
    for (const s of sheets) {
      const r = rows.find((x) => x.getCell(2).value === s.entity)!;
      expect(r.getCell(6).value).toBe(s.total);
      expect((r.getCell(9).value as ExcelJS.CellFormulaValue).formula).toBe(`IF(H${r.number}="","",H${r.number}-F${r.number})`);
      expect(r.getCell(8).dataValidation).toMatchObject({ type: 'decimal', formulae: [0, 100] });
    }
    const avg = ws.getRow(3 + sheets.length);
    expect((avg.getCell(6).value as ExcelJS.CellFormulaValue).formula).toBe(`AVERAGE(F3:F${2 + sheets.length})`);
    const units = wb.getWorksheet('单元明细')!;
    expect(units.rowCount - 2).toBe((await sample.ws.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${unitsInForceSql(2025)}`))!.n);
    expect(wb.getWorksheet('预警清单')!.getRow(3).getCell(2).value).toBe(flags[0]!.unitCode);
  });
});

describe('writing files', () => {
  it('never leaves a half-written file under the final name', async () => {
    const path = join(sample.dir, 'atomic', 'x.docx');
    await (await import('node:fs/promises')).mkdir(join(sample.dir, 'atomic'), { recursive: true });
    await expect(writeAtomically(path, async (tmp) => {
      await writeFile(tmp, 'half');
      throw new Error('disk full');
    })).rejects.toThrow('disk full');
    expect(await readdir(join(sample.dir, 'atomic'))).toEqual([]);
    await writeAtomically(path, (tmp) => writeFile(tmp, 'whole'));
    expect(await readFile(path, 'utf8')).toBe('whole');
    expect(await readdir(join(sample.dir, 'out'))).not.toContainEqual(expect.stringMatching(/\.tmp$/));
  });

  it('writes every district and the city in one batch with progress, and stops when cancelled', { timeout: 300_000 }, async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    const out = join(sample.dir, 'batch');
    await expect(writeAllReports(sample.ws, 2025, out, {
      districts: TEST_DISTRICTS.slice(0, 3), signal: controller.signal,
      onProgress: (p) => {
        seen.push(p.done);
        if (p.done === 1) controller.abort();
      },
    })).rejects.toThrow(/已取消/);
    expect(seen).toEqual([0, 1]);
    const files = await readdir(out);
    expect(files.filter((f) => f.endsWith('.docx')).length).toBe(2);
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const done: string[] = [];
    const districts = TEST_DISTRICTS.slice(0, 2);
    const all = await writeAllReports(sample.ws, 2025, out, { districts, onProgress: (p) => done.push(p.entity) });
    expect(all.map((r) => r.entity)).toEqual([...districts, 'city']);
    expect(done).toEqual([...districts, 'city', '']);
    for (const r of all) expect((await stat(r.xlsx)).size).toBeGreaterThan(0);
  });
});

/** A nested IF(Cn>=90,"优秀",IF(…)) grade formula evaluated for one total, as a spreadsheet would. */
function evaluateGrade(formula: string, total: number): string {
  for (const m of formula.matchAll(/>=(\d+(?:\.\d+)?),"([^"]+)"/g)) if (total >= Number(m[1])) return m[2]!;
  return /"([^"]+)"\)*$/.exec(formula)![1]!;
}

describe('self-scores, review scores and vetoes on the score sheet', () => {
  let VETOED: string;
  let r: WrittenReport;
  let blank: WrittenReport;
  let s: ScoreSheet;
  let manual: ScoreSheet['items'][number];
  let computed: ScoreSheet['items'][number];
  beforeAll(async () => {
    // a municipal layer adds a manual item (self-scored with evidence), as a city may refine the catalogue
    const def = activeCatalogue();
    await addLayer(sample.ws, JSON.stringify({
      layer: { level: 'municipal', entity: 'city', id: 'cq-2025', version: '1', name: '重庆市细化' }, base: { id: def.id, version: def.version },
      add: [{ id: 'M1', name: '生态环境分区管控宣传培训（自评）', nameEn: 'Manual item', dimension: 'A', scope: ['district'], unit: '分', decimals: 1,
        direction: 'higher_better', target: { kind: 'value', value: 1 }, points: 2, rule: { type: 'manual' }, datasets: [] }],
    }), 'cq.json', localNow());
    await computeIndicators(sample.ws, { at: localNow(), year: 2025 });
    // the sample fires veto V1 (a major incident in the last year) in one of its districts
    VETOED = (await scoreSheets(sample.ws, 2025)).find((x) => x.vetoes.length > 0)!.entity;
    const [before] = await scoreSheets(sample.ws, 2025, VETOED) as [ScoreSheet];
    manual = before.items.find((i) => i.indicator === 'M1')!;
    computed = before.items.find((i) => i.computedPoints !== null && (i.points ?? 0) >= 1)!;
    blank = await writeDistrictReport(sample.ws, 2025, VETOED, join(sample.dir, 'unscored'));
    await setManualScore(sample.ws, { at: localNow(), year: 2025, entity: VETOED, indicator: 'M1', selfScore: 1.5, evidence: '区政府办公室文件（2025）12号' });
    await setReviewScore(sample.ws, { at: localNow(), year: 2025, entity: VETOED, indicator: 'M1', reviewScore: 0.5, note: '佐证不全' });
    await setReviewScore(sample.ws, { at: localNow(), year: 2025, entity: VETOED, indicator: computed.indicator, reviewScore: computed.points! - 1 });
    [s] = await scoreSheets(sample.ws, 2025, VETOED) as [ScoreSheet];
    r = await writeDistrictReport(sample.ws, 2025, VETOED, join(sample.dir, 'reviewed'));
  }, 400_000);

  it('a manual item not yet self-scored is a blank, validated, marked cell that the total counts as 0', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(blank.xlsx);
    const ws = wb.getWorksheet('评分表')!;
    const row = sheetRows(ws).find((x) => x.getCell(2).value === `M1 ${manual.name}`)!;
    expect(row, 'M1 row').toBeDefined();
    expect([row.getCell(8).value, row.getCell(9).value, row.getCell(10).value]).toEqual([null, null, '是']);
    // validated 0 … its 分值 (2): the 自评得分 range's bound is the row's own C cell
    expect(row.getCell(3).value).toBe(2);
    expect(row.getCell(9).dataValidation).toMatchObject({ type: 'decimal' });
    const last = sheetRows(ws).find((x) => x.getCell(1).value === '合计（适用指标）')!.number - 1;
    expect(row.number).toBeLessThanOrEqual(last);
    expect((await scoreValidations(blank.xlsx)).get(`I3:I${last}`)).toEqual({ type: 'decimal', formulae: ['0', '$C3'] });
    expect(row.getCell(9).fill).toMatchObject({ type: 'pattern', pattern: 'solid' });
    const rows = tableRows(await part(blank.docx, 'word/document.xml'));
    expect(rows.find((x) => x.includes(`M1 ${manual.name}`) && x.length >= 9)!.slice(-5, -3)).toEqual(['', '待填写']);
  });

  it('the workbook writes computed, self and review scores; the live totals compute the stored totals', async () => {
    expect(manual, 'the layer’s manual item').toBeDefined();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(r.xlsx);
    const ws = wb.getWorksheet('评分表')!;
    const rows = Array.from({ length: ws.rowCount }, (_, i) => ws.getRow(i + 1));
    const rowOf = (i: { indicator: string; name: string }) => rows.find((x) => x.getCell(2).value === `${i.indicator} ${i.name}`)!;
    const m = rowOf(manual);
    expect([m.getCell(8).value, m.getCell(9).value, m.getCell(12).value, m.getCell(13).value]).toEqual([null, 1.5, '区政府办公室文件（2025）12号', 0.5]);
    expect((m.getCell(14).value as ExcelJS.CellFormulaValue).result).toBe(-1);
    const c = rowOf(computed);
    expect([c.getCell(8).value, c.getCell(9).value, c.getCell(13).value]).toEqual([computed.computedPoints, computed.points, computed.points! - 1]);
    // recompute the sheet's formulas from its cells
    const totalRow = rows.find((x) => x.getCell(1).value === '合计（适用指标）')!;
    const items = rows.slice(2, totalRow.number - 1).filter((x) => x.getCell(10).value === '是');
    const num = (v: ExcelJS.CellValue) => (typeof v === 'number' ? v : 0);
    const selfSum = items.reduce((a, x) => a + num(x.getCell(9).value), 0);
    const reviewSum = items.reduce((a, x) => a + (x.getCell(13).value === null ? num(x.getCell(9).value) : num(x.getCell(13).value)), 0);
    const maxSum = items.reduce((a, x) => a + num(x.getCell(3).value), 0);
    expect(selfSum).toBeCloseTo(s.earned, 6);
    expect(Math.round((selfSum / maxSum) * 1000) / 10).toBe(s.total);
    expect(s.review).not.toBeNull();
    expect(Math.round((reviewSum / maxSum) * 1000) / 10).toBe(s.review!.total);
    const reviewTotal = totalRow.getCell(13).value as ExcelJS.CellFormulaValue;
    expect(reviewTotal.formula).toContain(`SUMIFS(I3:I${totalRow.number - 1},J3:J${totalRow.number - 1},"是",M3:M${totalRow.number - 1},"")`);
    expect(reviewTotal.result).toBeCloseTo(reviewSum, 6);
    expect((totalRow.getCell(14).value as ExcelJS.CellFormulaValue).result).toBeCloseTo(reviewSum - selfSum, 6);
    expect(ws.getRow(totalRow.number + 2).getCell(3).value).toMatchObject({ result: s.review!.total });
  });

  it('a vetoed district: its grade formula is capped, and the sheet names the veto and its evidence', async () => {
    expect(s.vetoes.length, 'the sample fires a veto in this district').toBeGreaterThan(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(r.xlsx);
    const ws = wb.getWorksheet('评分表')!;
    const gradeRow = ws.getRow(sheetRows(ws).find((x) => x.getCell(1).value === '折算总分（满分100）')!.number);
    const formula = (gradeRow.getCell(5).value as ExcelJS.CellFormulaValue).formula;
    // the grade the formula gives for the sheet's total and for a perfect score is never above the cap
    expect(evaluateGrade(formula, s.total)).toBe(s.grade);
    expect(evaluateGrade(formula, 100)).toBe(s.vetoes.map((v) => v.maxGrade).sort((a, b) => ['优秀', '良好', '合格', '不合格'].indexOf(b) - ['优秀', '良好', '合格', '不合格'].indexOf(a))[0]);
    const vetoRow = sheetRows(ws).find((x) => x.getCell(1).value === '否决项')!;
    for (const v of s.vetoes) expect(String(vetoRow.getCell(3).value)).toContain(`${v.id} ${v.name}：${v.evidence}`);
  });

  it('the .docx score-sheet annex carries the same self, review and difference columns', async () => {
    const rows = tableRows(await part(r.docx, 'word/document.xml'));
    const m = rows.find((x) => x.includes(`${manual.indicator} ${manual.name}`) && x.at(-1)!.includes('区政府办公室文件（2025）12号'))!;
    expect(m, 'annex row').toBeDefined();
    // 计算得分 (none: a manual item), 自评得分, 审核得分, 差异
    expect(m.slice(-5, -1)).toEqual(['', '1.5', '0.5', '-1']);
    expect(m.at(-1)).toContain('区政府办公室文件（2025）12号');
    const total = rows.find((x) => x[0] === '合计' && x.at(-1)!.startsWith('折算总分'))!;
    expect(total.at(-1)).toContain(`审核折算总分${formatPoints(s.review!.total)}分`);
    expect(total.at(-1)).toContain(`等级最高为${vetoCap(s, activeCatalogue().grades)}`);
    const text = paragraphs(await part(r.docx, 'word/document.xml')).map((p) => p.text).join('');
    expect(text).toContain(`等级最高为“${vetoCap(s, activeCatalogue().grades)}”`);
  });

  it('the city report compares the self total with the review total', { timeout: 300_000 }, async () => {
    const city = await writeCityReport(sample.ws, 2025, join(sample.dir, 'city-reviewed'));
    const rows = tableRows(await part(city.docx, 'word/document.xml'));
    const cmp = rows.find((x) => x[0] === VETOED && x.length === 5)!;
    // every score of the city report at one decimal
    expect(cmp).toEqual([VETOED, s.name, formatValue(s.total, 1), formatValue(s.review!.total, 1), formatValue(s.review!.total - s.total, 1)]);
  });
});

describe('text the user wrote for the human sections', () => {
  it('is saved through the service in one audited step, printed instead of the placeholder, and cleared back to it', { timeout: 300_000 }, async () => {
    const api = createService(sample.ws);
    const text = '区委、区政府成立生态环境分区管控工作领导小组，由分管副区长任组长。\n区生态环境局牵头，发展改革、规划自然资源等12个部门按职责分工落实。';
    const set = await api.dispatch('reports/texts-set', { year: 2025, entity: DISTRICT, section: 'organisation', text: `  ${text}\r\n` });
    expect(set.ok).toBe(true);
    const got = await api.dispatch('reports/texts-get', { year: 2025, entity: DISTRICT });
    if (!got.ok) throw new Error(got.error.message);
    expect(got.result.sections.find((x) => x.section === 'organisation')!.text).toBe(text);
    expect(got.result.sections.find((x) => x.section === 'nextSteps')!.text).toBeNull();
    const audit = await sample.ws.one<{ action: string; detail: string }>("SELECT action, detail FROM audit_log WHERE action = 'report/text' ORDER BY seq DESC LIMIT 1");
    expect(JSON.parse(audit!.detail)).toMatchObject({ entity: DISTRICT, section: 'organisation', chars: text.length });
    await api.dispatch('reports/texts-set', { year: 2025, entity: 'city', section: 'problems', text: '部分区县重点管控单元空气质量改善幅度不足。' });

    const out = join(sample.dir, 'texts');
    const gen = await api.dispatch('reports/generate', { year: 2025, entity: DISTRICT, outDir: out });
    if (!gen.ok) throw new Error(gen.error.message);
    const ps = paragraphs(await part(gen.result.files[0]!.docx, 'word/document.xml')).map((p) => p.text);
    for (const line of text.split('\n')) expect(ps).toContain(line);
    expect(ps.join('\n')).not.toContain('【待填写：责任机制');
    expect(ps.join('\n')).toContain('【待填写：整改措施'); // the sections not written keep their marked placeholder
    const city = await writeCityReport(sample.ws, 2025, out);
    expect(paragraphs(await part(city.docx, 'word/document.xml')).map((p) => p.text)).toContain('部分区县重点管控单元空气质量改善幅度不足。');

    expect((await api.dispatch('reports/texts-set', { year: 2025, entity: DISTRICT, section: 'organisation', text: '   ' })).ok).toBe(true);
    const again = await writeDistrictReport(sample.ws, 2025, DISTRICT, join(sample.dir, 'texts-cleared'));
    expect(paragraphs(await part(again.docx, 'word/document.xml')).map((p) => p.text).join('\n')).toContain('【待填写：责任机制');
  });

  it('refuses an unknown section or district, naming it, and writes nothing', async () => {
    const api = createService(sample.ws);
    const before = (await sample.ws.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM audit_log'))!.n;
    const bad = await api.dispatch('reports/texts-set', { year: 2025, entity: DISTRICT, section: 'foreword', text: 'x' });
    expect(bad.ok ? '' : bad.error.message).toMatch(/section/);
    const noDistrict = await api.dispatch('reports/texts-set', { year: 2025, entity: '999999', section: 'cases', text: 'x' });
    expect(noDistrict.ok ? '' : noDistrict.error.message).toContain('999999');
    expect((await sample.ws.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM audit_log'))!.n).toBe(before);
  });
});

function sheetRows(ws: ExcelJS.Worksheet): ExcelJS.Row[] {
  return Array.from({ length: ws.rowCount }, (_, i) => ws.getRow(i + 1));
}

/** LibreOffice, if installed: the PDF test needs it and says so when it is absent. */
function soffice(): string | null {
  try {
    return execFileSync('which', ['soffice'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}
const SOFFICE = soffice();

describe('district report as PDF (LibreOffice)', () => {
  it.skipIf(!SOFFICE)('converts to a PDF of several pages whose text holds the Chinese title', async () => {
    const out = join(sample.dir, 'pdf');
    await mkdir(out, { recursive: true });
    // A LibreOffice profile of this run's own: while another run (another worktree on the same machine) has a
    // LibreOffice open on a shared profile, soffice hands the conversion to that instance instead of doing it.
    const profile = `file://${join(sample.dir, 'lo-profile')}`;
    await promisify(execFile)(SOFFICE!, ['--headless', `-env:UserInstallation=${profile}`, '--convert-to', 'pdf', '--outdir', out, report.docx],
      { timeout: 120_000 });
    const pdf = join(out, report.docx.split('/').at(-1)!.replace(/\.docx$/, '.pdf'));
    const info = (await promisify(execFile)('pdfinfo', [pdf])).stdout;
    expect(Number(/Pages:\s+(\d+)/.exec(info)![1])).toBeGreaterThan(1);
    const text = (await promisify(execFile)('pdftotext', ['-layout', pdf, '-'], { maxBuffer: 1 << 24 })).stdout.replace(/\s+/g, '');
    expect(text).toContain('渝北区2025年度生态环境分区管控');
    expect(text).toContain('跟踪评估自评报告');
    expect(text).toContain('—1—');
    // each annex starts a page: the page's first line is its label, in order, and the pages count matches
    const pages = (await promisify(execFile)('pdftotext', [pdf, '-'], { maxBuffer: 1 << 24 })).stdout.split('\f').filter((p) => p.trim());
    expect(pages.length).toBe(Number(/Pages:\s+(\d+)/.exec(info)![1]));
    const firstLines = pages.map((p) => p.split('\n').find((l) => l.trim())!.replace(/\s+/g, ''));
    expect(firstLines.filter((l) => /^附件\d+$/.test(l))).toEqual(['附件1', '附件2', '附件3', '附件4', '附件5', '附件6', '附件7']);
  }, 300_000);
});
