// 指标总览 in the 五年评估 cycle, in a real browser (browser mode, the real HTTP server over a real sample workspace
// of 2022–2025): in an evaluation year the page says that the year's annual tracking is folded into the five-year
// evaluation — first that the evaluation is still to be run, then, once it is, its window — and its button opens
// 五年评估; the annual figures stay below. A year that ends no window says annual tracking continues; the annual
// cycle shows no notice. Then the pages of 数据导入, 数据质量, 指标总览, 区县详情 and 管控单元 in English and in
// Chinese, with screenshots in tmp/screenshots/ to look at the layout.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { SampleWorkspace } from './helpers/sample-workspace.js';
import { directApi, screenshot, type PageServer, serveSample } from './helpers/browser.js';
import type { Service } from '../service/zonetrack-service.js';
import { en, zh } from '../renderer/i18n/resources.js';

const YEAR = 2025;
const DISTRICTS = ['500101', '500103'];
let sample: SampleWorkspace;
let service: Service;
let pages: PageServer;
/** A sample file already imported: a dry run of it again is skipped as a duplicate. */
let imported: string;

const api = directApi(() => service);

serveSample({ sample: { years: [2022, 2023, 2024, YEAR], districts: DISTRICTS }, timeoutMs: 600_000 }, (s) => {
  ({ sample, service, pages } = s);
  imported = sample.files.map((f) => f.path).find((p) => p.includes('环评审批'))!;
});

/** The overview after a reload (the page reads the stored cycle when it loads). */
async function overviewAgain(page: Page) {
  await page.reload();
  await page.getByTestId('nav-overview').click();
  await page.getByTestId('city-summary').waitFor();
}

describe('the overview in the five-year cycle', () => {
  it('says the evaluation year is folded into the five-year evaluation, with its window and a way there', async () => {
    await api('settings/set', { cycle: 'five-year' });
    const { page, problems } = await pages.open('', { width: 1440, height: 1000 });
    const notice = page.getByTestId('five-year-notice');

    // Not evaluated yet: what to do, and the annual figures still below for reference.
    await overviewAgain(page);
    await notice.waitFor();
    expect(await notice.innerText()).toContain('2025年为五年评估年：本年度的跟踪评估并入2021–2025年五年评估（基准2020年），但该评估尚未计算');
    expect(await notice.innerText()).toContain('zonetrack compute WS --year 2025 --cycle five-year');
    const { districts } = await api('indicators/overview', { year: YEAR });
    expect(await page.getByTestId('district-tiles').locator('button').count()).toBe(districts.length);
    await screenshot(page, 'overview-cycle-01-not-evaluated');
    await page.getByTestId('five-year-notice-open').click();
    expect(new URL(page.url()).hash).toBe('#/five-year/2025');
    await page.getByText('2021–2025年的五年评估尚未计算').waitFor();

    // Evaluated: the window and when it was computed, as 'evaluation/five-year' answers.
    await api('evaluation/compute-five-year', { year: YEAR });
    const ev = await api('evaluation/five-year', { year: YEAR, entity: 'city' });
    expect(ev.foldsAnnual).toBe(true);
    await overviewAgain(page);
    await expect.poll(() => notice.innerText()).toContain('不再单独出具年度结果');
    const text = await notice.innerText();
    expect(text).toContain(`本年度的跟踪评估并入${ev.fromYear}–${ev.toYear}年五年评估（基准${ev.baselineYear}年，计算于 `);
    expect(text).toContain('下方年度数值仅供参考');
    expect(await page.getByTestId('city-summary').isVisible()).toBe(true);
    await screenshot(page, 'overview-cycle-02-folded');
    expect(await page.getByTestId('five-year-notice-open').innerText()).toBe('查看五年评估');
    await page.getByTestId('five-year-notice-open').click();
    await page.getByTestId('five-year-by-entity').waitFor({ timeout: 60_000 });

    // 2024 ends no window (it was computed by the evaluation): annual tracking as usual.
    await page.getByTestId('nav-overview').click();
    await page.getByRole('combobox', { name: '年度' }).click();
    await page.getByRole('option', { name: /^2024年/ }).click();
    await expect.poll(() => notice.innerText()).toContain('2024年不是五年评估年');
    expect(await page.getByTestId('five-year-notice-open').count()).toBe(0);

    // The annual cycle: no notice.
    await api('settings/set', { cycle: 'annual' });
    await overviewAgain(page);
    await page.getByTestId('district-tiles').waitFor();
    expect(await notice.count()).toBe(0);
    expect(problems).toEqual([]);
    await page.context().close();
  }, 600_000);
});

describe('the pages in English and in Chinese', () => {
  const unit = async () => (await api('units/list', { year: YEAR })).units[0]!;
  for (const language of ['en', 'zh'] as const) {
    it(`shows 数据导入, 数据质量, 指标总览, 区县详情 and 管控单元 in ${language}`, async () => {
      const words = { en, zh }[language];
      // The five-year cycle, to see the notice in both languages (the evaluation of the first test is there).
      await api('settings/set', { cycle: 'five-year' });
      const { page, problems } = await pages.open('', { width: 1280, height: 900 });
      await page.evaluate(`localStorage.setItem('zonetrack.lang', '${language}')`);
      await page.reload();
      const heading = (name: string) => page.getByRole('heading', { level: 2, name, exact: true }).waitFor();

      await page.getByTestId('nav-overview').click();
      await heading(words.overview.title);
      await page.getByTestId('district-tiles').waitFor();
      expect(await page.getByTestId('five-year-notice-open').textContent()).toBe(words.overview.fiveYear.open);
      expect(await page.getByTestId('city-summary').innerText()).toContain(words.overview.summary.meanScore);
      await page.locator('[data-testid="ranking-chart"] canvas').first().waitFor();
      await screenshot(page, `i18n-${language}-overview`);
      await api('settings/set', { cycle: 'annual' });

      await page.getByTestId('nav-district').click();
      await heading(words.district.title);
      await page.getByTestId('district-indicators').waitFor();
      await screenshot(page, `i18n-${language}-district`);

      await page.getByTestId('nav-units').click();
      await heading(words.units.title);
      await page.getByTestId('unit-table').waitFor();
      await screenshot(page, `i18n-${language}-units`);
      const u = await unit();
      await page.locator(`[data-testid="unit-table"] .MuiDataGrid-row[data-id="${u.code}"]`).click();
      await page.getByRole('button', { name: words.units.unit.back }).waitFor();
      await screenshot(page, `i18n-${language}-unit`);

      await page.getByTestId('nav-import').click();
      await heading(words.dataImport.title);
      await page.getByTestId('batch-list').waitFor();
      // The widest table of the wizard: what a dry run detected (here, a file imported already).
      await page.getByTestId('file-input').setInputFiles(imported);
      await page.getByTestId('dry-run').click();
      await page.getByTestId('detected-files').waitFor();
      const dry = (await api('import/files', { paths: [imported], dryRun: true })).batches[0]!;
      expect(dry.skippedAsDuplicateOf).toBeDefined();
      expect((await page.locator('[data-testid="detected-files"] tbody td').last().textContent())?.trim())
        .toBe(words.dataImport.detected.duplicate.replace('{{id}}', String(dry.skippedAsDuplicateOf)));
      await screenshot(page, `i18n-${language}-import`);

      await page.getByTestId('nav-quality').click();
      await heading(words.quality.title);
      await page.getByTestId('quality-checks').waitFor();
      await screenshot(page, `i18n-${language}-quality`);
      expect(problems).toEqual([]);
      await page.context().close();
    }, 180_000);
  }
});
