// Shared by the real-browser tests: the production vite build of renderer/, Chromium through playwright-core,
// and a page that records script errors and CSP violations.
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { build } from 'vite';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Args, OperationName, Result } from '../../service/contract.js';
import { createService, type Service } from '../../service/zonetrack-service.js';
import { pathPolicy } from '../../service/path-policy.js';
import { startHttpServer, type RunningServer } from '../../service/http-server.js';
import { buildSampleWorkspace, tempDir, type SampleWorkspace } from './sample-workspace.js';

type SampleOptions = Parameters<typeof buildSampleWorkspace>[0];

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
    throw new Error(`找不到 ${CHROMIUM}：浏览器界面测试需要 Chromium 和中文字体。请运行 bash scripts/setup-system.sh（或 apt-get install chromium fonts-noto-cjk）`);
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

/** A service served over HTTP with the production renderer bundle, and Chromium to open its pages. */
export interface PageServer {
  /** The page's address, with its access token. */
  url: string;
  port: number;
  token: string;
  /** The folder the bundle was built into (removed by close()). */
  rendererDir: string;
  /** A new page at `url` + `hash` (e.g. '#/settings') that collects script and console errors. */
  open(hash?: string, viewport?: { width: number; height: number }): Promise<{ page: Page; problems: string[] }>;
  /** A page at any address, e.g. one without the token or of another server. */
  openUrl(url: string, viewport?: { width: number; height: number }): Promise<{ page: Page; problems: string[] }>;
  /** Another server of the same bundle for `other` (e.g. a stub), closed with this one. */
  serve(other: Service): Promise<RunningServer>;
  /** Closes Chromium and the servers and removes the bundle; the workspace is the caller's to close. */
  close(): Promise<void>;
}

/**
 * What every browser test sets up: the production bundle built into a temp folder, `service` served over HTTP
 * with it, Chromium launched and tmp/screenshots/ made. With `browser: false` the server serves an empty folder
 * and no Chromium is started (for tests of the HTTP routes only).
 */
export async function startPageServer(service: Service, { browser: withBrowser = true } = {}): Promise<PageServer> {
  const rendererDir = await tempDir('zonetrack-renderer-');
  const servers: RunningServer[] = [];
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    for (const s of servers) await s.close();
    await rm(rendererDir, { recursive: true, force: true });
  };
  try {
    if (withBrowser) await buildRenderer(rendererDir);
    const server = await startHttpServer(service, { port: 0, staticDir: rendererDir });
    servers.push(server);
    if (withBrowser) {
      browser = await launchChromium();
      await mkdir(SCREENSHOTS, { recursive: true });
    }
    const openUrl = (url: string, viewport?: { width: number; height: number }) => {
      if (!browser) throw new Error('startPageServer(…, { browser: false }) 没有启动浏览器');
      return openPage(browser, url, viewport);
    };
    return {
      url: server.url,
      port: server.port,
      token: server.token,
      rendererDir,
      open: (hash = '', viewport) => openUrl(`${server.url}${hash}`, viewport),
      openUrl,
      serve: async (other) => {
        const s = await startHttpServer(other, { port: 0, staticDir: rendererDir });
        servers.push(s);
        return s;
      },
      close,
    };
  } catch (e) {
    await close();
    throw e;
  }
}

/** What serveSample gives a test file. */
export interface ServedSample {
  sample: SampleWorkspace;
  service: Service;
  pages: PageServer;
}

/**
 * For one test file: a sample workspace (`sample`: buildSampleWorkspace's options), its service and a page server,
 * made before the file's tests (handed to `use`) and closed and removed after them. `confined`: paths from the page
 * limited to the workspace's folder, as `zonetrack serve` does; `browser: false`: the HTTP routes only.
 */
export function serveSample(
  o: { sample?: SampleOptions; confined?: boolean; browser?: boolean; timeoutMs?: number },
  use: (served: ServedSample) => void,
): void {
  let served: Partial<ServedSample> = {};
  beforeAll(async () => {
    const sample = served.sample = await buildSampleWorkspace(o.sample);
    const service = served.service = createService(sample.ws, o.confined ? { paths: pathPolicy(dirname(sample.ws.path)) } : {});
    served.pages = await startPageServer(service, { browser: o.browser ?? true });
    use(served as ServedSample);
  }, o.timeoutMs ?? 240_000);
  afterAll(async () => {
    await served.pages?.close();
    await served.sample?.ws.close();
    if (served.sample) await rm(served.sample.dir, { recursive: true, force: true });
    served = {};
  });
}

/** The rows a data table (renderer/components/DataTable.tsx) shows, as the cells' texts, in order. */
export async function gridRows(page: Page, testId: string): Promise<string[][]> {
  return page.getByTestId(testId).locator('.MuiDataGrid-row').evaluateAll((rows) =>
    rows.map((r) => [...r.querySelectorAll('[role="gridcell"][data-field]')].map((c) => (c.textContent ?? '').trim())));
}

/** The header texts of a data table, in order. */
export async function gridHeaders(page: Page, testId: string): Promise<string[]> {
  return (await page.getByTestId(testId).locator('.MuiDataGrid-columnHeader[data-field] .MuiDataGrid-columnHeaderTitle').allInnerTexts()).map((t) => t.trim());
}
