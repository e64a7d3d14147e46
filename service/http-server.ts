// Browser mode: the renderer's static files and the same operations over HTTP, on 127.0.0.1 only.
// A random per-launch token is required on every API call; Host and Origin must be this server's own
// (no DNS rebinding, no cross-site calls); request bodies are size-limited.
// Two file routes serve the browser where Electron would use dialogs: POST /upload streams one file into the
// workspace's upload folder (for 'import/files'), POST /download sends one generated report, and only from the
// workspace's report folder. Both need the token; both learn the folders from the service ('workspace/folders').
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, realpath, rm, stat } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { basename, extname, join, normalize, resolve, sep } from 'node:path';
import { NDJSON, OPERATION_NAMES, type OperationName } from './contract.js';
import type { Service } from './zonetrack-service.js';

const MAX_BODY = 1 << 20;
/** Uploads: data files only, up to 2 GB (a year of hourly air data for a whole city is a few hundred MB). */
const MAX_UPLOAD = 2 * 1024 ** 3;
// data files for import; .json for catalogue layer files (设置 → 导入细化层)
const UPLOAD_TYPES = new Set(['.csv', '.txt', '.xlsx', '.xls', '.json']);
const DOWNLOAD_TYPES: Record<string, string> = {
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  // a district's pack of data-request templates (templates/write)
  '.zip': 'application/zip',
};
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.json': 'application/json',
};
const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'";

export interface RunningServer {
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

export async function startHttpServer(service: Service, options: { port?: number; staticDir: string; token?: string }): Promise<RunningServer> {
  const token = options.token ?? randomBytes(24).toString('hex');
  const staticDir = resolve(options.staticDir); // absolute, no trailing separator
  const tokenBuf = Buffer.from(token);
  let origin = '';
  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      console.error('[zonetrack] HTTP 处理出错:', e);
      if (!res.headersSent) send(res, 500, { ok: false, error: { code: 'INTERNAL', message: '内部错误' } });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const host = req.headers.host ?? '';
    if (host !== new URL(origin).host && host !== `localhost:${new URL(origin).port}`) {
      return send(res, 421, { ok: false, error: { code: 'BAD_HOST', message: '拒绝：Host 不是本机地址' } });
    }
    const url = new URL(req.url ?? '/', origin);
    const guarded = url.pathname.startsWith('/api/') || url.pathname === '/upload' || url.pathname === '/download';
    if (guarded) {
      if (req.method !== 'POST') return send(res, 405, { ok: false, error: { code: 'METHOD', message: '只接受 POST' } });
      const reqOrigin = req.headers.origin;
      if (reqOrigin && reqOrigin !== origin && reqOrigin !== `http://localhost:${new URL(origin).port}`) {
        return send(res, 403, { ok: false, error: { code: 'BAD_ORIGIN', message: '拒绝：跨站请求' } });
      }
      const given = Buffer.from(String(req.headers['x-zonetrack-token'] ?? ''));
      if (given.length !== tokenBuf.length || !timingSafeEqual(given, tokenBuf)) {
        return send(res, 401, { ok: false, error: { code: 'BAD_TOKEN', message: '访问令牌无效，请使用启动时打印的网址' } });
      }
    }
    if (url.pathname === '/upload') return upload(req, res);
    if (url.pathname === '/download') return download(req, res);
    if (url.pathname.startsWith('/api/')) {
      const name = url.pathname.slice('/api/'.length) as OperationName;
      if (!OPERATION_NAMES.includes(name)) return send(res, 404, { ok: false, error: { code: 'UNKNOWN_OPERATION', message: `未知的操作：${name}` } });
      let body: unknown;
      try {
        body = JSON.parse((await readBody(req)) || '{}');
      } catch (e) {
        if (e instanceof BodyTooLarge) {
          res.setHeader('Connection', 'close');
          return send(res, 413, { ok: false, error: { code: 'TOO_LARGE', message: e.message } });
        }
        return send(res, 400, { ok: false, error: { code: 'BAD_BODY', message: (e as Error).message } });
      }
      if (!String(req.headers.accept ?? '').includes(NDJSON)) return send(res, 200, await service.dispatch(name, body));
      return streamCall(name, body, res);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { ok: false, error: { code: 'METHOD', message: '不支持的请求' } });
    return serveStatic(url.pathname, res);
  }

