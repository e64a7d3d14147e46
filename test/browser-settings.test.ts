// The 工作空间 and 设置 pages in a real browser (browser mode: the real vite build, the real HTTP server over a
// real sample workspace, Chromium): set the operator name and find it in the audit list; back up and see the
// backup listed, then restore through the confirmation dialog; switch the theme (and find it kept after a
// reload); load a municipal layer file by upload (and a refused one) and read its diff against the API's; force
// a standard edition. What the page shows is checked against the service's own answers; screenshots go to
// tmp/screenshots/.
import { describe, expect, it } from 'vitest';
import { rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { tempDir, type SampleWorkspace } from './helpers/sample-workspace.js';
import { directApi, screenshot, type PageServer, serveSample } from './helpers/browser.js';
import type { Service } from '../service/zonetrack-service.js';
import { MIGRATIONS } from '../analytics/migrations.js';
import { activeCatalogue } from '../indicators/catalogue/load-catalogue.js';
import { formatBytes } from '../renderer/components/format.js';

let sample: SampleWorkspace;
let service: Service;
let pages: PageServer;

const api = directApi(() => service);

serveSample({ confined: true }, (s) => ({ sample, service, pages } = s));

const shot = (page: Page, name: string, fullPage = true) => screenshot(page, name, { settleMs: 300, fullPage });

/** Checks that an open dialog says `says`, takes its screenshot, and closes it with Escape. */
async function escapeDialog(page: Page, dialog: Locator, says: string, name: string) {
  expect(await dialog.innerText()).toContain(says);
  await shot(page, name, false); // a dialog's backdrop covers the viewport only: not full-page
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
}

async function rows(page: Page, testId: string): Promise<string[][]> {
  // an HTML table's rows, or a data table's (renderer/components/DataTable.tsx)
  return page.getByTestId(testId).locator('tbody tr, .MuiDataGrid-row').evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td, [role="gridcell"][data-field]')].map((td) => (td.textContent ?? '').trim())));
}

/** The body's background brightness (0–765): the theme in force as the user sees it. */
async function brightness(page: Page): Promise<number> {
  // (a string function: this file is type-checked without the DOM library)
  const rgb = await page.evaluate<string>('getComputedStyle(document.body).backgroundColor');
  return (rgb.match(/\d+/g) ?? []).slice(0, 3).reduce((s: number, n: string) => s + Number(n), 0);
}

describe('设置 and 工作空间 pages', () => {
  it('saves the operator name, which the next audit entries carry and the 工作空间 page lists', async () => {
    const { page, problems } = await pages.open('#/settings');
    await page.getByTestId('user-section').waitFor();
    expect(await page.getByTestId('user-section').innerText()).toContain('未填写，使用系统账户名');
    await page.getByTestId('user-name').fill('李四');
    await page.getByTestId('user-name').press('Enter'); // the form submits on Enter
    await page.getByText('已保存：此后的操作记录为“李四”').waitFor();
    expect((await api('settings/get', {})).user).toBe('李四');

    await page.getByTestId('nav-workspace').click();
    await page.getByTestId('audit-table').waitFor();
    const newest = (await rows(page, 'audit-table'))[0]!;
    expect(newest.slice(1)).toEqual(['李四', '设置操作人', '李四']);
    const audit = await api('audit/list', { limit: 10_000 });
    expect(audit.entries.at(-1)).toMatchObject({ user: '李四', action: 'settings/user' });
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('shows the open workspace as the service describes it, and says how to open another in browser mode', async () => {
    await sample.ws.run('CHECKPOINT');
    const { page, problems } = await pages.open('#/workspace');
    await page.getByTestId('workspace-file').waitFor();
    expect(await page.getByTestId('workspace-file').innerText()).toBe(sample.ws.path);
    expect(await page.getByTestId('workspace-size').innerText()).toContain(formatBytes((await stat(sample.ws.path)).size));
    expect(await page.getByTestId('schema-version').innerText()).toContain(`第 ${Math.max(...MIGRATIONS.map((m) => m.version))} 版`);
    const catalogue = activeCatalogue();
    expect(await page.getByTestId('catalogue-in-force').innerText()).toContain(`${catalogue.id} ${catalogue.version}`);
    expect(await page.getByTestId('open-hint').innerText()).toContain('zonetrack serve');
    const status = await api('workspace/status', {});
    const table = await rows(page, 'years-table');
    expect(table.map((r) => r[0]!.replace('评估年', ''))).toEqual(status.years.map((y) => `${y.year}年`));
    const run2025 = status.years.find((y) => y.year === 2025)!.lastRun!;
    expect(table[0]![2]).toContain(`批次 ${run2025.runId}`);
    expect(await page.getByTestId('annual-status').innerText()).toContain(`计算批次 ${run2025.runId}`);
    await shot(page, 'workspace');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('backs up now and lists the new backup; restore asks first (Escape leaves everything), then restores on Enter', async () => {
    const { page, problems } = await pages.open('#/workspace');
    await page.getByTestId('backups-panel').waitFor();
    const before = await api('workspace/backups', {});
    await page.getByTestId('backup-now').click();
    await page.getByTestId('backup-message').waitFor();
    const after = await api('workspace/backups', {});
    expect(after).toHaveLength(before.length + 1);
    await expect.poll(() => rows(page, 'backup-table').then((r) => r.length)).toBe(after.length);
    const listed = await rows(page, 'backup-table');
    expect(listed[0]![1]).toBe(after[0]!.label); // newest first
    expect(after[0]!.reason).toBe('manual');

    await page.getByTestId('backup-table').getByRole('button', { name: '恢复…' }).first().click();
    const dialog = page.getByTestId('restore-dialog');
    await dialog.getByRole('dialog').waitFor();
    await escapeDialog(page, dialog, '替换当前工作空间中的全部数据', 'workspace-restore-dialog');
    expect(await api('workspace/backups', {})).toHaveLength(after.length); // nothing happened

    await page.getByTestId('backup-table').getByRole('button', { name: '恢复…' }).first().click();
    await dialog.getByRole('dialog').waitFor();
    await page.keyboard.press('Enter'); // the confirm button has the focus; the dialog is a form
    await page.getByText('恢复前的状态已备份').waitFor();
    const restored = await api('audit/list', { limit: 10_000 });
    expect(restored.entries.at(-1)).toMatchObject({ action: 'restore', target: after[0]!.id });
    const now = await api('workspace/backups', {});
    expect(now.some((b) => b.reason === 'before-restore')).toBe(true);
    await expect.poll(() => rows(page, 'backup-table').then((r) => r.length)).toBe(now.length);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('switches to the dark theme and keeps it after a reload', async () => {
    const { page, problems } = await pages.open('#/settings');
    await page.getByTestId('theme-section').waitFor();
    const light = await brightness(page);
    expect(light).toBeGreaterThan(600);
    await page.getByTestId('theme-dark').click();
    await expect.poll(() => brightness(page)).toBeLessThan(150);
    expect(await page.evaluate<string | null>("localStorage.getItem('zonetrack.theme')")).toBe('dark');
    await page.reload();
    await page.getByTestId('theme-section').waitFor();
    expect(await brightness(page)).toBeLessThan(150);
    expect(await page.getByTestId('theme-dark').getAttribute('aria-pressed')).toBe('true');
    await shot(page, 'settings-dark');
    await page.getByTestId('theme-light').click();
    await expect.poll(() => brightness(page)).toBeGreaterThan(600);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('loads a municipal layer by upload and shows its diff as the service computes it; a refused file names its problems', async () => {
    const def = activeCatalogue();
    const c1 = def.indicators.find((i) => i.id === 'C1')!;
    const dir = await tempDir('zonetrack-layer-');
    const good = join(dir, '重庆市细化层.json');
    await writeFile(good, JSON.stringify({
      layer: { level: 'municipal', entity: 'city', id: 'cq-2025', version: '1', name: '重庆市细化' },
      base: { id: def.id, version: def.version },
      change: [{ id: 'C1', target: { kind: 'value', value: 30 }, points: c1.points + 1 }],
    }));
    const bad = join(dir, '有错误的细化层.json');
    await writeFile(bad, JSON.stringify({
      layer: { level: 'municipal', entity: 'city', id: 'cq-2025', version: '2', name: '重庆市细化' },
      base: { id: def.id, version: def.version },
      change: [{ id: 'Q99', points: 3 }],
    }));

    const { page, problems } = await pages.open('#/settings');
    await page.getByTestId('no-layers').waitFor();
    await page.getByTestId('layer-file-input').setInputFiles(bad);
    const outcome = page.getByTestId('layer-outcome');
    await outcome.getByText('细化层未载入').waitFor();
    await escapeDialog(page, outcome, 'Q99', 'settings-layer-refused');
    expect(await api('catalogue/layers', {})).toEqual([]);

    // by keyboard this time: the button takes the focus, Enter opens the file chooser
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: '载入细化层文件…' }).focus();
    await page.keyboard.press('Enter');
    await (await chooser).setFiles(good);
    await outcome.getByText('细化层已载入').waitFor();
    await outcome.getByRole('button', { name: '关闭' }).click();
    await page.getByTestId('layers-table').waitFor();
    const layers = await api('catalogue/layers', {});
    expect(layers).toHaveLength(1);
    expect((await rows(page, 'layers-table'))[0]).toEqual(expect.arrayContaining(['市级', 'cq-2025 1', '重庆市细化层.json', '生效']));

    const diff = await api('catalogue/diff', { entity: 'city' });
    expect(diff.diff.map((d) => [d.entry, d.field])).toEqual(expect.arrayContaining([['C1', 'target'], ['C1', 'points']]));
    const shown = await rows(page, 'diff-table');
    expect(shown.map((r) => r.slice(0, 3))).toEqual(diff.diff.map((d) => [d.entry, d.field, d.change]));
    expect(shown.find((r) => r[1] === 'points')!.slice(3)).toEqual([String(c1.points), String(c1.points + 1)]);
    // a target is shown in words, not as its JSON
    const target = diff.diff.find((d) => d.field === 'target')!;
    expect(shown.find((r) => r[1] === 'target')!.slice(3)).toEqual([target.beforeText, target.afterText]);
    expect(target.afterText).toMatch(/^规定值 /);

    // the catalogue in force, as the shell reads it again after the change
    await page.getByTestId('view-catalogue').click();
    const cat = page.getByTestId('catalogue-dialog');
    await cat.getByRole('dialog').waitFor();
    expect(await cat.innerText()).toContain('市级 cq-2025 1');
    await page.keyboard.press('Escape');
    await shot(page, 'settings-layer-diff');
    expect(problems).toEqual([]);
    await page.context().close();
    await rm(dir, { recursive: true, force: true });
  });

  it('forces a standard edition, which the service then uses, and lists the catalogue targets', async () => {
    const { page, problems } = await pages.open('#/settings');
    await page.getByTestId('edition-section').waitFor();
    expect(await page.getByTestId('edition-auto').isChecked()).toBe(true);
    await page.getByTestId('edition-2026').check();
    await page.getByText('已改为“HJ 633-2026”').waitFor();
    expect((await api('settings/get', {})).edition).toBe('2026');
    expect((await api('audit/list', { limit: 10_000 })).entries.at(-1)).toMatchObject({ action: 'settings/edition', user: '李四' });

    const targets = await api('targets/list', { year: 2025 });
    await page.getByTestId('targets-table').waitFor();
    const shown = await rows(page, 'targets-table');
    expect(shown.map((r) => [r[0], r[4]])).toEqual(targets.indicators.map((i) => [i.indicator, i.target]));
    await shot(page, 'settings');

    await page.getByTestId('nav-workspace').click();
    await page.getByTestId('edition-setting').waitFor();
    expect(await page.getByTestId('edition-setting').innerText()).toContain('固定使用 HJ 633-2026');
    expect(await page.getByTestId('annual-status').innerText()).toContain('GB 3095-2026 / HJ 633-2026（设置页指定）');
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
