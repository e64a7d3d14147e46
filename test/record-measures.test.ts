// Soil, ecology, emissions, online monitoring and enforcement measures on hand-made records (example 8 and
// the definitions of domain/indicators.md), for districts, units and the city.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Workspace } from '../analytics/workspace.js';
import { computeIndicators } from '../indicators/engine.js';
import { getMeasure } from '../indicators/results.js';
import { tempDir } from './helpers/sample-workspace.js';
import { backfillCoverageSql } from '../analytics/import/batch-coverage.js';
import { localNow } from '../service/clock.js';

let ws: Workspace;
const KEY_UNIT = 'ZH50011220001', PRIORITY_UNIT = 'ZH50011210001';
const P1 = '91500112MA5U000001001P', P2 = '91500112MA5U000002001P';

beforeAll(async () => {
  ws = await Workspace.create(join(await tempDir(), 'records.duckdb'));
  await ws.run(`
    INSERT INTO import_batches (batch_id, dataset, file_name, sha256, rows_read, rows_accepted, rows_rejected, imported_at)
      VALUES (1, 'soil_stats', 'x.csv', 'x', 1, 1, 0, now()::TIMESTAMP);
    INSERT INTO units (unit_code, plan_version, unit_name, unit_type, district_code, batch_id, src_row) VALUES
      ('${KEY_UNIT}', '2023', '重点单元', 2, '500112', 1, 1), ('${PRIORITY_UNIT}', '2023', '优先单元', 1, '500112', 1, 2);
    -- example 8: E = 1000 ha, B + C + D = 300 + 550 + 120 = 970 ha → 97.0 %
    INSERT INTO soil_stats (district_code, year, contaminated_farmland_total_ha, safe_use_ha, key_construction_plots, key_construction_plots_compliant, batch_id, src_row)
      VALUES ('500112', 2025, 1000, 970, 8, 8, 1, 1);
    INSERT INTO drinking_sources (source_code, name, district_code, unit_code, batch_id, src_row) VALUES
      ('Y1', '甲水源', '500112', NULL, 1, 1), ('Y2', '乙水源', '500112', NULL, 1, 2);
    INSERT INTO drinking_samples (source_code, year, month, compliant, batch_id, src_row) VALUES
      ('Y1', 2025, 1, true, 1, 1), ('Y1', 2025, 7, false, 1, 2), ('Y2', 2025, 1, true, 1, 3), ('Y2', 2025, 7, true, 1, 4);
    INSERT INTO eqi (entity_code, year, eqi, eqi_class, batch_id, src_row) VALUES ('500112', 2024, 68.0, '二类', 1, 1), ('500112', 2025, 66.96, '二类', 1, 2),
      ('500101', 2025, 70.1, '一类', 1, 3), ('city', 2025, 66.5, '二类', 1, 4);
    INSERT INTO permit_holders (permit_no, name, is_key_polluter, district_code, unit_code, batch_id, src_row) VALUES
      ('${P1}', '甲公司', true, '500112', '${KEY_UNIT}', 1, 1), ('${P2}', '乙公司', true, '500112', '${KEY_UNIT}', 1, 2);
    INSERT INTO emissions_annual (permit_no, year, pollutant, actual_t, permitted_t, report_submitted_on, report_due_on, batch_id, src_row) VALUES
      ('${P1}', 2024, 'COD', 10, 20, DATE '2024-01-10', DATE '2024-01-15', 1, 1), ('${P1}', 2025, 'COD', 12, 20, DATE '2025-01-20', DATE '2025-01-15', 1, 2),
      ('${P2}', 2024, 'COD', 5, 4, NULL, NULL, 1, 3), ('${P2}', 2025, 'COD', 6, 4, NULL, NULL, 1, 4);
    INSERT INTO online_hourly (permit_no, outlet_code, time, pollutant, value, limit_value, flag, batch_id, src_row) VALUES
      ('${P1}', 'DW001', TIMESTAMP '2025-03-01 01:00:00', 'COD', 30, 50, 'N', 1, 1),
      ('${P1}', 'DW001', TIMESTAMP '2025-03-01 02:00:00', 'COD', 60, 50, 'N', 1, 2),
      ('${P1}', 'DW001', TIMESTAMP '2025-03-01 03:00:00', 'COD', 90, 50, 'M', 1, 3),
      ('${P1}', 'DW001', TIMESTAMP '2025-03-01 04:00:00', 'COD', 40, 50, 'N', 1, 4);
    INSERT INTO inspections (inspection_id, date, permit_no, district_code, unit_code, batch_id, src_row) VALUES
      ('J1', DATE '2025-05-01', '${P1}', '500112', '${KEY_UNIT}', 1, 1);
    INSERT INTO cases (case_no, filed_on, permit_no, district_code, unit_code, five_category, penalty_cny, batch_id, src_row) VALUES
      ('A1', DATE '2025-06-01', '${P1}', '500112', '${KEY_UNIT}', NULL, 150000, 1, 1),
      ('A2', DATE '2025-07-01', NULL, '500112', '${PRIORITY_UNIT}', '查封扣押', 500000, 1, 2);
    INSERT INTO eia_approvals (approval_no, project_name, approved_on, district_code, zoning_analysis, conforms, batch_id, src_row) VALUES
      ('渝环准〔2025〕1号', '其他区项目', DATE '2025-04-01', '500101', true, '符合', 1, 1);
    INSERT INTO problems (problem_id, district_code, unit_code, found_on, due_on, rectified_on, batch_id, src_row) VALUES
      ('W1', '500112', '${PRIORITY_UNIT}', DATE '2025-01-05', DATE '2025-06-30', DATE '2025-06-01', 1, 1),
      ('W2', '500112', '${PRIORITY_UNIT}', DATE '2025-02-05', DATE '2025-09-30', NULL, 1, 2),
      ('W3', '500112', '${PRIORITY_UNIT}', DATE '2025-02-05', current_date + INTERVAL 30 DAY, NULL, 1, 3);
  `);
  await ws.run(backfillCoverageSql()); // what an import records: the years of the rows' dates, every district
  await computeIndicators(ws, { at: localNow(), year: 2025 });
});
afterAll(async () => ws.close());

