// The data-quality summary finds the faults a hand-made year carries: a short month, flagged and missing hours,
// an implausible spike, a station without data, districts without city sites.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Workspace } from '../analytics/workspace.js';
import { importFiles } from '../analytics/import/import-files.js';
import { OUTLIER_Z, qualitySummary, storedQualitySummary, type QualitySummary } from '../analytics/quality/quality-summary.js';
import { computeIndicators } from '../indicators/engine.js';
import { createService } from '../service/zonetrack-service.js';
import { inProcessClient } from '../service/in-process-client.js';
import { writeCsv, type Cell } from './helpers/files.js';
import { tempDir } from './helpers/sample-workspace.js';
import { localNow } from '../service/clock.js';

let ws: Workspace;
let q: QualitySummary;

beforeAll(async () => {
  const dir = await tempDir();
  ws = await Workspace.create(join(dir, 'q.duckdb'));
  const stations = await writeCsv(join(dir, 'st.csv'), [
    ['站点编码', '站点名称', '区县代码', '是否城市点'], ['A1', '甲站', '500103', '是'], ['Z9', '停用站', '500103', '是'],
  ]);
  const rows: Cell[][] = [['站点编码', '监测时间', '污染物', '浓度', '数据标记']];
  for (let h = 1; h <= 8760; h++) {
    const end = new Date(Date.UTC(2025, 0, 1, h));
    const start = new Date(end.getTime() - 3600_000);
    const t = `${end.toISOString().slice(0, 10)} ${end.toISOString().slice(11, 16)}`;
    // March 1–6 missing entirely (25 valid days < 27); one flagged hour; one spike of 900 in July
    const marchGap = start.getUTCMonth() === 2 && start.getUTCDate() <= 6;
    for (const p of ['SO2', 'NO2', 'CO', 'O3', 'PM10', 'PM2.5']) {
      const base = p === 'CO' ? 0.8 : 30 + ((h * 7) % 11);
      const spike = p === 'PM2.5' && t === '2025-07-15 10:00' ? 900 : base;
      rows.push(['A1', t, p, marchGap ? null : spike, h === 100 && p === 'SO2' ? 'H' : null]);
    }
  }
  await importFiles(ws, [stations, await writeCsv(join(dir, 'h.csv'), rows)]);
  q = await qualitySummary(ws, 2025);
});

afterAll(async () => ws.close());

const check = (name: string) => q.checks.find((c) => c.check.startsWith(name))!;

describe('quality summary', () => {
  it('finds the short station-month, naming station, month and days', () => {
    expect(q.incompleteStationMonths).toEqual([
      expect.objectContaining({ station_code: 'A1', month: 3, valid_days: 25, required_days: 27 }),
    ]);
    expect(check('站点月有效日数不足')).toMatchObject({ count: 1, total: 12, severity: '警告' });
  });

  it('counts missing and flagged hours', () => {
    expect(check('缺测小时值').count).toBe(6 * 24 * 6);
    expect(check('标记为无效').count).toBe(1);
    expect(check('标记为无效').detail).toContain('H');
  });

  it('lists the spike as an outlier with its time and value', () => {
    const o = check('疑似异常值');
    expect(o.count).toBeGreaterThanOrEqual(1);
    expect(o.examples[0]).toContain('A1 2025-07-15 10:00 PM2.5=900');
  });

  it('counts exactly the hours a plain median/MAD computation over the stored rows flags', async () => {
    // independent of the SQL: group the year's valid hours in JS and apply the same robust z-score rule
    const rows = await ws.all<{ k: string; value: number }>(`SELECT station_code || '|' || pollutant || '|' || month(time - INTERVAL 1 HOUR) AS k, value
      FROM air_hourly WHERE value IS NOT NULL AND (flag IS NULL OR flag IN ('N', 'A', '有效')) AND year(time - INTERVAL 1 HOUR) = 2025`);
    const median = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b), m = s.length >> 1;
      return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
    };
    const groups = new Map<string, number[]>();
    for (const r of rows) groups.set(r.k, [...(groups.get(r.k) ?? []), r.value]);
    let expected = 0;
    for (const vs of groups.values()) {
      const med = median(vs), mad = median(vs.map((v) => Math.abs(v - med)));
      if (mad > 0) expected += vs.filter((v) => Math.abs(0.6745 * (v - med) / mad) > OUTLIER_Z).length;
    }
    expect(expected).toBeGreaterThanOrEqual(1);
    expect(check('疑似异常值').count).toBe(expected);
  });

  it('the 数据质量 page reads the summary stored by the computation until data changes; another district\'s summary has none of these stations', async () => {
    const { runId } = await computeIndicators(ws, { at: localNow(), year: 2025 });
    const other = (await storedQualitySummary(ws, runId, '500112'))!;
    expect(other.checks.find((c) => c.check.startsWith('缺测小时值'))).toMatchObject({ count: 0, total: 0 });
    expect(JSON.stringify(other)).not.toContain('甲站');
    expect(JSON.stringify(other)).not.toContain('Z9');
    const api = inProcessClient(createService(ws, { log: () => undefined }));
    // a marker written into the stored row comes back: the page did not recompute
    await ws.run(`UPDATE quality_summaries SET summary = replace(summary, '缺测值保存为空值', '已保存的概况') WHERE run_id = ${runId} AND scope = 'city'`);
    expect((await api.call('quality/summary', { year: 2025 })).checks.find((c) => c.check.startsWith('缺测小时值'))!.detail).toContain('已保存的概况');
    // after an import the stored summary is no longer current: computed again
    await ws.run('UPDATE import_batches SET imported_at = now()::TIMESTAMP + INTERVAL 1 MINUTE WHERE batch_id = (SELECT max(batch_id) FROM import_batches)');
    expect((await api.call('quality/summary', { year: 2025 })).checks.find((c) => c.check.startsWith('缺测小时值'))!.detail).not.toContain('已保存的概况');
  });

  it('names the station without data and the districts without city sites', () => {
    expect(check('站点名录中有、当年无小时数据').examples).toEqual(['停用站（Z9）']);
    const noSite = check('没有城市点数据的区县');
    expect(noSite.count).toBe(37);
    expect(noSite.examples).not.toContain('渝中区');
  });
});

