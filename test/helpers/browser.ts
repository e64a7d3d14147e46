// Shared by the real-browser tests: the production vite build of renderer/, Chromium through playwright-core,
// and a page that records script errors and CSP violations.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Args, OperationName, Result } from '../../service/contract.js';
import type { Service } from '../../service/zonetrack-service.js';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = join(ROOT, 'tmp', 'screenshots');

/** Builds what users get into `outDir` (vitest's NODE_ENV=test would otherwise give a development bundle). */
export async function buildRenderer(outDir: string): Promise<void> {
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn', mode: 'production', build: { outDir, emptyOutDir: true } });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`找不到 ${CHROMIUM}：浏览器界面测试需要 Chromium 和中文字体。请运行 .ci/setup，或 apt-get install chromium fonts-noto-cjk`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic',
      '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
}

/** A page that collects script errors and console errors in `problems` (the test expects none). */
export async function openPage(browser: Browser, url: string, viewport = { width: 1280, height: 900 }): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport, acceptDownloads: true });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  if (process.env.ZT_DEBUG) { // ZT_DEBUG=1 npx vitest run test/browser-….test.ts: echo the page's console and requests
    page.on('console', (m) => console.log('[page]', m.type(), m.text()));
    page.on('response', (r) => console.log('[page]', r.status(), r.url()));
  }
  await page.goto(url);
  return { page, problems };
}

/** The service's result for a call made beside the page (what the page should show), or its error as a throw. */
export function directApi(service: () => Service) {
  return async <N extends OperationName>(name: N, args: Args<N>): Promise<Result<N>> => {
    const env = await service().dispatch(name, args);
    if (!env.ok) throw new Error(env.error.message);
    return env.result;
  };
}

/** A full-page screenshot in tmp/screenshots, after `settleMs` for chart animations. */
export async function screenshot(page: Page, name: string, { settleMs = 700, fullPage = true } = {}): Promise<void> {
  await page.waitForTimeout(settleMs);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage });
}
