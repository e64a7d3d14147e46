// The implementation of the contract over one open workspace. Transports call `dispatch`, which validates the
// arguments, runs the handler and turns expected failures into values; unexpected ones are logged with context
// and surface as an internal error.
import type { Workspace } from '../analytics/workspace.js';
import { isCorruptionError } from '../analytics/workspace-open-checks.js';
import { SPACE_MARGIN, ensureFreeSpace, isNoSpaceError, noSpaceError } from '../analytics/disk-space.js';
import { MAX_FILE_NAME_BYTES, checkOutputFileName, shownText } from '../analytics/names.js';
import type { ErrorLog } from './error-log.js';

/** Room one report (.docx with its chart images, and its .xlsx) may take. */
const REPORT_SPACE = 8 * 1024 * 1024;
import { isUserError, UserError, type RowError } from '../analytics/errors.js';
import { importFiles } from '../analytics/import/import-files.js';
import { removeBatch } from '../analytics/import/batch-lifecycle.js';
import { saveMapping, savedMappings } from '../analytics/import/saved-mappings.js';
import { currentQualitySummary } from '../analytics/quality/quality-summary.js';
import { exportDistrictPackage, importDistrictPackage } from '../analytics/exchange/data-package.js';
import { computeIndicators } from '../indicators/engine.js';
import { bothEditions } from '../indicators/measures/air-editions.js';
import { getMeasure, getValue, ranking, scoreSheets } from '../indicators/results.js';
import { writeAllReports, writeEntityReport, type WrittenReport } from '../reports/write-reports.js';
import { listGeneratedFiles, recordGeneratedFiles, writtenFacts } from '../reports/generated-files.js';
import { annualNotice } from '../reports/five-year-data.js';
import { appendAudit, listAudit, setAuditUser } from '../analytics/audit/audit-log.js';
import { createBackup, listBackups, restoreBackup, setRotationPolicy } from '../analytics/backup/backups.js';
import { addLayer, diffLayer, layeredCatalogues, listLayers } from '../indicators/catalogue/workspace-layers.js';
import { setManualScore, setReviewScore } from '../indicators/scoring/enter-scores.js';
import { reviewSubmission } from '../indicators/review/review-submission.js';
import { readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { watchList } from '../indicators/watchlist/watchlist.js';
import { computeFiveYear, readFiveYear } from '../indicators/five-year/evaluation.js';
import { ARG_SCHEMAS } from './arg-schemas.js';
import type { Args, Envelope, OperationName, Operations, Result } from './contract.js';
import { cancelledError, progressSink, type CallContext, type ProgressSink } from './call-context.js';
import { checkPaths, type PathPolicy } from './path-policy.js';

import { overview } from './queries/overview.js';
import { workspaceInfo } from './queries/workspace-info.js';
import { batchList } from './queries/batches.js';
import { lineageRecords } from './queries/lineage-records.js';
import { unitDetail, unitList } from './queries/units.js';
import { mapLayers, mapValues } from './queries/map-layers.js';
import { workspaceFolders } from './queries/workspace-folders.js';
import { datasetLabels } from './queries/datasets-list.js';
import { workspaceStatus } from './queries/workspace-status.js';
import { targetsTable } from './queries/targets-table.js';
import { editionOverride, readSettings, writeSettings } from '../analytics/settings/workspace-settings.js';
import { exportWatchlist } from '../reports/xlsx/watchlist-workbook.js';
import { exportTable } from '../reports/xlsx/table-workbook.js';
import { dailySeries } from './queries/daily-series.js';
import { getReportTexts, setReportText } from '../reports/user-texts.js';
import { screenAndRecord, screenYearApprovals, screeningDocuments } from './access-ops.js';
import { listScreenings, readScreening } from '../indicators/access/screenings.js';
import { unitAccessList } from '../indicators/access/screen.js';
import { finalizeYear, reopenYear, snapshotDiff, snapshotState } from '../indicators/finalize.js';
import { DATASETS } from '../analytics/import/datasets.js';
import { CITY_HELD, TEMPLATE_DATASETS } from '../reports/templates/template-datasets.js';
import { writeTemplate, writeTemplatePack } from '../reports/templates/data-template.js';
import { templateContext } from './queries/template-context.js';
import { submissionTransition } from './submission-ops.js';
import { filingRegister } from '../indicators/filings/filing-register.js';
import { history, listEvidence, listSubmissions } from '../analytics/submissions/submissions.js';
import { localNow } from './clock.js';

export type { ProgressSink, CallContext } from './call-context.js';

/** A handler gets its validated arguments and the call's context; `progress` also stops cancelled work. */
export interface HandlerContext {
  progress: ProgressSink;
  signal?: AbortSignal;
}

type Handlers = { [N in OperationName]: (args: Args<N>, ctx: HandlerContext) => Promise<Result<N>> };

export function createHandlers(ws: Workspace): Handlers {
  return {
    'workspace/info': () => workspaceInfo(ws),
    'batches/list': () => batchList(ws),
    'batches/remove': (a) => removeBatch(ws, a.id, a.reason),
    'import/files': (a, c) => importFiles(ws, a.paths, { dataset: a.dataset, dryRun: a.dryRun, covers: a.covers, errorLimit: a.errorLimit, onProgress: c.progress }),
    'import/save-mapping': async (a) => {
      await ws.transaction(async (tx) => {
        await saveMapping(tx, a);
        await appendAudit(tx, { action: 'mapping/save', target: a.dataset, detail: { ...a } });
      });
      return { saved: await savedMappings(ws) };
    },
    'indicators/compute': async (a, c) => computeIndicators(ws, {
      // no edition asked for: the workspace's setting (设置 → 标准版本), else by year
      year: a.year, at: localNow(), edition: a.edition ?? await editionOverride(ws), onProgress: c.progress }),
    'indicators/value': (a) => getValue(ws, a.indicator, a.entity, a.year),
    'measures/get': (a) => getMeasure(ws, a.measure, a.entity, a.year),
    'indicators/ranking': async (a) => {
      const r = await ranking(ws, a.year, a.indicator);
      return { year: a.year, indicator: a.indicator, name: r.indicator, unit: r.unit, decimals: r.decimals, city: r.city, rows: r.rows };
    },
    'scores/get': async (a) => ({ sheets: await scoreSheets(ws, a.year, a.entity, a.draft ? 'draft' : 'default') }),
    'snapshots/state': (a) => snapshotState(ws, a.year),
    'snapshots/finalize': (a) => finalizeYear(ws, { ...a, at: localNow() }),
    'snapshots/reopen': (a) => reopenYear(ws, a),
    'snapshots/diff': (a) => snapshotDiff(ws, a.year),
    'reports/generate': async (a, c) => {
      const cycle = a.cycle ?? 'annual';
      const written: WrittenReport[] = [];
      // a report is a few MB (its charts as images); all of them, one per district and the city's
      await ensureFreeSpace(a.outDir, (a.entity === 'all' ? 40 : 1) * REPORT_SPACE + SPACE_MARGIN, '生成报告');
      try {
        // 'all': every district, then the city summary report, with progress and cancel between reports
        if (a.entity === 'all') {
          await writeAllReports(ws, a.year, a.outDir, { cycle, signal: c.signal, onWritten: (r) => written.push(r),
            onProgress: (p) => c.progress({ step: p.name ? `生成报告：${p.name}` : '报告已生成', done: p.done, total: p.total }) });
        } else {
          written.push(await writeEntityReport(ws, a.year, a.entity, a.outDir, { cycle }));
        }
      } catch (e) {
        // the file being written was a temporary one, removed (reports/write-reports.ts)
        if (isNoSpaceError(e)) throw noSpaceError('生成报告', a.outDir);
        throw e;
      } finally {
        // recorded once the files are in place (writing them changes nothing in the workspace); a cancelled or
        // failed batch records the reports it completed
        if (written.length > 0) {
          const facts = await writtenFacts(written);
          await ws.transaction(async (tx) => {
            for (const file of written) {
              await appendAudit(tx, { action: 'report', target: `${a.year}年 ${file.name}${cycle === 'five-year' ? ' 五年评估' : ''}`,
                detail: { year: a.year, entity: file.entity, cycle, docx: file.docx, xlsx: file.xlsx } });
            }
            await recordGeneratedFiles(tx, written, facts, { year: a.year, cycle, at: localNow() });
          });
        }
      }
      const notice = annualNotice(a.year, cycle);
      return { files: written.map(({ entity, name, docx, xlsx }) => ({ entity, name, docx, xlsx })), ...(notice ? { notice } : {}) };
    },
    'reports/list': async (a) => ({ files: await listGeneratedFiles(ws, a.year) }),
    'catalogue/show': async () => (await layeredCatalogues(ws)).city,
    'quality/summary': (a) => currentQualitySummary(ws, a.year),
    'packages/export': (a) => exportDistrictPackage(ws, a.district, a.outDir),
    'packages/import': (a, c) => importDistrictPackage(ws, a.dir, { signal: c.signal, year: a.year, errorLimit: a.errorLimit }),
    'submissions/list': (a) => listSubmissions(ws, a.year),
    'filings/register': (a) => filingRegister(ws, a.year),
    'submissions/transition': (a) => submissionTransition(ws, a),
    'submissions/history': async (a) => ({ events: await history(ws, a.year, a.district) }),
    'submissions/evidence': async (a) => ({ files: await listEvidence(ws, a.year, a.district) }),
    'audit/list': (a) => listAudit(ws, a),
    'audit/set-user': async (a) => ({ user: await ws.transaction((tx) => setAuditUser(tx, a.name)) }),
    'workspace/backups': () => listBackups(ws.path),
    'workspace/backup': async (a) => {
      if (a.keepLast !== undefined || a.keepDays !== undefined) await ws.transaction((tx) => setRotationPolicy(tx, a));
      return createBackup(ws, 'manual');
    },
    'workspace/restore': (a) => restoreBackup(ws, a.id),
    'catalogue/layers': () => listLayers(ws),
    'catalogue/diff': (a) => diffLayer(ws, a.entity),
    'catalogue/add-layer': async (a) => {
      const text = await readFile(a.path, 'utf8').catch((e: Error) => {
        throw new UserError('FILE_UNREADABLE', `无法读取指标体系细化层文件“${a.path}”：${e.message}`);
      });
      // a catalogue change alters every score from here on: keep the state before it
      await createBackup(ws, 'before-catalogue');
      return addLayer(ws, text, basename(a.path), localNow());
    },
    'scores/set-manual': (a) => setManualScore(ws, { ...a, at: localNow() }),
    'scores/set-review': (a) => setReviewScore(ws, { ...a, at: localNow() }),
    'review/submission': (a) => reviewSubmission(ws, { ...a, at: localNow() }),
    'watchlist/get': async (a) => ({ flags: await watchList(ws, a.year, { district: a.district }) }),
    'evaluation/compute-five-year': (a, c) => computeFiveYear(ws, { year: a.year, at: localNow(), onProgress: c.progress }),
    'evaluation/five-year': (a) => readFiveYear(ws, a.year, a.entity),
    'measures/editions': (a) => bothEditions(ws, a.measure, a.entity, a.year),
    'workspace/folders': async () => workspaceFolders(ws.path),
    'indicators/overview': (a) => overview(ws, a.year),
    'lineage/records': (a) => lineageRecords(ws, a),
    'units/list': (a) => unitList(ws, a.year),
    'units/get': (a) => unitDetail(ws, a.unit, a.year),
    'map/layers': (a) => mapLayers(ws, a.year, a.zoom),
    'map/values': (a) => mapValues(ws, a.year, a.level, a.measure),
    'datasets/list': async () => datasetLabels(),
    'settings/get': () => readSettings(ws),
    'settings/set': (a) => ws.transaction((tx) => writeSettings(tx, a)),
    'workspace/status': () => workspaceStatus(ws, ws.path, ws.readOnly),
    'targets/list': (a) => targetsTable(ws, a.year),
    'watchlist/export': (a) => exportWatchlist(ws, a),
    'tables/export': (a) => exportTable(a),
    'measures/daily': (a) => dailySeries(ws, a.indicator, a.entity, a.year),
    'reports/texts-get': (a) => getReportTexts(ws, a.year, a.entity),
    'reports/texts-set': (a) => setReportText(ws, { ...a, at: localNow() }),
    'access/screen': (a) => screenAndRecord(ws, a),
    'access/screen-approvals': (a) => screenYearApprovals(ws, a.year),
    'access/screenings': (a) => listScreenings(ws, a),
    'access/screening': async (a) => {
      const r = await readScreening(ws, a.id);
      if (!r) throw new UserError('UNKNOWN_SCREENING', `没有编号为 ${a.id} 的准入研判记录`);
      return r;
    },
    'access/documents': (a) => screeningDocuments(ws, a.id, a.outDir),
    'access/unit-list': (a) => unitAccessList(ws, a.unit, a.year),
    'templates/list': async () => ({
      datasets: TEMPLATE_DATASETS.map((name) => ({ name, label: DATASETS[name].label })),
      cityHeld: CITY_HELD.map((g) => ({ datasets: [...g.datasets], reason: g.reason })),
      districts: await ws.all<{ code: string; name: string }>('SELECT district_code AS code, name FROM districts ORDER BY district_code'),
    }),
    'templates/write': async (a) => {
      const ctx = await templateContext(ws, a.district, a.year);
      const written = a.dataset === 'all' ? await writeTemplatePack(ctx, a.outDir) : await writeTemplate(a.dataset, ctx, a.outDir);
      // a data request that left the building: recorded (the file itself changes nothing in the workspace)
      await ws.transaction((tx) => appendAudit(tx, {
        action: 'template', target: `${a.year}年 ${ctx.district.name} ${a.dataset === 'all' ? '数据填报模板包' : DATASETS[a.dataset].label}`,
        detail: { year: a.year, district: a.district, dataset: a.dataset, path: written.path },
      }));
      return written;
    },
  };
}

export interface Service {
  dispatch<N extends OperationName>(name: N, args: unknown, ctx?: CallContext): Promise<Envelope<Result<N>>>;
}

export interface ServiceOptions {
  /** Where long operations report their steps for every call (CLI: stderr); a call may add its own sink. */
  onProgress?: ProgressSink;
  /** Records an unexpected failure; returns where (a file the user can send), or nothing when only stderr has it. */
  log?: ErrorLog;
  /** Set by transports that serve a page (browser mode, Electron): file paths in arguments must lie inside
   *  these folders. Unset for the CLI and tests, whose user typed the paths on their own machine. */
  paths?: PathPolicy;
  /** Cancels every call of this service (the CLI on Ctrl+C / SIGTERM), on top of each call's own signal. */
  signal?: AbortSignal;
}

export function createService(ws: Workspace, options: ServiceOptions = {}): Service {
  const handlers = createHandlers(ws);
  const log = options.log ?? defaultLog;
  return {
    async dispatch<N extends OperationName>(name: N, args: unknown, callCtx: CallContext = {}): Promise<Envelope<Result<N>>> {
      const signals = [options.signal, callCtx.signal].filter((x): x is AbortSignal => !!x);
      const ctx: CallContext = { ...callCtx, signal: signals.length > 1 ? AbortSignal.any(signals) : signals[0] };
      const schema = ARG_SCHEMAS[name];
      if (!schema) return { ok: false, error: { code: 'UNKNOWN_OPERATION', message: `未知的操作：${String(name)}` } };
      const parsed = schema.safeParse(args ?? {});
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '参数'}：${i.message}`).join('；');
        return { ok: false, error: { code: 'BAD_ARGUMENTS', message: `操作“${name}”的参数有误：${issues}` } };
      }
      try {
        const data = options.paths ? await checkPaths(name, parsed.data as Record<string, unknown>, options.paths) : parsed.data;
        checkOutputFolders(name, data as Record<string, unknown>);
        if (ctx.signal?.aborted) throw cancelledError();
        const handler = handlers[name] as (a: Operations[N]['args'], c: HandlerContext) => Promise<Result<N>>;
        const handlerContext = { progress: progressSink(ctx, options.onProgress), signal: ctx.signal };
        return { ok: true, result: await handler(data as Operations[N]['args'], handlerContext) };
      } catch (e) {
        if (isUserError(e)) return { ok: false, error: shownError(e.code, e.message, e.rowErrors) };
        if ((e as NodeJS.ErrnoException)?.code === 'ENAMETOOLONG') {
          const path = String((e as NodeJS.ErrnoException).path ?? '');
          return { ok: false, error: { code: 'BAD_FILE_NAME', message: shownText(`文件名过长，无法创建：${basename(path)}。` +
            `文件名上限约 ${MAX_FILE_NAME_BYTES} 字节（约 ${Math.floor(MAX_FILE_NAME_BYTES / 3)} 个汉字）；请缩短名称后重试。`) } };
        }
        if (isNoSpaceError(e)) {
          const err = noSpaceError(`执行“${name}”`, ws.path === ':memory:' ? ws.path : dirname(ws.path));
          return { ok: false, error: { code: err.code, message: err.message } };
        }
        if (isCorruptionError(e)) {
          log(`操作“${name}”读到损坏的数据`, e);
          return { ok: false, error: { code: 'WORKSPACE_CORRUPT', message: `工作空间文件已损坏，无法读出所需的数据（${((e as Error).message ?? '').split('\n')[0]}）。` +
            `请运行 zonetrack check ${ws.path} 查看损坏范围，并从最近的备份恢复（工作空间 → 备份与恢复，或 zonetrack backup ${ws.path} --restore latest）。` } };
        }
        const where = log(`操作“${name}”内部错误（参数：${JSON.stringify(parsed.data).slice(0, 500)}）`, e);
        // says where the details are only when they were written somewhere the user can find
        const details = where ? `（详情已写入日志文件：${where}）` : '（详情只输出到了程序的错误输出，未写入日志文件）';
        return { ok: false, error: { code: 'INTERNAL', message: shownText(`内部错误：操作“${name}”失败：${((e as Error)?.message ?? String(e)).split('\n')[0]}${details}`) } };
      }
    },
  };
}

/** A refusal as it leaves the service: names from files (file, sheet, unit names) with hidden characters escaped. */
function shownError(code: string, message: string, rowErrors: RowError[]): { code: string; message: string; rowErrors: RowError[] } {
  return {
    code, message: shownText(message, '\n\t'),
    rowErrors: rowErrors.map((r) => ({ ...r, file: shownText(r.file), column: shownText(r.column),
      value: r.value === null || r.value === undefined ? r.value : shownText(String(r.value), '\n\t'), reason: shownText(r.reason, '\n\t') })),
  };
}

/** Folders this call is to create and write: their names must be ones every file system accepts. */
function checkOutputFolders(name: OperationName, args: Record<string, unknown>): void {
  if (!OUTPUT_FOLDER_OPERATIONS.has(name) || typeof args.outDir !== 'string') return;
  checkOutputFileName(basename(args.outDir), '输出文件夹');
}
const OUTPUT_FOLDER_OPERATIONS = new Set<OperationName>(['reports/generate', 'packages/export', 'watchlist/export', 'access/screen', 'access/documents', 'tables/export']);

function defaultLog(msg: string, e: unknown) {
  console.error(`[zonetrack] ${msg}:`, e);
}
