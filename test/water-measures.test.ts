// Surface-water measures on hand-made sections (examples 6 and 7 of domain/examples.md), through the engine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Workspace } from '../analytics/workspace.js';
import { computeIndicators } from '../indicators/engine.js';
import { getMeasure } from '../indicators/results.js';
import { tempDir } from './helpers/sample-workspace.js';
import { localNow } from '../service/clock.js';

let ws: Workspace;

/** Sections S01…S10 in 渝北区; S01 carries example 6; the others are set to the class they should get. */
beforeAll(async () => {
  ws = await Workspace.create(join(await tempDir(), 'water.duckdb'));
  const classes = ['III', 'I', 'II', 'II', 'III', 'III', 'II', 'I', 'IV', '劣V'];
  // a value per class for NH3-N that puts the section in that class (others kept at class I)
  const nh3 = { I: 0.1, II: 0.4, III: 0.9, IV: 1.2, V: 1.8, '劣V': 3.0 } as Record<string, number>;
  const sections = classes.map((_, i) => `('S${String(i + 1).padStart(2, '0')}', '断面${i + 1}', '嘉陵江', '河流', '500112', NULL, NULL, 106.6, 29.7, '市考', 'III', 1, ${i + 1})`);
  await ws.run(`INSERT INTO water_sections (section_code, name, river, water_body_type, district_code, unit_code, unit_attribution, lon, lat, level, target_class, batch_id, src_row)
    VALUES ${sections.join(', ')}`);
  const samples: string[] = [];
  let row = 0;
  for (const [i, c] of classes.entries()) {
    const code = `S${String(i + 1).padStart(2, '0')}`;
    for (let m = 1; m <= 12; m++) {
      const date = `DATE '2025-${String(m).padStart(2, '0')}-10'`;
      const values: Record<string, number> = i === 0
        ? { DO: 6.2, CODMn: 4.5, 'NH3-N': 0.45, TP: 0.12, pH: 7.5 }
        : { DO: 8, CODMn: 1.5, 'NH3-N': nh3[c]!, TP: 0.015, pH: 7.5 };
      for (const [item, v] of Object.entries(values)) samples.push(`('${code}', ${date}, '${item}', ${v}, false, 2, ${++row})`);
    }
  }
  // a value under the detection limit (0.01L) counts as half the limit: COD stays class I
  samples.push(`('S02', DATE '2025-03-10', 'COD', 0.01, true, 2, ${++row})`);
  await ws.run(`INSERT INTO water_samples (section_code, sample_date, item, value, below_detection, batch_id, src_row) VALUES ${samples.join(', ')}`);
  await ws.run(`INSERT INTO import_batches (batch_id, dataset, file_name, sha256, rows_read, rows_accepted, rows_rejected, imported_at)
    VALUES (1, 'water_sections', 'sections.csv', 'a', 10, 10, 0, now()::TIMESTAMP), (2, 'water_samples', 'samples.csv', 'b', ${row}, ${row}, 0, now()::TIMESTAMP)`);
  // what the importer records for these rows: the samples cover 2025 for every district
  await ws.run(`INSERT INTO batch_coverage VALUES (2, 'water_samples', 2025, NULL)`);
  await computeIndicators(ws, { at: localNow(), year: 2025 });
});
afterAll(async () => ws.close());

