// The browser-mode UI in a real browser: the real vite build of renderer/, served by the real HTTP server over a
// real sample workspace, driven with Chromium. Checks what the user sees against what the API returns.
import { describe, expect, it } from 'vitest';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Service } from '../service/zonetrack-service.js';
import type { Ranking } from '../service/contract.js';
import { SCREENSHOTS, type PageServer, gridHeaders, gridRows, serveSample } from './helpers/browser.js';

const TEST_DISTRICT_NAMES = ['渝中区', '渝北区', '万州区', '彭水苗族土家族自治县'];

let service: Service;
let pages: PageServer;

serveSample({ timeoutMs: 180_000 }, (s) => ({ service, pages } = s));

async function apiRanking(year: number, indicator: string): Promise<Ranking> {
  const env = await service.dispatch('indicators/ranking', { year, indicator });
  if (!env.ok) throw new Error(env.error.message);
  return env.result;
}

/** The table rows as the user reads them, from the API's answer: 排名, 区县, 数值, 完成情况, 得分. */
function expectedRows(r: Ranking): string[][] {
  const value = (v: number | null) => (v === null ? '—' : v.toFixed(r.decimals));
  const points = (p: number | null) => (p === null ? '—' : String(Math.round(p * 100) / 100));
  return r.rows.map((row) => [row.rank === null ? '—' : String(row.rank), row.name, row.regionGroup ?? '—', value(row.value), row.status, points(row.points)]);
}

async function tableRows(page: Page): Promise<string[][]> {
  return gridRows(page, 'ranking-table');
}

/** A server whose service answers from a table, for states the sample workspace does not have. */
async function stubServer(answers: Record<string, unknown>) {
  const stub: Service = {
    dispatch: async (name) => (answers[name] ?? { ok: false, error: { code: 'UNKNOWN_OPERATION', message: `未知的操作：${name}` } }) as never,
  };
  return pages.serve(stub);
}

describe('browser-mode UI', () => {
  it('builds a bundle with no Node-side code in it', async () => {
    const assets = join(pages.rendererDir, 'assets');
    const js = (await readdir(assets)).filter((f) => f.endsWith('.js'));
    expect(js.length).toBeGreaterThan(0);
    for (const f of js) {
      const text = await readFile(join(assets, f), 'utf8');
      expect(text).not.toMatch(/@duckdb|exceljs|from\s*["']node:|require\(["']node:/);
    }
    const html = await readFile(join(pages.rendererDir, 'index.html'), 'utf8');
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/); // CSP: script-src 'self', no inline scripts
  });

  it('shows the 2025 C1 ranking of the four test districts, as the API computes it', async () => {
    const { page, problems } = await pages.open();
    await page.getByRole('heading', { name: '生态环境分区管控跟踪评估工作站' }).waitFor();
    const table = page.locator('[data-testid="ranking-table"]');
    await table.waitFor();

    const text = await table.innerText();
    for (const name of TEST_DISTRICT_NAMES) expect(text).toContain(name);
    const c1 = await apiRanking(2025, 'C1');
    expect(c1.rows.filter((r) => r.value !== null).map((r) => r.name).sort()).toEqual([...TEST_DISTRICT_NAMES].sort());
    expect(await tableRows(page)).toEqual(expectedRows(c1));
    expect((await page.getByTestId('city-value').innerText()).trim()).toBe(c1.city === null ? '—' : c1.city.toFixed(c1.decimals));

    // Latest computed year and the first indicator are preselected.
    expect(await page.getByRole('combobox', { name: '年度' }).innerText()).toContain('2025年');
    expect(await page.getByRole('combobox', { name: '指标' }).innerText()).toContain('C1');

    const canvas = page.locator('[data-testid="ranking-chart"] canvas');
    await canvas.first().waitFor();
    const box = await canvas.first().boundingBox();
    expect(box?.width).toBeGreaterThan(100);
    expect(box?.height).toBeGreaterThan(100);

    await page.waitForTimeout(800); // let the bar animation finish before the screenshot
    await page.screenshot({ path: join(SCREENSHOTS, 'ranking.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('switches to C2 when the indicator is picked', async () => {
    const { page, problems } = await pages.open();
    await page.locator('[data-testid="ranking-table"]').waitFor();
    await page.getByRole('combobox', { name: '指标' }).click();
    await page.getByRole('option', { name: /^C2 / }).click();

    const c2 = await apiRanking(2025, 'C2');
    const c1 = await apiRanking(2025, 'C1');
    expect(expectedRows(c2)).not.toEqual(expectedRows(c1));
    await expect.poll(() => tableRows(page), { timeout: 10_000 }).toEqual(expectedRows(c2));
    await page.getByRole('listbox').waitFor({ state: 'hidden' });
    await page.waitForTimeout(800); // bar animation
    expect(await gridHeaders(page, 'ranking-table')).toContain(`数值（${c2.unit}）`);
    await page.screenshot({ path: join(SCREENSHOTS, 'ranking-c2.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('refuses API calls with a wrong or missing token (401)', async () => {
    const url = `http://127.0.0.1:${pages.port}/api/workspace/info`;
    const wrong = await fetch(url, { method: 'POST', headers: { 'X-ZoneTrack-Token': 'wrong', 'Content-Type': 'application/json' }, body: '{}' });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ ok: false, error: { code: 'BAD_TOKEN' } });
    const missing = await fetch(url, { method: 'POST', body: '{}' });
    expect(missing.status).toBe(401);
  });

  it('shows the server\'s Chinese message when the page was opened without the token', async () => {
    const { page } = await pages.openUrl(`http://127.0.0.1:${pages.port}/`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('访问令牌无效');
    await page.context().close();
  });

  it('says what to do when no year has been computed', async () => {
    const stub = await stubServer({
      'workspace/info': { ok: true, result: { path: 'x', years: [2025], computedYears: [], noDataYears: [], districts: 4, units: 0, stations: 8, batches: 3 } },
      'catalogue/show': await service.dispatch('catalogue/show', {}),
      'settings/get': await service.dispatch('settings/get', {}),
    });
    const { page, problems } = await pages.openUrl(stub.url);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('尚未计算指标，请先运行 zonetrack compute');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('shows an API error of the ranking in an alert', async () => {
    const stub = await stubServer({
      'workspace/info': await service.dispatch('workspace/info', {}),
      'catalogue/show': await service.dispatch('catalogue/show', {}),
      'settings/get': await service.dispatch('settings/get', {}),
      'indicators/ranking': { ok: false, error: { code: 'NOT_COMPUTED', message: '2025年的指标尚未计算，请先运行“计算指标”' } },
      'indicators/overview': await service.dispatch('indicators/overview', { year: 2025 }),
    });
    const { page } = await pages.openUrl(stub.url);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('2025年的指标尚未计算');
    await page.context().close();
  });
});
