// 监管预警清单 (domain/indicators.md, Watch list): the control units in force in a year whose stored unit-level
// measures (measure_values of the year's latest run) and records meet their type's rule. One SQL finds every
// condition met by every unit with the values, thresholds and records behind it; a unit is flagged when it
// meets at least its rule's number of distinct conditions.
import type { Sql } from '../../analytics/workspace.js';
import { latestRun, referenceDateOfRun } from '../results.js';
import { unitCodeInYearSql, unitsInForceSql } from '../../analytics/units/unit-plans.js';
import { sqlString } from '../../analytics/sql.js';
import { parseWatchlistThresholds, type WatchlistThresholds } from './schema.js';
import defaultThresholds from './default-watchlist.json' with { type: 'json' };

export interface WatchEvidence { condition: string; value: number | string | null; threshold: number | string | null; records?: string[] }
export interface WatchFlag {
  unitCode: string; unitName: string; unitType: string;
  /** The type's number in the unit register (1 优先保护, 2 重点管控, 3 一般管控): what pages group and colour by. */
  unitTypeNo: number;
  district: string; districtName: string; flag: string; evidence: WatchEvidence[];
}

export const UNIT_TYPE_NAMES: Record<number, string> = { 1: '优先保护', 2: '重点管控', 3: '一般管控' };

export function defaultWatchlistThresholds(): WatchlistThresholds {
  return parseWatchlistThresholds(defaultThresholds, 'default-watchlist.json');
}

/** One condition arm: SELECT unit_code, ord, cond, num, txt, thr, thr_txt, recs (rows for the units meeting it). */
interface Arm { type: 1 | 2 | 3; sql: string }

const n = (v: number) => String(Number(v));

