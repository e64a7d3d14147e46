// 监管预警清单 on the real sample (generator → importer → engine): the faults the sample plants for the watch list
// (示例数据_说明.md) appear with the values, thresholds and records behind them; units short of their rule do not;
// the thresholds are data; the service op and the CLI carry it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildSampleWorkspace, type SampleWorkspace } from './helpers/sample-workspace.js';
import { defaultWatchlistThresholds, watchList, type WatchFlag } from '../indicators/watchlist/watchlist.js';
import { parseWatchlistThresholds } from '../indicators/watchlist/schema.js';
import { createService } from '../service/zonetrack-service.js';
import { main } from '../cli/main.js';
import type { Io } from '../cli/cli-io.js';

let s: SampleWorkspace;
let flags: WatchFlag[];
// the sample's first district (in reference order) of the test districts is 万州区 500101
const RED_LINE_UNIT = 'ZH50010110001', PATCH_UNIT = 'ZH50010110002', EQI_UNIT = 'ZH50010130001', SMALL_EQI_DROP_UNIT = 'ZH50010130002';

const flagOf = (code: string, list = flags) => list.find((f) => f.unitCode === code);
const evidence = (code: string, cond: string, list = flags) => flagOf(code, list)?.evidence.filter((e) => e.condition.includes(cond)) ?? [];

beforeAll(async () => {
  s = await buildSampleWorkspace();
  flags = await watchList(s.ws, 2025);
}, 600_000); // generates, imports and computes a sample: minutes on a loaded machine
afterAll(async () => {
  await s.ws.close().catch(() => undefined);
});

