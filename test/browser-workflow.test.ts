// A new user's path through the workstation in a real browser (browser mode, the real HTTP server over a real
// sample workspace): import a file through the wizard (after a refused one and its errors), compute, look at the
// dashboard, drill from a district's value to its source records, look at units, scores and data quality,
// generate a district report and download it. What the page shows is checked against the API's own answers;
// screenshots of every page go to tmp/screenshots/, and the page's performance marks are printed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { tempDir, TEST_DISTRICTS } from './helpers/sample-workspace.js';
import { readTable, writeCsv } from './helpers/files.js';
import { directApi, screenshot, startPageServer, type PageServer } from './helpers/browser.js';
import { Workspace } from '../analytics/workspace.js';
import { importFiles } from '../analytics/import/import-files.js';
import { generateSample } from '../analytics/sample/generate-sample.js';
import { computeIndicators } from '../indicators/engine.js';
import { createService, type Service } from '../service/zonetrack-service.js';
import { localNow } from '../service/clock.js';

const YEAR = 2025;
let dir: string;
let ws: Workspace;
let service: Service;
let pages: PageServer;
/** The file the user imports through the wizard (held back from the workspace), and a broken copy of it. */
let goodFile: string;
let badFile: string;

const api = directApi(() => service);

beforeAll(async () => {
  dir = await tempDir('zonetrack-workflow-');
  const files = await generateSample({ outDir: join(dir, 'sample'), years: [YEAR - 1, YEAR], scale: 'small', seed: 7, districts: TEST_DISTRICTS });
  const held = files.find((f) => f.dataset === 'eia_approvals')!;
  goodFile = held.path;
  await mkdir(join(dir, 'workspace'));
  ws = await Workspace.create(join(dir, 'workspace', 'demo.duckdb'));
  await importFiles(ws, files.filter((f) => f !== held).map((f) => f.path));
  await computeIndicators(ws, { at: localNow(), year: YEAR });
  // The same approvals with an impossible date and an unknown district: refused, with row errors.
  const rows = await readTable(goodFile);
  const header = rows[0]!;
  rows[2]![header.indexOf('批复日期')] = '2025-13-45';
  rows[4]![header.indexOf('区县')] = '不存在县';
  badFile = await writeCsv(join(dir, '环评审批_有错误.csv'), rows);
  service = createService(ws);
  pages = await startPageServer(service);
}, 240_000);

