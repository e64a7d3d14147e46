// sample, init, import, batches: getting data into a workspace.
import { resolve } from 'node:path';
import { Workspace } from '../../analytics/workspace.js';
import { generateSample } from '../../analytics/sample/generate-sample.js';
import type { SampleScale } from '../../analytics/sample/sample-reference.js';
import { DATASETS, type DatasetName } from '../../analytics/import/datasets.js';
import { intOption, parse, positional, requireYear, yearsOption } from '../args.js';
import { UsageError, printJson, progressPrinter, textTable, writeErrorList, type Io } from '../cli-io.js';
import { ApiCallError } from '../../service/contract.js';
import { withWorkspace } from '../session.js';

export async function sampleCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parse(argv, {
    out: { type: 'string' }, years: { type: 'string', default: '2024-2025' }, scale: { type: 'string', default: 'small' },
    seed: { type: 'string', default: '2026' }, json: { type: 'boolean', default: false },
  });
  if (!values.out) throw new UsageError('缺少 --out DIR');
  const scale = values.scale as string;
  if (!['small', 'city', 'stress'].includes(scale)) throw new UsageError(`--scale 应为 small、city 或 stress，收到“${scale}”`);
  const files = await generateSample({
    outDir: resolve(values.out as string), years: yearsOption(values.years as string), scale: scale as SampleScale,
    seed: intOption(values.seed, 'seed', 0, 2 ** 31), onProgress: progressPrinter(io, values.json as boolean),
  });
  if (values.json) printJson(io, { ok: true, files });
  else io.out(textTable(['数据集', '格式', '文件'], files.map((f) => [f.dataset, f.form, f.path])));
  return 0;
}

export async function initCommand(argv: string[], io: Io): Promise<number> {
  const { positionals } = parse(argv, {});
  const path = resolve(positional(positionals, 0, '工作空间文件 WS'));
  const ws = await Workspace.create(path);
  await ws.close();
  io.out(`已创建工作空间：${path}`);
  return 0;
}

export async function importCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, {
    dataset: { type: 'string' }, 'dry-run': { type: 'boolean', default: false }, json: { type: 'boolean', default: false },
    'errors-out': { type: 'string' }, map: { type: 'string', multiple: true }, covers: { type: 'string' },
  });
  // the years the files' records are complete for (a district with no cases is absent from the case list)
  const covers = values.covers === undefined ? undefined : { years: yearsOption(values.covers as string) };
  const ws = positional(positionals, 0, '工作空间文件 WS');
  const files = positionals.slice(1).map((f) => resolve(f));
  if (files.length === 0) throw new UsageError('缺少要导入的文件 FILE…');
  if (values.dataset !== undefined && !((values.dataset as string) in DATASETS)) {
    throw new UsageError(`--dataset 应为 ${Object.keys(DATASETS).join('、')} 之一`);
  }
  const maps = (values.map as string[] | undefined) ?? [];
  if (maps.length && !values.dataset) throw new UsageError('--map 需与 --dataset 一起使用（表头对应到哪个数据集的列）');
  const mappings = maps.map((m) => {
    const eq = m.lastIndexOf('=');
    if (eq <= 0 || eq === m.length - 1) throw new UsageError(`--map 应写作 表头=列名，收到“${m}”`);
    return { header: m.slice(0, eq), column: m.slice(eq + 1) };
  });
  const result = await withWorkspace(ws, async (api) => {
    // Saved first (its own small write): the mapping is the user's decision, kept even if this import is refused.
    // A dry run writes nothing, mappings included: they are applied to it without being saved.
    if (values['dry-run'] && mappings.length) io.err('试运行：--map 的对应关系本次不保存，正式导入时保存。');
    if (!values['dry-run']) for (const m of mappings) await api.call('import/save-mapping', { dataset: values.dataset as DatasetName, ...m });
    return api.call('import/files', {
      paths: files, dataset: values.dataset as DatasetName | undefined, dryRun: values['dry-run'] as boolean, covers,
      // the error list is complete: every refused row, not the first 200 a message shows
      ...(values['errors-out'] ? { errorLimit: ALL_ERRORS } : {}),
    });
  }, progressPrinter(io, values.json as boolean)).catch((e: unknown) => {
    // the service words it for every client; here is how a command line names the dataset and maps the headers
    if (e instanceof ApiCallError && ['DATASET_NOT_RECOGNISED', 'MISSING_COLUMNS'].includes(e.error.code) && !values.dataset) {
      io.err('命令行：用 --dataset 名称 指定数据集，用 --map 表头=列名 把文件的表头对应到数据集的列（可重复）。');
    }
    return errorsOut(io, values['errors-out'] as string | undefined, e);
  });
  if (values.json) {
    printJson(io, { ok: true, dryRun: result.dryRun, batches: result.batches.map((b) => ({ ...b })) });
    return 0;
  }
  io.out(result.dryRun ? '试运行（未写入任何数据）：' : '导入完成：');
  io.out(textTable(['批次', '数据集', '文件', '编码/工作表', '表头行', '形式', '读取行', '接受', '拒绝', '说明'],
    result.batches.map((b) => [b.id, b.dataset, b.file, b.sheet ?? b.encoding, b.headerRow, b.form === 'wide' ? '宽表' : '长表',
      b.rows, b.accepted, b.rejected,
      [b.skippedAsDuplicateOf ? `与批次${b.skippedAsDuplicateOf}相同，已跳过` : b.supersedes ? `新版本，替换批次${b.supersedes}` : '',
        b.attribution ? `按坐标定位管控单元${b.attribution.located}个，未能定位${b.attribution.onNone + b.attribution.onSeveral}个` : '']
        .filter(Boolean).join('；')])));
  for (const b of result.batches) for (const w of b.warnings ?? []) io.out(`${b.file}：${w}`);
  for (const b of result.batches.filter((x) => x.attribution?.examples.length)) {
    io.out(`${b.file} 未能定位的记录：${b.attribution!.examples.join('；')}`);
  }
  if (result.dryRun) {
    for (const b of result.batches) {
      io.out(`\n${b.file} 的列对应：${b.mapping.map((m) => `${m.header} → ${m.column}`).join('，')}`);
      if (b.ignoredColumns.length) io.out(`  未使用的列：${b.ignoredColumns.join('、')}`);
    }
  }
  return 0;
}

