// report, serve: what leaves the workstation and how the browser reaches it.
import { dirname, resolve } from 'node:path';
import { Workspace } from '../../analytics/workspace.js';
import { createService } from '../../service/zonetrack-service.js';
import { startHttpServer } from '../../service/http-server.js';
import { pathPolicy } from '../../service/path-policy.js';
import { startBackupSchedule } from '../../analytics/backup/backup-schedule.js';
import { fileErrorLog } from '../../service/error-log.js';
import { intOption, parse, positional, requireYear } from '../args.js';
import { UsageError, printJson, textTable, type Io } from '../cli-io.js';
import { withWorkspace } from '../session.js';
import { rendererDir } from '../paths.js';

export async function reportCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, {
    year: { type: 'string' }, entity: { type: 'string', default: 'all' }, cycle: { type: 'string', default: 'annual' },
    out: { type: 'string' }, json: { type: 'boolean', default: false },
  });
  const year = requireYear(values);
  if (!values.out) throw new UsageError('缺少 --out DIR');
  if (values.cycle !== 'annual' && values.cycle !== 'five-year') throw new UsageError(`--cycle 应为 annual 或 five-year，收到“${String(values.cycle)}”`);
  const cycle = values.cycle as 'annual' | 'five-year';
  const outDir = resolve(values.out as string);
  let notice: string | undefined;
  const files = await withWorkspace(positional(positionals, 0, '工作空间文件 WS'), async (api) => {
    // all: every district, then the city summary report
    const entities = values.entity === 'all'
      ? [...(await api.call('scores/get', { year })).sheets.map((s) => s.entity), 'city']
      : [values.entity as string];
    const written = [];
    for (const [i, entity] of entities.entries()) {
      if (!values.json) io.err(`[${String(Math.round((i / entities.length) * 100)).padStart(3)}%] 生成报告：${entity}`);
      const r = await api.call('reports/generate', { year, entity, outDir, cycle });
      written.push(...r.files);
      notice = r.notice ?? notice;
    }
    return written;
  });
  if (values.json) printJson(io, { ok: true, files, ...(notice ? { notice } : {}) });
  else {
    // an annual report of a five-year evaluation year: said here as on the report's first page
    if (notice) io.out(`提示：${notice}`);
    for (const f of files) io.out(`${f.name}：\n  ${f.docx}\n  ${f.xlsx}`);
  }
  return 0;
}

/** zonetrack reports WS [--year Y]: the reports generated in the workspace, newest first, stale ones marked. */
export async function reportsCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, { year: { type: 'string' }, json: { type: 'boolean', default: false } });
  const year = values.year === undefined ? undefined : intOption(values.year, 'year');
  const { files } = await withWorkspace(positional(positionals, 0, '工作空间文件 WS'),
    (api) => api.call('reports/list', year === undefined ? {} : { year }));
  if (values.json) {
    printJson(io, { ok: true, files });
    return 0;
  }
  if (files.length === 0) {
    io.out('尚未生成报告。');
    return 0;
  }
  const why = { recomputed: '之后重新计算过', changed: '文件已被修改', missing: '文件已不存在' } as const;
  io.out(textTable(['生成时间', '操作人', '年度', '对象', '文件', '计算批次', '五年评估', '数据批次', '状态'],
    files.map((f) => [f.generatedAt.slice(0, 19).replace('T', ' '), f.user, f.year, f.entityName, f.path, f.snapshot.runId,
      f.snapshot.evaluationId ?? '', f.snapshot.batchIds.length, f.stale ? `已过期：${f.staleReasons.map((r) => why[r]).join('、')}` : '有效'])));
  return 0;
}

export async function serveCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, {
    port: { type: 'string', default: '0' }, allow: { type: 'string', multiple: true, default: [] },
    'upload-limit': { type: 'string', default: '2048' }, 'upload-quota': { type: 'string', default: '8192' },
  });
  const port = intOption(values.port, 'port', 0, 65535);
  // MB: one uploaded file, and all uploads kept at once (removed once imported, or when the server stops)
  const uploads = { perFile: intOption(values['upload-limit'], 'upload-limit', 1, 1 << 20) * 1024 * 1024,
    perSession: intOption(values['upload-quota'], 'upload-quota', 1, 1 << 24) * 1024 * 1024 };
  const wsPath = resolve(positional(positionals, 0, '工作空间文件 WS'));
  const ws = await Workspace.open(wsPath);
  for (const n of ws.notices) io.err(`注意：${n}`);
  // The page may name files only inside the workspace's folder and the folders given with --allow.
  const paths = pathPolicy(dirname(wsPath), values.allow as string[]);
  // Ctrl+C / SIGTERM cancel the calls in progress (their transactions roll back) before the file is closed
  const shutdown = new AbortController();
  const server = await startHttpServer(createService(ws, { paths, log: fileErrorLog(`${wsPath}.errors.log`), signal: shutdown.signal }),
    { port, staticDir: rendererDir(), uploads });
  const stopBackups = await startBackupSchedule(ws, { onError: (e) => io.err(`定时备份失败：${(e as Error).message}`) });
  io.out(`ZoneTrack 浏览器模式已启动（仅本机可访问）：\n${server.url}\n可访问的文件夹：${[...paths.roots].join('；')}\n按 Ctrl+C 退出。`);
  await new Promise<void>((done) => {
    const stop = () => done();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  io.err('正在停止进行中的操作并关闭工作空间……');
  // a second signal, or a step that does not stop within 15 s, ends the process at once
  const now = () => process.exit(130);
  process.once('SIGINT', now);
  process.once('SIGTERM', now);
  setTimeout(() => {
    io.err('未能在 15 秒内停止，强制退出（未提交的操作不会写入）。');
    now();
  }, 15_000).unref();
  shutdown.abort();
  stopBackups();
  await server.close();
  await ws.abortAndClose();
  io.err('已退出。');
  return 0;
}
