// Surface water, per section and year, in SQL: annual mean of each item (values under the detection limit
// count as half the limit [I], the rule printed in reports), item class against GB 3838 (single factor; lake
// limits for TP in lakes/reservoirs), section class = the worst item class; then for districts, units and
// the city: good ratio (I–III), 劣V ratio, target-class attainment, and the main pollutants by 超标倍数 over III.
import type { Sql } from '../../analytics/workspace.js';
import { registerInYearSql } from '../../analytics/units/unit-plans.js';
import { gb3838ValuesSql, GB3838_LIMITS, WATER_CLASSES } from '../standards/gb3838.js';
import type { MeasureRow } from './air-annual.js';
import { roundHalfEven, roundHalfEvenSql } from '../value-format.js';

/** The water measures this module produces (per section, district, unit, city). */
export const WATER_MEASURE_IDS = ['water.good_ratio', 'water.worse_than_v_ratio', 'water.target_attainment', 'water.failing_sections',
  'water.section_class', 'water.grade', 'water.good_ratio_change', 'water.main_pollutants'];

/** How a value under the detection limit is counted: 'half' of the limit, or the 'limit' itself. [I] */
export const BELOW_DETECTION_RULE: { rule: 'half' | 'limit'; text: string } = { rule: 'half', text: '低于检出限的结果按检出限的一半参与计算' };

const CLASS_NAME = `['${WATER_CLASSES.join("','")}'][section_class]`;

/** Builds zt_water_items(section_code, year, item, mean, class) and zt_water_sections(section, year, class, …). */
async function buildSectionClasses(sql: Sql, fromYear: number, toYear: number): Promise<void> {
  const factor = BELOW_DETECTION_RULE.rule === 'half' ? 0.5 : 1;
  const items = Object.keys(GB3838_LIMITS).map((i) => `'${i}'`).join(', ');
  await sql.run(`
    CREATE OR REPLACE TEMP TABLE zt_water_items AS
    WITH samples AS (
      SELECT w.section_code, year(w.sample_date) AS year, w.item,
             CASE WHEN w.below_detection THEN w.value * ${factor} ELSE w.value END AS v, month(w.sample_date) AS m, w.batch_id
      FROM water_samples w
      WHERE year(w.sample_date) BETWEEN ${fromYear} AND ${toYear} AND w.item IN (${items})
    ),
    means AS (
      -- rounded so that a mean exactly at a limit (0.1, 0.2, 0.3 → 0.2) is not pushed over it by float error
      SELECT s.section_code, s.year, s.item, round(avg(s.v), 6) AS mean, count(s.v) AS n, count(DISTINCT s.m) AS months,
             CASE WHEN ws.water_body_type = '湖库' THEN 'lake' ELSE 'river' END AS body
      FROM samples s JOIN water_sections ws USING (section_code)
      WHERE s.v IS NOT NULL GROUP BY ALL
    )
    SELECT m.section_code, m.year, m.item, m.mean, m.months,
      CASE
        WHEN any_value(lim.kind) = 'range' THEN CASE WHEN m.mean BETWEEN 6 AND 9 THEN 1 ELSE 6 END
        WHEN any_value(lim.kind) = 'min' THEN coalesce(min(lim.class) FILTER (WHERE m.mean >= lim.limit_value), 6)
        ELSE coalesce(min(lim.class) FILTER (WHERE m.mean <= lim.limit_value), 6)
      END AS item_class,
      -- 超标倍数 over class III (not for pH or DO)
      CASE WHEN any_value(lim.kind) = 'max' THEN (m.mean - max(lim.limit_value) FILTER (WHERE lim.class = 3)) / max(lim.limit_value) FILTER (WHERE lim.class = 3) END AS over_iii
    FROM means m JOIN ${gb3838ValuesSql()} ON lim.item = m.item AND lim.water_body = m.body
    GROUP BY m.section_code, m.year, m.item, m.mean, m.months;

    CREATE OR REPLACE TEMP TABLE zt_water_sections AS
    SELECT i.section_code, i.year, max(i.item_class) AS section_class, max(i.months) AS months,
           s.district_code, s.unit_code, s.target_class, s.batch_id AS section_batch,
           list(i.item || ' ' || printf('%.2f', i.over_iii) ORDER BY i.over_iii DESC) FILTER (WHERE i.over_iii > 0)[1:3] AS main_pollutants
    FROM zt_water_items i JOIN ${registerInYearSql('water_sections', toYear)} s USING (section_code)
    GROUP BY i.section_code, i.year, s.district_code, s.unit_code, s.target_class, s.batch_id;
  `);
}

