// The .docx reports as they leave the building, re-opened from the files: fonts Word and WPS on a stock Windows can
// substitute, Chinese alt text on every figure, the operator as author, and the snapshot each report comes from.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import JSZip from 'jszip';
import { writeCityReport, writeDistrictReport, type WrittenReport } from '../reports/write-reports.js';
import { writeSettings } from '../analytics/settings/workspace-settings.js';
import { setAuditUser } from '../analytics/audit/audit-log.js';
import { buildSampleWorkspace, type SampleWorkspace } from './helpers/sample-workspace.js';

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
