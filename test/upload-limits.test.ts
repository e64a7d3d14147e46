// Browser mode's uploads (issue 17, findings 5 and 9): a size per file and per session, both configurable; the
// files kept are removed once imported and when the server closes; names Windows cannot have, names too long
// for a file system and names with control or bidi characters refused with a message that says why.
import { afterEach, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { startHttpServer, type RunningServer, type UploadLimits } from '../service/http-server.js';
import type { Service } from '../service/zonetrack-service.js';
import { setFreeSpaceProbe } from '../analytics/disk-space.js';
import { tempDir } from './helpers/sample-workspace.js';

let server: RunningServer | undefined;
afterEach(async () => {
  setFreeSpaceProbe(undefined);
  await server?.close();
  server = undefined;
});

/** A service that knows its folders and accepts any import (the importer is tested elsewhere). */
async function start(limits?: UploadLimits): Promise<{ uploads: string; calls: string[] }> {
  const dir = await tempDir();
  const uploads = join(dir, 'zonetrack-uploads');
  const calls: string[] = [];
  const stub: Service = {
    dispatch: async (name) => {
      calls.push(name);
      if (name === 'workspace/folders') return { ok: true, result: { uploads, reports: join(dir, 'reports') } } as never;
      return { ok: true, result: {} } as never;
    },
  };
  server = await startHttpServer(stub, { port: 0, staticDir: dir, ...(limits ? { uploads: limits } : {}) });
  return { uploads, calls };
}

function post(path: string, body: Buffer | string, headers: Record<string, string> = {}): Promise<{ status: number; json: { ok: boolean; result?: { path: string }; error?: { code: string; message: string } } }> {
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1', port: server!.port, path, method: 'POST',
      headers: { 'X-ZoneTrack-Token': server!.token, 'Content-Length': String(Buffer.byteLength(body)), ...headers },
    }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text || '{}') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
const upload = (name: string, bytes: number) => post('/upload', Buffer.alloc(bytes, 0x41), { 'X-File-Name': encodeURIComponent(name) });

describe('upload quota', () => {
  it('refuses a file over the per-file limit, saying the limit', async () => {
    await start({ perFile: 1000, perSession: 10_000 });
    const r = await upload('big.csv', 1500);
    expect(r.status).toBe(413);
    expect(r.json.error?.code).toBe('TOO_LARGE');
    expect(r.json.error?.message).toContain('big.csv');
    expect(r.json.error?.message).toContain('1 KB');
  });

  it('refuses what would take the session over its quota; an import frees the quota and removes the kept file', async () => {
    await start({ perFile: 4000, perSession: 5000 });
    const a = await upload('a.csv', 3000);
    expect(a.status).toBe(200);
    const b = await upload('b.csv', 3000);
    expect(b.status).toBe(413);
    expect(b.json.error?.code).toBe('UPLOAD_QUOTA');
    expect(b.json.error?.message).toContain('b.csv');
    expect(b.json.error?.message).toContain('导入');
    // importing the first file (for good, not a dry run) removes its copy and frees its share
    const path = a.json.result!.path;
    expect(existsSync(path)).toBe(true);
    const imp = await post('/api/import/files', JSON.stringify({ paths: [path], dryRun: true }), { 'Content-Type': 'application/json' });
    expect(imp.json.ok).toBe(true);
    expect(existsSync(path)).toBe(true);
    await post('/api/import/files', JSON.stringify({ paths: [path] }), { 'Content-Type': 'application/json' });
    expect(existsSync(path)).toBe(false);
    expect((await upload('b.csv', 3000)).status).toBe(200);
  });

  it('removes the files it kept when the server closes', async () => {
    const { uploads } = await start();
    expect((await upload('x.csv', 100)).status).toBe(200);
    expect((await readdir(uploads)).length).toBe(1);
    await server!.close();
    server = undefined;
    expect(await readdir(uploads)).toEqual([]);
  });

  it('refuses an upload the disk cannot hold, naming the folder', async () => {
    const { uploads } = await start();
    setFreeSpaceProbe(async () => 1024);
    const r = await upload('x.csv', 100);
    expect(r.status).toBe(507);
    expect(r.json.error?.code).toBe('DISK_FULL');
    expect(r.json.error?.message).toContain(uploads);
  });
});

describe('upload names', () => {
  it.each([
    ['CON.csv', '设备名'], ['nul.CSV', '设备名'], ['COM1.xlsx', '设备名'], ['LPT9.txt', '设备名'],
    [`${'长'.repeat(196)}.csv`, '文件名过长'],
    ['report\u202Etxt.csv', 'U+202E'], ['a\u001b[31mred.csv', 'U+001B'],
  ])('refuses %j (%s)', async (name, says) => {
    const { uploads } = await start();
    const r = await upload(name, 10);
    expect(r.status).toBe(400);
    expect(r.json.error?.code).toBe('BAD_NAME');
    expect(r.json.error?.message).toContain(says);
    expect(r.json.error?.message).toContain('请改名');
    // shown escaped, never raw
    expect(r.json.error?.message).not.toContain('\u202E');
    expect(r.json.error?.message).not.toContain(String.fromCharCode(27));
    expect(existsSync(uploads) ? await readdir(uploads) : []).toEqual([]);
  });

  it('accepts ordinary Chinese names, CONSOLE.csv and a name of 70 characters', async () => {
    await start();
    for (const name of ['2025年空气质量.csv', 'CONSOLE.csv', `${'长'.repeat(70)}.csv`]) expect((await upload(name, 10)).status, name).toBe(200);
  });
});
