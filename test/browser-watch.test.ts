// 预警清单 and 五年评估 in a real browser (browser mode, the real HTTP server over a real sample workspace of
// 2022–2025): the watch list shows every flagged unit with the evidence the API gives, filters by district and
// type, and exports an .xlsx whose rows are the shown flags; the five-year page says it is not yet evaluated,
// runs the evaluation with progress and shows what 'evaluation/five-year' answers; a window without enough
// data gets its empty state. Also the overview's unit-type spread of an indicator without unit values.
// Screenshots go to tmp/screenshots/.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import type { SampleWorkspace } from './helpers/sample-workspace.js';
import { directApi, gridHeaders, screenshot, type PageServer, serveSample } from './helpers/browser.js';
import type { Service } from '../service/zonetrack-service.js';

const YEAR = 2025;
// 万州区 carries the sample's planted watch-list faults (示例数据_说明.md); 渝中区 has a merged key unit
const DISTRICTS = ['500101', '500103'];
let sample: SampleWorkspace;
let service: Service;
let pages: PageServer;

const api = directApi(() => service);

serveSample({ sample: { years: [2022, 2023, 2024, YEAR], districts: DISTRICTS }, timeoutMs: 600_000 }, (s) => ({ sample, service, pages } = s));

const shot = (page: Page, name: string) => screenshot(page, name);

async function pick(page: Page, combobox: string, option: RegExp | string) {
  await page.getByRole('combobox', { name: combobox }).click();
  await page.getByRole('option', { name: option }).click();
  await page.getByRole('listbox').waitFor({ state: 'hidden' });
}

/** How the page writes an evidence value or threshold (numbers to at most 3 decimals). */
const shown = (v: number | string | null) => (v === null ? '—' : typeof v === 'number' ? String(Number(v.toFixed(3))) : v);