/** As many row problems as an error list may hold: all of them, for any file a workspace can take. */
const ALL_ERRORS = 10_000_000;

/** The refusal's row list as a file a clerk can open in Excel next to the input; then the refusal goes on. */
async function errorsOut(io: Io, path: string | undefined, e: unknown): Promise<never> {
  const rowErrors = e instanceof ApiCallError ? e.error.rowErrors : undefined;
  if (path && rowErrors?.length) {
    try {
      await writeErrorList(resolve(path), rowErrors);
      io.err(`错误清单已写入（${rowErrors.length} 条）：${resolve(path)}`);
    } catch (w) {
      // the import's own refusal is what the user must see; the list's problem is said beside it
      io.err(`错误清单未写入：${(w as Error).message}`);
    }
  }
  throw e;
}

export async function batchesCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, {
    remove: { type: 'string' }, reason: { type: 'string' }, json: { type: 'boolean', default: false },
  });
  const ws = positional(positionals, 0, '工作空间文件 WS');
  if (values.remove !== undefined) {
    if (!values.reason) throw new UsageError('移除批次须用 --reason 说明原因');
    const id = intOption(values.remove, 'remove', 1, 2 ** 31);
    const r = await withWorkspace(ws, (api) => api.call('batches/remove', { id, reason: values.reason as string }));
    if (values.json) printJson(io, { ok: true, removed: r });
    else io.out(`已移除批次 ${r.id}（${r.dataset}，${r.rows} 行）。`);
    return 0;
  }
  const batches = await withWorkspace(ws, (api) => api.call('batches/list', {}));
  if (values.json) printJson(io, batches);
  else io.out(textTable(['批次', '数据集', '文件', 'SHA-256', '读取', '接受', '拒绝', '导入时间', '状态'],
    batches.map((b) => [b.id, b.dataset, b.file, b.sha256.slice(0, 16), b.rows, b.accepted, b.rejected, b.importedAt.slice(0, 19).replace('T', ' '), b.status])));
  return 0;
}

export async function qualityCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, { year: { type: 'string' }, json: { type: 'boolean', default: false } });
  const year = requireYear(values);
  const q = await withWorkspace(positional(positionals, 0, '工作空间文件 WS'), (api) => api.call('quality/summary', { year }));
  if (values.json) {
    printJson(io, q);
    return 0;
  }
  io.out(`${year}年数据质量概况：`);
  io.out(textTable(['数据集', '检查项', '数量', '总数', '判断', '说明'],
    q.checks.map((c) => [c.datasetLabel, c.check, c.count, c.total, c.severity, c.detail])));
  for (const c of q.checks.filter((x) => x.examples.length)) io.out(`  ${c.check}：${c.examples.join('；')}`);
  return 0;
}

export async function packageCommand(argv: string[], io: Io): Promise<number> {
  const [action, ...rest] = argv;
  const { values, positionals } = parse(rest, {
    district: { type: 'string' }, out: { type: 'string' }, year: { type: 'string' }, json: { type: 'boolean', default: false }, 'errors-out': { type: 'string' },
  });
  const ws = positional(positionals, 0, '工作空间文件 WS');
  if (action === 'export') {
    if (!values.district) throw new UsageError('缺少 --district CODE');
    if (!values.out) throw new UsageError('缺少 --out DIR');
    const r = await withWorkspace(ws, (api) => api.call('packages/export', { district: values.district as string, outDir: resolve(values.out as string) }));
    if (values.json) printJson(io, { ok: true, ...r });
    else io.out(`已导出${r.manifest.districtName}数据包：${r.dir}\n${textTable(['数据集', '文件', '行数'], r.manifest.files.map((f) => [f.dataset, f.file, f.rows]))}`);
    return 0;
  }
  if (action === 'import') {
    const dir = resolve(positional(positionals, 1, '数据包目录 DIR'));
    const year = values.year === undefined ? {} : { year: requireYear(values) };
    const out = values['errors-out'] as string | undefined;
    const r = await withWorkspace(ws, (api) => api.call('packages/import', { dir, ...year, ...(out ? { errorLimit: ALL_ERRORS } : {}) }),
      progressPrinter(io, values.json as boolean)).catch((e: unknown) => errorsOut(io, out, e));
    if (values.json) printJson(io, { ok: true, ...r });
    else {
      io.out(`已导入数据包：\n${textTable(['批次', '数据集', '行数'], r.batches.map((b) => [b.id, b.dataset, b.rows]))}`);
      if (r.submission) io.out(`已登记 ${r.submission.district} ${r.submission.year}年报送：已报送`);
    }
    return 0;
  }
  throw new UsageError('用法：zonetrack package export WS --district CODE --out DIR，或 zonetrack package import WS DIR');
}
