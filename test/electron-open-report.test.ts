// Opening a report from the desktop page without Electron (its binary cannot run here): the path check admits only
// existing files inside the report folder (no "..", no absolute path elsewhere, no symbolic link leading out), and
// the IPC handler hands only those to the shell, answering the refusal in Chinese otherwise.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { IpcMain } from 'electron';
import { tempDir } from './helpers/sample-workspace.js';

const shell = { openPath: vi.fn(async (_p: string) => ''), showItemInFolder: vi.fn((_p: string) => undefined) };
vi.mock('electron', () => ({ shell }));
const { bindOpenReport, insideFolder, OPEN_REPORT_CHANNEL } = await import('../electron/open-report.js');

const APP = 'file:///opt/zonetrack/renderer';
const page = { senderFrame: { url: `${APP}/index.html`, parent: null } };
let dir: string, reports: string, report: string, outside: string;

beforeAll(async () => {
  dir = await tempDir();
  reports = join(dir, 'zonetrack-reports');
  await mkdir(join(reports, 'sub'), { recursive: true });
  report = join(reports, '渝中区2025年度分区管控跟踪评估自评报告.docx');
  await writeFile(report, 'docx');
  await writeFile(join(reports, 'sub', 'b.xlsx'), 'xlsx');
  outside = join(dir, 'secret.txt');
  await writeFile(outside, 'secret');
  await symlink(outside, join(reports, 'link.txt'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('report path check', () => {
  it('admits existing files inside the report folder', async () => {
    expect(await insideFolder(reports, report)).toBe(report);
    expect(await insideFolder(reports, join(reports, 'sub', 'b.xlsx'))).toBe(join(reports, 'sub', 'b.xlsx'));
    expect(await insideFolder(reports, join(reports, 'sub', '..', 'sub', 'b.xlsx'))).toBe(join(reports, 'sub', 'b.xlsx'));
  });

  it('refuses the folder itself, paths leading out, links leading out, missing files and non-strings', async () => {
    for (const p of [reports, outside, join(reports, '..', 'secret.txt'), join(reports, 'link.txt'), join(reports, 'missing.docx'), '', '/etc/passwd', 42, null]) {
      expect(await insideFolder(reports, p), String(p)).toBeNull();
    }
  });
});

describe('open-report IPC', () => {
  const handlers = new Map<string, (...a: unknown[]) => Promise<string>>();
  const call = (event: unknown, how: unknown, path: unknown) => handlers.get(OPEN_REPORT_CHANNEL)!(event, how, path);

  it('opens a report file or shows it in its folder', async () => {
    // bound here: the report folder exists once beforeAll has run
    bindOpenReport({ handle: (ch: string, fn: (...a: unknown[]) => Promise<string>) => handlers.set(ch, fn) } as unknown as IpcMain, reports, APP);
    expect(await call(page, 'file', report)).toBe('');
    expect(shell.openPath).toHaveBeenCalledWith(report);
    expect(await call(page, 'folder', report)).toBe('');
    expect(shell.showItemInFolder).toHaveBeenCalledWith(report);
    shell.openPath.mockResolvedValueOnce('没有关联的程序');
    expect(await call(page, 'file', report)).toBe(`无法打开“${report}”：没有关联的程序`);
  });

  it('refuses paths outside the report folder, unknown ways and foreign pages without touching the shell', async () => {
    shell.openPath.mockClear();
    shell.showItemInFolder.mockClear();
    expect(await call(page, 'file', outside)).toContain('只能打开报告文件夹');
    expect(await call(page, 'folder', join(reports, 'link.txt'))).toContain('只能打开报告文件夹');
    expect(await call(page, 'run', report)).toContain('未知的打开方式');
    await writeFile(join(reports, 'run.sh'), 'echo hi');
    expect(await call(page, 'file', join(reports, 'run.sh'))).toContain('只能用默认程序打开报告文档');
    expect(await call({ senderFrame: { url: 'https://evil.example/', parent: null } }, 'file', report)).toBe('拒绝来自未知页面的请求');
    expect(shell.openPath).not.toHaveBeenCalled();
    expect(shell.showItemInFolder).not.toHaveBeenCalled();
  });
});