function arms(t: WatchlistThresholds, year: number): Arm[] {
  const out: Arm[] = [];
  const end = `DATE '${year}-12-31'`;
  /** A unit measure of the year (mapped to the unit in force), as rows unit_code, value, detail. */
  const mv = (measure: string) => `(SELECT c.code_in_year AS unit_code, m.value, m.detail FROM zt_wl_mv m JOIN zt_wl_codes c ON c.code = m.entity_code
    WHERE m.measure_id = ${sqlString(measure)} AND m.valid AND m.value IS NOT NULL)`;
  const overdue = (ord: number, atLeast: number) => `
    SELECT c.code_in_year, ${ord}, '未按期整改问题（个）', count(*)::DOUBLE, NULL, ${n(atLeast)}, '≥' || ${n(atLeast)},
      list(p.problem_id || '（整改期限' || strftime(p.due_on, '%Y-%m-%d') || coalesce('，' || strftime(p.rectified_on, '%Y-%m-%d') || '完成', '，未完成') || '）' ORDER BY p.problem_id)
    FROM problems p JOIN zt_wl_codes c ON c.code = p.unit_code
    -- 未按期整改 (not 逾期未整改: a problem done after its deadline counts too, its record says 完成): overdue at some time in the year: deadline passed by the year's end (and by the run's reference date), not
    -- done by the deadline, and not done before the year began
    WHERE p.due_on <= ${end} AND p.due_on < $reference_date::DATE AND (p.rectified_on IS NULL OR p.rectified_on > p.due_on)
      AND (p.rectified_on IS NULL OR year(p.rectified_on) >= ${year}) AND p.found_on <= ${end}
    GROUP BY c.code_in_year HAVING count(*) >= ${n(atLeast)}`;
  const eqiDrop = (type: 1 | 3, ord: number, atMost: number) => ({ type, sql: `
    SELECT unit_code, ${ord}, '单元生态质量指数变化ΔEQI', value, NULL, ${n(atMost)}, '≤' || ${n(atMost)}, NULL FROM ${mv('unit.eqi_change')} WHERE value <= ${n(atMost)}` });

  const p = t.priority;
  if (p.redLineAreaReductionKm2 !== null) {
    out.push({ type: 1, sql: `
      SELECT m.unit_code, 1, '生态保护红线面积较上年变化（km²）', m.value, NULL, -${n(p.redLineAreaReductionKm2)}, '减少超过' || ${n(p.redLineAreaReductionKm2)} || ' km²',
        (SELECT list('生态保护红线监管 ' || e.unit_code || ' ' || e.year || '年 ' || e.red_line_area_km2 || ' km²（' || b.file_name || ' 第' || e.src_row || '行）' ORDER BY e.year)
         FROM ecology_units e JOIN import_batches b USING (batch_id) JOIN zt_wl_codes c ON c.code = e.unit_code
         WHERE c.code_in_year = m.unit_code AND e.year IN (${year - 1}, ${year}) AND b.superseded_by IS NULL AND b.removed_at IS NULL)
      FROM ${mv('unit.red_line_area_change')} m WHERE m.value < -${n(p.redLineAreaReductionKm2)}` });
  }
  if (p.eqiChangeAtMost !== null) out.push(eqiDrop(1, 2, p.eqiChangeAtMost));
  if (p.newPatchesAtLeast !== null) {
    out.push({ type: 1, sql: `
      SELECT unit_code, 3, '新增人类活动点位数（个）', value, NULL, ${n(p.newPatchesAtLeast)}, '≥' || ${n(p.newPatchesAtLeast)}, NULL
      FROM ${mv('eco.human_activity_patches')} WHERE value >= ${n(p.newPatchesAtLeast)}` });
  }
  if (p.overdueProblemsAtLeast !== null) out.push({ type: 1, sql: overdue(4, p.overdueProblemsAtLeast) });
  if (p.nonconformingApprovalsAtLeast !== null) {
    out.push({ type: 1, sql: `
      SELECT c.code_in_year, 5, '不符合准入要求的环评审批（项）', count(*)::DOUBLE, NULL, ${n(p.nonconformingApprovalsAtLeast)}, '≥' || ${n(p.nonconformingApprovalsAtLeast)},
        list(a.approval_no || ' ' || a.project_name || '（' || strftime(a.approved_on, '%Y-%m-%d') || '）' ORDER BY a.approval_no)
      FROM eia_approvals a JOIN zt_wl_codes c ON c.code = a.unit_code
      WHERE a.conforms = '不符合' AND year(a.approved_on) = ${year}
      GROUP BY c.code_in_year HAVING count(*) >= ${n(p.nonconformingApprovalsAtLeast)}` });
  }

  const k = t.key;
  if (k.pm25AboveTarget) {
    // the unit's own signed target (targets dataset, C1) where one is set, else its district's C1 target: both as
    // the run resolved and recorded them
    out.push({ type: 2, sql: `
      SELECT m.unit_code, 11, 'PM2.5年均浓度（微克/立方米）高于目标', m.value, NULL, tg.target, NULL,
        (SELECT list('城市点 ' || s.station_code || ' ' || s.name ORDER BY s.station_code) FROM air_stations s JOIN zt_wl_codes c ON c.code = s.unit_code
         WHERE c.code_in_year = m.unit_code AND s.is_city_site)
      FROM ${mv('air.pm25_annual_mean')} m JOIN zt_wl_units u ON u.unit_code = m.unit_code
      JOIN LATERAL (SELECT coalesce(
          (SELECT max(target) FROM run_targets WHERE run_id = $run AND entity_code = m.unit_code AND indicator_id = 'C1'),
          (SELECT target FROM indicator_values v WHERE v.run_id = $run AND v.indicator_id = 'C1' AND v.entity_code = u.district_code)) AS target) tg ON true
      WHERE tg.target IS NOT NULL AND m.value > tg.target` });
  }
  if (k.sectionsBelowTargetAtLeast !== null) {
    out.push({ type: 2, sql: `
      SELECT c.code_in_year, 12, '未达水质目标的断面（个）', count(*)::DOUBLE, NULL, ${n(k.sectionsBelowTargetAtLeast)}, '≥' || ${n(k.sectionsBelowTargetAtLeast)},
        list(s.section_code || ' ' || s.name || '：目标' || s.target_class || '类，实际' || ['I','II','III','IV','V','劣V'][m.value::INTEGER] || '类' ORDER BY s.section_code)
      FROM zt_wl_mv m JOIN water_sections s ON s.section_code = m.entity_code JOIN zt_wl_codes c ON c.code = s.unit_code
      WHERE m.measure_id = 'water.section_class' AND m.value IS NOT NULL
        AND m.value > list_position(['I','II','III','IV','V'], s.target_class)
      GROUP BY c.code_in_year HAVING count(*) >= ${n(k.sectionsBelowTargetAtLeast)}` });
  }
  if (k.onlineExceedanceRateAbovePct !== null) {
    out.push({ type: 2, sql: `
      SELECT unit_code, 13, '自动监控超标率（%）', value, NULL, ${n(k.onlineExceedanceRateAbovePct)}, '>' || ${n(k.onlineExceedanceRateAbovePct)}, NULL
      FROM ${mv('online.exceedance_rate')} WHERE value > ${n(k.onlineExceedanceRateAbovePct)}` });
  }
  if (k.casesAtLeast !== null || k.finesCnyAtLeast !== null) {
    const cases = k.casesAtLeast ?? 'NULL', fines = k.finesCnyAtLeast ?? 'NULL';
    out.push({ type: 2, sql: `
      SELECT c.code_in_year, 14, '环境违法案件数或罚没金额', NULL, count(*) || '起，罚没' || round(coalesce(sum(x.penalty_cny), 0) / 10000, 2) || '万元', NULL,
        ${k.casesAtLeast !== null ? `'≥${n(k.casesAtLeast)}起'` : "''"} || ${k.casesAtLeast !== null && k.finesCnyAtLeast !== null ? "'或'" : "''"} || ${k.finesCnyAtLeast !== null ? `'≥${n(k.finesCnyAtLeast / 10000)}万元'` : "''"},
        list(x.case_no || coalesce('（罚没' || round(x.penalty_cny / 10000, 2) || '万元）', '') ORDER BY x.case_no)
      FROM cases x JOIN zt_wl_codes c ON c.code = x.unit_code
      WHERE year(x.filed_on) = ${year}
      GROUP BY c.code_in_year HAVING count(*) >= coalesce(${cases}, 1e18) OR coalesce(sum(x.penalty_cny), 0) >= coalesce(${fines}, 1e18)` });
  }
  if (k.overdueProblemsAtLeast !== null) out.push({ type: 2, sql: overdue(15, k.overdueProblemsAtLeast) });
  if (k.emissionsIncreaseAbovePct !== null && k.keyPollutants.length) {
    out.push({ type: 2, sql: `
      SELECT c.code_in_year, 16, replace(m.measure_id, 'emissions.change_pct.', '') || '排放量较上年增幅（%）', m.value, NULL, ${n(k.emissionsIncreaseAbovePct)}, '>' || ${n(k.emissionsIncreaseAbovePct)} || '%',
        ['上年' || m.denominator || ' t，本年' || m.numerator || ' t']
      FROM zt_wl_mv m JOIN zt_wl_codes c ON c.code = m.entity_code
      WHERE m.measure_id IN (${k.keyPollutants.map((x) => sqlString(`emissions.change_pct.${x}`)).join(', ')})
        AND m.valid AND m.value > ${n(k.emissionsIncreaseAbovePct)}` });
  }

  const g = t.general;
  if (g.pm25IncreasePctAtLeast !== null) {
    out.push({ type: 3, sql: `
      SELECT unit_code, 21, 'PM2.5年均浓度较上年升幅（%）', value, NULL, ${n(g.pm25IncreasePctAtLeast)}, '≥' || ${n(g.pm25IncreasePctAtLeast)} || '%', NULL
      FROM ${mv('unit.pm25_change_pct')} WHERE value >= ${n(g.pm25IncreasePctAtLeast)}` });
  }
  if (g.goodDayRatioDropAtLeast !== null) {
    out.push({ type: 3, sql: `
      SELECT unit_code, 22, '优良天数比例较上年变化（百分点）', value, NULL, -${n(g.goodDayRatioDropAtLeast)}, '下降≥' || ${n(g.goodDayRatioDropAtLeast)} || '个百分点', NULL
      FROM ${mv('unit.good_day_ratio_change')} WHERE value <= -${n(g.goodDayRatioDropAtLeast)}` });
  }
  if (g.sectionClassDropAtLeast !== null) {
    out.push({ type: 3, sql: `
      SELECT c.code_in_year, 23, '水质类别下降的断面（个）', count(*)::DOUBLE, NULL, 1, '下降≥' || ${n(g.sectionClassDropAtLeast)} || '个类别',
        list(s.section_code || ' ' || s.name || '：' || ['I','II','III','IV','V','劣V'][m.denominator::INTEGER] || '类→' || ['I','II','III','IV','V','劣V'][m.numerator::INTEGER] || '类' ORDER BY s.section_code)
      FROM zt_wl_mv m JOIN water_sections s ON s.section_code = m.entity_code JOIN zt_wl_codes c ON c.code = s.unit_code
      WHERE m.measure_id = 'water.section_class_change' AND m.valid AND m.value >= ${n(g.sectionClassDropAtLeast)}
      GROUP BY c.code_in_year` });
  }
  if (g.eqiChangeAtMost !== null) out.push(eqiDrop(3, 24, g.eqiChangeAtMost));
  return out;
}