export async function readWaterAnnual(sql: Sql, fromYear: number, toYear: number): Promise<MeasureRow[]> {
  await buildSectionClasses(sql, fromYear, toYear);
  const target = `(CASE s.target_class ${WATER_CLASSES.map((c, i) => `WHEN '${c}' THEN ${i + 1}`).join(' ')} END)`;
  const rows = await sql.all<MeasureRow>(`
    WITH lineage AS (
      SELECT w.section_code, year(w.sample_date) AS year, list(DISTINCT w.batch_id) AS batches
      FROM water_samples w WHERE year(w.sample_date) BETWEEN ${fromYear} AND ${toYear} GROUP BY ALL
    ),
    entities AS (
      SELECT s.*, s.district_code AS entity_code, 'district' AS entity_level FROM zt_water_sections s
      UNION ALL SELECT s.*, s.unit_code, 'unit' FROM zt_water_sections s WHERE s.unit_code IS NOT NULL
      UNION ALL SELECT s.*, 'city', 'city' FROM zt_water_sections s
    ),
    per_entity AS (
      SELECT e.entity_code, e.entity_level, e.year, count(*) AS sections,
             count(*) FILTER (WHERE e.section_class <= 3) AS good, count(*) FILTER (WHERE e.section_class = 6) AS bad,
             count(*) FILTER (WHERE e.target_class IS NOT NULL) AS with_target,
             count(*) FILTER (WHERE e.target_class IS NOT NULL AND e.section_class <= ${target.replaceAll('s.', 'e.')}) AS met,
             list(e.section_code ORDER BY e.section_code) FILTER (WHERE e.target_class IS NOT NULL AND e.section_class > ${target.replaceAll('s.', 'e.')}) AS failing,
             avg(least(e.months, 12)) / 12 AS completeness,
             flatten(list(l.batches)) || list(DISTINCT e.section_batch) AS batches
      FROM entities e LEFT JOIN lineage l ON l.section_code = e.section_code AND l.year = e.year
      GROUP BY ALL
    )
    SELECT 'water.good_ratio' AS measure, entity_code, entity_level, year::INTEGER AS year,
           ${roundHalfEvenSql('good / sections * 100', 1)} AS value, good::DOUBLE AS numerator, sections::DOUBLE AS denominator,
           completeness, true AS valid, NULL AS detail, list_distinct(batches) AS batches FROM per_entity
    UNION ALL
    SELECT 'water.worse_than_v_ratio', entity_code, entity_level, year, ${roundHalfEvenSql('bad / sections * 100', 1)}, bad, sections,
           completeness, true, NULL, list_distinct(batches) FROM per_entity
    UNION ALL
    SELECT 'water.target_attainment', entity_code, entity_level, year,
           CASE WHEN with_target > 0 THEN ${roundHalfEvenSql('met / with_target * 100', 1)} END, met, with_target,
           completeness, with_target > 0, CASE WHEN len(failing) > 0 THEN '未达目标的断面：' || array_to_string(failing, '、') END,
           list_distinct(batches) FROM per_entity
    UNION ALL
    SELECT 'water.failing_sections', entity_code, entity_level, year, with_target - met, with_target - met, with_target,
           completeness, with_target > 0, NULL, list_distinct(batches) FROM per_entity
    UNION ALL
    SELECT 'water.section_class', s.section_code, 'section', s.year, s.section_class, NULL, NULL, least(s.months, 12) / 12,
           true, ${CLASS_NAME} || '类' || CASE WHEN s.main_pollutants IS NOT NULL AND len(s.main_pollutants) > 0
             THEN '；主要污染指标（超III类倍数）：' || array_to_string(s.main_pollutants, '，') ELSE '' END,
           list_distinct(coalesce(l.batches, []) || [s.section_batch])
    FROM zt_water_sections s LEFT JOIN lineage l ON l.section_code = s.section_code AND l.year = s.year
    ORDER BY 1, 2, 4`);
  const main = await mainPollutantRows(sql);
  await sql.run('DROP TABLE IF EXISTS zt_water_items; DROP TABLE IF EXISTS zt_water_sections;');
  return [...rows, ...main];
}

