// 预警清单 export of the UI: the year's watch list (narrowed to a district and/or a unit type, as the page shows
// it) as one .xlsx with the report workbooks' 预警清单 sheet, written into the report folder so that browser mode
// can download it through the same route as the reports.
import ExcelJS from 'exceljs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Sql } from '../../analytics/workspace.js';
import { watchList, type WatchFlag } from '../../indicators/watchlist/watchlist.js';
import { writeAtomically } from '../write-reports.js';
import { watchSheet } from './detail-sheets.js';

export interface WatchlistExport {
  path: string;
  /** Flagged units and evidence rows written (one row per condition met). */
  units: number;
  rows: number;
}

export interface WatchlistExportArgs {
  year: number;
  district?: string;
  /** 优先保护 / 重点管控 / 一般管控 (WatchFlag.unitType) */
  unitType?: string;
  outDir: string;
}

export async function exportWatchlist(sql: Sql, a: WatchlistExportArgs): Promise<WatchlistExport> {
  const flags: WatchFlag[] = (await watchList(sql, a.year, { district: a.district }))
    .filter((f) => a.unitType === undefined || f.unitType === a.unitType);
  const scope = [flags[0]?.districtName && a.district ? flags[0].districtName : a.district, a.unitType && `${a.unitType}单元`].filter(Boolean).join('');
  const title = `${a.year}年监管预警清单${scope ? `（${scope}）` : ''}`;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ZoneTrack';
  wb.title = title;
  watchSheet(wb, flags, title);
  await mkdir(a.outDir, { recursive: true });
  const path = join(a.outDir, `${title}.xlsx`);
  await writeAtomically(path, (tmp) => wb.xlsx.writeFile(tmp));
  return { path, units: flags.length, rows: flags.reduce((n, f) => n + Math.max(1, f.evidence.length), 0) };
}