const value = async (m: string, e = '500112') => (await getMeasure(ws, m, e, 2025)).value;

describe('records-based measures', () => {
  it('8: farmland safe use (B+C+D)/E = 97.0 %; key construction land 100 %', async () => {
    expect(await value('soil.farmland_safe_use_rate')).toBe(97);
    expect(await value('soil.key_construction_safe_use_rate')).toBe(100);
  });
  it('drinking-water sources compliant all year (by count): one of two → 50 %', async () => {
    expect(await getMeasure(ws, 'drinking.compliance_rate', '500112', 2025)).toMatchObject({ value: 50, numerator: 1, denominator: 2 });
  });
  it('EQI and ΔEQI; the city’s EQI is its own figure, not the districts’ sum', async () => {
    expect(await value('eco.eqi')).toBe(66.96);
    expect(await value('eco.eqi', 'city')).toBe(66.5);
    expect(await value('eco.eqi_change')).toBe(-1.04);
  });
  it('emissions: Σ actual per pollutant and its change, holders within permit, reports on time', async () => {
    expect(await value('emissions.actual_t.COD')).toBe(18);
    expect(await value('emissions.change_pct.COD')).toBe(20);
    expect(await getMeasure(ws, 'emissions.within_permit_rate', '500112', 2025)).toMatchObject({ value: 50, numerator: 1, denominator: 2 });
    expect(await value('emissions.actual_t.COD', KEY_UNIT)).toBe(18);
    expect(await getMeasure(ws, 'emissions.report_on_time_rate', '500112', 2025)).toMatchObject({ value: 0, numerator: 0, denominator: 1 });
  });
  it('online exceedance over valid (flag N) hours only', async () => {
    expect(await getMeasure(ws, 'online.exceedance_rate', '500112', 2025)).toMatchObject({ numerator: 1, denominator: 3, value: 33.33 });
  });
  it('enforcement: coverage of key polluters in key units, cases, five-category cases, fines, problems', async () => {
    expect(await value('enforcement.key_polluter_inspection_coverage')).toBe(50);
    expect(await value('enforcement.cases')).toBe(2);
    expect(await value('enforcement.five_category_cases')).toBe(1);
    expect(await value('enforcement.fines_cny')).toBe(650000);
    expect(await value('enforcement.priority_unit_cases')).toBe(1);
    expect(await value('enforcement.problems_on_time_rate')).toBe(50); // W3 is not due yet: neither late nor counted
    expect(await value('enforcement.problems_overdue')).toBe(1);
    expect(await value('enforcement.cases', 'city')).toBe(2);
  });
});

