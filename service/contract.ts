// The one typed API. Every transport (Electron IPC, the localhost HTTP server of browser mode, in-process
// calls in tests) carries exactly these operations: name → arguments → result.
// Type-only imports: the renderer may import this file, and nothing here runs.
import type { ImportResult } from '../analytics/import/import-files.js';
import type { DatasetName } from '../analytics/import/datasets.js';
import type { DeclaredCoverage } from '../analytics/import/batch-coverage.js';
import type { SavedMapping } from '../analytics/import/saved-mappings.js';
import type { ComputeSummary } from '../indicators/engine.js';
import type { IndicatorValue, MeasureValue, ScoreSheet, RankingRow } from '../indicators/results.js';
import type { Catalogue } from '../indicators/catalogue/schema.js';
import type { SnapshotDiff, SnapshotState } from '../indicators/finalize.js';
import type { AirEdition } from '../indicators/standards/editions.js';
import type { EditionComparison } from '../indicators/measures/air-editions.js';
import type { RowError } from '../analytics/errors.js';
import type { QualitySummary } from '../analytics/quality/quality-summary.js';
import type { PackageManifest } from '../analytics/exchange/data-package.js';
import type { AuditPage } from '../analytics/audit/audit-log.js';
import type { BackupInfo } from '../analytics/backup/backup-files.js';
import type { RestoreResult } from '../analytics/backup/backups.js';
import type { AddLayerResult, LayerInfo } from '../indicators/catalogue/workspace-layers.js';
import type { DiffEntry } from '../indicators/catalogue/layers.js';
import type { ReviewResult } from '../indicators/review/review-submission.js';
import type { WatchFlag } from '../indicators/watchlist/watchlist.js';
import type { FiveYearEvaluation, FiveYearSummary } from '../indicators/five-year/evaluation.js';
import type { GeneratedFile } from '../reports/generated-files.js';
import type { TemplatesWritten } from '../reports/templates/data-template.js';
import type { Overview } from './queries/overview.js';
import type { LineageRecords, LineageRecordsArgs } from './queries/lineage-records.js';
import type { UnitDetail, UnitList } from './queries/units.js';
import type { MapLayers, MapLevel, MapValues } from './queries/map-layers.js';
import type { WorkspaceFolders } from './queries/workspace-folders.js';
import type { DatasetLabel } from './queries/datasets-list.js';
import type { WorkspaceStatus } from './queries/workspace-status.js';
import type { TargetsTable } from './queries/targets-table.js';
import type { SettingsChange, WorkspaceSettings } from '../analytics/settings/workspace-settings.js';
import type { WatchlistExport } from '../reports/xlsx/watchlist-workbook.js';
import type { TableExport, TableExportColumn } from '../reports/xlsx/table-workbook.js';
import type { DailySeries } from './queries/daily-series.js';
import type { ReportSection, ReportTexts } from '../reports/user-texts.js';
import type { ScreeningFiles, ScreeningOutcome } from './access-ops.js';
import type { ScreeningRecord } from '../indicators/access/screenings.js';
import type { BulkScreening } from '../indicators/access/bulk-screening.js';
import type { ScreeningResult, UnitAccessList } from '../indicators/access/screen.js';
import type { FilingRegister } from '../indicators/filings/filing-register.js';
import type { EvidenceFile, ReturnedItem, SubmissionEvent, SubmissionList, SubmissionState } from '../analytics/submissions/submissions.js';


export interface WorkspaceInfo {
  path: string;
  years: number[];
  computedYears: number[];
  /** Computed years that no import covers: not scored (the picker says 无数据). */
  noDataYears: number[];
  districts: number;
  units: number;
  stations: number;
  batches: number;
}

export interface BatchInfo {
  id: number;
  dataset: string;
  file: string;
  sha256: string;
  rows: number;
  accepted: number;
  rejected: number;
  encoding: string | null;
  sheet: string | null;
  importedAt: string;
  /** 有效, or why not: 已被批次N替换 / 已移除（reason） */
  status: string;
  active: boolean;
}

export interface Ranking {
  year: number;
  indicator: string;
  name: string;
  unit: string;
  decimals: number;
  city: number | null;
  rows: RankingRow[];
}

