// Recorded screenings (准入研判记录): the evidence behind indicator A5 and the conformity analysis of EIA approvals.
// A screening is recorded with its audit entry in the caller's transaction; the time and operator come from the
// caller (service/), never from the clock here.
import type { Sql } from '../../analytics/workspace.js';
import { appendAudit, auditUser } from '../../analytics/audit/audit-log.js';
import { toneOf, type Conclusion, type ScreeningResult, type Tone } from './screen.js';

export interface ScreeningRecord {
  id: number;
  projectName: string;
  screenedOn: string;
  conclusion: Conclusion;
  conclusionTone: Tone;
  planVersions: string;
  districts: string[];
  units: string[];
  /** 'manual' for a project entered or imported; 'eia:<批复文号>' for an approval screened in bulk. */
  source: string;
  user: string;
  recordedAt: string;
}

export function planVersionsText(r: ScreeningResult): string {
  return `管控单元${r.unitPlanVersions.join('、')}版；准入清单${r.listPlanVersions.join('、') || '（无）'}版`;
}

/** Writes one screening and its audit entry (inside the caller's transaction); returns its id. */
export async function recordScreening(tx: Sql, result: ScreeningResult, o: { source: string; recordedAt: string }): Promise<number> {
  const id = (await tx.one<{ id: number }>("SELECT nextval('screening_id_seq')::INTEGER AS id"))!.id;
  const user = await auditUser(tx);
  await tx.run(`INSERT INTO access_screenings VALUES ($id, $name, $date::DATE, $plans, $conclusion,
      string_split($districts, ','), string_split($units, ','), $source, $project, $result, $user, $at::TIMESTAMP)`, {
    id, name: result.project.name, date: result.project.date, plans: planVersionsText(result), conclusion: result.conclusion,
    districts: result.districts.map((d) => d.code).join(','), units: result.units.map((u) => u.code).join(','), source: o.source,
    project: JSON.stringify(result.project), result: JSON.stringify(result), user, at: o.recordedAt,
  });
  await appendAudit(tx, {
    action: 'access/screen', target: `准入研判 ${id}`,
    detail: { screening: id, project: result.project.name, date: result.project.date, conclusion: result.conclusion, source: o.source,
      units: result.units.map((u) => u.code), counts: result.counts },
  });
  return id;
}

interface Row {
  screening_id: number; project_name: string; screened_on: string; conclusion: Conclusion; plan_versions: string;
  district_codes: string[]; unit_codes: string[]; source: string; user_name: string; recorded_at: string;
}
const COLUMNS = `screening_id, project_name, strftime(screened_on, '%Y-%m-%d') AS screened_on, conclusion, plan_versions, district_codes,
  unit_codes, source, user_name, strftime(recorded_at, '%Y-%m-%d %H:%M:%S') AS recorded_at`;
const record = (r: Row): ScreeningRecord => ({
  id: r.screening_id, projectName: r.project_name, screenedOn: r.screened_on, conclusion: r.conclusion, conclusionTone: toneOf(r.conclusion), planVersions: r.plan_versions,
  districts: [...r.district_codes], units: [...r.unit_codes], source: r.source, user: r.user_name, recordedAt: r.recorded_at,
});

/** Past screenings, newest first; `year` limits them to the screening dates of that year. */
export async function listScreenings(sql: Sql, o: { year?: number; limit?: number; offset?: number } = {}): Promise<{ total: number; rows: ScreeningRecord[] }> {
  const where = o.year !== undefined ? 'WHERE year(screened_on) = $year' : '';
  const params: Record<string, number> = o.year !== undefined ? { year: o.year } : {};
  const total = (await sql.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM access_screenings ${where}`, params))!.n;
  const rows = await sql.all<Row>(`SELECT ${COLUMNS} FROM access_screenings ${where} ORDER BY screening_id DESC
    LIMIT ${Math.trunc(o.limit ?? 50)} OFFSET ${Math.trunc(o.offset ?? 0)}`, params);
  return { total, rows: rows.map(record) };
}

/** One recorded screening with its full result, as it was recorded. */
export async function readScreening(sql: Sql, id: number): Promise<(ScreeningRecord & { result: ScreeningResult }) | null> {
  const r = await sql.one<Row & { result: string }>(`SELECT ${COLUMNS}, result FROM access_screenings WHERE screening_id = $id`, { id });
  return r ? { ...record(r), result: JSON.parse(r.result) as ScreeningResult } : null;
}
