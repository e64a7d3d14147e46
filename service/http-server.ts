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
import { SPACE_MARGIN, ensureFreeSpace, formatBytes, isNoSpaceError, noSpaceError } from '../analytics/disk-space.js';
import { fileNameProblem, shownText } from '../analytics/names.js';

const MAX_BODY = 1 << 20;
/** Uploads: data files only, up to 2 GB each (a year of hourly air data for a whole city is a few hundred MB)… */
const MAX_UPLOAD = 2 * 1024 ** 3;
/** …and up to 8 GB in one session of the server (what is imported or the server closed is removed). */
const MAX_SESSION_UPLOADS = 8 * 1024 ** 3;

export interface UploadLimits {
  /** Bytes one uploaded file may have. */
  perFile?: number;
  /** Bytes all files kept in the upload folder by this server may have together. */
  perSession?: number;
}
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

export async function startHttpServer(
  service: Service, options: { port?: number; staticDir: string; token?: string; uploads?: UploadLimits },
): Promise<RunningServer> {
  const token = options.token ?? randomBytes(24).toString('hex');
  const maxFile = options.uploads?.perFile ?? MAX_UPLOAD;
  const maxSession = options.uploads?.perSession ?? MAX_SESSION_UPLOADS;
  /** The files this server received and still keeps: folder → bytes (removed after their import, or on close). */
  const kept = new Map<string, number>();
  const keptBytes = () => [...kept.values()].reduce((a, b) => a + b, 0);
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
      if (!String(req.headers.accept ?? '').includes(NDJSON)) {
        const envelope = await service.dispatch(name, body);
        await afterCall(name, body, envelope.ok);
        return send(res, 200, envelope);
      }
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
    await afterCall(name, body, envelope.ok);
    if (!res.destroyed) res.end(`${JSON.stringify({ envelope })}\n`);
  }

  /** Uploaded files, once imported for good, are in the workspace: their copies in the upload folder go. */
  async function afterCall(name: OperationName, body: unknown, ok: boolean) {
    if (name !== 'import/files' || !ok) return;
    const args = body as { paths?: unknown; dryRun?: unknown };
    if (args.dryRun || !Array.isArray(args.paths)) return;
    for (const p of args.paths) {
      const dir = resolve(String(p), '..');
      if (!kept.has(dir)) continue;
      kept.delete(dir);
      await rm(dir, { recursive: true, force: true });
    }
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
    // A plain file name: no folders, no control or bidi characters, no names Windows refuses (CON, NUL, COM1…),
    // none too long for a file system (names.ts).
    const problem = name.startsWith('.') ? '以点开头（隐藏文件）' : fileNameProblem(name);
    if (problem) {
      return refuseBody(req, res, 400, 'BAD_NAME', `文件名“${shownText(name)}”不可用：${problem}。请改名后再上传。`);
    }
    if (!UPLOAD_TYPES.has(extname(name).toLowerCase())) {
      return send(res, 415, { ok: false, error: { code: 'BAD_TYPE', message: `只能上传 CSV、TXT、Excel 数据文件或 JSON 指标体系细化层文件：${name}` } });
    }
    const declared = Number(req.headers['content-length'] ?? NaN);
    const tooLarge = () => `文件过大（每个文件上限 ${formatBytes(maxFile)}）：${name}`;
    const overQuota = (size: number) => `本次会话上传的文件合计将超过上限 ${formatBytes(maxSession)}（已保留 ${formatBytes(keptBytes())}，` +
      `此文件 ${formatBytes(size)}）：${name}。请先导入已上传的文件（导入后即删除），或重启浏览器模式后再上传。`;
    if (declared > maxFile) return refuseBody(req, res, 413, 'TOO_LARGE', tooLarge());
    if (declared + keptBytes() > maxSession) return refuseBody(req, res, 413, 'UPLOAD_QUOTA', overQuota(declared));
    const dirs = await folders(res);
    if (!dirs) return;
    try {
      await ensureFreeSpace(dirs.uploads, (Number.isFinite(declared) ? declared : 0) + SPACE_MARGIN, `上传“${name}”`);
    } catch (e) {
      return refuseBody(req, res, 507, 'DISK_FULL', (e as Error).message);
    }
    const dir = join(dirs.uploads, randomBytes(8).toString('hex'));
    await mkdir(dir, { recursive: true });
    const path = join(dir, name);
    let size = 0;
    let refusal: { status: number; code: string; message: string } | undefined;
    const limit = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (size > maxFile) refusal = { status: 413, code: 'TOO_LARGE', message: tooLarge() };
        else if (size + keptBytes() > maxSession) refusal = { status: 413, code: 'UPLOAD_QUOTA', message: overQuota(size) };
        done(refusal ? new Error(refusal.message) : null, chunk);
      },
    });
    try {
      await pipeline(req, limit, createWriteStream(path, { flags: 'wx' }));
    } catch (e) {
      await rm(dir, { recursive: true, force: true });
      if (refusal) return refuseBody(req, res, refusal.status, refusal.code, refusal.message);
      if (isNoSpaceError(e)) return refuseBody(req, res, 507, 'DISK_FULL', noSpaceError(`上传“${name}”`, dirs.uploads).message);
      return send(res, 400, { ok: false, error: { code: 'UPLOAD_FAILED', message: `上传未完成：${(e as Error).message}` } });
    }
    kept.set(dir, size);
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
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      // what was uploaded and not imported is not kept beyond the session
      for (const dir of kept.keys()) await rm(dir, { recursive: true, force: true });
      kept.clear();
    },
  };
}

/** A refusal before (or while) the body is read: the rest is read and dropped so that the client gets the answer. */
function refuseBody(req: IncomingMessage, res: ServerResponse, status: number, code: string, message: string) {
  res.setHeader('Connection', 'close');
  send(res, status, { ok: false, error: { code, message } });
  if (!req.readableEnded) req.resume();
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