describe('counts behind the rates (unit tracking, reports)', () => {
  it('emissions: Σ permitted per pollutant, holders reporting and over permit, execution reports late', async () => {
    expect(await value('emissions.permitted_t.COD')).toBe(24);
    expect(await value('emissions.holders_reporting')).toBe(2);
    expect(await getMeasure(ws, 'emissions.holders_over_permit', '500112', 2025)).toMatchObject({ value: 1, numerator: 1, denominator: 2 });
    expect(await getMeasure(ws, 'emissions.reports_late', '500112', 2025)).toMatchObject({ value: 1, denominator: 1 });
    expect(await value('emissions.permitted_t.COD', KEY_UNIT)).toBe(24);
  });
  it('enforcement: inspections, coverage of all key polluters, problems found / due / rectified on time / open', async () => {
    expect(await value('enforcement.inspections')).toBe(1);
    expect(await value('enforcement.key_polluter_inspection_coverage_all_units')).toBe(50);
    expect(await value('enforcement.problems_found')).toBe(3);
    expect(await value('enforcement.problems_due')).toBe(2); // W3 is not due yet
    expect(await value('enforcement.problems_rectified_on_time')).toBe(1);
    expect(await value('enforcement.problems_open')).toBe(2);
    expect(await value('enforcement.problems_open', PRIORITY_UNIT)).toBe(2);
  });
  it('emissions and enforcement by unit type, for a district and the city', async () => {
    expect(await value('enforcement.cases.重点管控')).toBe(1);
    expect(await value('enforcement.fines_cny.优先保护')).toBe(500000);
    expect(await value('enforcement.fines_cny.重点管控', 'city')).toBe(150000);
    expect(await value('enforcement.problems_overdue.优先保护')).toBe(1);
    expect(await value('emissions.actual_t.COD.重点管控')).toBe(18);
    expect(await value('emissions.change_pct.COD.重点管控')).toBe(20);
    expect(await getMeasure(ws, 'enforcement.cases.一般管控', '500112', 2025)).toMatchObject({ value: 0, status: '有效', detail: '无记录' });
  });
  it('EIA approvals and those with a zoning analysis; drinking sources not compliant all year, named', async () => {
    expect(await value('zoning.eia_approvals', '500101')).toBe(1);
    expect(await value('zoning.eia_with_zoning_analysis', '500101')).toBe(1);
    expect(await getMeasure(ws, 'drinking.noncompliant_sources', '500112', 2025)).toMatchObject({ value: 1, denominator: 2, detail: 'Y1 甲水源' });
  });
  it('EQI class and ΔEQI band come from the configured bands (66.96 → 二类; −1.04 → 轻微变差)', async () => {
    expect((await getMeasure(ws, 'eco.eqi_class', '500112', 2025)).detail).toBe('二类');
    expect((await getMeasure(ws, 'eco.eqi_class', '500101', 2025)).detail).toBe('一类');
    expect(await getMeasure(ws, 'eco.eqi_change_class', '500112', 2025)).toMatchObject({ value: -1.04, detail: '轻微变差' });
    const { eqiChangeClass, eqiClass } = await import('../indicators/measures/eco-bands.js');
    expect([eqiChangeClass(0.5), eqiChangeClass(-2.5), eqiChangeClass(4.2)]).toEqual(['基本稳定', '一般变差', '明显变好']);
    expect([eqiClass(70), eqiClass(54.99), eqiClass(29)]).toEqual(['一类', '三类', '五类']);
  });
});

describe('scoring what the records say', () => {
  it('an item with records elsewhere but none here is 不适用 and leaves the total; no records anywhere is 数据缺失', async () => {
    const { getValue, scoreSheets } = await import('../indicators/results.js');
    expect(await getValue(ws, 'B1', '500112', 2025)).toMatchObject({ status: '不适用', points: 0 });
    expect(await getValue(ws, 'B1', '500101', 2025)).toMatchObject({ status: '达标', value: 100 });
    expect(await getValue(ws, 'C5', '500112', 2025)).toMatchObject({ status: '数据缺失' }); // no water data at all
    const [sheet] = await scoreSheets(ws, 2025, '500112');
    const applicable = sheet!.items.filter((i) => i.status !== '不适用').reduce((s, i) => s + (i.maxPoints ?? 0), 0);
    expect(sheet!.applicableMax).toBe(applicable);
  });

  it('scores ΔEQI by bands and a threshold item all or nothing', async () => {
    const { getValue } = await import('../indicators/results.js');
    expect(await getValue(ws, 'C12', '500112', 2025)).toMatchObject({ value: -1.04, points: 1.5 });
    expect(await getValue(ws, 'C10', '500112', 2025)).toMatchObject({ value: 100, points: 2, status: '达标' });
    expect(await getValue(ws, 'C9', '500112', 2025)).toMatchObject({ value: 97, target: 93, points: 2 });
  });

  it('counts nothing recorded as zero where the datasets hold data, and as 数据缺失 where they hold none', async () => {
    const { getValue } = await import('../indicators/results.js');
    expect(await getValue(ws, 'D5', '500112', 2025)).toMatchObject({ value: 1, points: 2 });
    expect(await getValue(ws, 'D5', '500101', 2025)).toMatchObject({ value: 0, points: 3, status: '达标' });
    expect(await getValue(ws, 'B2', '500112', 2025)).toMatchObject({ value: 0, points: 6 });
  });
});
