// Writes the reports: a district's .docx self-assessment report and .xlsx workbook, the city's summary report
// and workbook, and all of them in one batch with progress and cancel. Files are written to a temporary name in
// the same folder and renamed, so a half-written file never sits under the final name.
import { mkdir, rename, writeFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Sql } from '../analytics/workspace.js';
import { UserError } from '../analytics/errors.js';
import { loadDistrictReportData, type ReportInputs } from './report-data.js';
import { loadCityReportData } from './city-report-data.js';
import { buildDistrictReport } from './docx/district-report.js';
import { packDocument } from './docx/font-table.js';
import { buildCityReport } from './docx/city-report.js';
import { buildScoringWorkbook } from './xlsx/scoring-workbook.js';
import { writeCityWorkbook } from './xlsx/city-workbook.js';
import { scoreSheets } from '../indicators/results.js';
import { watchList } from '../indicators/watchlist/watchlist.js';

export interface WrittenReport {
  entity: string;
  name: string;
  docx: string;
  xlsx: string;
  /** What the files were generated from (recorded by reports/generated-files.ts). */
  snapshot: ReportSnapshot;
}

export interface ReportSnapshot {
  runId: number;
  /** The five-year evaluation, for a five-year report. */
  evaluationId?: number;
  batchIds: number[];
}

let tmpCounter = 0;

/** Writes through `write(tmp)` to a temp file beside `path`, then renames it into place (same folder, same volume). */
export async function writeAtomically(path: string, write: (tmp: string) => Promise<void>): Promise<void> {
  const tmp = `${path}.${process.pid}-${++tmpCounter}.tmp`;
  try {
    await write(tmp);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

/** The inputs with the year's watch list, unless the caller brought it (a batch computes it once). */
async function withWatchList(sql: Sql, year: number, inputs: ReportInputs): Promise<ReportInputs> {
  return inputs.watchFlags ? inputs : { ...inputs, watchFlags: await watchList(sql, year) };
}

export async function writeDistrictReport(sql: Sql, year: number, entity: string, outDir: string, inputs: ReportInputs = {}): Promise<WrittenReport> {
  const data = await loadDistrictReportData(sql, year, entity, await withWatchList(sql, year, inputs));
  await mkdir(outDir, { recursive: true });
  const f = data.fiveYear;
  const base = f ? `${data.sheet.name}${f.fromYear}—${f.toYear}年分区管控五年评估` : `${data.sheet.name}${year}年度分区管控跟踪评估`;
  const docx = join(outDir, `${base}自评报告.docx`);
  const xlsx = join(outDir, `${base}评分表.xlsx`);
  const buffer = await packDocument(buildDistrictReport(data));
  await writeAtomically(docx, (tmp) => writeFile(tmp, buffer));
  await writeAtomically(xlsx, (tmp) => buildScoringWorkbook(data).xlsx.writeFile(tmp));
  return { entity, name: data.sheet.name, docx, xlsx,
    snapshot: { runId: data.sheet.runId, evaluationId: f?.evaluationId, batchIds: data.batches.map((b) => b.id) } };
}

export async function writeCityReport(sql: Sql, year: number, outDir: string, inputs: ReportInputs = {}): Promise<WrittenReport> {
  const data = await loadCityReportData(sql, year, await withWatchList(sql, year, inputs));
  await mkdir(outDir, { recursive: true });
  const f = data.fiveYear;
  const base = f ? `全市${f.fromYear}—${f.toYear}年生态环境分区管控五年评估` : `全市${year}年度生态环境分区管控跟踪评估`;
  const docx = join(outDir, `${base}汇总报告.docx`);
  const xlsx = join(outDir, `${base}汇总表.xlsx`);
  const buffer = await packDocument(buildCityReport(data));
  await writeAtomically(docx, (tmp) => writeFile(tmp, buffer));
  await writeAtomically(xlsx, (tmp) => writeCityWorkbook(data, tmp));
  return { entity: 'city', name: '全市', docx, xlsx,
    snapshot: { runId: data.runId, evaluationId: f?.evaluationId, batchIds: data.batches.map((b) => b.id) } };
}

/** A district (6-digit code) or the city ("city"). */
export async function writeEntityReport(sql: Sql, year: number, entity: string, outDir: string, inputs: ReportInputs = {}): Promise<WrittenReport> {
  return entity === 'city' ? writeCityReport(sql, year, outDir, inputs) : writeDistrictReport(sql, year, entity, outDir, inputs);
}

export interface BatchProgress { done: number; total: number; entity: string; name?: string }

/**
 * Every district's report and workbook, then the city's, in one go. `onProgress` is called before each report;
 * an aborted `signal` stops before the next report (files already written stay complete, none is half-written).
 */
export async function writeAllReports(sql: Sql, year: number, outDir: string, options: ReportInputs & {
  onProgress?: (p: BatchProgress) => void; signal?: AbortSignal;
  /** Called after each report is written (a cancelled batch still tells which files it left). */
  onWritten?: (r: WrittenReport) => void;
  /** Only these districts (default: every district with a score sheet); the city report is always written. */
  districts?: string[];
} = {}): Promise<WrittenReport[]> {
  const districts = (await scoreSheets(sql, year)).map((s) => ({ entity: s.entity, name: s.name }))
    .filter((s) => !options.districts || options.districts.includes(s.entity));
  options = await withWatchList(sql, year, options);
  const entities = [...districts, { entity: 'city', name: '全市' }];
  const written: WrittenReport[] = [];
  for (const [k, e] of entities.entries()) {
    if (options.signal?.aborted) throw new UserError('CANCELLED', `报告生成已取消：已完成${written.length}个，共${entities.length}个`);
    options.onProgress?.({ done: k, total: entities.length, entity: e.entity, name: e.name });
    const r = e.entity === 'city'
      ? await writeCityReport(sql, year, outDir, options)
      : await writeDistrictReport(sql, year, e.entity, outDir, options);
    written.push(r);
    options.onWritten?.(r);
  }
  options.onProgress?.({ done: entities.length, total: entities.length, entity: '' });
  return written;
}
