// The map figures of the reports, reopened from the written .docx: the district report's units drawn as a map
// (the polygons' areas show in the pixels of their type's colour, watch-list units outlined), the city report's
// districts by grade; each image carries alt text saying what it shows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import JSZip from 'jszip';
import * as turf from '@turf/turf';
import type { Polygon, MultiPolygon } from 'geojson';
import { writeCityReport, writeDistrictReport } from '../reports/write-reports.js';
import type { WatchFlag } from '../reports/report-data.js';
import { unitsInForceSql } from '../analytics/units/unit-plans.js';
import { scoreSheets } from '../indicators/results.js';
import { buildSampleWorkspace, type SampleWorkspace } from './helpers/sample-workspace.js';
import { countColour, readPng } from './helpers/png.js';

const DISTRICT = '500112';
/** The colours of the app's 一张图 legend: 优先保护, 重点管控, 一般管控; watch-list outline. */
const TYPE_COLOURS: Record<number, string> = { 1: '#5B9B57', 2: '#D9822B', 3: '#8FA9C8' };
const FLAG_RED = '#C00000';

let sample: SampleWorkspace;
/** Copies kept for looking at (soffice → PDF → PNG). */
const KEEP = join(import.meta.dirname, '..', 'tmp', 'documents');

beforeAll(async () => {
  sample = await buildSampleWorkspace();
}, 400_000);

afterAll(async () => {
  await sample.ws.close();
});

/** The images of a .docx with the docPr (name, descr) of the drawing that shows each. */
async function images(file: string): Promise<{ descr: string; title: string; png: Buffer }[]> {
  const zip = await JSZip.loadAsync(await readFile(file));
  const xml = await zip.file('word/document.xml')!.async('string');
  const rels = await zip.file('word/_rels/document.xml.rels')!.async('string');
  const target = new Map([...rels.matchAll(/Id="([^"]+)"[^>]*Target="([^"]+)"/g)].map((m) => [m[1]!, m[2]!]));
  const out: { descr: string; title: string; png: Buffer }[] = [];
  for (const d of xml.matchAll(/<w:drawing>[\s\S]*?<\/w:drawing>/g)) {
    const pr = /<wp:docPr [^>]*>/.exec(d[0])?.[0] ?? '';
    const embed = /r:embed="([^"]+)"/.exec(d[0])?.[1];
    if (!embed) continue;
    const path = `word/${target.get(embed)!.replace(/^\//, '').replace(/^word\//, '')}`;
    out.push({ descr: /descr="([^"]*)"/.exec(pr)?.[1] ?? '', title: /title="([^"]*)"/.exec(pr)?.[1] ?? '', png: await zip.file(path)!.async('nodebuffer') });
  }
  return out;
}

describe('district report map', () => {
  it('draws the district’s units as a map coloured by type, in proportion to their areas, with alt text', { timeout: 300_000 }, async () => {
    const units = await sample.ws.all<{ unit_code: string; unit_name: string; unit_type: number; geometry: string }>(
      `SELECT unit_code, unit_name, unit_type::INTEGER AS unit_type, geometry FROM ${unitsInForceSql(2025)}
       WHERE district_code = $d AND geometry IS NOT NULL ORDER BY unit_code`, { d: DISTRICT });
    expect(units.length).toBeGreaterThan(3);
    const flagged = units.find((u) => u.unit_type === 2)!;
    const flags: WatchFlag[] = [{
      unitCode: flagged.unit_code, unitName: flagged.unit_name, unitType: '重点管控', unitTypeNo: 2, district: DISTRICT, districtName: '渝北区',
      flag: '生态环境问题突出', evidence: [{ condition: '逾期未整改问题', value: 2, threshold: 0, records: ['WT-001'] }],
    }];
    const report = await writeDistrictReport(sample.ws, 2025, DISTRICT, join(sample.dir, 'out'), { watchFlags: flags });
    await mkdir(KEEP, { recursive: true });
    await copyFile(report.docx, join(KEEP, 'district-report-map.docx'));
    const maps = (await images(report.docx)).filter((i) => i.descr.includes('环境管控单元'));
    expect(maps).toHaveLength(1);
    const map = maps[0]!;
    expect(map.title).toContain('环境管控单元分布图');
    expect(map.descr).toContain(`${units.length}个环境管控单元`);
    expect(map.descr).toContain(flagged.unit_code);

    // each type's share of the coloured pixels follows its share of the district's area (a tile grid would follow
    // the number of units instead); the projection stretches latitudes alike, so shares compare
    const px = readPng(map.png);
    const area = (t: number) => units.filter((u) => u.unit_type === t).reduce((a, u) => a + turf.area(turf.feature(JSON.parse(u.geometry) as Polygon | MultiPolygon)), 0);
    const types = [1, 2, 3].filter((t) => area(t) > 0);
    const totalArea = types.reduce((a, t) => a + area(t), 0);
    const pixels = Object.fromEntries(types.map((t) => [t, countColour(px, TYPE_COLOURS[t]!)]));
    const totalPixels = types.reduce((a, t) => a + pixels[t]!, 0);
    expect(totalPixels).toBeGreaterThan(px.width * px.height * 0.1);
    for (const t of types) expect(Math.abs(pixels[t]! / totalPixels - area(t) / totalArea), `type ${t}`).toBeLessThan(0.06);
    // the flagged unit's outline, and the legend's red swatch
    expect(countColour(px, FLAG_RED)).toBeGreaterThan(200);

    const xml = await (await JSZip.loadAsync(await readFile(report.docx))).file('word/document.xml')!.async('string');
    expect(xml).toMatch(/图\d+\s*渝北区环境管控单元分布/);
  });
});

describe('city report map', () => {
  it('colours the districts by grade, with alt text counting each grade', { timeout: 300_000 }, async () => {
    const report = await writeCityReport(sample.ws, 2025, join(sample.dir, 'city'));
    await mkdir(KEEP, { recursive: true });
    await copyFile(report.docx, join(KEEP, 'city-report-map.docx'));
    const maps = (await images(report.docx)).filter((i) => i.title.includes('等级'));
    expect(maps).toHaveLength(1);
    // the districts drawn: those with unit boundaries in force
    const drawn = new Set((await sample.ws.all<{ d: string }>(
      `SELECT DISTINCT district_code AS d FROM ${unitsInForceSql(2025)} WHERE geometry IS NOT NULL`)).map((r) => r.d));
    expect(drawn.size).toBeGreaterThan(1);
    const sheets = (await scoreSheets(sample.ws, 2025)).filter((s) => drawn.has(s.entity));
    const byGrade = new Map<string, number>();
    for (const s of sheets) byGrade.set(s.grade, (byGrade.get(s.grade) ?? 0) + 1);
    expect([...byGrade.values()].reduce((a, n) => a + n, 0)).toBe(drawn.size);
    for (const [g, n] of byGrade) expect(maps[0]!.descr).toContain(`${g}${n}个`);
    const px = readPng(maps[0]!.png);
    expect(px.width).toBeGreaterThan(1000);
  });
});
