// Veto items (否决项): a district where a veto's measure fired keeps its score but its grade is capped — V1 a
// major incident → at most 良好, V2 red line reduced without approval → at most 合格 (catalogue data).
import type { Sql } from '../../analytics/workspace.js';
import type { Catalogue } from '../catalogue/schema.js';
import type { GradeCut } from './score-item.js';

export interface FiredVeto {
  id: string;
  name: string;
  maxGrade: string;
  /** The records that fired it, in words (units and areas, incident titles …). */
  evidence: string;
  batches: number[];
}

/** The grade after the vetoes: the lower of the grade earned and each fired veto's cap. */
export function capGrade(grade: string, fired: { maxGrade: string }[], grades: GradeCut[]): string {
  const order = [...grades].sort((a, b) => b.min - a.min).map((g) => g.name); // best first
  let rank = order.indexOf(grade);
  for (const v of fired) rank = Math.max(rank, order.indexOf(v.maxGrade));
  return order[rank] ?? grade;
}

/** The best grade the fired vetoes leave (null when none fired). */
export function vetoCap(s: { vetoes: { maxGrade: string }[] }, grades: GradeCut[]): string | null {
  if (s.vetoes.length === 0) return null;
  const best = [...grades].sort((a, b) => b.min - a.min)[0]!.name;
  return capGrade(best, s.vetoes, grades);
}

/** The fired vetoes in words — each with its evidence — and what they did to the grade ('' when none fired). */
export function vetoSentence(s: { vetoes: FiredVeto[]; grade: string; gradeBeforeVetoes: string }, grades: GradeCut[]): string {
  if (s.vetoes.length === 0) return '';
  return s.vetoes.map((v) => `${v.id} ${v.name}：${v.evidence || '见佐证材料'}（等级最高为${v.maxGrade}）`).join('；')
    + `。得分不变，等级最高为“${vetoCap(s, grades)}”${s.gradeBeforeVetoes !== s.grade ? `，由“${s.gradeBeforeVetoes}”降为“${s.grade}”` : ''}。`;
}

/** The vetoes that fired for each district in a run (from the veto measures stored with it). */
export async function firedVetoes(sql: Sql, runId: number, catalogue: Catalogue): Promise<Map<string, FiredVeto[]>> {
  const out = new Map<string, FiredVeto[]>();
  if (catalogue.vetoes.length === 0) return out;
  const measures = catalogue.vetoes.map((v) => `'${v.measure.replaceAll("'", "''")}'`).join(', ');
  const rows = await sql.all<{ measure_id: string; entity_code: string; detail: string | null; batches: number[] }>(
    `SELECT measure_id, entity_code, detail, batches FROM measure_values
     WHERE run_id = ${runId} AND entity_level = 'district' AND measure_id IN (${measures}) AND value > 0 ORDER BY entity_code, measure_id`);
  for (const r of rows) {
    for (const v of catalogue.vetoes.filter((x) => x.measure === r.measure_id)) {
      const list = out.get(r.entity_code) ?? [];
      list.push({ id: v.id, name: v.name, maxGrade: v.maxGrade, evidence: r.detail ?? '', batches: r.batches });
      out.set(r.entity_code, list);
    }
  }
  for (const list of out.values()) list.sort((a, b) => a.id.localeCompare(b.id));
  return out;
}
