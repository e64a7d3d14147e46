// The Electron window's page comes from app://zonetrack, served from the renderer folder only (issue 17, finding
// 9), and the packaged binary has its fuses set. Electron cannot run here: the URL → file mapping runs on real
// files, the protocol binding against a mock of Electron, and the packaging config is read as written.
import { describe, expect, it, vi } from 'vitest';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir } from './helpers/sample-workspace.js';

const registered: unknown[] = [];
const handlers = new Map<string, (r: { url: string }) => Promise<Response>>();
vi.mock('electron', () => ({
  protocol: {
    registerSchemesAsPrivileged: (s: unknown) => registered.push(s),
    handle: (scheme: string, fn: (r: { url: string }) => Promise<Response>) => handlers.set(scheme, fn),
  },
}));
const { appFile, APP_INDEX, APP_PREFIX } = await import('../electron/app-url.js');
const { registerAppScheme, serveApp } = await import('../electron/app-protocol.js');

async function site() {
  const root = await tempDir();
  const dir = join(root, 'renderer');
  await mkdir(join(dir, 'assets'), { recursive: true });
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>ZoneTrack</title>');
  await writeFile(join(dir, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(root, 'secret.txt'), 'secret');
  await symlink(join(root, 'secret.txt'), join(dir, 'link.txt'));
  return { root, dir };
}

describe('app://zonetrack', () => {
  it('maps its URLs to files of the renderer folder', async () => {
    const { dir } = await site();
    expect(await appFile(dir, APP_INDEX)).toBe(join(dir, 'index.html'));
    expect(await appFile(dir, APP_PREFIX)).toBe(join(dir, 'index.html'));
    expect(await appFile(dir, `${APP_PREFIX}assets/app.js?v=1`)).toBe(join(dir, 'assets', 'app.js'));
  });

  it('refuses paths out of the folder (plain, encoded, through a link), other hosts and schemes, and folders', async () => {
    const { dir } = await site();
    for (const url of [
      `${APP_PREFIX}../secret.txt`, `${APP_PREFIX}%2e%2e/secret.txt`, `${APP_PREFIX}assets%2F..%2F..%2Fsecret.txt`,
      `${APP_PREFIX}..%5Csecret.txt`, `${APP_PREFIX}link.txt`, `${APP_PREFIX}assets`, `${APP_PREFIX}%E0`,
      'app://evil/index.html', `file://${join(dir, 'index.html')}`, 'https://zonetrack/index.html',
    ]) expect(await appFile(dir, url), url).toBeNull();
  });

  it('is registered as a standard, secure scheme and answers 404 for anything outside the folder', async () => {
    const { dir } = await site();
    registerAppScheme();
    expect(registered).toEqual([[{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]]);
    serveApp(dir);
    const handle = handlers.get('app')!;
    const ok = await handle({ url: APP_INDEX });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toContain('text/html');
    expect(await ok.text()).toContain('<title>ZoneTrack</title>');
    const out = await handle({ url: `${APP_PREFIX}%2e%2e/secret.txt` });
    expect(out.status).toBe(404);
    expect(await out.text()).not.toContain('secret');
  });

  it('is what the window loads, and what the IPC bridge trusts (not file://)', async () => {
    const main = await readFile(join('electron', 'main.ts'), 'utf8');
    expect(main).toContain('win.loadURL(APP_INDEX)');
    expect(main).not.toMatch(/loadFile\(|pathToFileURL/);
    expect(main).toContain('const appUrlPrefix = APP_PREFIX;');
  });
});

describe('packaging', () => {
  it('sets the Electron fuses in electron-builder.yml', async () => {
    const yml = await readFile('electron-builder.yml', 'utf8');
    const block = yml.split('\n').slice(yml.split('\n').indexOf('electronFuses:') + 1);
    const fuses: Record<string, string> = {};
    for (const line of block) {
      const m = /^ {2}(\w+): (\S+)$/.exec(line);
      if (!m) break;
      fuses[m[1]!] = m[2]!;
    }
    expect(fuses).toMatchObject({
      runAsNode: 'false', enableCookieEncryption: 'true', enableNodeOptionsEnvironmentVariable: 'false',
      enableNodeCliInspectArguments: 'false', enableEmbeddedAsarIntegrityValidation: 'true', onlyLoadAppFromAsar: 'true',
      grantFileProtocolExtraPrivileges: 'false',
    });
  });
});
