// Browser mode: the renderer's static files and the same operations over HTTP, on 127.0.0.1 only.
// A random per-launch token is required on every API call; Host and Origin must be this server's own
// (no DNS rebinding, no cross-site calls); request bodies are size-limited.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { NDJSON, OPERATION_NAMES, type OperationName } from './contract.js';
import type { Service } from './zonetrack-service.js';

const MAX_BODY = 1 << 20;
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
    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return send(res, 405, { ok: false, error: { code: 'METHOD', message: '只接受 POST' } });
      const reqOrigin = req.headers.origin;
      if (reqOrigin && reqOrigin !== origin && reqOrigin !== `http://localhost:${new URL(origin).port}`) {
        return send(res, 403, { ok: false, error: { code: 'BAD_ORIGIN', message: '拒绝：跨站请求' } });
      }
      const given = Buffer.from(String(req.headers['x-zonetrack-token'] ?? ''));
      if (given.length !== tokenBuf.length || !timingSafeEqual(given, tokenBuf)) {
        return send(res, 401, { ok: false, error: { code: 'BAD_TOKEN', message: '访问令牌无效，请使用启动时打印的网址' } });
      }
      const name = url.pathname.slice('/api/'.length) as OperationName;
      if (!OPERATION_NAMES.includes(name)) return send(res, 404, { ok: false, error: { code: 'UNKNOWN_OPERATION', message: `未知的操作：${name}` } });
      let body: unknown;
      try {
        body = JSON.parse((await readBody(req)) || '{}');
      } catch (e) {
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
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function send(res: ServerResponse, status: number, body: unknown) {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(json);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('请求体过大'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