/** Main pollutants of a district, unit or the city: items ranked by the share of its sections where the item
 *  is worse than class III (超标断面数/断面总数; not pH or DO), top three. The value is the number of sections with
 *  any such item; the detail names the items and their shares. */
async function mainPollutantRows(sql: Sql): Promise<MeasureRow[]> {
  return sql.all<MeasureRow>(`
    WITH e AS (
      SELECT s.section_code, s.year, s.district_code AS entity_code, 'district' AS entity_level, s.section_batch FROM zt_water_sections s
      UNION ALL SELECT s.section_code, s.year, s.unit_code, 'unit', s.section_batch FROM zt_water_sections s WHERE s.unit_code IS NOT NULL
      UNION ALL SELECT s.section_code, s.year, 'city', 'city', s.section_batch FROM zt_water_sections s
    ),
    per_item AS (
      SELECT e.entity_code, e.entity_level, e.year, i.item, count(DISTINCT e.section_code) FILTER (WHERE i.item_class > 3) AS over
      FROM e JOIN zt_water_items i ON i.section_code = e.section_code AND i.year = e.year
      WHERE i.item NOT IN ('pH', 'DO') GROUP BY ALL
    ),
    sections AS (
      SELECT entity_code, entity_level, year, count(DISTINCT section_code) AS n, list(DISTINCT section_batch) AS batches,
             count(DISTINCT e.section_code) FILTER (WHERE EXISTS (SELECT 1 FROM zt_water_items i WHERE i.section_code = e.section_code
               AND i.year = e.year AND i.item_class > 3 AND i.item NOT IN ('pH', 'DO'))) AS over_any
      FROM e GROUP BY ALL
    )
    SELECT 'water.main_pollutants' AS measure, s.entity_code, s.entity_level, s.year::INTEGER AS year, s.over_any::DOUBLE AS value,
           s.over_any::DOUBLE AS numerator, s.n::DOUBLE AS denominator, 1.0 AS completeness, true AS valid,
           coalesce(nullif(array_to_string((list(p.item || '（超III类断面比例' || printf('%.1f', p.over / s.n * 100) || '%）' ORDER BY p.over DESC, p.item)
             FILTER (WHERE p.over > 0))[1:3], '、'), ''), '无超过III类的指标') AS detail, s.batches
    FROM sections s LEFT JOIN per_item p USING (entity_code, entity_level, year)
    GROUP BY s.entity_code, s.entity_level, s.year, s.over_any, s.n, s.batches`);
}

/** Basin grade by class shares, for entities with at least five sections (评价办法; [M] bands in the spec). */
export function riverGrade(goodPct: number, worsePct: number): string {
  if (goodPct >= 90) return '优';
  if (goodPct >= 75) return '良好';
  if (worsePct < 20) return '轻度污染';
  if (worsePct < 40) return '中度污染';
  return '重度污染';
}

/** Change of the I–III share on the previous year, in words (|Δ| < 5 points 无明显变化 … ≥ 20 显著). [M] */
export function changeClass(delta: number): string {
  const a = Math.abs(delta);
  const word = a < 5 ? '无明显变化' : a < 10 ? '有所' : a < 20 ? '明显' : '显著';
  return a < 5 ? word : `${word}${delta > 0 ? '好转' : '变差'}`;
}

/** River grade and the change on last year, per entity, from the ratio rows. */
export function waterGradeRows(rows: MeasureRow[], year: number): MeasureRow[] {
  const of = (m: string, e: string, y: number) => rows.find((r) => r.measure === m && r.entity_code === e && r.year === y);
  const out: MeasureRow[] = [];
  for (const good of rows.filter((r) => r.measure === 'water.good_ratio' && r.year === year && r.value !== null)) {
    const worse = of('water.worse_than_v_ratio', good.entity_code, year);
    const sections = good.denominator ?? 0;
    out.push({ ...good, measure: 'water.grade', value: null, valid: sections >= 5,
      detail: sections >= 5 ? riverGrade(good.value!, worse?.value ?? 0) : `断面少于5个（${sections}个），不按比例分级` });
    const prev = of('water.good_ratio', good.entity_code, year - 1);
    const delta = prev?.value !== null && prev?.value !== undefined ? roundHalfEven(good.value! - prev.value, 1) : null;
    out.push({ ...good, measure: 'water.good_ratio_change', value: delta, numerator: good.value, denominator: prev?.value ?? null,
      valid: delta !== null, detail: delta === null ? `缺少${year - 1}年断面评价` : changeClass(delta) });
  }
  return out;
}