  /** A long call: progress lines while it runs, then the envelope; a client that hangs up cancels it. */
  async function streamCall(name: OperationName, body: unknown, res: ServerResponse) {
    const cancel = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) cancel.abort();
    });
    res.writeHead(200, { 'Content-Type': `${NDJSON}; charset=utf-8`, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
    const envelope = await service.dispatch(name, body, {
      signal: cancel.signal,
      onProgress: (progress) => {
        if (!res.destroyed) res.write(`${JSON.stringify({ progress })}\n`);
      },
    });
    if (!res.destroyed) res.end(`${JSON.stringify({ envelope })}\n`);
  }

  async function folders(res: ServerResponse): Promise<{ uploads: string; reports: string } | null> {
    const env = await service.dispatch('workspace/folders', {});
    if (env.ok) return env.result;
    send(res, 501, { ok: false, error: { code: 'NO_FOLDERS', message: `此服务不支持文件传输：${env.error.message}` } });
    return null;
  }

  async function upload(req: IncomingMessage, res: ServerResponse) {
    let name: string;
    try {
      name = basename(decodeURIComponent(String(req.headers['x-file-name'] ?? '')));
    } catch {
      return send(res, 400, { ok: false, error: { code: 'BAD_NAME', message: '文件名编码无效' } });
    }
    // A plain file name: no folders, no control characters, no names Windows refuses.
    const control = [...name].some((ch) => ch.charCodeAt(0) < 0x20);
    if (!name || name.startsWith('.') || control || /[\\/:*?"<>|]/.test(name) || name.length > 200) {
      return send(res, 400, { ok: false, error: { code: 'BAD_NAME', message: `文件名“${name}”不可用，请改名后再上传` } });
    }
    if (!UPLOAD_TYPES.has(extname(name).toLowerCase())) {
      return send(res, 415, { ok: false, error: { code: 'BAD_TYPE', message: `只能上传 CSV、TXT、Excel 数据文件或 JSON 指标体系细化层文件：${name}` } });
    }
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (declared > MAX_UPLOAD) return send(res, 413, { ok: false, error: { code: 'TOO_LARGE', message: `文件过大（上限 2 GB）：${name}` } });
    const dirs = await folders(res);
    if (!dirs) return;
    const dir = join(dirs.uploads, randomBytes(8).toString('hex'));
    await mkdir(dir, { recursive: true });
    const path = join(dir, name);
    let size = 0;
    const limit = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        done(size > MAX_UPLOAD ? new Error(`文件过大（上限 2 GB）：${name}`) : null, chunk);
      },
    });
    try {
      await pipeline(req, limit, createWriteStream(path, { flags: 'wx' }));
    } catch (e) {
      await rm(dir, { recursive: true, force: true });
      return send(res, 400, { ok: false, error: { code: 'UPLOAD_FAILED', message: `上传未完成：${(e as Error).message}` } });
    }
    return send(res, 200, { ok: true, result: { path, name, size } });
  }

  async function download(req: IncomingMessage, res: ServerResponse) {
    let file: string;
    try {
      file = String((JSON.parse((await readBody(req)) || '{}') as { path?: unknown }).path ?? '');
    } catch (e) {
      return send(res, 400, { ok: false, error: { code: 'BAD_BODY', message: (e as Error).message } });
    }
    const type = DOWNLOAD_TYPES[extname(file).toLowerCase()];
    if (!file || !type) return send(res, 403, { ok: false, error: { code: 'FORBIDDEN', message: '只能下载生成的报告（.docx、.xlsx）' } });
    const dirs = await folders(res);
    if (!dirs) return;
    let real: string;
    let root: string;
    try {
      // Real paths on both sides: a link inside the report folder cannot lead out of it.
      [real, root] = await Promise.all([realpath(resolve(file)), realpath(dirs.reports)]);
    } catch {
      return send(res, 404, { ok: false, error: { code: 'NOT_FOUND', message: `找不到报告文件：${basename(file)}，请重新生成` } });
    }
    if (!real.startsWith(root + sep)) return send(res, 403, { ok: false, error: { code: 'FORBIDDEN', message: '只能下载报告文件夹中的文件' } });
    const info = await stat(real);
    res.writeHead(200, {
      'Content-Type': type, 'Content-Length': String(info.size), 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff',
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(basename(real))}`,
    });
    await pipeline(createReadStream(real), res);
  }

  async function serveStatic(pathname: string, res: ServerResponse) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname === '/' ? '/index.html' : pathname);
    } catch {
      return send(res, 400, { ok: false, error: { code: 'BAD_PATH', message: '路径编码无效' } });
    }
    const rel = normalize(decoded).replace(/^([/\\])+/, '');
    const file = join(staticDir, rel);
    if (!file.startsWith(staticDir + sep)) return send(res, 403, { ok: false, error: { code: 'FORBIDDEN', message: '禁止访问' } });
    try {
      const data = await readFile(file);
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Content-Security-Policy': CSP, 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' });
      res.end(data);
    } catch {
      send(res, 404, { ok: false, error: { code: 'NOT_FOUND', message: `找不到：${pathname}` } });
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/?token=${token}`, token, port,
    // a call still running (its service was cancelled first) does not keep the server, or the process, alive
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

function send(res: ServerResponse, status: number, body: unknown) {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(json);
}

class BodyTooLarge extends Error {
  constructor() {
    super(`请求体过大（上限 ${MAX_BODY / 1048576} MB）`);
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      // the rest is read and dropped (not reset), so that the client gets the answer
      if (size > MAX_BODY) reject(new BodyTooLarge());
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
