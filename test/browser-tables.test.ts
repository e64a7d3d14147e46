// The shared data table and the navigation around it, in a real browser over one sample workspace: sort and filter
// a table and export it (the files hold exactly the rows the page shows), filters and sort kept in the URL so that
// "← 返回单元列表" and Back bring them back, Back returns to the scroll position, ranking rows open the district,
// and no header cell is squeezed to one character a line at 1366×768.
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import type { Service } from '../service/zonetrack-service.js';
import { directApi, gridHeaders, gridRows, screenshot, serveSample, type PageServer } from './helpers/browser.js';
import { createService } from '../service/zonetrack-service.js';
import { Workspace } from '../analytics/workspace.js';
import { writeCsv } from './helpers/files.js';
import type { SampleWorkspace } from './helpers/sample-workspace.js';
import { readTable } from './helpers/files.js';

let service: Service;
let pages: PageServer;
let sample: SampleWorkspace;
serveSample({ timeoutMs: 480_000 }, (s) => ({ service, pages, sample } = s));
const api = directApi(() => service);
const YEAR = 2025;
const collator = new Intl.Collator(['zh-CN', 'en'], { numeric: true, sensitivity: 'base' });

async function download(page: Page, menuItem: string, table = 'unit-table'): Promise<{ name: string; bytes: Buffer; path: string }> {
  await page.getByTestId(table).getByTestId('table-export').click();
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(menuItem).click()]);
  const path = join(sample.dir, `download-${table}-${menuItem}${menuItem.endsWith('csv') ? '.csv' : '.xlsx'}`);
  await file.saveAs(path);
  return { name: file.suggestedFilename(), bytes: await readFile(path), path };
}

/** The .xlsx export's rows (title row dropped) as the page writes them: numbers with the cell's decimals. */
async function xlsxRows(bytes: Buffer, width: number): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const read: string[][] = [];
  wb.worksheets[0]!.eachRow((row, n) => {
    if (n === 1) return; // the title
    read.push(Array.from({ length: width }, (_h, k) => {
      const v = row.getCell(k + 1).value;
      if (typeof v === 'number') return v.toFixed((row.getCell(k + 1).numFmt.split('.')[1] ?? '').length);
      return v === null || v === undefined ? '' : String(v);
    }));
  });
  return read;
}

/** Both exports of a table hold exactly its header and the rows the page shows, in order. */
async function expectExportsEqualPage(page: Page, table: string, stem: string): Promise<void> {
  // action columns (a button, no header) are not exported
  const all = await gridHeaders(page, table);
  const kept = all.flatMap((h, k) => (h === '' ? [] : [k]));
  const headers = kept.map((k) => all[k]!);
  const shown = (await gridRows(page, table)).map((r) => kept.map((k) => r[k]!));
  const csv = await download(page, 'table-export-csv', table);
  expect(csv.name).toBe(`${stem}.csv`);
  expect(await readTable(csv.path)).toEqual([headers, ...shown]);
  const xlsx = await download(page, 'table-export-xlsx', table);
  expect(xlsx.name).toBe(`${stem}.xlsx`);
  expect(await xlsxRows(xlsx.bytes, headers.length)).toEqual([headers, ...shown]);
}

async function unitFilters(page: Page) {
  return {
    district: await page.getByRole('combobox', { name: '区县' }).inputValue(),
    search: await page.getByTestId('unit-search').inputValue(),
    count: await page.getByTestId('unit-count').innerText(),
    sort: await page.getByTestId('unit-table').locator('[role="columnheader"][aria-sort="descending"]').getAttribute('data-field'),
  };
}

