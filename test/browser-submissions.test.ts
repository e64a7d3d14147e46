// 报送与备案 in a real browser (browser mode over a real workspace): the districts by state as the API gives
// them — every state present once the year is scripted — counts per state, filters by state and by 一区两群
// group, and the history of a returned district with its reasons. Screenshot at 1366×768 in tmp/screenshots/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { rm } from 'node:fs/promises';
import { Workspace } from '../analytics/workspace.js';
import { importFiles } from '../analytics/import/import-files.js';
import { createService, type Service } from '../service/zonetrack-service.js';
import { directApi, gridHeaders, gridRows, screenshot, startPageServer, type PageServer } from './helpers/browser.js';
import { tempDir } from './helpers/sample-workspace.js';
import { writeCsv } from './helpers/files.js';

const YEAR = 2025;
let dir: string;
let ws: Workspace;
let service: Service;
let pages: PageServer;
const api = directApi(() => service);

beforeAll(async () => {
  dir = await tempDir();
  ws = await Workspace.create(join(dir, 'city.duckdb'));
  const work = await writeCsv(join(dir, '工作事项.csv'), [
    ['区县代码', '年份', '工作事项', '数量'],
    ['500101', YEAR, '配套政策文件', 2], ['500103', YEAR, '配套政策文件', 1], ['500104', YEAR, '配套政策文件', 1],
  ]);
  const filings = await writeCsv(join(dir, '方案发布与备案.csv'), [
    ['层级', '主体', '版本', '类型', '发布日期', '备案日期', '调整原因', '整改期限', '整改完成日期'],
    ['区县', '500101', '2020版', '发布', '2020-06-01', '2020-06-20', null, null, null],
    ['区县', '500103', '2025版', '定期调整', '2025-03-01', '2025-05-10', null, null, null],
    ['区县', '500103', '渝环备整〔2025〕3号', '限期整改', '2025-07-01', null, '动态更新未履行备案程序', '2025-09-30', null],
  ]);
  await importFiles(ws, [work, filings]);
  service = createService(ws);
  await api('audit/set-user', { name: '王科长' });
  for (const d of ['500101', '500103', '500104', '500112', '500114']) await api('submissions/transition', { year: YEAR, district: d, to: '已报送', reason: '邮件收到' });
  await api('submissions/transition', { year: YEAR, district: '500101', to: '已审核' });
  await api('submissions/transition', { year: YEAR, district: '500104', to: '已审核' });
  await api('indicators/compute', { year: YEAR });
  await api('snapshots/finalize', { year: YEAR });
  await api('submissions/transition', { year: YEAR, district: '500104', to: '已报送', reason: '补报' }).catch(() => undefined); // 定稿: refused
  await api('submissions/transition', { year: YEAR, district: '500103', to: '退回', items: [{ item: 'A4', reason: '缺少文号' }] });
  await api('submissions/transition', { year: YEAR, district: '500114', to: '已审核' });
  pages = await startPageServer(service);
}, 300_000);
afterAll(async () => {
  await pages?.close();
  await ws?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('submissions page', () => {
  it('shows the 38 districts by state with counts, filters, and a district’s history', async () => {
    const list = await api('submissions/list', { year: YEAR });
    expect(list.counts).toEqual({ 待报送: 33, 已报送: 1, 退回: 1, 已审核: 1, 定稿: 2 });
    const { page, problems } = await pages.open('', { width: 1366, height: 768 });
    await page.getByTestId('nav-submissions').click();
    await page.getByTestId('submission-counts').waitFor();
    for (const [code, state] of [['pending', '待报送'], ['submitted', '已报送'], ['returned', '退回'], ['reviewed', '已审核'], ['final', '定稿']] as const) {
      expect(await page.getByTestId(`submission-count-${code}`).innerText()).toBe(`${state} ${list.counts[state]}`);
    }
    await page.getByTestId('submissions-table').locator('.MuiDataGrid-row').first().waitFor();
    for (const [d, s] of [['500101', '定稿'], ['500104', '定稿'], ['500103', '退回'], ['500112', '已报送'], ['500114', '已审核']]) {
      expect(await page.getByTestId(`state-${d}`).innerText()).toBe(s);
    }
    const rows = await gridRows(page, 'submissions-table');
    const yuzhong = rows.find((r) => r[0] === '500103')!;
    expect(yuzhong.slice(1, 4)).toEqual(['渝中区', '主城都市区', '退回']);
    expect(yuzhong.at(-1)).toContain('退回项：A4（缺少文号）');
    await screenshot(page, 'submissions-01-overview', { fullPage: false });

    // filter: the returned ones, then back to all and one 一区两群 group
    await page.getByTestId('submission-count-returned').click();
    await expect.poll(async () => (await gridRows(page, 'submissions-table')).map((r) => r[0])).toEqual(['500103']);
    await page.getByText('全部 38').click();
    await page.getByRole('combobox', { name: '一区两群' }).click();
    await page.getByRole('option', { name: '渝东南武陵山区城镇群' }).click();
    const southeast = list.rows.filter((r) => r.regionGroup === '渝东南武陵山区城镇群').map((r) => r.district).sort();
    await expect.poll(async () => (await gridRows(page, 'submissions-table')).map((r) => r[0]).sort()).toEqual(southeast);

    // the history of the district picked
    await page.getByRole('combobox', { name: '一区两群' }).click();
    await page.getByRole('option', { name: '全部片区' }).click();
    await page.getByTestId('submissions-table').getByText('渝中区').click();
    const history = page.getByTestId('submission-history');
    await history.getByText('退回项：A4（缺少文号）').waitFor();
    expect(await history.innerText()).toContain('王科长：邮件收到');
    await screenshot(page, 'submissions-02-history', { fullPage: false });

    // the filing register of the computation, below
    const register = page.getByTestId('filing-register');
    await register.getByTestId('filing-plans').locator('.MuiDataGrid-row').first().waitFor();
    const plans = await gridRows(page, 'filing-plans');
    expect(plans.find((r) => r[2] === '2025版')).toEqual(['区县', '渝中区', '2025版', '定期调整', '2025-03-01', '2025-05-10', '70', '40', '逾期备案']);
    expect((await gridRows(page, 'filing-adjustments')).find((r) => r[0] === '万州区')?.slice(3)).toEqual(['2025', '本年到期']);
    expect((await gridRows(page, 'filing-orders'))[0]?.slice(0, 7)).toEqual(['渝中区', '渝环备整〔2025〕3号', '动态更新未履行备案程序', '2025-07-01', '2025-09-30', '—', '逾期未完成']);
    await register.scrollIntoViewIfNeeded();
    await screenshot(page, 'submissions-03-filings', { fullPage: true });
    expect(problems).toEqual([]);
  });

  it('shows each district’s 一区两群 group of the year in the overview ranking', async () => {
    const { page, problems } = await pages.open('', { width: 1366, height: 768 });
    await page.getByTestId('ranking-table').locator('.MuiDataGrid-row').first().waitFor();
    const headers = await gridHeaders(page, 'ranking-table');
    expect(headers).toContain('一区两群');
    const col = headers.indexOf('一区两群');
    const rows = await gridRows(page, 'ranking-table');
    expect(rows.length).toBeGreaterThan(30);
    // 垫江县 is in 主城都市区 from 2024 on; 万州区 stays in 渝东北三峡库区城镇群
    expect(rows.find((r) => r[1] === '垫江县')?.[col]).toBe('主城都市区');
    expect(rows.find((r) => r[1] === '万州区')?.[col]).toBe('渝东北三峡库区城镇群');
    expect(problems).toEqual([]);
  });
});
