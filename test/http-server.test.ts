// Browser mode's server refuses what it must: wrong token, foreign Host or Origin, paths outside its folder,
// malformed paths, oversized bodies; and it answers operations with the contract's envelope.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startHttpServer, type RunningServer } from '../service/http-server.js';
import type { Service } from '../service/zonetrack-service.js';
import { tempDir } from './helpers/sample-workspace.js';

let server: RunningServer;
const calls: [string, unknown][] = [];
const stub: Service = {
  dispatch: async (name, args) => {
    calls.push([name, args]);
    return { ok: true, result: { echoed: name } } as never;
  },
};

/** A raw request, so that Host and the path go out exactly as written. */
function raw(path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

beforeAll(async () => {
  const dir = await tempDir();
  const site = join(dir, 'site');
  await mkdir(site);
  await writeFile(join(site, 'index.html'), '<!doctype html><title>ok</title>');
  await writeFile(join(dir, 'secret.txt'), 'secret');
  server = await startHttpServer(stub, { port: 0, staticDir: site + '/' });
});
afterAll(async () => server.close());

describe('browser-mode server', () => {
  it('serves the page with a CSP, even when its folder was given with a trailing slash', async () => {
    const r = await raw('/');
    expect(r.status).toBe(200);
    expect(r.body).toContain('<title>ok</title>');
  });

  it('answers an operation with the token, and only with it', async () => {
    const ok = await raw('/api/workspace/info', { method: 'POST', headers: { 'X-ZoneTrack-Token': server.token, 'Content-Type': 'application/json' }, body: '{}' });
    expect(JSON.parse(ok.body)).toEqual({ ok: true, result: { echoed: 'workspace/info' } });
    const bad = await raw('/api/workspace/info', { method: 'POST', headers: { 'X-ZoneTrack-Token': 'x'.repeat(48) }, body: '{}' });
    expect(bad.status).toBe(401);
  });

  it('refuses foreign Host (DNS rebinding) and Origin (cross-site) headers', async () => {
    expect((await raw('/', { headers: { Host: 'evil.example' } })).status).toBe(421);
    const cross = await raw('/api/workspace/info', { method: 'POST', headers: { 'X-ZoneTrack-Token': server.token, Origin: 'https://evil.example' }, body: '{}' });
    expect(cross.status).toBe(403);
  });

  it('keeps paths inside its folder and answers malformed ones with 400, not a crash', async () => {
    expect((await raw('/..%2Fsecret.txt')).status).not.toBe(200);
    expect((await raw('/%2e%2e/secret.txt')).status).not.toBe(200);
    expect((await raw('/%E0')).status).toBe(400);
    expect((await raw('/')).status).toBe(200);
  });

  it('refuses unknown operations and oversized bodies before the service sees them', async () => {
    calls.length = 0;
    expect((await raw('/api/fs/delete', { method: 'POST', headers: { 'X-ZoneTrack-Token': server.token }, body: '{}' })).status).toBe(404);
    const big = await raw('/api/import/files', { method: 'POST', headers: { 'X-ZoneTrack-Token': server.token }, body: 'x'.repeat(2 << 20) }).catch(() => ({ status: 0, body: '' }));
    expect(big.status).toBe(413);
    expect(big.body).toContain('请求体过大');
    expect(calls).toEqual([]);
  });
});
