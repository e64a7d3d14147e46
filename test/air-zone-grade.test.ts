// GB 3095 grade by the sites' zone: the station list's 功能区类别 (一类/二类) decides whether an entity's annual
// statistics are judged by grade-1 or grade-2 limits. A hand-made year, the same at two sites in two districts:
//   PM2.5 30, PM10 45, SO2 10, NO2 20, CO 0.5, O3 60 every hour of 2025.
//   Grade 2 (2012): PM2.5 30 ≤ 35, PM10 45 ≤ 70, … → attains. Grade 1 (2012): PM2.5 30 > 15, PM10 45 > 40 → fails
//   (PM10's 95th percentile 45 ≤ 50 and the rest stay within grade 1).
//   Z1 (district 500103) lies in a class-1 zone ('一类区' in the file); Z2 (500104) leaves the zone empty → grade 2;
//   the city has both sites, so it is judged by grade 2.
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Workspace } from '../analytics/workspace.js';
import { importFiles } from '../analytics/import/import-files.js';
import { computeIndicators } from '../indicators/engine.js';
import { getMeasure } from '../indicators/results.js';
import { writeCsv, type Cell } from './helpers/files.js';
import { tempDir } from './helpers/sample-workspace.js';
import { localNow } from '../service/clock.js';

let ws: Workspace;

beforeAll(async () => {
  const dir = await tempDir();
  ws = await Workspace.create(join(dir, 'zone.duckdb'));
  const rows: Cell[][] = [['站点编码', '监测时间', 'SO2', 'NO2', 'CO', 'O3', 'PM10', 'PM2.5']];
  for (let t = Date.UTC(2025, 0, 1, 1); t <= Date.UTC(2026, 0, 1); t += 3600_000) {
    const iso = new Date(t).toISOString();
    for (const site of ['Z1', 'Z2']) rows.push([site, `${iso.slice(0, 10)} ${iso.slice(11, 16)}`, 10, 20, 0.5, 60, 45, 30]);
  }
  await importFiles(ws, [
    await writeCsv(join(dir, 'st.csv'), [
      ['站点编码', '站点名称', '区县代码', '是否城市点', '环境空气功能区'],
      ['Z1', '一类区站', '500103', '是', '一类区'],
      ['Z2', '二类区站', '500104', '是', ''],
    ]),
    await writeCsv(join(dir, 'h.csv'), rows),
  ]);
  await computeIndicators(ws, { at: localNow(), year: 2025, edition: '2012' });
}, 120_000);

describe('attainment by the sites’ zone (GB 3095 grade 1 or 2)', () => {
  it('keeps the zone as the station list gives it', async () => {
    expect(await ws.all('SELECT station_code, zone_class FROM air_stations ORDER BY station_code'))
      .toEqual([{ station_code: 'Z1', zone_class: '一类' }, { station_code: 'Z2', zone_class: null }]);
  });
  it('judges a district whose sites are all in class-1 zones by grade-1 limits', async () => {
    const m = await getMeasure(ws, 'air.attainment', '500103', 2025);
    expect(m.value).toBe(0);
    expect(m.detail).toContain('一级标准');
    expect(m.detail).toContain('PM2.5年均浓度30（限值15）');
    expect(m.detail).toContain('PM10年均浓度45（限值40）');
  });
  it('judges a district with no zone given, and the city with sites of both zones, by grade 2', async () => {
    for (const entity of ['500104', 'city']) {
      const m = await getMeasure(ws, 'air.attainment', entity, 2025);
      expect(m.value, entity).toBe(1);
      expect(m.detail, entity).toBe('六项污染物均达到二级标准');
    }
  });
});
