// One year of data under both editions side by side (`zonetrack value … --edition both`, service op
// measures/editions), on a hand-made year whose answers can be worked out on paper:
//   PM2.5 30 μg/m³ every day but 27 days at 70 (examples 12 and 14): annual mean (338·30 + 27·70)/365 = 32.96 → 33,
//   95th percentile 70. Other pollutants low.
//   Good days: 2012 all 365 (70 → IAQI 94, 良) → 100.0 %; 2026 338 (70 → 110, 轻度污染) → 92.6 %.
//   Attainment: 2012 attains (33 ≤ 35, 70 ≤ 75); 2026 fails (33 > 30, 70 > 60).
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Workspace } from '../analytics/workspace.js';
import { importFiles } from '../analytics/import/import-files.js';
import { computeIndicators } from '../indicators/engine.js';
import { getMeasure } from '../indicators/results.js';
import { createService } from '../service/zonetrack-service.js';
import { main } from '../cli/main.js';
import type { Io } from '../cli/cli-io.js';
import { writeCsv, type Cell } from './helpers/files.js';
import { tempDir } from './helpers/sample-workspace.js';
import { localNow } from '../service/clock.js';

let wsPath: string;

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '', err = '';
  const io: Io = { out: (t) => void (out += t + '\n'), err: (t) => void (err += t + '\n') };
  return { code: await main(argv, io), out, err };
}

beforeAll(async () => {
  const dir = await tempDir();
  wsPath = join(dir, 'editions.duckdb');
  const ws = await Workspace.create(wsPath);
  const rows: Cell[][] = [['站点编码', '监测时间', 'SO2', 'NO2', 'CO', 'O3', 'PM10', 'PM2.5']];
  for (let t = Date.UTC(2025, 0, 1); t < Date.UTC(2026, 0, 1); t += 3600_000) {
    const start = new Date(t);
    const end = new Date(t + 3600_000);
    const polluted = start.getUTCDate() === 15 || (start.getUTCMonth() === 0 && start.getUTCDate() <= 16); // Jan 1–16 + the 15th of Feb…Dec = 27 days
    rows.push(['E1', `${end.toISOString().slice(0, 10)} ${end.toISOString().slice(11, 16)}`, 10, 20, 0.5, 60, 45, polluted ? 70 : 30]);
  }
  await importFiles(ws, [
    await writeCsv(join(dir, 'st.csv'), [['站点编码', '站点名称', '区县代码', '是否城市点'], ['E1', '版本站', '500103', '是']]),
    await writeCsv(join(dir, 'h.csv'), rows),
  ]);
  await computeIndicators(ws, { at: localNow(), year: 2025 });
  // The stored run (2012 by default) is what `value` shows without --edition; the comparison must not change it.
  expect(await getMeasure(ws, 'air.good_day_ratio', '500103', 2025)).toMatchObject({ value: 100, standardEdition: '2012' });
  const service = createService(ws);
  const r = await service.dispatch('measures/editions', { measure: 'C2', entity: '500103', year: 2025 });
  expect(r.ok).toBe(true);
  expect(await getMeasure(ws, 'air.good_day_ratio', '500103', 2025)).toMatchObject({ value: 100, standardEdition: '2012' });
  await ws.close();
});

describe('both editions side by side', () => {
  it('the good-day ratio (C2): 100.0 % under HJ 633-2012, 92.6 % under HJ 633-2026', async () => {
    const r = await cli('value', wsPath, '--indicator', 'C2', '--entity', '500103', '--year', '2025', '--edition', 'both', '--json');
    expect(r.code).toBe(0);
    const c = JSON.parse(r.out);
    expect(c).toMatchObject({ asked: 'C2', measure: 'air.good_day_ratio', entity: '500103', year: 2025 });
    expect(c.editions).toEqual([
      expect.objectContaining({ edition: '2012', hj633: 'HJ 633-2012', value: 100, numerator: 365, denominator: 365, status: '有效' }),
      expect.objectContaining({ edition: '2026', hj633: 'HJ 633-2026', value: 92.6, numerator: 338, denominator: 365, status: '有效' }),
    ]);
  });

  it('attainment: attains GB 3095-2012, fails GB 3095-2026 (PM2.5 33 > 30, p95 70 > 60)', async () => {
    const r = await cli('value', wsPath, '--indicator', 'air.attainment', '--entity', '500103', '--year', '2025', '--edition', 'both');
    expect(r.code).toBe(0);
    expect(r.out).toContain('GB 3095-2012/HJ 633-2012');
    expect(r.out).toContain('六项污染物均达到二级标准');
    expect(r.out).toContain('超标：PM2.5年均浓度33（限值30），PM2.5日均值第95百分位70（限值60）');
  });

  it('refuses a value that does not depend on the edition, and editions other than both', async () => {
    const a = await cli('value', wsPath, '--indicator', 'C1', '--entity', '500103', '--year', '2025', '--edition', 'both');
    expect(a.code).toBe(2);
    expect(a.err).toContain('与标准版本无关');
    const b = await cli('value', wsPath, '--indicator', 'C2', '--entity', '500103', '--year', '2025', '--edition', '2026');
    expect(b.code).toBe(2);
    expect(b.err).toContain('只接受 both');
  });
});