describe('surface water (GB 3838, single factor)', () => {
  it('6: DO 6.2, CODMn 4.5, NH3-N 0.45, TP 0.12 → class III, main pollutants over III: none', async () => {
    const v = await getMeasure(ws, 'water.section_class', 'S01', 2025);
    expect(v).toMatchObject({ value: 3, status: '有效', detail: 'III类' });
  });

  it('7: 8 sections in I–III, 1 IV, 1 劣V → good 80 %, 劣V 10 %, and the sections missing their target named', async () => {
    expect(await getMeasure(ws, 'water.good_ratio', '500112', 2025)).toMatchObject({ value: 80, numerator: 8, denominator: 10 });
    expect((await getMeasure(ws, 'water.worse_than_v_ratio', '500112', 2025)).value).toBe(10);
    const t = await getMeasure(ws, 'water.target_attainment', '500112', 2025);
    expect(t).toMatchObject({ value: 80, numerator: 8, denominator: 10, detail: '未达目标的断面：S09、S10' });
    expect((await getMeasure(ws, 'water.section_class', 'S10', 2025)).detail).toBe('劣V类；主要污染指标（超III类倍数）：NH3-N 2.00');
  });

  it('16: C6 is the rate of sections meeting their target, 8 of 10 = 80 %, scored −1 per failing section → 2.0 of 4; no sections → 不适用 (the samples cover the year, the section list has none here)', async () => {
    const { getValue } = await import('../indicators/results.js');
    expect(await getValue(ws, 'C6', '500112', 2025)).toMatchObject({ value: 80, unit: '%', numerator: 8, denominator: 10, points: 2, status: '未达标' });
    expect((await getValue(ws, 'C6', '500103', 2025)).status).toBe('不适用'); // sections elsewhere, none here
  });

  it('main pollutants of a district: items ranked by the share of sections worse than III (NH3-N in 2 of 10)', async () => {
    expect(await getMeasure(ws, 'water.main_pollutants', '500112', 2025)).toMatchObject({ value: 2, denominator: 10, detail: 'NH3-N（超III类断面比例20.0%）' });
  });

  it('the city counts every section; a district without sections has no value', async () => {
    expect((await getMeasure(ws, 'water.good_ratio', 'city', 2025)).value).toBe(80);
    expect(await getMeasure(ws, 'water.good_ratio', '500103', 2025)).toMatchObject({ value: null, status: '数据缺失' });
  });
});

describe('grades and change', () => {
  it('grades a district with ≥ 5 sections by class shares: 80 % I–III → 良好', async () => {
    expect((await getMeasure(ws, 'water.grade', '500112', 2025)).detail).toBe('良好');
  });
  it('words the change of the I–III share, and the bands', async () => {
    const { changeClass, riverGrade } = await import('../indicators/measures/water-annual.js');
    expect((await getMeasure(ws, 'water.good_ratio_change', '500112', 2025)).detail).toBe('缺少2024年断面评价');
    expect([changeClass(3), changeClass(-6), changeClass(12.5), changeClass(-25)]).toEqual(['无明显变化', '有所变差', '明显好转', '显著变差']);
    expect([riverGrade(95, 0), riverGrade(70, 10), riverGrade(70, 25), riverGrade(50, 45)]).toEqual(['优', '轻度污染', '中度污染', '重度污染']);
  });
});

describe('exact limits', () => {
  it('a mean exactly at a class limit stays in that class (0.1, 0.2, 0.3 → TP 0.2 → III)', async () => {
    const w = await Workspace.create(join(await tempDir(), 'limits.duckdb'));
    try {
      await w.run(`INSERT INTO water_sections (section_code, name, water_body_type, district_code, target_class, batch_id, src_row)
        VALUES ('T1', '界值断面', '河流', '500112', 'III', 1, 1)`);
      await w.run(`INSERT INTO water_samples (section_code, sample_date, item, value, below_detection, batch_id, src_row) VALUES
        ('T1', DATE '2025-01-10', 'TP', 0.1, false, 2, 1), ('T1', DATE '2025-02-10', 'TP', 0.2, false, 2, 2), ('T1', DATE '2025-03-10', 'TP', 0.3, false, 2, 3)`);
      await computeIndicators(w, { at: localNow(), year: 2025 });
      expect(await getMeasure(w, 'water.section_class', 'T1', 2025)).toMatchObject({ value: 3, detail: 'III类' });
      expect((await getMeasure(w, 'water.target_attainment', '500112', 2025)).value).toBe(100);
    } finally {
      await w.close();
    }
  });
});