/** 数据填报模板: what can be asked for, of whom. */
export interface TemplateList {
  datasets: { name: DatasetName; label: string }[];
  cityHeld: { datasets: string[]; reason: string }[];
  /** The workspace's districts (a template is written for one of them). */
  districts: { code: string; name: string }[];
}

export interface ReportFiles {
  files: { entity: string; name: string; docx: string; xlsx: string }[];
  /** Set for an annual report of a five-year evaluation year: what its first page says (reports/five-year-data.ts). */
  notice?: string;
}

export interface Operations {
  'workspace/info': { args: Record<string, never>; result: WorkspaceInfo };
  'batches/list': { args: Record<string, never>; result: BatchInfo[] };
  'batches/remove': { args: { id: number; reason: string }; result: { id: number; dataset: string; rows: number } };
  'import/files': { args: { paths: string[]; dataset?: DatasetName; dryRun?: boolean; covers?: DeclaredCoverage; errorLimit?: number }; result: ImportResult };
  'import/save-mapping': { args: { dataset: DatasetName; header: string; column: string }; result: { saved: SavedMapping[] } };
  'indicators/compute': { args: { year: number; edition?: AirEdition }; result: ComputeSummary };
  'indicators/value': { args: { indicator: string; entity: string; year: number }; result: IndicatorValue };
  'indicators/ranking': { args: { year: number; indicator: string }; result: Ranking };
  'measures/get': { args: { measure: string; entity: string; year: number }; result: MeasureValue };
  'scores/get': { args: { year: number; entity?: string; draft?: boolean }; result: { sheets: ScoreSheet[] } };
  /** 定稿: the year's snapshot state; finalize the latest computation; reopen with a reason; draft vs finalized. */
  'snapshots/state': { args: { year: number }; result: SnapshotState };
  'snapshots/finalize': { args: { year: number; reason?: string }; result: SnapshotState };
  'snapshots/reopen': { args: { year: number; reason: string }; result: SnapshotState };
  'snapshots/diff': { args: { year: number }; result: SnapshotDiff };
  /** cycle 'five-year': the report of the window ending in `year`, from its stored five-year evaluation. */
  'reports/generate': { args: { year: number; entity: string; outDir: string; cycle?: 'annual' | 'five-year' }; result: ReportFiles };
  /** Every report file generated in this workspace (of one year), newest first, with its snapshot and staleness. */
  'reports/list': { args: { year?: number }; result: { files: GeneratedFile[] } };
  'catalogue/show': { args: Record<string, never>; result: Catalogue };
  'quality/summary': { args: { year: number }; result: QualitySummary };
  'packages/export': { args: { district: string; outDir: string }; result: { dir: string; manifest: PackageManifest } };
  /** Also records the district's 已报送 for `year` (default: the latest year its rows cover). */
  'packages/import': { args: { dir: string; year?: number; errorLimit?: number }; result: { batches: { id: number; dataset: string; rows: number }[]; submission: { year: number; district: string } | null } };
  /** 报送: the districts of a year by state (待报送 已报送 退回 已审核 定稿) with dates and what is missing. */
  'submissions/list': { args: { year: number }; result: SubmissionList };
  /** One transition (退回 needs items with reasons; 定稿 only through snapshots/finalize); evidence files (PDF/images) are stored with it. */
  'submissions/transition': { args: { year: number; district: string; to: SubmissionState; reason?: string; items?: ReturnedItem[]; evidence?: string[] }; result: SubmissionEvent };
  'submissions/history': { args: { year: number; district?: string }; result: { events: SubmissionEvent[] } };
  /** 备案台账 of the year's computation (finalized, else latest): plan versions, updates, adjustment due, 限期整改 orders. */
  'filings/register': { args: { year: number }; result: FilingRegister };
  'submissions/evidence': { args: { year: number; district?: string }; result: { files: (EvidenceFile & { district: string })[] } };
  'audit/list': { args: { offset?: number; limit?: number }; result: AuditPage };
  'audit/set-user': { args: { name: string }; result: { user: string } };
  'workspace/backups': { args: Record<string, never>; result: BackupInfo[] };
  'workspace/backup': { args: { keepLast?: number; keepDays?: number }; result: BackupInfo };
  'workspace/restore': { args: { id: string }; result: RestoreResult };
  'catalogue/layers': { args: Record<string, never>; result: LayerInfo[] };
  'catalogue/diff': { args: { entity: string }; result: { layer: LayerInfo | null; diff: DiffEntry[] } };
  'catalogue/add-layer': { args: { path: string }; result: AddLayerResult };
  'scores/set-manual': { args: { year: number; entity: string; indicator: string; selfScore?: number | null; evidence?: string; notApplicableReason?: string | null }; result: ScoreSheet };
  'scores/set-review': { args: { year: number; entity: string; indicator: string; reviewScore: number | null; note?: string }; result: ScoreSheet };
  'review/submission': { args: { year: number; path: string; entity?: string }; result: ReviewResult };
  'watchlist/get': { args: { year: number; district?: string }; result: { flags: WatchFlag[] } };
  'evaluation/compute-five-year': { args: { year: number }; result: FiveYearSummary };
  'evaluation/five-year': { args: { year: number; entity?: string }; result: FiveYearEvaluation };
  /** An edition-sensitive air value (indicator id or measure) under GB 3095/HJ 633-2012 and -2026 side by side. */
  'measures/editions': { args: { measure: string; entity: string; year: number }; result: EditionComparison };
  'workspace/folders': { args: Record<string, never>; result: WorkspaceFolders };
  'indicators/overview': { args: { year: number }; result: Overview };
  'lineage/records': { args: LineageRecordsArgs; result: LineageRecords };
  'units/list': { args: { year: number }; result: UnitList };
  'units/get': { args: { unit: string; year: number }; result: UnitDetail };
  'datasets/list': { args: Record<string, never>; result: DatasetLabel[] };
  /** Workspace preferences: operator name, the standard edition forced for computations (or by year), the cycle. */
  'settings/get': { args: Record<string, never>; result: WorkspaceSettings };
  'settings/set': { args: SettingsChange; result: WorkspaceSettings };
  /** File size, schema version, years with their last run and edition in force, catalogue and layers, settings. */
  'workspace/status': { args: Record<string, never>; result: WorkspaceStatus };
  /** Catalogue default targets and the 目标责任书 targets imported for a year. */
  'targets/list': { args: { year: number }; result: TargetsTable };
  /** The watch list as the 预警清单 page filters it, written as .xlsx into `outDir` (the report folder in browser mode). */
  'watchlist/export': { args: { year: number; district?: string; unitType?: string; outDir: string }; result: WatchlistExport };
  /** The days behind an annual air value of an entity (the indicator's pollutant, each day's validity), for drill-down. */
  'measures/daily': { args: { indicator: string; entity: string; year: number }; result: DailySeries };
  /** Any table of the UI as the page shows it (filtered, sorted, visible columns), written as .xlsx into `outDir`. */
  'tables/export': { args: { title: string; columns: TableExportColumn[]; rows: (string | number | null)[][]; outDir: string }; result: TableExport };
  /** The user's text for a report's human sections (组织实施, 典型案例 …); an empty text brings the placeholder back. */
  'reports/texts-get': { args: { year: number; entity: string }; result: ReportTexts };
  'reports/texts-set': { args: { year: number; entity: string; section: ReportSection; text: string }; result: ReportTexts };
  /** 准入研判: a project (name, lon/lat or GeoJSON location, industries, kind, date …) against the access lists; recorded
   *  (with the operator and time) unless `record` is false; the 研判意见 (.docx) and detail sheet (.xlsx) written into `outDir`. */
  'access/screen': { args: { project: Record<string, unknown>; record?: boolean; outDir?: string }; result: ScreeningOutcome };
  /** Recorded screenings, newest first (of one year of screening dates). */
  'access/screenings': { args: { year?: number; offset?: number; limit?: number }; result: { total: number; rows: ScreeningRecord[] } };
  'access/screening': { args: { id: number }; result: ScreeningRecord & { result: ScreeningResult } };
  /** The documents of a recorded screening, written again into `outDir`. */
  'access/documents': { args: { id: number; outDir: string }; result: ScreeningFiles };
  /** A unit's access list in force in `year`, by level and dimension. */
  'access/unit-list': { args: { unit: string; year: number }; result: UnitAccessList };
  /** Screens the year's EIA approvals that carry a location and industry (recorded, replacing the year's earlier bulk
   *  screenings); lists where the recorded conformity and the screening disagree (B1/B2 keep the recorded values). */
  'access/screen-approvals': { args: { year: number }; result: BulkScreening };
  /** 一张图: the units in force in the year and their dissolved districts as GeoJSON simplified for `zoom` (0 city … 3 full
   *  detail, shared borders kept), air stations and water sections as points. */
  'map/layers': { args: { year: number; zoom?: number }; result: MapLayers };
  /** One measure of the year's computation for every unit, district or section (the map's colours); without `measure`,
   *  only the list of measures at that level. */
  'map/values': { args: { year: number; level: MapLevel; measure?: string }; result: MapValues };
  /** 数据填报模板: the datasets the city asks districts for (the others it holds itself, with the reason). */
  'templates/list': { args: Record<string, never>; result: TemplateList };
  /** One dataset's template (.xlsx) for a district and year, or with `dataset: 'all'` the district's pack (.zip of every
   *  template), written into `outDir`. */
  'templates/write': { args: { dataset: DatasetName | 'all'; district: string; year: number; outDir: string }; result: TemplatesWritten };
}

