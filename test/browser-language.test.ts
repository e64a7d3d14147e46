// The interface language in a real browser (browser mode: the real vite build, the real HTTP server over a real
// sample workspace, Chromium): 设置 → English turns the tabs, the 设置 and 工作空间 pages and the other pages' tabs into
// English, the choice survives a reload, and switching back gives the Chinese words again; the app bar's compact
// switch does the same. Switching the cycle on 工作空间 stores it and shows it in the app bar's chip.
// Screenshots of 设置 and 工作空间 in English go to tmp/screenshots/.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { directApi, gridHeaders, screenshot, type PageServer, serveSample } from './helpers/browser.js';
import type { Service } from '../service/zonetrack-service.js';

let service: Service;
let pages: PageServer;

const api = directApi(() => service);

serveSample({ confined: true }, (s) => ({ service, pages } = s));

const CHINESE = /[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]/;

const text = (page: Page, testId: string) => page.getByTestId(testId).innerText();

/** The labels of the page tabs, in order. */
async function tabs(page: Page): Promise<string[]> {
  return page.getByRole('tab').allInnerTexts();
}

/** The <html lang> and the stored language, as the page has them. */
async function language(page: Page): Promise<{ lang: string; stored: string | null }> {
  // (string functions: this file is type-checked without the DOM library)
  return { lang: await page.evaluate<string>('document.documentElement.lang'), stored: await page.evaluate<string | null>("localStorage.getItem('zonetrack.lang')") };
}