export interface WatchListOptions {
  district?: string;
  thresholds?: WatchlistThresholds;
}

/** The units flagged in `year`, each with every condition it met (ordered by district, unit type and code). */
export async function watchList(sql: Sql, year: number, options: WatchListOptions = {}): Promise<WatchFlag[]> {
  const t = options.thresholds ?? defaultWatchlistThresholds();
  const run = await latestRun(sql, year);
  const rules: Record<number, { flag: string; min: number }> = {
    1: { flag: t.priority.flag, min: t.priority.minConditions },
    2: { flag: t.key.flag, min: t.key.minConditions },
    3: { flag: t.general.flag, min: t.general.minConditions },
  };
  const armSql = arms(t, year);
  if (armSql.length === 0) return [];
  const conditions = armSql.map((a) => `
    SELECT w.*, ${a.type} AS arm_type FROM (${a.sql}) w(unit_code, ord, cond, num, txt, thr, thr_txt, recs)`).join('\nUNION ALL\n');
  const rows = await sql.all<{
    unit_code: string; unit_name: string; unit_type: number; district_code: string; district_name: string;
    ord: number; cond: string; num: number | null; txt: string | null; thr: number | null; thr_txt: string | null; recs: string[] | null;
  }>(`
    WITH zt_wl_units AS (SELECT * FROM ${unitsInForceSql(year)}),
    zt_wl_codes AS (SELECT DISTINCT code, code_in_year FROM ${unitCodeInYearSql(year)}),
    zt_wl_mv AS (SELECT * FROM measure_values WHERE run_id = $run AND year = ${year}),
    met AS (${conditions}),
    typed AS (
      SELECT m.*, u.unit_name, u.unit_type, u.district_code, d.name AS district_name
      FROM met m JOIN zt_wl_units u ON u.unit_code = m.unit_code AND u.unit_type = m.arm_type
      LEFT JOIN districts d ON d.district_code = u.district_code
      ${options.district ? 'WHERE u.district_code = $district' : ''}
    ),
    counted AS (SELECT unit_code, count(DISTINCT ord) AS n FROM typed GROUP BY unit_code)
    SELECT t.unit_code, t.unit_name, t.unit_type::INTEGER AS unit_type, t.district_code, coalesce(t.district_name, t.district_code) AS district_name,
           t.ord::INTEGER AS ord, t.cond, t.num::DOUBLE AS num, t.txt, t.thr::DOUBLE AS thr, t.thr_txt, t.recs
    FROM typed t JOIN counted c USING (unit_code)
    WHERE c.n >= CASE t.unit_type ${Object.entries(rules).map(([ty, r]) => `WHEN ${ty} THEN ${r.min}`).join(' ')} END
    ORDER BY t.district_code, t.unit_type, t.unit_code, t.ord, t.cond`,
  { run: run.run_id, reference_date: referenceDateOfRun(run), ...(options.district ? { district: options.district } : {}) });
  const flags = new Map<string, WatchFlag>();
  for (const r of rows) {
    let f = flags.get(r.unit_code);
    if (!f) {
      f = { unitCode: r.unit_code, unitName: r.unit_name, unitType: UNIT_TYPE_NAMES[r.unit_type] ?? String(r.unit_type), unitTypeNo: Number(r.unit_type),
        district: r.district_code, districtName: r.district_name, flag: rules[r.unit_type]!.flag, evidence: [] };
      flags.set(r.unit_code, f);
    }
    f.evidence.push({ condition: r.cond, value: r.txt ?? r.num, threshold: r.thr ?? r.thr_txt, ...(r.recs && r.recs.length ? { records: r.recs } : {}) });
  }
  return [...flags.values()];
}
