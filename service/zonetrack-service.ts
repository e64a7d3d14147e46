// The implementation of the contract over one open workspace. Transports call `dispatch`, which validates the
// arguments, runs the handler and turns expected failures into values; unexpected ones are logged with context
// and surface as an internal error.
import type { Workspace } from '../analytics/workspace.js';
import { isUserError } from '../analytics/errors.js';
import { importFiles } from '../analytics/import/import-files.js';
import { removeBatch } from '../analytics/import/batch-lifecycle.js';
import { saveMapping, savedMappings } from '../analytics/import/saved-mappings.js';
import { qualitySummary } from '../analytics/quality/quality-summary.js';
import { exportDistrictPackage, importDistrictPackage } from '../analytics/exchange/data-package.js';
import { computeIndicators } from '../indicators/engine.js';
import { getMeasure, getValue, ranking, scoreSheets } from '../indicators/results.js';
import { activeCatalogue } from '../indicators/catalogue/load-catalogue.js';
import { writeEntityReport } from '../reports/write-reports.js';
import { ARG_SCHEMAS } from './arg-schemas.js';
import type { Args, BatchInfo, Envelope, OperationName, Operations, Result } from './contract.js';

type Handlers = { [N in OperationName]: (args: Args<N>) => Promise<Result<N>> };

export type ProgressSink = (p: { step: string; done: number; total: number; file?: string }) => void;

export function createHandlers(ws: Workspace, onProgress?: ProgressSink): Handlers {
  return {
    'workspace/info': async () => {
      const r = await ws.one<{ districts: number; units: number; stations: number; batches: number }>(`SELECT
        (SELECT count(*) FROM districts) AS districts, (SELECT count(*) FROM units) AS units,
        (SELECT count(*) FROM air_stations) AS stations, (SELECT count(*) FROM import_batches) AS batches`);
      const years = await ws.all<{ y: number }>(
        'SELECT DISTINCT year(time - INTERVAL 1 HOUR)::INTEGER AS y FROM air_hourly ORDER BY y');
      const computed = await ws.all<{ y: number }>('SELECT DISTINCT year AS y FROM compute_runs ORDER BY y');
      return { path: ws.path, years: years.map((x) => x.y), computedYears: computed.map((x) => x.y), ...r! };
    },
    'batches/list': async () => {
      const rows = await ws.all<Record<string, unknown>>('SELECT * FROM import_batches ORDER BY batch_id');
      return rows.map((b): BatchInfo => ({
        id: b.batch_id as number, dataset: b.dataset as string, file: b.file_name as string, sha256: b.sha256 as string,
        rows: b.rows_read as number, accepted: b.rows_accepted as number, rejected: b.rows_rejected as number,
        encoding: b.encoding as string | null, sheet: b.sheet as string | null,
        importedAt: (b.imported_at as Date).toISOString(),
        active: b.superseded_by === null && b.removed_at === null,
        status: b.superseded_by !== null ? `已被批次${b.superseded_by}替换`
          : b.removed_at !== null ? `已移除（${b.removed_reason ?? ''}）` : '有效',
      }));
    },
    'batches/remove': (a) => removeBatch(ws, a.id, a.reason),
    'import/files': (a) => importFiles(ws, a.paths, { dataset: a.dataset, dryRun: a.dryRun, onProgress }),
    'import/save-mapping': async (a) => {
      await ws.transaction((tx) => saveMapping(tx, a));
      return { saved: await savedMappings(ws) };
    },
    'indicators/compute': (a) => computeIndicators(ws, { year: a.year, edition: a.edition, onProgress }),
    'indicators/value': (a) => getValue(ws, a.indicator, a.entity, a.year),
    'measures/get': (a) => getMeasure(ws, a.measure, a.entity, a.year),
    'indicators/ranking': async (a) => {
      const r = await ranking(ws, a.year, a.indicator);
      return { year: a.year, indicator: a.indicator, name: r.indicator, unit: r.unit, decimals: r.decimals, city: r.city, rows: r.rows };
    },
    'scores/get': async (a) => ({ sheets: await scoreSheets(ws, a.year, a.entity) }),
    'reports/generate': async (a) => ({ files: [await writeEntityReport(ws, a.year, a.entity, a.outDir)] }),
    'catalogue/show': async () => activeCatalogue(),
    'quality/summary': (a) => qualitySummary(ws, a.year),
    'packages/export': (a) => exportDistrictPackage(ws, a.district, a.outDir),
    'packages/import': (a) => importDistrictPackage(ws, a.dir),
  };
}

export interface Service {
  dispatch<N extends OperationName>(name: N, args: unknown): Promise<Envelope<Result<N>>>;
}

export interface ServiceOptions {
  /** Where long operations report their steps (CLI: stderr; later: IPC/HTTP progress events). */
  onProgress?: ProgressSink;
  log?: (msg: string, e: unknown) => void;
}

export function createService(ws: Workspace, options: ServiceOptions = {}): Service {
  const handlers = createHandlers(ws, options.onProgress);
  const log = options.log ?? defaultLog;
  return {
    async dispatch<N extends OperationName>(name: N, args: unknown): Promise<Envelope<Result<N>>> {
      const schema = ARG_SCHEMAS[name];
      if (!schema) return { ok: false, error: { code: 'UNKNOWN_OPERATION', message: `未知的操作：${String(name)}` } };
      const parsed = schema.safeParse(args ?? {});
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '参数'}：${i.message}`).join('；');
        return { ok: false, error: { code: 'BAD_ARGUMENTS', message: `操作“${name}”的参数有误：${issues}` } };
      }
      try {
        const handler = handlers[name] as (a: Operations[N]['args']) => Promise<Result<N>>;
        return { ok: true, result: await handler(parsed.data as Operations[N]['args']) };
      } catch (e) {
        if (isUserError(e)) return { ok: false, error: { code: e.code, message: e.message, rowErrors: e.rowErrors } };
        log(`操作“${name}”内部错误`, e);
        return { ok: false, error: { code: 'INTERNAL', message: `内部错误：${(e as Error).message ?? String(e)}（已记录日志）` } };
      }
    },
  };
}

function defaultLog(msg: string, e: unknown) {
  console.error(`[zonetrack] ${msg}:`, e);
}