describe('interface language', () => {
  it('switches to English on 设置, keeps it after a reload, and switches back to Chinese', async () => {
    const { page, problems } = await pages.open('#/settings');
    await page.getByTestId('language-section').waitFor();
    expect(await text(page, 'nav-settings')).toBe('设置');
    expect(await page.getByTestId('language-zh').getAttribute('aria-pressed')).toBe('true');

    await page.getByTestId('language-en').click();
    await expect.poll(() => text(page, 'nav-settings')).toBe('Settings');
    expect(await tabs(page)).toEqual(['Overview', 'District', 'Import', 'Control units', 'Map', 'Scoring', 'Watch list', 'Screening',
      'Five-year', 'Reports', 'Submissions', 'Data quality', 'Workspace', 'Settings']);
    expect(await language(page)).toEqual({ lang: 'en', stored: 'en' });
    expect(await page.getByRole('heading', { level: 2 }).innerText()).toBe('Settings');
    expect(await page.getByTestId('language-en').getAttribute('aria-pressed')).toBe('true');
    // the sections of 设置: no Chinese left in the words of the page (the language switch names 中文 in Chinese)
    expect(await text(page, 'user-section')).toContain('Operator name');
    expect(await text(page, 'theme-section')).toContain('Dark');
    expect(await text(page, 'edition-section')).toContain('By year (default)');
    for (const section of ['user-section', 'theme-section', 'edition-section']) expect(await text(page, section)).not.toMatch(CHINESE);
    expect((await text(page, 'language-section')).replace('中文', '')).not.toMatch(CHINESE);
    expect(await text(page, 'layers-panel')).toContain('No layers loaded');
    await page.getByTestId('targets-table').waitFor();
    expect(await gridHeaders(page, 'targets-table')).toEqual(['ID', 'Indicator', 'Unit', 'Direction',
      'Default target', 'Scoring method', 'Points', 'Agreement targets']);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toContain('Zoning Control Tracking Workstation');
    await screenshot(page, 'settings-en', { settleMs: 300 });

    await page.reload();
    await page.getByTestId('language-section').waitFor();
    expect(await text(page, 'nav-overview')).toBe('Overview');
    expect(await page.getByTestId('language-en').getAttribute('aria-pressed')).toBe('true');

    // a page of each other area: its tabs stay English while it is open
    await page.getByTestId('nav-overview').click();
    await page.getByTestId('city-summary').waitFor();
    expect((await tabs(page)).filter((t) => CHINESE.test(t))).toEqual([]);
    await page.getByTestId('nav-reports').click();
    await page.getByTestId('generate-report').waitFor();
    expect((await tabs(page)).filter((t) => CHINESE.test(t))).toEqual([]);

    await page.getByTestId('nav-settings').click();
    await page.getByTestId('language-zh').click();
    await expect.poll(() => text(page, 'nav-settings')).toBe('设置');
    expect(await tabs(page)).toEqual(['指标总览', '区县详情', '数据导入', '管控单元', '一张图', '评分', '预警清单', '准入研判', '五年评估', '报告', '报送与备案', '数据质量', '工作空间', '设置']);
    expect(await language(page)).toEqual({ lang: 'zh-CN', stored: 'zh' });
    expect(await text(page, 'user-section')).toContain('操作人姓名');

    // the app bar's compact switch offers the other language, named in its own script
    expect(await text(page, 'language-toggle')).toBe('English');
    await page.getByTestId('language-toggle').click();
    await expect.poll(() => text(page, 'nav-settings')).toBe('Settings');
    expect(await text(page, 'language-toggle')).toBe('中文');
    await page.getByTestId('language-toggle').click();
    await expect.poll(() => text(page, 'nav-settings')).toBe('设置');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('shows 工作空间 in English as the service describes the workspace', async () => {
    const { page, problems } = await pages.open('#/workspace');
    await page.evaluate("localStorage.setItem('zonetrack.lang', 'en')");
    await page.reload();
    await page.getByTestId('workspace-file').waitFor();
    expect(await page.getByRole('heading', { level: 2 }).innerText()).toBe('Workspace');
    const status = await api('workspace/status', {});
    const run2025 = status.years.find((y) => y.year === 2025)!.lastRun!;
    expect(await text(page, 'annual-status')).toContain(`Indicators for 2025 computed: run ${run2025.runId}`);
    expect(await text(page, 'schema-version')).toContain(`Version ${status.schemaVersion}`);
    expect(await page.getByTestId('years-table').locator('th').allInnerTexts()).toEqual(['Year', 'Monitoring data', 'Last computation',
      'Indicator system', 'Standard used', 'Standard now', 'Five-year evaluation']);
    expect(await text(page, 'cycle-chip')).toBe('Annual tracking');
    for (const panel of ['evaluation-panel', 'backups-panel', 'open-hint']) expect(await text(page, panel)).not.toMatch(CHINESE);
    expect(await text(page, 'open-hint')).toContain('zonetrack serve');
    await screenshot(page, 'workspace-en', { settleMs: 300 });

    // a shared component's message with markup (the restore dialog) reads in English too
    await page.getByTestId('backup-now').click();
    expect(await page.getByTestId('backup-message').innerText()).toMatch(/^Backed up: /);
    await page.getByTestId('backup-table').getByRole('button', { name: 'Restore…' }).first().click();
    const dialog = page.getByTestId('restore-dialog');
    await dialog.getByRole('dialog').waitFor();
    expect(await dialog.locator('b').allInnerTexts()).toEqual([expect.any(String), 'replace all data in the current workspace']);
    expect(await dialog.getByRole('button').allInnerTexts()).toEqual(['Cancel', 'Restore this backup']);
    await screenshot(page, 'workspace-restore-dialog-en', { settleMs: 300, fullPage: false });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('switching the cycle on 工作空间 stores it and shows it in the app bar', async () => {
    const { page, problems } = await pages.open('#/workspace');
    await page.getByTestId('evaluation-panel').waitFor();
    expect((await api('settings/get', {})).cycle).toBe('annual');
    expect(await text(page, 'cycle-chip')).toBe('年度跟踪');

    await page.getByTestId('cycle-five-year').click();
    await expect.poll(() => text(page, 'cycle-chip')).toBe('五年评估');
    expect((await api('settings/get', {})).cycle).toBe('five-year');
    await page.getByTestId('five-year-status').waitFor();
    expect(await page.getByTestId('cycle-five-year').getAttribute('aria-pressed')).toBe('true');

    // another page shows the same chip: the cycle belongs to the whole app
    await page.getByTestId('nav-overview').click();
    await page.getByTestId('city-summary').waitFor();
    expect(await text(page, 'cycle-chip')).toBe('五年评估');
    await page.reload();
    await expect.poll(() => text(page, 'cycle-chip')).toBe('五年评估');

    await page.getByTestId('nav-workspace').click();
    await page.getByTestId('cycle-annual').click();
    await expect.poll(() => text(page, 'cycle-chip')).toBe('年度跟踪');
    expect((await api('settings/get', {})).cycle).toBe('annual');
    await page.getByTestId('annual-status').waitFor();
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
