// 报告页 → 报告人工章节 in a real browser (the real vite build, the real HTTP server over a real sample workspace,
// Chromium): type a section's text for a district, save it (button, then Ctrl+Enter for a second edit), find it
// in 'reports/texts-get' and the audit log, generate the district's report through the page and read the text
// back from the downloaded .docx; the city's texts are kept apart; a refused save shows the
// service's message. The reports generated are listed after a reload with the snapshot they came from, marked
// stale once the year is computed again; in the five-year cycle the page offers the five-year reports. Text typed
// and not saved is kept as a draft across a change of district or scope and a reload (which asks first).
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import type { SampleWorkspace } from './helpers/sample-workspace.js';
import { directApi, screenshot, SCREENSHOTS, type PageServer, serveSample } from './helpers/browser.js';
import type { Service } from '../service/zonetrack-service.js';
import { MAX_SECTION_CHARS, REPORT_SECTIONS } from '../reports/user-texts.js';

const YEAR = 2025;
let sample: SampleWorkspace;
let service: Service;
let pages: PageServer;

const api = directApi(() => service);

serveSample({ sample: { years: [YEAR - 1, YEAR], compute: [YEAR] }, confined: true, timeoutMs: 400_000 }, (s) => ({ sample, service, pages } = s));

function input(page: Page, section: string) {
  return page.getByTestId(`report-text-input-${section}`);
}