describe('watch list on the sample', () => {
  it('the sample documents the planted watch-list faults', async () => {
    const readme = await readFile(join(s.dir, 'sample', '示例数据_说明.md'), 'utf8');
    expect(readme).toContain('监管预警');
  });

  it('a priority unit whose red-line area shrank is flagged with both years’ records', async () => {
    const rows = await s.ws.all<{ year: number; a: number }>(
      `SELECT year, red_line_area_km2 AS a FROM ecology_units WHERE unit_code = '${RED_LINE_UNIT}' AND year IN (2024, 2025) ORDER BY year`);
    const change = rows[1]!.a - rows[0]!.a;
    expect(change).toBeCloseTo(-0.8, 3); // planted: 0.8 km² lost without approval (示例数据_说明.md)
    const f = flagOf(RED_LINE_UNIT)!;
    expect(f).toMatchObject({ unitType: '优先保护', flag: '生态功能明显降低', district: '500101', districtName: '万州区' });
    const [e] = evidence(RED_LINE_UNIT, '红线面积');
    expect(e!.value).toBeCloseTo(change, 2);
    expect(e!.threshold).toBe(-0.01);
    expect(e!.records).toHaveLength(2);
    expect(e!.records!.join()).toMatch(/2024年.*示例数据_生态保护红线监管\.csv 第\d+行/);
    expect(e!.records!.join()).toContain(`2025年 ${rows[1]!.a} km²`);
  });

  it('a priority unit with 5 new human-activity patches is flagged; unchanged red lines are not evidence', async () => {
    const [e] = evidence(PATCH_UNIT, '人类活动');
    expect(e).toMatchObject({ value: 5, threshold: 3 });
    const stable = await s.ws.all<{ unit_code: string }>(`
      SELECT a.unit_code FROM ecology_units a JOIN ecology_units b ON a.unit_code = b.unit_code AND b.year = 2024
      WHERE a.year = 2025 AND a.red_line_area_km2 = b.red_line_area_km2`);
    expect(stable.length).toBeGreaterThan(10);
    for (const u of stable) expect(evidence(u.unit_code, '红线面积')).toHaveLength(0);
  });

  it('the key unit with a 62.5万元 case and an overdue problem is flagged with both records', async () => {
    const c = (await s.ws.one<{ unit_code: string; case_no: string; penalty_cny: number }>(
      "SELECT unit_code, case_no, penalty_cny FROM cases WHERE case_no LIKE '%〔2025〕900号'"))!;
    expect(c.penalty_cny).toBe(625000);
    const p = (await s.ws.one<{ problem_id: string; unit_code: string }>("SELECT problem_id, unit_code FROM problems WHERE problem_id LIKE 'WT%2025900'"))!;
    expect(p.unit_code).toBe(c.unit_code);
    const f = flagOf(c.unit_code)!;
    expect(f).toMatchObject({ unitType: '重点管控', flag: '生态环境问题突出' });
    const [cases] = evidence(c.unit_code, '案件');
    expect(cases!.records!.some((r) => r.startsWith(c.case_no) && r.includes('62.5万元'))).toBe(true);
    expect(cases!.threshold).toBe('≥3起或≥50万元');
    // 未按期整改 (not done by its deadline; a problem done late counts too, its record then says 完成): this one is still open
    const [overdue] = evidence(c.unit_code, '未按期整改');
    expect(overdue!.records!.some((r) => r.startsWith(p.problem_id) && r.includes('未完成'))).toBe(true);
  });

  it('a key unit meeting only one condition is not flagged (the rule needs two)', async () => {
    const c = (await s.ws.one<{ unit_code: string }>("SELECT unit_code FROM cases WHERE case_no LIKE '%〔2025〕900号'"))!;
    const d = defaultWatchlistThresholds();
    const onlyTwo = { ...d, key: { ...d.key, pm25AboveTarget: false, sectionsBelowTargetAtLeast: null, onlineExceedanceRateAbovePct: null, emissionsIncreaseAbovePct: null } };
    expect(flagOf(c.unit_code, await watchList(s.ws, 2025, { thresholds: onlyTwo }))?.evidence).toHaveLength(2);
    const onlyCases = { ...onlyTwo, key: { ...onlyTwo.key, overdueProblemsAtLeast: null } };
    const list = await watchList(s.ws, 2025, { thresholds: onlyCases });
    expect(flagOf(c.unit_code, list)).toBeUndefined();
    expect(list.filter((f) => f.unitType === '重点管控')).toHaveLength(0);
    // and every key unit on the default list meets at least two distinct conditions
    for (const f of flags.filter((x) => x.unitType === '重点管控')) {
      expect(new Set(f.evidence.map((e) => e.condition.replace(/^.*排放量较上年增幅.*$/, '排放'))).size).toBeGreaterThanOrEqual(2);
    }
  });

  it('a general unit whose EQI fell by 2.6 is flagged; one that fell by 0.8 is not', async () => {
    const eqi = await s.ws.all<{ entity_code: string; d: number }>(`
      SELECT entity_code, max(eqi) FILTER (WHERE year = 2025) - max(eqi) FILTER (WHERE year = 2024) AS d
      FROM eqi WHERE entity_code IN ('${EQI_UNIT}', '${SMALL_EQI_DROP_UNIT}') GROUP BY entity_code ORDER BY entity_code`);
    expect(eqi.map((r) => Math.round(r.d * 100) / 100)).toEqual([-2.6, -0.8]);
    expect(flagOf(EQI_UNIT)).toMatchObject({ unitType: '一般管控', flag: '环境质量明显下降' });
    expect(evidence(EQI_UNIT, 'ΔEQI')[0]).toMatchObject({ value: -2.6, threshold: -2 });
    expect(flagOf(SMALL_EQI_DROP_UNIT)).toBeUndefined();
  });

  it('thresholds are data: raising one drops the condition it governs', async () => {
    const d = defaultWatchlistThresholds();
    const list = await watchList(s.ws, 2025, { thresholds: { ...d, priority: { ...d.priority, newPatchesAtLeast: 6 } } });
    expect(evidence(PATCH_UNIT, '人类活动', list)).toHaveLength(0);
    expect(evidence(RED_LINE_UNIT, '红线面积', list)).toHaveLength(1);
  });

  it('a thresholds file with a bad field is refused naming the field', () => {
    const d = defaultWatchlistThresholds();
    expect(() => parseWatchlistThresholds({ ...d, key: { ...d.key, minConditions: 0 } }, 'city.json')).toThrow(/city\.json.*key\.minConditions/);
    expect(() => parseWatchlistThresholds({ ...d, general: { ...d.general, pm25Up: 5 } }, 'x.json')).toThrow(/general/);
  });

  it('the service op filters by district', async () => {
    const r = await createService(s.ws).dispatch('watchlist/get', { year: 2025, district: '500101' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.result.flags.length).toBeGreaterThan(0);
    expect(r.result.flags.every((f) => f.district === '500101')).toBe(true);
    expect(r.result.flags.length).toBeLessThan(flags.length);
    const bad = await createService(s.ws).dispatch('watchlist/get', { year: 2025, district: '渝中' });
    expect(bad.ok).toBe(false);
  });

  it('zonetrack watchlist prints the list as JSON, in words, and refuses a bad district', async () => {
    await s.ws.close();
    let out = '', err = '';
    const io: Io = { out: (t) => void (out += t + '\n'), err: (t) => void (err += t + '\n') };
    expect(await main(['watchlist', s.ws.path, '--year', '2025', '--json'], io)).toBe(0);
    const doc = JSON.parse(out) as { year: number; flags: WatchFlag[] };
    expect(doc.flags.map((f) => f.unitCode)).toEqual(flags.map((f) => f.unitCode));
    out = '';
    expect(await main(['watchlist', s.ws.path, '--year', '2025'], io)).toBe(0);
    expect(out).toContain(`${RED_LINE_UNIT} 万州区优先保护单元01（优先保护）—— 生态功能明显降低`);
    expect(await main(['watchlist', s.ws.path, '--year', '2025', '--district', 'x'], io)).toBe(2);
    expect(err).toContain('--district');
  });
});
