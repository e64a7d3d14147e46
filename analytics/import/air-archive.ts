// The public hourly air archive form: `date,hour,type,<station codes…>` — one row per date, hour and type
// (AQI, PM2.5, PM2.5_24h, PM10, …, CO_24h), one column per national station. Reshaped here to the canonical
// long air table (station, time, pollutant, value) so that parsing and checks are those of any hourly file.
// Only the hourly concentrations of the six pollutants are kept (AQI and the running 24 h / 8 h means are
// derived figures), and only the columns of stations in the workspace's station list (the archive covers
// the whole country): what is left out is said in warnings.
import type { Sql } from '../workspace.js';
import { sqlString } from '../sql.js';
import { normaliseHeader } from './header-match.js';
import { POLLUTANTS } from './datasets.js';

const FIRST = [['date', '日期'], ['hour', '小时', '时'], ['type', '类型', '项目']];

/** Index of the archive header among the first lines, or -1. */
export function archiveHeaderIndex(lines: string[][]): number {
  return lines.findIndex((cells) => cells.length > 3
    && FIRST.every((names, i) => names.includes(normaliseHeader(cells[i] ?? '')))
    && cells.slice(3).some((c) => /^[0-9A-Za-z]{3,12}$/.test(c.trim())));
}

export interface ArchiveStaging {
  /** Headers of the staged long table, in the canonical air table's names. */
  headers: string[];
  rows: number;
  warnings: string[];
}

/**
 * Reads the archive (`reader`: the CSV reader over the data lines, columns c0…cN) and stages it long:
 * c0 station, c1 time text, c2 pollutant, c3 value, __row the data row in the file.
 * Returns undefined when none of its stations is in the workspace.
 */
export async function stageAirArchive(sql: Sql, reader: string, headers: string[], table: string): Promise<ArchiveStaging | undefined> {
  const known = new Set((await sql.all<{ code: string }>('SELECT station_code AS code FROM air_stations')).map((r) => r.code));
  const stations = headers.map((h, i) => ({ code: h.trim().toUpperCase(), i })).slice(3);
  const kept = stations.filter((s) => known.has(s.code));
  if (kept.length === 0) return undefined;
  const raw = `${table}_archive`;
  await sql.run(`CREATE TEMP TABLE ${raw} AS SELECT * FROM ${reader}`);
  const first = await sql.one<{ first: bigint | number | null }>(`SELECT min(rowid) AS first FROM ${raw}`);
  const hourly = POLLUTANTS.map(sqlString).join(', ');
  const type = `upper(replace(trim(c2), ' ', ''))`;
  // The archive's hour is the CNEMC time point, hour-ending like the canonical table: "date 0" is the hour
  // that ends at 00:00 of that date. A date written 20250101 becomes 2025-01-01; anything else stays as written,
  // so that the time check names it.
  const time = `CASE WHEN regexp_full_match(trim(c0), '\\d{8}')
      THEN substr(trim(c0), 1, 4) || '-' || substr(trim(c0), 5, 2) || '-' || substr(trim(c0), 7, 2) ELSE trim(c0) END
    || ' ' || trim(c1) || ':00'`;
  const row = `(rowid - ${first?.first ?? 0} + 1)::INTEGER`;
  await sql.run(`CREATE TEMP TABLE ${table} AS ${kept.map((s) => `
    SELECT ${sqlString(s.code)} AS c0, ${time} AS c1, trim(c2) AS c2, c${s.i} AS c3, ${row} AS __row
    FROM ${raw} WHERE ${type} IN (${hourly})`).join('\nUNION ALL')}`);
  const skipped = await sql.all<{ t: string }>(`SELECT DISTINCT trim(c2) AS t FROM ${raw} WHERE ${type} NOT IN (${hourly}) ORDER BY 1 LIMIT 20`);
  const count = await sql.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${table}`);
  await sql.run(`DROP TABLE ${raw}`);
  const warnings = [`公开小时数据归档格式：按站点列转换为长表，保留工作空间站点名录中的 ${kept.length} 个站点`];
  const unknown = stations.filter((s) => !known.has(s.code));
  if (unknown.length) {
    warnings.push(`已忽略不在站点名录中的 ${unknown.length} 个站点列（如 ${unknown.slice(0, 5).map((s) => s.code).join('、')}）`);
  }
  if (skipped.length) warnings.push(`已忽略非小时浓度的类型：${skipped.map((s) => s.t).join('、')}`);
  return { headers: ['站点编码', '监测时间', '污染物', '浓度'], rows: count?.n ?? 0, warnings };
}
