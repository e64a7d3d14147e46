import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Workspace } from '../analytics/workspace.js';
import { unitCodeInYearSql, unitsInForceSql } from '../analytics/units/unit-plans.js';
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
});
