// When a measure has nothing to measure for an entity (a ratio whose denominator is empty inside its datasets'
// coverage), the domain says why — 不适用 with that reason — unless a register says there should have been
// something (key polluters in the permit register, sections in the section list): then the data are missing
// (shared/domain/indicators.md, "Coverage decides between the three"). Never 不适用 because data are missing.
import type { Sql } from '../../analytics/workspace.js';
import { ACTIVE_BATCH } from '../../analytics/import/active-batch.js';

export interface Applicability {
  /** The domain reason when there is nothing to measure (printed after 不适用). */
  nothing: string;
  /** No record of the entity-year means nothing to measure (record lists); false for yearly statistics, where a
   *  missing row is missing data and only a zero denominator means nothing to measure. */
  absentIsEmpty: boolean;
  /** A register whose entries for the entity make the measure expected: SQL with district_code, n. */
  register?: { sql: string; what: string };
}

const active = (table: string) => `${table} WHERE batch_id IN (SELECT batch_id FROM import_batches WHERE ${ACTIVE_BATCH})`;
const KEY_POLLUTERS = { sql: `SELECT district_code, count(*) AS n FROM ${active('permit_holders')} AND is_key_polluter GROUP BY ALL`, what: '排污许可名录中的重点排污单位' };
const HOLDERS = { sql: `SELECT district_code, count(*) AS n FROM ${active('permit_holders')} GROUP BY ALL`, what: '排污许可名录中的排污单位' };
const KEY_UNIT_HOLDERS = { sql: `SELECT district_code, count(*) AS n FROM ${active('permit_holders')} AND substr(unit_code, 9, 1) = '2' GROUP BY ALL`, what: '重点管控单元中的排污许可单位' };
const SECTIONS = { sql: `SELECT district_code, count(*) AS n FROM ${active('water_sections')} GROUP BY ALL`, what: '断面清单中的地表水断面' };

const DRINKING_SOURCES = { sql: `SELECT district_code, count(*) AS n FROM ${active('drinking_sources')} GROUP BY ALL`, what: '水源地清单中的集中式饮用水水源地' };

/** By measure id; a measure not listed falls back to "no record in the year" for record lists. */
const APPLICABILITY: Record<string, Applicability> = {
  'zoning.plan_updates_unfiled': { nothing: '本年无分区管控方案动态更新', absentIsEmpty: true },
  'zoning.eia_zoning_analysis_rate': { nothing: '本年无环评审批', absentIsEmpty: true },
  'zoning.park_access_list_rate': { nothing: '本区县未报送产业园区', absentIsEmpty: true },
  'water.good_ratio': { nothing: '本区县无地表水考核断面', absentIsEmpty: true, register: SECTIONS },
  'water.failing_sections': { nothing: '本区县无地表水考核断面', absentIsEmpty: true, register: SECTIONS },
  'water.worse_than_v_ratio': { nothing: '本区县无地表水考核断面', absentIsEmpty: true, register: SECTIONS },
  'drinking.noncompliant_sources': { nothing: '本区县无集中式饮用水水源地', absentIsEmpty: true, register: DRINKING_SOURCES },
  'drinking.compliance_rate': { nothing: '本区县无集中式饮用水水源地', absentIsEmpty: true, register: DRINKING_SOURCES },
  'water.target_attainment': { nothing: '本区县无地表水考核断面', absentIsEmpty: true, register: SECTIONS },
  'zoning.plan_update_filing_rate': { nothing: '本年无分区管控方案动态更新', absentIsEmpty: true },
  'soil.farmland_safe_use_rate': { nothing: '本区县无受污染耕地', absentIsEmpty: false },
  'soil.key_construction_safe_use_rate': { nothing: '本区县无重点建设用地地块', absentIsEmpty: false },
  'eco.red_line_retention_rate': { nothing: '本区县无生态保护红线', absentIsEmpty: false },
  'eco.priority_problem_rectification_rate': { nothing: '本年优先保护单元未发现问题点位', absentIsEmpty: false },
  'emissions.key_unit_pollutants_not_increased': { nothing: '重点管控单元中无排污许可单位', absentIsEmpty: true, register: KEY_UNIT_HOLDERS },
  'emissions.within_permit_rate': { nothing: '本区县无排污许可单位', absentIsEmpty: true, register: HOLDERS },
  'enforcement.key_polluter_inspection_coverage': { nothing: '重点管控单元中无重点排污单位', absentIsEmpty: true,
    register: { sql: `SELECT district_code, count(*) AS n FROM ${active('permit_holders')} AND is_key_polluter AND substr(unit_code, 9, 1) = '2' GROUP BY ALL`, what: '重点管控单元中的重点排污单位' } },
  'enforcement.problems_on_time_rate': { nothing: '本年无到期的整改问题', absentIsEmpty: true },
  'emissions.report_on_time_rate': { nothing: '本年无应提交的执行报告', absentIsEmpty: true, register: HOLDERS },
  'online.exceedance_rate': { nothing: '本区县无重点排污单位', absentIsEmpty: true, register: KEY_POLLUTERS },
};

export function applicabilityOf(measure: string): Applicability {
  return APPLICABILITY[measure] ?? { nothing: '本年无可评价的记录', absentIsEmpty: true };
}

/** Register counts by district (and 'city' = all), read once per register. */
export function registerCounter(sql: Sql): (reg: { sql: string }, entity: string) => Promise<number> {
  const cache = new Map<string, Map<string, number>>();
  return async (reg, entity) => {
    let byDistrict = cache.get(reg.sql);
    if (!byDistrict) {
      const rows = await sql.all<{ district_code: string; n: number | bigint }>(reg.sql);
      byDistrict = new Map(rows.map((r) => [r.district_code, Number(r.n)]));
      byDistrict.set('city', [...byDistrict.values()].reduce((a, b) => a + b, 0));
      cache.set(reg.sql, byDistrict);
    }
    return byDistrict.get(entity) ?? 0;
  };
}
