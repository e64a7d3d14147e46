// 下载填报模板 in a real browser (browser mode: the real vite build, HTTP server and sample workspace, Chromium at
// 1366×768): the import page's dialog writes a district's template and the browser downloads it; the template, filled
// with a mistake and uploaded through the wizard, is refused with the Excel row and column in the error table.
// Screenshots go to tmp/screenshots/ (templates-dialog, templates-refused).
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { screenshot, serveSample, type PageServer } from './helpers/browser.js';
let pages: PageServer;
let dir: string;

serveSample({ confined: true }, (s) => {
  pages = s.pages;
  dir = s.sample.dir;
});

const VIEWPORT = { width: 1366, height: 768 };

describe('data-request templates in the import page', () => {
  it('downloads a district template and shows its mistakes by Excel row and column', async () => {
    const { page, problems } = await pages.open('#/import', VIEWPORT);
    await page.getByTestId('template-open').click();
    await page.getByTestId('template-district').selectOption('500103');
    await page.getByTestId('template-year').fill('2025');
    await page.getByTestId('template-dataset').selectOption('eia_approvals');
    await screenshot(page, 'templates-dialog', { settleMs: 300, fullPage: false });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('template-write').click()]);
    expect(download.suggestedFilename()).toBe('2025年渝中区环评审批填报模板.xlsx');
    const saved = join(dir, download.suggestedFilename());
    await download.saveAs(saved);
    await expect.poll(() => page.getByTestId('template-message').innerText()).toContain('2025年渝中区环评审批填报模板.xlsx');

    // the district's pack: every template in one .zip, through the same download route
    await page.getByTestId('template-dataset').selectOption('all');
    const [pack] = await Promise.all([page.waitForEvent('download'), page.getByTestId('template-write').click()]);
    expect(pack.suggestedFilename()).toBe('2025年渝中区数据填报模板.zip');

    // filled as a district would, with a date Excel could not read in the second record
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(saved);
    const ws = wb.worksheets[0]!;
    const col = (h: string) => (ws.getRow(3).values as ExcelJS.CellValue[]).indexOf(h);
    expect(ws.getCell(4, col('区县代码')).value).toBe('500103');
    const rows = [['渝中环准〔2025〕1号', '甲项目', new Date('2025-03-01T00:00:00Z')], ['渝中环准〔2025〕2号', '乙项目', '2025年3月32日']] as const;
    rows.forEach(([no, name, day], k) => {
      ws.getCell(4 + k, col('批复文号')).value = no;
      ws.getCell(4 + k, col('项目名称')).value = name;
      ws.getCell(4 + k, col('批复日期')).value = day;
    });
    const filled = join(dir, '渝中区环评审批_已填.xlsx');
    await wb.xlsx.writeFile(filled);
    await page.keyboard.press('Escape');
    await page.getByTestId('file-input').setInputFiles(filled);
    await page.getByTestId('dry-run').click();
    await page.getByTestId('row-errors').waitFor();
    const letter = String.fromCharCode(64 + col('批复日期'));
    expect(await page.getByTestId('row-errors').innerText()).toContain(`第 5 行 ${letter} 列（批复日期）`);
    await screenshot(page, 'templates-refused', { settleMs: 300, fullPage: false });
    expect(problems).toEqual([]);
  });
});