describe('报告人工章节 on the 报告 page', () => {
  it('saves a section typed for a district, audits it and prints it in that district\'s report', async () => {
    const district = (await api('scores/get', { year: YEAR })).sheets[1]!;
    const { page, problems } = await pages.open(`#/reports/${district.entity}`);
    const box = page.getByTestId('report-text-cases');
    await box.waitFor();
    // every section is listed under its title, empty (nothing saved yet), with its counter against the limit
    for (const [id, label] of Object.entries(REPORT_SECTIONS)) {
      expect(await page.getByTestId(`report-text-${id}`).innerText()).toContain(label);
      expect(await input(page, id).inputValue()).toBe('');
    }
    const save = page.getByTestId('report-text-save-cases');
    expect(await save.isDisabled()).toBe(true); // unchanged

    const text = `${district.name}生态环境局联合执法查处某化工企业超标排放案，责令整改并处罚款二十万元。\n第二段：建立了执法与分区管控联动机制。`;
    await input(page, 'cases').fill(text);
    expect(await box.innerText()).toContain(`${text.length} / ${MAX_SECTION_CHARS.toLocaleString('zh-CN')} 字`);
    expect(await save.isDisabled()).toBe(false);
    await save.click();
    await box.getByTestId('report-text-saved').waitFor();
    expect(await box.getByTestId('report-text-saved').innerText()).toContain('已保存');
    expect(await save.isDisabled()).toBe(true); // saved = unchanged again
    expect(await input(page, 'cases').inputValue()).toBe(text);

    const saved = await api('reports/texts-get', { year: YEAR, entity: district.entity });
    expect(saved.sections.find((s) => s.section === 'cases')!.text).toBe(text);
    expect(saved.sections.filter((s) => s.text !== null).map((s) => s.section)).toEqual(['cases']);
    const audit = await api('audit/list', { limit: 10_000 });
    const entry = audit.entries.findLast((e) => e.action === 'report/text');
    expect(entry?.detail).toMatchObject({ year: YEAR, entity: district.entity, section: 'cases', chars: text.length, cleared: false });

    // a second section saved by Ctrl+Enter
    await input(page, 'nextSteps').fill('下一步：完善生态环境分区管控数据共享。');
    await input(page, 'nextSteps').press('Control+Enter');
    await page.getByTestId('report-text-nextSteps').getByTestId('report-text-saved').waitFor();
    expect((await api('reports/texts-get', { year: YEAR, entity: district.entity })).sections.find((s) => s.section === 'nextSteps')!.text)
      .toBe('下一步：完善生态环境分区管控数据共享。');
    // the texts survive a reload of the page
    await page.reload();
    await input(page, 'cases').waitFor();
    expect(await input(page, 'cases').inputValue()).toBe(text);
    await page.getByTestId('report-texts').screenshot({ path: join(SCREENSHOTS, 'report-texts.png') });

    // the district's report, generated through the page, carries the text (each line a paragraph)
    await page.getByTestId('generate-report').click();
    await page.getByTestId('report-files').waitFor({ timeout: 180_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载自评报告（.docx）' }).click()]);
    const docx = join(sample.dir, 'downloaded.docx');
    await download.saveAs(docx);
    const xml = await (await JSZip.loadAsync(await readFile(docx))).file('word/document.xml')!.async('string');
    const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => [...p[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''));
    for (const line of text.split('\n')) expect(paragraphs).toContain(line);
    expect(paragraphs).toContain('下一步：完善生态环境分区管控数据共享。');
    expect(problems).toEqual([]);
  }, 300_000);

  it('keeps the city\'s texts apart and shows a refused save in Chinese', async () => {
    const district = (await api('scores/get', { year: YEAR })).sheets[0]!;
    const { page, problems } = await pages.open(`#/reports/${district.entity}`);
    await page.getByTestId('texts-scope-city').click();
    await input(page, 'problems').waitFor();
    const before = await api('reports/texts-get', { year: YEAR, entity: 'city' });
    expect(await input(page, 'problems').inputValue()).toBe(before.sections.find((s) => s.section === 'problems')!.text ?? '');
    await input(page, 'problems').fill('全市问题：部分区县数据共享不及时。');
    await page.getByTestId('report-text-save-problems').click();
    await page.getByTestId('report-text-problems').getByTestId('report-text-saved').waitFor();
    expect((await api('reports/texts-get', { year: YEAR, entity: 'city' })).sections.find((s) => s.section === 'problems')!.text)
      .toBe('全市问题：部分区县数据共享不及时。');
    expect((await api('reports/texts-get', { year: YEAR, entity: district.entity })).sections.find((s) => s.section === 'problems')!.text).toBeNull();

    // too long: the counter warns and 保存 stays disabled (the service would refuse it too)
    await input(page, 'organisation').fill('字'.repeat(MAX_SECTION_CHARS + 1));
    expect(await page.getByTestId('report-text-organisation').innerText()).toContain('超出上限');
    expect(await page.getByTestId('report-text-save-organisation').isDisabled()).toBe(true);
    // a save the service refuses shows its message: the request is sent on for a district the workspace does not
    // have, and the real server answers it
    await page.route('**/api/reports/texts-set', (route) =>
      route.continue({ postData: JSON.stringify({ ...(route.request().postDataJSON() as object), entity: '999999' }) }));
    await input(page, 'organisation').fill('全市组织实施情况。');
    await page.getByTestId('report-text-save-organisation').click();
    const refused = await service.dispatch('reports/texts-set', { year: YEAR, entity: '999999', section: 'organisation', text: '全市组织实施情况。' });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    const alert = page.getByTestId('report-text-organisation').getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toBe(`保存失败：${refused.error.message}`);
    expect(await page.getByTestId('report-text-save-organisation').isDisabled()).toBe(false); // kept, to try again
    expect((await api('reports/texts-get', { year: YEAR, entity: 'city' })).sections.find((s) => s.section === 'organisation')!.text).toBeNull();
    await page.screenshot({ path: join(SCREENSHOTS, 'report-texts-city.png'), fullPage: true });
    // (the browser logs the refused request's HTTP status; no other problem)
    expect(problems.filter((p) => !p.includes('Failed to load resource'))).toEqual([]);
  }, 120_000);

  it('keeps text typed and not saved as a draft across a change of district, scope and a reload; 放弃草稿 and 保存 end it', async () => {
    const { sheets } = await api('scores/get', { year: YEAR });
    expect(sheets.length).toBeGreaterThanOrEqual(3);
    const [a, b] = [sheets[2]!, sheets[0]!];
    const section = 'organisation';
    const savedText = `${a.name}成立了分区管控工作专班。`;
    await api('reports/texts-set', { year: YEAR, entity: a.entity, section, text: savedText });
    const { page, problems } = await pages.open(`#/reports/${a.entity}`);
    const dialogs: string[] = [];
    page.on('dialog', (d) => { dialogs.push(d.type()); void d.accept(); });
    const box = page.getByTestId(`report-text-${section}`);
    const notice = box.getByTestId('report-text-draft');
    const drafts = () => page.evaluate<number>("Object.keys(localStorage).filter((k) => k.startsWith('zonetrack.reportDraft/')).length");
    const pickDistrict = async (d: { entity: string; name: string }) => {
      await page.getByRole('combobox', { name: '区县' }).click();
      await page.locator(`li[data-value="${d.entity}"]`).click();
      await expect.poll(() => page.getByTestId('texts-scope-district').innerText()).toBe(d.name);
    };
    await input(page, section).waitFor();
    expect(await input(page, section).inputValue()).toBe(savedText);
    expect(await notice.count()).toBe(0);

    // typed, not saved; another district shows its own text, no draft
    const draftText = `${savedText}\n草稿：各部门按月报送工作进展。`;
    await input(page, section).click();
    await input(page, section).fill(draftText);
    expect(await box.innerText()).toContain('有未保存的修改');
    await pickDistrict(b);
    await expect.poll(() => input(page, section).inputValue()).toBe('');
    expect(await notice.count()).toBe(0);
    // back: the typed text, marked as a restored draft
    await pickDistrict(a);
    await expect.poll(() => input(page, section).inputValue()).toBe(draftText);
    expect(await notice.innerText()).toMatch(/^已恢复未保存的草稿（上次编辑于 \d{4}\/\d{1,2}\/\d{1,2} \d{2}:\d{2}:\d{2}）/);
    expect(await box.innerText()).toContain('有未保存的修改');
    // the city's scope and back
    await page.getByTestId('texts-scope-city').click();
    await expect.poll(() => notice.count()).toBe(0);
    await page.getByTestId('texts-scope-district').click();
    await expect.poll(() => input(page, section).inputValue()).toBe(draftText);

    // a reload asks first (beforeunload), then the draft is still there
    expect(dialogs).toEqual([]);
    await page.reload();
    expect(dialogs).toEqual(['beforeunload']);
    await input(page, section).waitFor();
    expect(await input(page, section).inputValue()).toBe(draftText);
    expect(await notice.innerText()).toContain('已恢复未保存的草稿');
    expect(await box.getByTestId(`report-text-save-${section}`).isDisabled()).toBe(false);
    await page.getByTestId('report-texts').screenshot({ path: join(SCREENSHOTS, 'report-texts-draft.png') });
    // the service still has the saved text only
    expect((await api('reports/texts-get', { year: YEAR, entity: a.entity })).sections.find((s) => s.section === section)!.text).toBe(savedText);

    /** After a reload that no longer asks first (the one dialog is the earlier one), the section shows `text`, no draft notice. */
    const reloadShowsSaved = async (text: string) => {
      await page.reload();
      await input(page, section).waitFor();
      expect(dialogs).toEqual(['beforeunload']);
      expect(await input(page, section).inputValue()).toBe(text);
      expect(await notice.count()).toBe(0);
    };

    // 放弃草稿: the saved text again, no notice, no draft, and leaving no longer asks
    await box.getByRole('button', { name: '放弃草稿' }).click();
    expect(await input(page, section).inputValue()).toBe(savedText);
    expect(await notice.count()).toBe(0);
    expect(await box.innerText()).not.toContain('有未保存的修改');
    expect(await drafts()).toBe(0);
    await reloadShowsSaved(savedText);

    // typed again and saved: after a reload no draft, and the service has the text
    const finalText = `${savedText}\n各部门按月报送工作进展。`;
    await input(page, section).click();
    await input(page, section).fill(finalText);
    expect(await drafts()).toBe(1);
    await box.getByTestId(`report-text-save-${section}`).click();
    await box.getByTestId('report-text-saved').waitFor();
    expect(await drafts()).toBe(0);
    await reloadShowsSaved(finalText);
    expect((await api('reports/texts-get', { year: YEAR, entity: a.entity })).sections.find((s) => s.section === section)!.text).toBe(finalText);
    expect(problems).toEqual([]);
  }, 120_000);

  it('generates the city report from the page; it carries the city\'s text', async () => {
    const { sheets } = await api('scores/get', { year: YEAR });
    const cityText = (await api('reports/texts-get', { year: YEAR, entity: 'city' })).sections.find((s) => s.section === 'problems')!.text;
    expect(cityText).toBeTruthy(); // saved by the test before
    const { page, problems } = await pages.open(`#/reports/${sheets[0]!.entity}`);
    await page.getByTestId('generate-city').click();
    const city = page.getByTestId('report-files').locator('li').filter({ hasText: /^全市/ });
    await city.waitFor({ timeout: 180_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), city.getByRole('button', { name: '下载自评报告（.docx）' }).click()]);
    const docx = join(sample.dir, 'city-downloaded.docx');
    await download.saveAs(docx);
    const xml = await (await JSZip.loadAsync(await readFile(docx))).file('word/document.xml')!.async('string');
    const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => [...p[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''));
    expect(paragraphs).toContain(cityText);
    expect(problems).toEqual([]);
  }, 240_000);

  it('lists the generated reports after a reload with their snapshot, marks them stale after a recompute, follows the stored cycle', async () => {
    const { sheets } = await api('scores/get', { year: YEAR });
    const { files } = await api('reports/list', { year: YEAR });
    const city = files.find((f) => f.entity === 'city' && f.kind === 'report')!;
    expect(city).toBeTruthy(); // generated through the page by the test before
    const { page, problems } = await pages.open(`#/reports/${sheets[0]!.entity}`);
    await page.reload();
    const item = page.locator(`[data-testid="generated-report"][data-entity="city"]`);
    await item.waitFor();
    // the entries are the register's: one per report (its .docx and .xlsx), newest first
    const entities = await page.getByTestId('generated-report').evaluateAll((els) => els.map((e) => e.getAttribute('data-entity')));
    expect(entities).toEqual([...new Set(files.map((f) => f.entity))]);
    const source = await item.getByTestId('report-source').innerText();
    const s = city.snapshot;
    expect(source).toContain(`${YEAR}年计算（计算批次 ${s.runId}，`);
    expect(source).toContain(`指标体系 ${s.catalogueId} ${s.catalogueVersion}`);
    expect(source).toContain(`${s.batchIds.length} 个数据批次`);
    expect(s.batchIds.length).toBeGreaterThan(0);
    expect(await item.innerText()).toContain(city.fileName);
    expect(await item.getAttribute('data-stale')).toBe('false');
    await screenshot(page, 'reports-01-generated');

    // computed again: every listed report is stale, and says so
    await api('indicators/compute', { year: YEAR });
    await page.reload();
    await item.waitFor();
    expect(await item.getByTestId('report-stale').innerText()).toBe('已过期：之后重新计算过');
    expect(await page.locator('[data-testid="generated-report"][data-stale="false"]').count()).toBe(0);

    // the five-year cycle: the buttons offer the five-year reports; without an evaluation they are off and the page says what to do
    await api('settings/set', { cycle: 'five-year' });
    await page.reload();
    await page.getByTestId('report-cycle').waitFor();
    expect(await page.getByTestId('generate-report').innerText()).toBe(`生成${YEAR - 4}–${YEAR}年五年评估报告`);
    expect(await page.getByTestId('report-cycle').innerText()).toContain(`${YEAR - 4}–${YEAR}年的五年评估尚未计算`);
    expect(await page.getByTestId('generate-report').isDisabled()).toBe(true);
    expect(await page.getByTestId('generate-all').isDisabled()).toBe(true);
    await screenshot(page, 'reports-02-five-year-missing');
    await page.getByRole('button', { name: '去五年评估' }).click();
    await page.getByTestId('five-year-select').waitFor();
    // the five-year page opens at the window of the year worked on
    expect(await page.getByTestId('five-year-data-years').innerText()).toContain(`${YEAR - 1}、${YEAR}（2/6）`);
    await page.getByRole('combobox', { name: '年度', exact: true }).click();
    await page.getByRole('option', { name: new RegExp(`^${YEAR - 1}年`) }).click();
    await expect.poll(() => page.getByTestId('five-year-data-years').innerText()).toContain(`${YEAR - 1}（1/6）`);
    await api('settings/set', { cycle: 'annual' });
    expect(problems).toEqual([]);
  }, 240_000);

  it('shows the four pages in English when English is chosen', async () => {
    const { page, problems } = await pages.open('#/reports');
    await page.evaluate("localStorage.setItem('zonetrack.lang', 'en')");
    await page.reload();
    await page.getByTestId('generated-report').first().waitFor();
    expect(await page.getByTestId('generate-report').textContent()).toBe(`Generate the ${YEAR} self-assessment report`);
    expect(await page.getByTestId('generated-report').first().getByTestId('report-source').innerText()).toMatch(/^From: \d{4} computation \(run \d+, /);
    await screenshot(page, 'reports-03-en');
    // (the sample may flag no unit: the watch list then shows its empty state, in English too)
    for (const [nav, ready, name] of [['scores', /^Scoring sheet$/, 'scores-en'], ['watchlist', /^Supervision watch list$|^No control unit is on the/, 'watch-en'],
      ['five-year', /^Years with data in the window:/, 'five-year-en']] as const) {
      await page.getByTestId(`nav-${nav}`).click();
      await page.getByText(ready).first().waitFor();
      expect(await page.locator('main, body').first().innerText()).not.toMatch(/评分表|监管预警清单|窗口内有数据的年度/);
      await screenshot(page, name);
    }
    expect(await page.getByTestId('five-year-data-years').innerText()).toContain('Years with data in the window:');
    await page.evaluate("localStorage.removeItem('zonetrack.lang')");
    expect(problems).toEqual([]);
  }, 240_000);
});
