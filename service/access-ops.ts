// 准入研判 operations of the service: screen a project (recorded with the operator and the time, taken here),
// write its 研判意见 and detail sheet, list and reopen past screenings, a unit's access list.
import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import type { Workspace } from '../analytics/workspace.js';
import { UserError } from '../analytics/errors.js';
import { APP_VERSION } from '../analytics/app-version.js';
import { mapLayers } from '../analytics/spatial/map-layers.js';

/** A project's surroundings need the finer borders of the map geometry. */
const SCREENING_MAP_ZOOM = 2;
import { readProject } from '../indicators/access/project.js';
import { screenProject, type ScreeningResult } from '../indicators/access/screen.js';
import { readScreening, recordScreening } from '../indicators/access/screenings.js';
import { screenApprovals, type BulkScreening } from '../indicators/access/bulk-screening.js';
import { writeScreeningDocx, writeScreeningWorkbook } from '../reports/access/screening-documents.js';
import { localNow } from './clock.js';

export interface ScreeningFiles { docx: string; xlsx: string }
export interface ScreeningOutcome { id: number | null; result: ScreeningResult; files: ScreeningFiles | null }


const safeName = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 60);

async function writeDocuments(ws: Workspace, result: ScreeningResult, meta: { id: number; user: string; recordedAt: string }, outDir: string): Promise<ScreeningFiles> {
  await mkdir(outDir, { recursive: true });
  const base = join(outDir, `准入研判意见_${meta.id}_${safeName(result.project.name)}`);
  const m = { ...meta, appVersion: APP_VERSION };
  const layers = await mapLayers(ws, Number(result.project.date.slice(0, 4)), SCREENING_MAP_ZOOM);
  await writeScreeningDocx(result, m, `${base}.docx`, { aspectScale: layers.aspectScale, units: layers.units.features, districts: [] });
  await writeScreeningWorkbook(result, m, `${base}.xlsx`);
  return { docx: `${base}.docx`, xlsx: `${base}.xlsx` };
}

/** Screens a project; records it (one transaction with its audit entry) unless `record` is false; writes the documents into `outDir`. */
export async function screenAndRecord(ws: Workspace, a: { project: Record<string, unknown>; record?: boolean; outDir?: string; source?: string }): Promise<ScreeningOutcome> {
  const today = localNow().slice(0, 10);
  const result = await screenProject(ws, readProject(a.project, today));
  if (a.record === false) {
    if (a.outDir) throw new UserError('NOT_RECORDED', '未记录的研判不生成研判意见：请记录后再生成文件');
    return { id: null, result, files: null };
  }
  const recordedAt = localNow();
  const id = await ws.transaction((tx) => recordScreening(tx, result, { source: a.source ?? 'manual', recordedAt }));
  const rec = (await readScreening(ws, id))!;
  const files = a.outDir ? await writeDocuments(ws, result, { id, user: rec.user, recordedAt }, a.outDir) : null;
  return { id, result, files };
}

/** The documents of a recorded screening, as it was recorded. */
export async function screeningDocuments(ws: Workspace, id: number, outDir: string): Promise<ScreeningFiles> {
  const rec = await readScreening(ws, id);
  if (!rec) throw new UserError('UNKNOWN_SCREENING', `没有编号为 ${id} 的准入研判记录`);
  return writeDocuments(ws, rec.result, { id, user: rec.user, recordedAt: rec.recordedAt }, outDir);
}

/** Bulk screening of a year's EIA approvals: one transaction, each screening with its audit entry, at the time taken here. */
export async function screenYearApprovals(ws: Workspace, year: number): Promise<BulkScreening> {
  const recordedAt = localNow();
  return ws.transaction((tx) => screenApprovals(tx, year, { recordedAt }));
}