describe('data tables in the browser', () => {
  it('sorts and filters the unit table and exports exactly the rows shown to .csv and .xlsx', async () => {
    const { page, problems } = await pages.open('#/units', { width: 1366, height: 768 });
    const table = page.getByTestId('unit-table');
    await table.locator('.MuiDataGrid-row').first().waitFor();
    const units = (await api('units/list', { year: YEAR })).units;
    const district = units[0]!.district;
    await page.getByRole('combobox', { name: '区县' }).selectOption(district);
    // the grid's own search narrows further: 重点 (重点管控单元 in the 类别 column)
    await table.getByRole('button', { name: '搜索' }).click();
    await table.getByRole('searchbox').fill('重点');
    const expected = units.filter((u) => u.district === district && u.typeName.includes('重点')).map((u) => u.name);
    expect(expected.length).toBeGreaterThan(1);
    await expect.poll(async () => (await gridRows(page, 'unit-table')).length).toBe(expected.length);
    // sort by name, descending (second click)
    const nameHeader = table.getByRole('columnheader', { name: '单元名称' });
    await nameHeader.click();
    await nameHeader.click();
    await expect.poll(() => nameHeader.getAttribute('aria-sort')).toBe('descending');
    const shown = await gridRows(page, 'unit-table');
    const headers = await gridHeaders(page, 'unit-table');
    const names = shown.map((r) => r[headers.indexOf('单元名称')]);
    expect(names).toEqual([...expected].sort(collator.compare).reverse());
    await screenshot(page, 'tables-units-sorted', { fullPage: false });

    const csv = await download(page, 'table-export-csv');
    expect(csv.name).toBe(`${YEAR}年管控单元.csv`);
    expect(csv.bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(await readTable(csv.path)).toEqual([headers, ...shown]);

    const xlsx = await download(page, 'table-export-xlsx');
    expect(xlsx.name).toBe(`${YEAR}年管控单元.xlsx`);
    // number cells carry the column's decimals as their format (0.00 …): read as the page writes them
    expect(await xlsxRows(xlsx.bytes, headers.length)).toEqual([headers, ...shown]);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('the score sheet: a column filter from the URL, a sort by points, and both exports equal the page', async () => {
    const sheet = (await api('scores/get', { year: YEAR })).sheets[0]!;
    const dimension = sheet.items[0]!.dimension;
    const expected = sheet.items.filter((i) => i.dimension === dimension);
    expect(expected.length).toBeGreaterThan(1);
    expect(expected.length).toBeLessThan(sheet.items.length);
    const { page, problems } = await pages.open(`#/scores/${sheet.entity}?sf=${encodeURIComponent(`dimension~equals~${dimension}`)}`, { width: 1366, height: 768 });
    const table = page.getByTestId('score-sheet');
    await table.locator('.MuiDataGrid-row').first().waitFor();
    await expect.poll(async () => (await gridRows(page, 'score-sheet')).length).toBe(expected.length);
    const points = table.getByRole('columnheader', { name: '得分 / 分值' });
    await points.click();
    await points.click();
    await expect.poll(() => points.getAttribute('aria-sort')).toBe('descending');
    const rows = await table.locator('.MuiDataGrid-row').evaluateAll((rs) => rs.map((r) => r.getAttribute('data-id') ?? ''));
    expect([...rows].sort()).toEqual(expected.map((i) => i.indicator).sort());
    // descending by the points earned; a 不适用 item (no points) after every scored one
    const earned = rows.map((id) => { const i = expected.find((x) => x.indicator === id)!; return i.notApplicable ? -1 : i.points ?? -1; });
    expect(earned).toEqual([...earned].sort((a, b) => b - a));
    // the sort is in the URL too
    expect(page.url()).toContain('ss=points.desc');
    await screenshot(page, 'tables-scores-sorted', { fullPage: false });
    await expectExportsEqualPage(page, 'score-sheet', `${sheet.name}${YEAR}年评分表`);
    expect(problems).toEqual([]);
    await page.context().close();
  }, 240_000);

  it('the watch list: one row per condition, filtered by district, sorted by unit code, and both exports equal the page', async () => {
    const { flags } = await api('watchlist/get', { year: YEAR });
    const district = flags[0]!.districtName;
    const expected = flags.filter((f) => f.districtName === district).flatMap((f) => (f.evidence.length === 0 ? [`${f.unitCode}/0`] : f.evidence.map((_e, k) => `${f.unitCode}/${k}`)));
    expect(expected.length).toBeGreaterThan(1);
    const { page, problems } = await pages.open(`#/watchlist?wf=${encodeURIComponent(`district~equals~${district}`)}`, { width: 1366, height: 768 });
    const table = page.getByTestId('watch-table');
    await table.locator('.MuiDataGrid-row').first().waitFor({ timeout: 60_000 });
    await expect.poll(async () => (await gridRows(page, 'watch-table')).length).toBe(expected.length);
    const code = table.getByRole('columnheader', { name: '单元编码' });
    await code.click();
    await code.click();
    await expect.poll(() => code.getAttribute('aria-sort')).toBe('descending');
    const ids = await table.locator('.MuiDataGrid-row').evaluateAll((rs) => rs.map((r) => r.getAttribute('data-id') ?? ''));
    expect([...ids].sort()).toEqual([...expected].sort());
    const codes = ids.map((id) => id.split('/')[0]!);
    expect(codes).toEqual([...codes].sort(collator.compare).reverse());
    await screenshot(page, 'tables-watch-sorted', { fullPage: false });
    await expectExportsEqualPage(page, 'watch-table', `${YEAR}年监管预警清单（表格）`);
    expect(problems).toEqual([]);
    await page.context().close();
  }, 240_000);

  it('keeps the district, search and sort in the URL: ← 返回单元列表, Back and a reload bring them back', async () => {
    const { page, problems } = await pages.open('#/units', { width: 1366, height: 768 });
    const table = page.getByTestId('unit-table');
    await table.locator('.MuiDataGrid-row').first().waitFor();
    const units = (await api('units/list', { year: YEAR })).units;
    await page.getByRole('combobox', { name: '区县' }).selectOption(units[0]!.district);
    await page.getByTestId('unit-search').fill('单元');
    const area = table.getByRole('columnheader', { name: '面积（km²）' });
    await area.click();
    await area.click();
    await expect.poll(() => area.getAttribute('aria-sort')).toBe('descending');
    const before = await unitFilters(page);
    const rows = await gridRows(page, 'unit-table');
    expect(before.district).toBe(units[0]!.district);

    await table.locator('.MuiDataGrid-row').nth(1).click();
    await page.waitForURL(/#\/units\/ZH/);
    await page.getByTestId('unit-back').click();
    await table.locator('.MuiDataGrid-row').first().waitFor();
    expect(await unitFilters(page)).toEqual(before);
    expect(await gridRows(page, 'unit-table')).toEqual(rows);

    await table.locator('.MuiDataGrid-row').first().click();
    await page.getByTestId('unit-back').waitFor();
    await page.goBack();
    await table.locator('.MuiDataGrid-row').first().waitFor();
    expect(await unitFilters(page)).toEqual(before);

    await page.reload();
    await table.locator('.MuiDataGrid-row').first().waitFor();
    expect(await unitFilters(page)).toEqual(before);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('reaches table rows with the keyboard: arrows move between rows, Enter opens the unit', async () => {
    const { page, problems } = await pages.open('#/units', { width: 1366, height: 768 });
    const table = page.getByTestId('unit-table');
    await table.locator('.MuiDataGrid-row').first().waitFor();
    const first = await gridRows(page, 'unit-table');
    await table.getByRole('columnheader', { name: '单元编码' }).focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`#/units/${first[1]![0]}`));
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('returns from a watch-list unit to the same scroll position, and ranking rows open the district', async () => {
    const { page, problems } = await pages.open('#/watchlist', { width: 1366, height: 768 });
    const links = page.getByTestId('watch-unit-link');
    await links.first().waitFor({ timeout: 60_000 });
    const last = links.last();
    await last.scrollIntoViewIfNeeded();
    await page.mouse.wheel(0, 200);
    // the page settles after the wheel; under load that takes more than a fixed pause
    await expect.poll(() => page.evaluate<number>('window.scrollY'), { timeout: 15_000 }).toBeGreaterThan(300);
    await page.waitForTimeout(300);
    const y = await page.evaluate<number>('window.scrollY');
    await last.click();
    await page.getByTestId('unit-back').waitFor();
    expect(await page.getByTestId('unit-back').innerText()).toBe('← 返回预警清单');
    expect(await page.evaluate<number>('window.scrollY')).toBe(0);
    await page.getByTestId('unit-back').click();
    await links.first().waitFor();
    await expect.poll(() => page.evaluate<number>('window.scrollY'), { timeout: 15_000 }).toBeGreaterThan(y - 5);
    expect(Math.abs(await page.evaluate<number>('window.scrollY') - y)).toBeLessThanOrEqual(5);

    await page.getByTestId('nav-overview').click();
    const ranking = page.getByTestId('ranking-table');
    await ranking.locator('.MuiDataGrid-row').first().waitFor();
    const firstId = await ranking.locator('.MuiDataGrid-row').first().getAttribute('data-id');
    await ranking.locator('.MuiDataGrid-row').first().click();
    await page.waitForURL(new RegExp(`#/district/${firstId}`));
    expect(problems).toEqual([]);
    await page.context().close();
  }, 240_000);

  it('drills from C1 of a district to one day\'s hourly PM2.5 records in three clicks', async () => {
    const district = (await api('scores/get', { year: YEAR })).sheets.find((x) => x.items.find((i) => i.indicator === 'C1')?.value != null)!.entity;
    const { page, problems } = await pages.open(`#/district/${district}`, { width: 1366, height: 768 });
    await page.getByTestId('value-C1').click(); // 1: the value
    const daily = page.getByTestId('lineage-daily');
    await daily.locator('.MuiDataGrid-row').first().waitFor({ timeout: 60_000 });
    const series = await api('measures/daily', { indicator: 'C1', entity: district, year: YEAR });
    expect(series.pollutant).toBe('PM2.5');
    const day = series.days.find((d) => d.valid)!;
    await daily.locator(`.MuiDataGrid-row[data-id="${day.day}"]`).click(); // 2: the day
    const records = page.getByTestId('lineage-records');
    // the day's records replace the batch's (kept on screen while they load): wait for the caption that names the
    // day and the pollutant (the day alone is already in the table of days), then for the grid to show those rows
    await expect.poll(async () => (await page.getByTestId('lineage').innerText()).includes(`${day.day}、PM2.5`), { timeout: 60_000 }).toBe(true);
    const headers = await gridHeaders(page, 'lineage-records');
    const pollutant = headers.findIndex((h) => h.includes('污染物'));
    const time = headers.findIndex((h) => h.includes('时间'));
    expect(pollutant).toBeGreaterThanOrEqual(0);
    await expect.poll(async () => ((rs) => rs.length > 0 && rs.every((r) => r[pollutant] === 'PM2.5'))(await gridRows(page, 'lineage-records')), { timeout: 30_000 }).toBe(true);
    const rows = await gridRows(page, 'lineage-records');
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r[pollutant]).toBe('PM2.5');
    // hour-ending times of the day: 01:00 of the day … 00:00 of the next
    for (const r of rows) expect(r[time]!.slice(0, 10) === day.day || r[time]!.endsWith('00:00:00')).toBe(true);
    await screenshot(page, 'tables-drill-day', { fullPage: false });
    expect(await records.isVisible()).toBe(true);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('at 1366×768 no header cell is squeezed to one character a line, on any page', async () => {
    const { page, problems } = await pages.open('', { width: 1366, height: 768 });
    await page.getByTestId('ranking-table').locator('.MuiDataGrid-row').first().waitFor();
    const squeezed: string[] = [];
    for (const nav of ['overview', 'district', 'import', 'units', 'scores', 'watchlist', 'five-year', 'reports', 'quality', 'workspace', 'settings']) {
      await page.getByTestId(`nav-${nav}`).click();
      await page.waitForTimeout(300);
      await page.locator('th, .MuiDataGrid-columnHeaderTitle').first().waitFor({ timeout: 30_000 }).catch(() => undefined);
      await page.waitForTimeout(500);
      // (a string function: this file is type-checked without the DOM library) for each header cell, the lines its
      // text occupies (distinct tops of its character boxes) against its characters
      const found = await page.evaluate<string[]>(`[...document.querySelectorAll('th, .MuiDataGrid-columnHeaderTitle')].flatMap((el) => {
        const text = (el.textContent || '').trim();
        if (text.length < 2 || el.getClientRects().length === 0) return [];
        const range = document.createRange();
        range.selectNodeContents(el);
        const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        const chars = [...text.replace(/\\s/g, '')].length;
        return tops.size > 1 && chars / tops.size <= 1.5 ? [text + ' (' + tops.size + ' lines)'] : [];
      })`);
      squeezed.push(...found.map((f) => `${nav}: ${f}`));
    }
    expect(squeezed).toEqual([]);
    expect(problems).toEqual([]);
    await page.context().close();
  }, 240_000);

  it('a file with odd headers: 指定数据集和表头 maps them, the import goes through and the mapping is remembered', async () => {
    const districts = (await api('scores/get', { year: YEAR })).sheets.map((x) => x.entity).slice(0, 3);
    const file = await writeCsv(join(sample.dir, '生态指数_自定义表头.csv'), [['地区号', '评估年', '得分值', '备注'], ...districts.map((d, k) => [d, 2018, 60 + k, '试点'])]);
    const { page, problems } = await pages.open('#/import', { width: 1366, height: 768 });
    await page.getByTestId('file-input').setInputFiles(file);
    await page.getByTestId('dry-run').click();
    await page.getByTestId('import-refused').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('import-refused').innerText()).not.toContain('--dataset');
    await page.getByTestId('map-headers').click();
    const dialog = page.getByTestId('mapping-dialog');
    await dialog.getByRole('dialog').waitFor();
    await page.getByTestId('mapping-dataset').selectOption('eqi');
    // the file's own headers are offered (read in the page), the required columns marked
    expect(await page.getByTestId('map-entity_code').locator('option').allInnerTexts()).toEqual(expect.arrayContaining(['地区号', '评估年', '得分值', '备注']));
    expect(await page.getByTestId('mapping-apply').isDisabled()).toBe(true);
    await page.getByTestId('map-entity_code').selectOption('地区号');
    await page.getByTestId('map-year').selectOption('评估年');
    await page.getByTestId('map-eqi').selectOption('得分值');
    await screenshot(page, 'import-mapping-dialog', { fullPage: false });
    await page.getByTestId('mapping-apply').click();
    await page.getByTestId('detected-files').waitFor({ timeout: 60_000 });
    await page.getByTestId('commit').click();
    await page.getByTestId('import-done').waitFor({ timeout: 60_000 });
    const batch = (await api('batches/list', {})).filter((b) => b.file === '生态指数_自定义表头.csv');
    expect(batch.map((b) => [b.dataset, b.accepted, b.rejected])).toEqual([['eqi', districts.length, 0]]);
    // remembered: the same headers in another file are recognised without naming the dataset
    const again = await writeCsv(join(sample.dir, '生态指数_再次.csv'), [['地区号', '评估年', '得分值'], [districts[0]!, 2017, 55]]);
    expect((await api('import/files', { paths: [again], dryRun: true })).batches.map((b) => b.dataset)).toEqual(['eqi']);

    // 计算 says what it computed and links to the results
    await page.getByTestId('compute-button').click();
    const done = page.getByTestId('compute-done');
    await done.waitFor({ timeout: 480_000 });
    const sheets = (await api('scores/get', { year: YEAR })).sheets;
    const text = await done.innerText();
    expect(text).toContain(`已计算 ${YEAR} 年指标（计算批次 ${sheets[0]!.snapshot.runId}）`);
    expect(text).toContain(`${sheets.length} 个区县和全市`);
    expect(text).toContain(`${(await api('workspace/info', {})).units.toLocaleString('zh-CN')} 个管控单元`);
    expect(text).toMatch(/用时 \d+\.\d 秒/);
    await screenshot(page, 'import-compute-done', { fullPage: false });
    await page.getByTestId('compute-done-results').click();
    await page.waitForURL(/#\/overview/);
    await page.getByTestId('ranking-table').waitFor({ timeout: 60_000 });
    expect(problems).toEqual([]);
    await page.context().close();
  }, 600_000);

  it('an empty workspace lands on the start steps: the workspace open, import to do now, compute and results later', async () => {
    const path = join(sample.dir, 'empty.duckdb');
    const ws = await Workspace.create(path);
    const server = await pages.serve(createService(ws));
    try {
      const { page, problems } = await pages.openUrl(server.url, { width: 1366, height: 768 });
      const steps = page.getByTestId('start-steps');
      await steps.waitFor({ timeout: 60_000 });
      const state = (s: string) => page.getByTestId(`start-step-${s}`).getAttribute('data-state');
      expect([await state('workspace'), await state('import'), await state('compute'), await state('results')]).toEqual(['done', 'current', 'todo', 'todo']);
      expect(await page.getByTestId('start-step-workspace').innerText()).toContain('empty.duckdb');
      // the landing page fits the screen: no scrolling to find the start
      expect(await page.evaluate<number>('document.documentElement.scrollHeight')).toBeLessThanOrEqual(768);
      await screenshot(page, 'landing-empty', { fullPage: false });
      await page.getByTestId('start-import').click();
      await page.waitForURL(/#\/import/);
      expect(problems).toEqual([]);
      await page.context().close();
    } finally {
      await server.close();
      await ws.close();
    }
  });
});