describe('the sample’s deliberate faults', () => {
  it('are all found by the quality summary (see 示例数据_说明.md); each district\'s summary is about that district only', async () => {
    const { buildSampleWorkspace } = await import('./helpers/sample-workspace.js');
    const sample = await buildSampleWorkspace({ years: [2025] });
    try {
      const s = await qualitySummary(sample.ws, 2025);
      const found = (name: string) => s.checks.find((c) => c.check.startsWith(name))!;
      for (const name of ['断面当年缺少月度监测', '水源地不达标的月份', '实际排放量超过许可排放量', '执行报告逾期或未提交',
        '在线监测无效标记小时值', '在线监测超标小时值', '尚未结案的处罚案件', '逾期未完成整改的问题',
        '分区管控符合性结论为“不符合”', '已发布未备案的方案', '标记为无效的小时值', '缺测小时值']) {
        expect(found(name), name).toBeDefined();
        expect(found(name).count, name).toBeGreaterThan(0);
        expect(found(name).severity, name).not.toBe('正常');
      }
      expect(found('在线监测无效标记小时值').examples.length).toBeGreaterThan(0);
      // no padding: one line for datasets without data instead of a 记录数 row per dataset
      expect(s.checks.filter((c) => c.check === '记录数')).toEqual([]);

      // the computation stored one summary per district; a district's counts and examples are its own records
      const runId = (await sample.ws.one<{ r: number }>('SELECT max(run_id) AS r FROM compute_runs'))!.r;
      const cases = await sample.ws.all<{ case_no: string; district_code: string }>(
        "SELECT case_no, district_code FROM cases WHERE year(filed_on) = 2025 AND closed_on IS NULL");
      let sum = 0;
      for (const d of ['500103', '500112', '500101', '500243']) {
        const q = (await storedQualitySummary(sample.ws, runId, d))!;
        const open = q.checks.find((c) => c.check === '尚未结案的处罚案件')!;
        const own = cases.filter((c) => c.district_code === d).map((c) => c.case_no);
        expect(open.count, d).toBe(own.length);
        for (const e of open.examples) expect(own, d).toContain(e);
        expect(q.incompleteStationMonths.every((m) => m.district_code === d)).toBe(true);
        expect(q.checks.map((c) => c.check)).not.toContain('没有城市点数据的区县');
        sum += open.count;
      }
      expect(sum).toBe(found('尚未结案的处罚案件').count);
    } finally {
      await sample.ws.close();
    }
  });
});

describe('overdue is judged at the evaluation’s reference date, not at year end (as the watch list does)', () => {
  it('a problem due in November and rectified in February is overdue-unfinished only when the reference date is before February', async () => {
    const { writeSettings } = await import('../analytics/settings/workspace-settings.js');
    const dir = await tempDir();
    const w = await Workspace.create(join(dir, 'overdue.duckdb'));
    try {
      await importFiles(w, [await writeCsv(join(dir, '问题整改.csv'), [
        ['问题编号', '区县代码', '发现日期', '整改期限', '完成日期'],
        ['P-LATE', '500103', '2025-03-01', '2025-11-30', '2026-02-10'], // done after year end, before the default 2026-03-31
        ['P-OPEN', '500103', '2025-06-01', '2025-10-31', null], // never done
        ['P-DONE', '500103', '2025-06-01', '2025-10-31', '2025-10-20'], // done in time
        ['P-NEXT', '500103', '2025-12-01', '2026-01-15', null], // due after the year: next year's
      ])]);
      const overdue = async () => (await qualitySummary(w, 2025)).checks.find((c) => c.check === '逾期未完成整改的问题')!;
      // default reference date 2026-03-31: P-LATE was rectified by then
      expect(await overdue()).toMatchObject({ count: 1, examples: ['P-OPEN 期限2025-10-31'] });
      // a reference date of 2026-01-31 (the reporting deadline set for 2025): P-LATE is still open then
      await w.transaction((tx) => writeSettings(tx, { referenceDate: { year: 2025, date: '2026-01-31' } }));
      expect((await overdue()).count).toBe(2);
      expect((await overdue()).examples).toEqual(['P-LATE 期限2025-11-30', 'P-OPEN 期限2025-10-31']);
      // the computation stores the summary judged at its run's reference date
      const { runId } = await computeIndicators(w, { at: localNow(), year: 2025 });
      expect((await storedQualitySummary(w, runId, 'city'))!.checks.find((c) => c.check === '逾期未完成整改的问题')!.count).toBe(2);
    } finally {
      await w.close();
    }
  }, 300_000);
});