export type OperationName = keyof Operations;
export type Args<N extends OperationName> = Operations[N]['args'];
export type Result<N extends OperationName> = Operations[N]['result'];

/** Expected failures travel as values; only `message` is shown to the user, in Chinese. */
export interface ApiError {
  code: string;
  message: string;
  rowErrors?: RowError[];
}

export type Envelope<T> = { ok: true; result: T } | { ok: false; error: ApiError };

/** One step of a long operation (import, compute, reports), streamed to the caller while it runs. */
export interface Progress {
  step: string;
  done: number;
  total: number;
  file?: string;
}

/** Per call: where progress goes, and a signal that cancels the operation (its transaction is rolled back). */
export interface CallOptions {
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
}

/** Over HTTP, a call sent with this Accept type gets its progress streamed: one JSON object per line,
 *  `{ "progress": Progress }` while it runs, then `{ "envelope": Envelope }`. Hanging up cancels the call. */
export const NDJSON = 'application/x-ndjson';

/** What every transport gives the caller. */
export interface ApiClient {
  call<N extends OperationName>(name: N, args: Args<N>, options?: CallOptions): Promise<Result<N>>;
}

export const OPERATION_NAMES: readonly OperationName[] = [
  'workspace/info', 'batches/list', 'batches/remove', 'measures/get', 'import/save-mapping', 'import/files', 'indicators/compute', 'indicators/value',
  'indicators/ranking', 'scores/get', 'reports/generate', 'catalogue/show', 'quality/summary',
  'packages/export', 'packages/import',
  'submissions/list', 'submissions/transition', 'submissions/history', 'submissions/evidence', 'filings/register',
  'audit/list', 'audit/set-user',
  'workspace/backups', 'workspace/backup', 'workspace/restore',
  'catalogue/layers', 'catalogue/diff', 'catalogue/add-layer', 'scores/set-manual', 'scores/set-review',
  'review/submission',
  'watchlist/get', 'evaluation/compute-five-year', 'evaluation/five-year', 'measures/editions',
  'workspace/folders', 'indicators/overview', 'lineage/records', 'units/list', 'units/get', 'datasets/list',
  'settings/get', 'settings/set', 'workspace/status', 'targets/list',
  'watchlist/export', 'tables/export', 'measures/daily',
  'reports/texts-get', 'reports/texts-set', 'reports/list',
  'access/screen', 'access/screenings', 'access/screening', 'access/documents', 'access/unit-list', 'access/screen-approvals',
  'snapshots/state', 'snapshots/finalize', 'snapshots/reopen', 'snapshots/diff',
  'map/layers', 'map/values',
  'templates/list', 'templates/write',
];

/** Thrown by clients when the envelope says ok: false, so callers can show `message` and list `rowErrors`. */
export class ApiCallError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
    this.name = 'ApiCallError';
  }
}