describe('watch list and five-year evaluation in the browser', () => {
  it('lists the flagged units with their evidence, filters them and exports what is shown', async () => {
    const { flags } = await api('watchlist/get', { year: YEAR });
    expect(flags.length).toBeGreaterThan(1);
    const { page, problems } = await pages.open('', { width: 1440, height: 1000 });
    await page.getByTestId('nav-watchlist').click();
    await page.getByTestId('watch-count').waitFor();
    expect(await page.getByTestId('watch-count').innerText()).toContain(`${flags.length} / ${flags.length}`);

    // Every flag: one row per condition (the table's rows are unit/condition), its unit type named in the row, with
    // the API's value and threshold.
    await page.getByTestId('watch-table').locator('.MuiDataGrid-row').first().waitFor();
    const headers = await gridHeaders(page, 'watch-table');
    // every page of the table (100 rows a page)
    const byId = new Map<string, string[]>();
    for (;;) {
      for (const [id, cells] of await page.getByTestId('watch-table').locator('.MuiDataGrid-row').evaluateAll((rows) =>
        rows.map((r) => [r.getAttribute('data-id') ?? '', [...r.querySelectorAll('[role="gridcell"][data-field]')].map((c) => (c.textContent ?? '').trim())] as const))) byId.set(id, cells);
      const next = page.getByTestId('watch-table').getByRole('button', { name: '下一页' });
      if (await next.count() === 0 || await next.isDisabled()) break;
      const first = await page.getByTestId('watch-table').locator('.MuiDataGrid-row').first().getAttribute('data-id');
      await next.click();
      await expect.poll(() => page.getByTestId('watch-table').locator('.MuiDataGrid-row').first().getAttribute('data-id')).not.toBe(first);
    }
    expect(byId.size).toBe(flags.reduce((n, f) => n + Math.max(1, f.evidence.length), 0));
    const col = (name: string) => headers.indexOf(name);
    for (const f of flags) {
      for (const [k, e] of f.evidence.entries()) {
        const cells = byId.get(`${f.unitCode}/${k}`)!;
        expect(cells[col('单元类别')]).toBe(`${f.unitType}单元`);
        expect(cells[col('管控单元')]).toBe(f.unitName);
        expect([cells[col('触发条件')], cells[col('值')], cells[col('阈值')]]).toEqual([e.condition, shown(e.value), shown(e.threshold)]);
        if (e.records?.length) expect(cells[col('相关记录')]).toContain(e.records[0]!);
      }
    }
    for (const type of new Set(flags.map((f) => f.unitType))) await page.getByTestId(`watch-group-${flags.find((f) => f.unitType === type)!.unitTypeNo}`).waitFor();
    await shot(page, 'watch-01-list');

    // Filters: a district and a unit type narrow the list to the API's flags of both.
    const district = flags[0]!;
    await pick(page, '区县', new RegExp(`^${district.districtName}`));
    const inDistrict = flags.filter((f) => f.district === district.district);
    await expect.poll(() => page.getByTestId('watch-count').innerText()).toContain(`${inDistrict.length} / ${flags.length}`);
    await pick(page, '单元类别', new RegExp(`^${district.unitType}单元`));
    const both = inDistrict.filter((f) => f.unitType === district.unitType);
    await expect.poll(() => page.getByTestId('watch-count').innerText()).toContain(`${both.length} / ${flags.length}`);
    expect(await page.getByTestId('watch-table').locator('.MuiDataGrid-row').evaluateAll((rows) => [...new Set(rows.map((r) => (r.getAttribute('data-id') ?? '').split('/')[0]))]))
      .toEqual(both.map((f) => f.unitCode));

    // Export: the downloaded workbook holds exactly the shown flags, one row per condition.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('watch-export').click()]);
    const saved = join(sample.dir, 'watch-export.xlsx');
    await download.saveAs(saved);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^${YEAR}年监管预警清单.*\\.xlsx$`));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(saved);
    const sheet = wb.getWorksheet('预警清单')!;
    const rows: string[][] = [];
    sheet.eachRow((row, n) => { if (n > 2) rows.push([1, 2, 6].map((c) => String(row.getCell(c).value ?? ''))); });
    expect(rows).toEqual(both.flatMap((f) => f.evidence.map((e) => [f.districtName, f.unitCode, e.condition])));
    await page.getByTestId('watch-export-message').waitFor();
    await shot(page, 'watch-02-filtered');

    // A unit opens its own page.
    await page.locator(`[data-testid="watch-table"] .MuiDataGrid-row[data-id="${both[0]!.unitCode}/0"]`).getByTestId('watch-unit-link').click();
    await page.getByRole('heading', { name: `${both[0]!.unitName}（${both[0]!.unitCode}）` }).waitFor();
    expect(problems).toEqual([]);
    await page.context().close();
  }, 300_000);

  it('runs the five-year evaluation with progress and shows its trends; a window without data says so', async () => {
    const { page, problems } = await pages.open('', { width: 1440, height: 1000 });
    await page.getByTestId('nav-five-year').click();
    expect(await page.getByTestId('five-year-data-years').innerText()).toContain('2022、2023、2024、2025（4/6）');
    await page.getByText('2021–2025年的五年评估尚未计算').waitFor();
    await page.getByTestId('five-year-run').click();
    await page.getByTestId('progress').waitFor();
    await page.getByTestId('five-year-by-entity').waitFor({ timeout: 400_000 });
    const ev = await api('evaluation/five-year', { year: YEAR });
    expect(ev).toMatchObject({ baselineYear: 2020, fromYear: 2021, toYear: YEAR });

    // C1 of every district and the city, as the evaluation holds it.
    const c1 = ev.items.filter((i) => i.kind === 'indicator' && i.id === 'C1');
    const decimals = (await api('catalogue/show', {})).indicators.find((i) => i.id === 'C1')!.decimals;
    expect(c1.map((i) => i.entity)).toEqual(expect.arrayContaining(['city', ...DISTRICTS]));
    expect(await page.locator('[data-testid="five-year-by-entity"] .MuiDataGrid-row').count()).toBe(c1.length);
    for (const i of c1.filter((x) => x.entity === 'city' || DISTRICTS.includes(x.entity))) {
      const cells = (await page.locator(`[data-testid="five-year-by-entity"] .MuiDataGrid-row[data-id="${i.entity}"] [role="gridcell"][data-field]`).allInnerTexts()).map((t) => t.trim());
      expect(cells[0]).toBe(i.entityName);
      expect(cells[2]).toBe(i.final === null ? '—' : i.final.toFixed(decimals));
      expect(cells[5]).toBe(`${i.rho === null ? '—' : i.rho.toFixed(2)}（${i.n}）`);
      expect(cells[6]).toBe(i.trend);
    }
    expect(c1.some((i) => i.n >= 4)).toBe(true); // four years of data: the trend test has its values
    await page.locator('[data-testid="five-year-chart"] canvas').first().waitFor();
    await shot(page, 'five-year-01');

    // A district's every indicator; a row picks the indicator of the chart and the upper table.
    const d = c1.find((i) => i.entity !== 'city')!;
    await page.locator(`[data-testid="five-year-by-entity"] .MuiDataGrid-row[data-id="${d.entity}"]`).click();
    const ofDistrict = ev.items.filter((i) => i.kind === 'indicator' && i.entity === d.entity);
    await expect.poll(() => page.locator('[data-testid="five-year-by-indicator"] .MuiDataGrid-row').count()).toBe(ofDistrict.length);
    const other = ofDistrict.find((i) => i.id !== 'C1' && i.final !== null)!;
    await page.locator(`[data-testid="five-year-by-indicator"] .MuiDataGrid-row[data-id="${other.id}"]`).click();
    await expect.poll(() => page.getByTestId('five-year-by-entity-title').innerText()).toMatch(new RegExp(`^${other.id} `));
    await shot(page, 'five-year-02-district');

    // 2020 ends a window (2015–2020) without data: an empty state, and no run button to press.
    await pick(page, '评估年份', /^2016–2020年/);
    await page.getByText('2015–2020年只有 0 个年度的数据').waitFor();
    expect(await page.getByTestId('five-year-run').isDisabled()).toBe(true);
    await shot(page, 'five-year-03-empty');
    expect(problems).toEqual([]);
    await page.context().close();
  }, 600_000);

  it('says why the unit-type spread is empty for an indicator without unit values', async () => {
    const o = await api('indicators/overview', { year: YEAR });
    const none = o.indicators.find((i) => o.unitTypes.filter((t) => t.indicator === i.id).every((t) => t.withValue === 0))!;
    const some = o.indicators.find((i) => o.unitTypes.some((t) => t.indicator === i.id && t.withValue > 0))!;
    const { page, problems } = await pages.open('', { width: 1440, height: 1000 });
    await page.getByTestId('nav-overview').click();
    await pick(page, '指标', new RegExp(`^${none.id} `));
    await page.getByTestId('unit-type-empty').waitFor();
    expect(await page.getByTestId('unit-type-empty').innerText()).toContain(`“${none.name}”没有单元级测算值`);
    expect(await page.getByTestId('unit-type-table').count()).toBe(0);
    await pick(page, '指标', new RegExp(`^${some.id} `));
    await page.getByTestId('unit-type-table').waitFor();
    const withValue = o.unitTypes.filter((t) => t.indicator === some.id).map((t) => String(t.withValue));
    expect(await page.locator('[data-testid="unit-type-table"] tbody tr td:nth-child(3)').allInnerTexts()).toEqual(withValue);
    await page.locator('[data-testid="ranking-chart"] canvas').first().waitFor();
    await shot(page, 'overview-unit-types');
    expect(problems).toEqual([]);
    await page.context().close();
  }, 120_000);
});
