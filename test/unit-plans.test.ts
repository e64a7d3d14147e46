import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Workspace } from '../analytics/workspace.js';
import { registerInYearSql, unitCodeInYearSql, unitsInForceSql } from '../analytics/units/unit-plans.js';
import { tempDir } from './helpers/sample-workspace.js';

let ws: Workspace;
beforeAll(async () => {
  ws = await Workspace.create(join(await tempDir(), 'plans.duckdb'));
  // 2020 plan: two key units; the 2023 adjustment merges them into one and adds a priority unit.
  await ws.run(`INSERT INTO units (unit_code, plan_version, unit_name, unit_type, district_code, batch_id, src_row) VALUES
    ('ZH50010320001', '2020', '甲', 2, '500103', 1, 1), ('ZH50010320002', '2020', '乙', 2, '500103', 1, 2),
    ('ZH50010320101', '2023', '甲乙合并', 2, '500103', 2, 1), ('ZH50010310001', '2023', '新优先', 1, '500103', 2, 2)`);
  await ws.run(`INSERT INTO unit_crosswalk (old_code, new_code, old_plan_version, new_plan_version, relation, batch_id, src_row) VALUES
    ('ZH50010320001', 'ZH50010320101', '2020', '2023', '合并', 3, 1), ('ZH50010320002', 'ZH50010320101', '2020', '2023', '合并', 3, 2)`);
});
afterAll(async () => ws.close());

describe('units in force', () => {
  it('evaluates a year against the newest plan not later than it', async () => {
    const codes = async (y: number) => (await ws.all<{ unit_code: string }>(`SELECT unit_code FROM ${unitsInForceSql(y)} ORDER BY 1`)).map((r) => r.unit_code);
    expect(await codes(2022)).toEqual(['ZH50010320001', 'ZH50010320002']);
    expect(await codes(2024)).toEqual(['ZH50010310001', 'ZH50010320101']);
  });
  it('maps old codes to the code in force through the crosswalk', async () => {
    const rows = await ws.all(`SELECT * FROM ${unitCodeInYearSql(2024)} ORDER BY code`);
    expect(rows).toEqual([
      { code: 'ZH50010310001', code_in_year: 'ZH50010310001' },
      { code: 'ZH50010320001', code_in_year: 'ZH50010320101' },
      { code: 'ZH50010320002', code_in_year: 'ZH50010320101' },
      { code: 'ZH50010320101', code_in_year: 'ZH50010320101' },
    ]);
  });
  it('a register reads each unit code as the code in force in the year; a split unit’s old code stays as written', async () => {
    // a 2020 general unit split in two by 2023: no single successor for a register row naming it
    await ws.run(`INSERT INTO units (unit_code, plan_version, unit_name, unit_type, district_code, batch_id, src_row) VALUES
      ('ZH50010330001', '2020', '丙', 3, '500103', 1, 3), ('ZH50010330101', '2023', '丙东', 3, '500103', 2, 3), ('ZH50010330102', '2023', '丙西', 3, '500103', 2, 4)`);
    await ws.run(`INSERT INTO unit_crosswalk (old_code, new_code, old_plan_version, new_plan_version, relation, batch_id, src_row) VALUES
      ('ZH50010330001', 'ZH50010330101', '2020', '2023', '拆分', 3, 3), ('ZH50010330001', 'ZH50010330102', '2020', '2023', '拆分', 3, 4)`);
    await ws.run(`INSERT INTO air_stations (station_code, name, district_code, unit_code, is_city_site, batch_id, src_row) VALUES
      ('1001A', '甲站', '500103', 'ZH50010320001', true, 4, 1), ('1002A', '新站', '500103', 'ZH50010320101', true, 4, 2),
      ('1003A', '丙站', '500103', 'ZH50010330001', true, 4, 3), ('1004A', '无单元', '500103', NULL, true, 4, 4)`);
    const codes = async (y: number) => (await ws.all<{ station_code: string; unit_code: string | null }>(
      `SELECT station_code, unit_code FROM ${registerInYearSql('air_stations', y)} ORDER BY 1`)).map((r) => `${r.station_code} ${r.unit_code}`);
    expect(await codes(2022)).toEqual(['1001A ZH50010320001', '1002A ZH50010320101', '1003A ZH50010330001', '1004A null']);
    expect(await codes(2024)).toEqual(['1001A ZH50010320101', '1002A ZH50010320101', '1003A ZH50010330001', '1004A null']);
  });
});