afterAll(async () => {
  await pages?.close();
  await ws?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const shot = (page: Page, name: string) => screenshot(page, name);

async function cellTexts(page: Page, selector: string): Promise<string[][]> {
  // an HTML table's rows, or a data table's (renderer/components/DataTable.tsx)
  return page.locator(`${selector} tbody tr, ${selector} .MuiDataGrid-row`).evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td, [role="gridcell"][data-field]')].map((td) => (td.textContent ?? '').trim())));
}

describe('workflow in the browser', () => {
  it('takes a new user from import to a downloaded report', async () => {
    const { page, problems } = await pages.open('', { width: 1440, height: 1000 });
    await page.getByRole('heading', { name: '生态环境分区管控跟踪评估工作站' }).waitFor();
    const batchesBefore = await api('batches/list', {});

    // 1. The wizard refuses the broken file, lists its errors as the importer does, and writes nothing.
    await page.getByTestId('nav-import').click();
    await page.getByTestId('file-input').setInputFiles(badFile);
    await page.getByTestId('dry-run').click();
    await page.getByTestId('row-errors').waitFor();
    const refused = await service.dispatch('import/files', { paths: [badFile], dryRun: true });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect((await page.getByTestId('import-refused').innerText()).trim()).toBe(refused.error.message);
    const expectedErrors = (refused.error.rowErrors ?? []).map((r) => [r.file, r.row === 0 ? '表头' : String(r.row), r.column, r.value ?? '', r.reason]);
    expect(expectedErrors.length).toBeGreaterThanOrEqual(2);
    expect(await cellTexts(page, '[data-testid="row-errors"]')).toEqual(expectedErrors);
    expect((await api('batches/list', {})).length).toBe(batchesBefore.length);
    await shot(page, '01-import-refused');

    // 2. The good file: the dry run shows what was detected, then the commit writes one batch of that file.
    await page.getByRole('button', { name: '重新选择文件' }).click();
    await page.getByTestId('file-input').setInputFiles(goodFile);
    await page.getByTestId('dry-run').click();
    await page.getByTestId('detected-files').waitFor();
    const dry = await api('import/files', { paths: [goodFile], dryRun: true });
    const detected = (await cellTexts(page, '[data-testid="detected-files"]'))[0]!;
    const d = dry.batches[0]!;
    const label = (await api('datasets/list', {})).find((x) => x.name === d.dataset)!.label;
    expect(detected.slice(0, 5)).toEqual([basename(goodFile), label, d.encoding, d.sheet ?? '—', String(d.headerRow)]);
    expect(detected.slice(6, 9)).toEqual([d.rows, d.accepted, d.rejected].map((n) => n.toLocaleString('zh-CN')));
    await shot(page, '02-import-checked');
    await page.getByTestId('commit').click();
    await page.getByTestId('import-done').waitFor({ timeout: 60_000 });
    const added = (await api('batches/list', {})).filter((b) => !batchesBefore.some((x) => x.id === b.id));
    const sha = createHash('sha256').update(await readFile(goodFile)).digest('hex');
    expect(added.map((b) => [b.dataset, b.file, b.sha256, b.accepted])).toEqual([['eia_approvals', basename(goodFile), sha, d.accepted]]);
    await page.locator(`[data-testid="batch-list"] .MuiDataGrid-row[data-id="${added[0]!.id}"]`).waitFor();
    await shot(page, '03-import-done');

    // 3. Recompute: B1 now rests on the imported batch.
    await page.getByTestId('compute-button').click();
    await expect.poll(async () => (await api('indicators/value', { indicator: 'B1', entity: TEST_DISTRICTS[0]!, year: YEAR })).batches.map((b) => b.id),
      { timeout: 120_000, interval: 1000 }).toContain(added[0]!.id);
    await page.getByTestId('compute-button').and(page.locator(':not([disabled])')).waitFor({ timeout: 60_000 });

    // 4. The dashboard: ranking as computed; switching district re-renders without a request.
    await page.getByTestId('nav-overview').click();
    await page.locator('[data-testid="ranking-table"]').waitFor();
    await page.getByTestId('district-tiles').waitFor();
    const overview = await api('indicators/overview', { year: YEAR });
    for (const dist of [...overview.districts].reverse()) {
      await page.locator(`[data-testid="district-tiles"] [data-entity="${dist.code}"]`).click();
      await expect.poll(() => page.getByTestId('district-panel-name').innerText()).toBe(dist.name);
    }
    const switches = await page.evaluate(() => performance.getEntriesByName('district-switch').map((e) => e.duration));
    expect(switches.length).toBe(overview.districts.length);
    console.log(`[perf] 总览切换区县（ms）：${switches.map((t) => t.toFixed(1)).join('，')}`);
    await page.locator('[data-testid="yoy-chart"] canvas').first().waitFor();
    await shot(page, '04-overview');

    // 5. Drill down: the district's C1 value → its batches → its source records, page by page.
    // The tiles were clicked last to first: the panel shows the first district.
    await page.getByTestId('district-panel').getByRole('button', { name: '区县详情' }).click();
    const shown = overview.districts[0]!.code;
    await page.getByTestId('value-C1').click();
    const c1 = await api('indicators/value', { indicator: 'C1', entity: shown, year: YEAR });
    expect(await page.getByTestId('lineage-value').innerText()).toContain(`${c1.entityName} ${YEAR}年：${c1.value!.toFixed(c1.decimals)}`);
    expect((await cellTexts(page, '[data-testid="lineage-batches"]')).map((r) => r[1])).toEqual(c1.batches.map((b) => String(b.id)));
    const largest = [...c1.batches].sort((a, b) => b.rows - a.rows)[0]!;
    const first = await api('lineage/records', { indicator: 'C1', entity: shown, year: YEAR, batch: largest.id, offset: 0, limit: 25 });
    expect(first.total).toBeGreaterThan(25);
    await page.getByTestId('lineage-records').waitFor();
    expect(await cellTexts(page, '[data-testid="lineage-records"]')).toEqual(first.rows.map((r) => r.map((c) => c ?? '')));
    expect(await page.getByTestId('lineage').innerText()).toContain(`共 ${first.total.toLocaleString('zh-CN')} 条`);
    await shot(page, '05-lineage');
    await page.getByTestId('lineage-records').getByRole('button', { name: '下一页' }).click();
    const second = await api('lineage/records', { indicator: 'C1', entity: shown, year: YEAR, batch: largest.id, offset: 25, limit: 25 });
    await expect.poll(() => cellTexts(page, '[data-testid="lineage-records"]'), { timeout: 15_000 }).toEqual(second.rows.map((r) => r.map((c) => c ?? '')));
    await page.getByRole('button', { name: '关闭' }).click();
    await shot(page, '06-district');

    // 6. Units: filter on the client; the count matches the API's list filtered the same way.
    await page.getByTestId('nav-units').click();
    await page.getByTestId('unit-table').waitFor();
    const units = await api('units/list', { year: YEAR });
    expect((await page.getByTestId('unit-count').innerText())).toContain(`${units.units.length} / ${units.units.length}`);
    const term = units.units[0]!.code.slice(0, 10);
    await page.getByTestId('unit-search').fill(term);
    const matching = units.units.filter((u) => u.code.toLowerCase().includes(term.toLowerCase()) || u.name.includes(term)).length;
    await expect.poll(() => page.getByTestId('unit-count').innerText()).toContain(`${matching} / ${units.units.length}`);
    await page.getByTestId('unit-search').fill('');
    await page.getByRole('combobox', { name: '单元类别' }).selectOption('2'); // 重点管控单元 (a native select)
    const key = units.units.filter((u) => u.type === 2).length;
    await expect.poll(() => page.getByTestId('unit-count').innerText()).toContain(`${key} / ${units.units.length}`);
    const filters = await page.evaluate(() => performance.getEntriesByName('unit-filter').map((e) => e.duration));
    expect(filters.length).toBeGreaterThan(0);
    console.log(`[perf] 管控单元筛选（ms）：${filters.map((t) => t.toFixed(1)).join('，')}`);
    await shot(page, '07-units');
    await page.locator('[data-testid="unit-table"] .MuiDataGrid-row').first().click();
    await page.getByRole('button', { name: '← 返回单元列表' }).waitFor();
    await shot(page, '08-unit');

    // 7. Data quality.
    await page.getByTestId('nav-quality').click();
    await page.getByTestId('quality-checks').waitFor();
    const quality = await api('quality/summary', { year: YEAR });
    expect((await cellTexts(page, '[data-testid="quality-checks"]')).length).toBe(quality.checks.length);
    await shot(page, '09-quality');

    // 8. The report of the district: generated with progress, then downloaded and opened.
    await page.getByTestId('nav-reports').click();
    await page.getByTestId('generate-report').click();
    await page.getByTestId('report-files').waitFor({ timeout: 120_000 });
    await shot(page, '10-reports');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载自评报告（.docx）' }).click()]);
    const saved = join(dir, 'downloaded.docx');
    await download.saveAs(saved);
    const sheets = await api('scores/get', { year: YEAR });
    const name = sheets.sheets[0]!.name;
    expect(download.suggestedFilename()).toBe(`${name}${YEAR}年度分区管控跟踪评估自评报告.docx`);
    const docXml = await (await JSZip.loadAsync(await readFile(saved))).file('word/document.xml')!.async('string');
    expect(docXml).toContain(name);

    // 9. Scoring: 不适用 is offered only where allowed — not on C3 (computed; the catalogue does not say it may
    // be not applicable), but on B1 (it may be); the marked item then shows — instead of points.
    await page.getByTestId('nav-scores').click();
    await page.getByTestId('score-sheet').waitFor();
    await shot(page, '11-scores');
    const row = (id: string) => page.locator(`[data-testid="score-sheet"] .MuiDataGrid-row[data-id="${id}"]`);
    const c3 = sheets.sheets[0]!.items.find((i) => i.indicator === 'C3')!;
    await row('C3').getByRole('button').click();
    if (!c3.notApplicableAllowed) await page.getByTestId('no-not-applicable').waitFor();
    await page.getByRole('button', { name: '取消' }).click();
    await row('B1').getByRole('button').click();
    await page.getByLabel(/不适用原因/).fill('本年审批项目均为备案类，无需分析');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await row('B1').getByText('不适用', { exact: true }).waitFor();
    expect(await row('B1').locator('[data-field="points"]').innerText()).toBe('—');
    await shot(page, '12-scores-manual');

    // 10. Dark theme.
    await page.getByTestId('theme-toggle').click();
    await page.getByTestId('nav-overview').click();
    await page.locator('[data-testid="ranking-table"]').waitFor();
    await shot(page, '13-overview-dark');

    expect(problems).toEqual([]);
    await page.context().close();
  }, 600_000);
});
