// Electron's side of app://zonetrack (electron/app-url.ts): the scheme registered as privileged (standard and
// secure, so the page is a secure context with its own origin) before the app is ready, then served from the
// renderer's folder only.
import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { APP_SCHEME, appContentType, appFile } from './app-url.js';

/** Must run before app 'ready'. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves app://zonetrack/… from `root`; anything outside it is 404 (never a file elsewhere). */
export function serveApp(root: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = await appFile(root, request.url);
    if (!file) return new Response('未找到', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
    return new Response(await readFile(file), {
      headers: { 'Content-Type': appContentType(file), 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' },
    });
  });
}
