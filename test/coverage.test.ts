// Coverage decides between 0, 数据缺失 and 不适用 (issue 16, part B; domain/indicators.md): a record list covers the
// years of its dates and every district unless declared otherwise at import (`--covers`); inside coverage a
// district without records counts 0 (无记录); outside it the data are missing; 不适用 only for a domain reason
// (no key polluter in the permit register), never because data are missing; a year without data is not scored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Workspace } from '../analytics/workspace.js';
import { importFiles } from '../analytics/import/import-files.js';
import { computeIndicators } from '../indicators/engine.js';
import { getMeasure, getValue, scoreSheets } from '../indicators/results.js';
import { scoreRanking } from '../indicators/scoring/score-ranking.js';
import { setManualScore } from '../indicators/scoring/enter-scores.js';
import { main } from '../cli/main.js';
import type { Io } from '../cli/cli-io.js';
import { writeCsv } from './helpers/files.js';
import { tempDir } from './helpers/sample-workspace.js';
import { localNow } from '../service/clock.js';

const P_YUZHONG = '91500103MA5U000001001P', P_YUBEI = '91500112MA5U000002001P';
let dir: string, wsPath: string, ws: Workspace;

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '', err = '';
  const io: Io = { out: (t) => void (out += t + '\n'), err: (t) => void (err += t + '\n') };
  return { code: await main(argv, io), out, err };
}

beforeAll(async () => {
  dir = await tempDir();
  const f = (n: string) => join(dir, n);
  ws = await Workspace.create(wsPath = f('coverage.duckdb'));
  const files = [
    // 渝中区 has a key polluter but no online monitoring data; 万州区 has none at all
    await writeCsv(f('holders.csv'), [['许可证编号', '单位名称', '是否重点排污单位', '区县代码'],
      [P_YUZHONG, '渝中甲公司', '是', '500103'], [P_YUBEI, '渝北乙公司', '是', '500112']]),
    await writeCsv(f('online.csv'), [['许可证编号', '排放口编号', '监测时间', '污染物', '折算浓度', '排放限值', '数据标记'],
      [P_YUBEI, 'DW001', '2025-03-01 01:00', 'COD', 30, 50, 'N'], [P_YUBEI, 'DW001', '2025-03-01 02:00', 'COD', 60, 50, 'N']]),
    // the case list and the problem ledger of 2025 name 渝北区 only: 渝中区 had nothing to record
    await writeCsv(f('cases.csv'), [['立案号', '立案日期', '区县代码', '罚没金额'], ['渝北罚〔2025〕1号', '2025-06-01', '500112', 10000]]),
    await writeCsv(f('problems.csv'), [['问题编号', '区县代码', '发现日期', '整改期限', '完成日期'], ['W1', '500112', '2025-01-05', '2025-03-31', '']]),
    await writeCsv(f('eia.csv'), [['批复文号', '项目名称', '批复日期', '区县代码', '是否开展分区管控符合性分析', '符合性结论'],
      ['渝北环准〔2025〕1号', '某项目', '2025-04-01', '500112', '是', '符合']]),
  ];
  await importFiles(ws, files);
  await computeIndicators(ws, { at: localNow(), year: 2025 });
  await computeIndicators(ws, { at: localNow(), year: 2020 }); // nothing imported covers 2020
});
afterAll(async () => ws.close());

describe('inside coverage nothing to count is 0, outside it 数据缺失', () => {
  it('500103 enforcement.cases and problems_overdue in 2025: 0 with 无记录 (the lists cover 2025, every district)', async () => {
    expect(await getMeasure(ws, 'enforcement.cases', '500103', 2025)).toMatchObject({ value: 0, status: '有效', detail: '无记录' });
    expect(await getMeasure(ws, 'enforcement.problems_overdue', '500103', 2025)).toMatchObject({ value: 0, status: '有效', detail: '无记录' });
    expect(await getMeasure(ws, 'enforcement.cases', '500112', 2025)).toMatchObject({ value: 1 });
  });

  it('2020, which no batch covers: B2 and D5 are 数据缺失 with no points, never zero counts with full points', async () => {
    for (const id of ['B2', 'D5']) {
      const v = await getValue(ws, id, '500103', 2020);
      expect(v).toMatchObject({ value: null, status: '数据缺失', points: 0 });
      expect(v.explanation).toMatch(/2020年.*未覆盖本区县/);
    }
    expect(await getMeasure(ws, 'enforcement.cases', '500103', 2020)).toMatchObject({ value: null, status: '数据缺失' });
  });

  it('a year with no data at all is not scored: the sheet and the ranking say 无数据, not 不合格', async () => {
    const sheets = await scoreSheets(ws, 2020);
    expect(sheets.length).toBeGreaterThan(30);
    for (const s of sheets) expect(s).toMatchObject({ noData: true, grade: '无数据' });
    const ranking = scoreRanking(sheets);
    expect(ranking.every((r) => r.rank === null && r.total === null && r.grade === '无数据')).toBe(true);
    // 2025 has data: 渝北区 is ranked and graded
    const ranked = scoreRanking(await scoreSheets(ws, 2025)).find((r) => r.entity === '500112');
    expect(ranked?.rank).not.toBeNull();
    expect(ranked?.grade).not.toBe('无数据');
  });
});

describe('不适用 only for a domain reason', () => {
  it('D4 for 渝中区, which has a key polluter but no online data: 数据缺失 (was 不适用, which rescaled its total)', async () => {
    const v = await getValue(ws, 'D4', '500103', 2025);
    expect(v).toMatchObject({ status: '数据缺失', points: 0 });
    expect(v.explanation).toContain('重点排污单位有1个');
    const [sheet] = await scoreSheets(ws, 2025, '500103');
    expect(sheet!.items.find((i) => i.indicator === 'D4')!.status).not.toBe('不适用');
  });
  it('D4 for 万州区, with no key polluter in the permit register: 不适用 with that reason', async () => {
    expect(await getValue(ws, 'D4', '500101', 2025)).toMatchObject({ status: '不适用', explanation: expect.stringContaining('本区县无重点排污单位') });
  });
});

describe('self-scores and 不适用 marks by a person', () => {
  const sheetItem = async (id: string) => (await scoreSheets(ws, 2025, '500112'))[0]!.items.find((i) => i.indicator === id)!;
  it('不适用 is offered where the catalogue allows it (B1 on 2025 data, computed 达标) and refused where it does not (B2), with a message that says why', async () => {
    expect(await sheetItem('B1')).toMatchObject({ status: '达标', notApplicableAllowed: true });
    expect(await sheetItem('B2')).toMatchObject({ status: '达标', notApplicableAllowed: false });
    const sheet = await setManualScore(ws, { at: localNow(), year: 2025, entity: '500112', indicator: 'B1', notApplicableReason: '本年审批项目均为备案类，无需分析' });
    expect(sheet.items.find((i) => i.indicator === 'B1')).toMatchObject({ status: '不适用', notApplicableReason: '本年审批项目均为备案类，无需分析' });
    await expect(setManualScore(ws, { at: localNow(), year: 2025, entity: '500112', indicator: 'B2', notApplicableReason: '无' }))
      .rejects.toThrow(/指标体系未注明该项可能不适用/);
    await setManualScore(ws, { at: localNow(), year: 2025, entity: '500112', indicator: 'B1', notApplicableReason: null });
  });

  it('saving evidence keeps the self-score; clearing is its own action; each is audited by what happened', async () => {
    const seqBefore = (await ws.one<{ n: number }>('SELECT coalesce(max(seq), 0)::INTEGER AS n FROM audit_log'))!.n;
    await setManualScore(ws, { at: localNow(), year: 2025, entity: '500112', indicator: 'A4', selfScore: 1.5 });
    await setManualScore(ws, { at: localNow(), year: 2025, entity: '500112', indicator: 'A4', evidence: '区政府文件 2025-3 号' });
    expect(await sheetItem('A4')).toMatchObject({ selfScore: 1.5, selfSource: '人工填报', evidence: '区政府文件 2025-3 号', points: 1.5 });
    await setManualScore(ws, { at: localNow(), year: 2025, entity: '500112', indicator: 'A4', selfScore: null });
    expect(await sheetItem('A4')).toMatchObject({ selfSource: '系统计算', evidence: '区政府文件 2025-3 号' });
    const actions = await ws.all<{ action: string }>('SELECT action FROM audit_log WHERE seq > $s ORDER BY seq', { s: seqBefore });
    expect(actions.map((a) => a.action)).toEqual(['score/self', 'score/evidence', 'score/self-clear']);
  });
});

describe('declared coverage', () => {
  it('`import --covers 2024-2025`: a case list with 2025 rows only covers 2024 too, so 2024 counts 0; without it 2024 is 数据缺失', async () => {
    await ws.close();
    const cases = await writeCsv(join(dir, 'cases-2024.csv'), [['立案号', '立案日期', '区县代码'], ['渝北罚〔2025〕2号', '2025-07-01', '500112']]);
    expect((await cli('compute', wsPath, '--year', '2024')).code).toBe(0);
    const before = JSON.parse((await cli('value', wsPath, '--indicator', 'enforcement.cases', '--entity', '500103', '--year', '2024', '--json')).out);
    expect(before).toMatchObject({ value: null, status: '数据缺失' });
    const r = await cli('import', wsPath, cases, '--covers', '2024-2025');
    expect(r.code, r.err).toBe(0);
    expect((await cli('compute', wsPath, '--year', '2024')).code).toBe(0);
    const after = JSON.parse((await cli('value', wsPath, '--indicator', 'enforcement.cases', '--entity', '500103', '--year', '2024', '--json')).out);
    expect(after).toMatchObject({ value: 0, status: '有效', detail: '无记录' });
    ws = await Workspace.open(wsPath);
  });
});

describe('定稿: a finalized snapshot', () => {
  it('is what score reads after a new import and computation; the draft beside it differs, the diff names it; reopen needs a reason; both audited', async () => {
    await ws.close();
    const score = async (...extra: string[]) => JSON.parse((await cli('score', wsPath, '--year', '2025', '--entity', '500103', '--json', ...extra)).out);
    expect((await cli('finalize', wsPath, '--year', '2025', '--reason', '报送市局版本')).code).toBe(0);
    const before = await score();
    expect(before.sheets[0].snapshot).toMatchObject({ state: '定稿' });
    // a non-conforming approval of 渝中区 arrives later: B2 would lose 3 points
    const eia = await writeCsv(join(dir, 'eia-late.csv'), [['批复文号', '项目名称', '批复日期', '区县代码', '是否开展分区管控符合性分析', '符合性结论'],
      ['渝中环准〔2025〕9号', '补录项目', '2025-11-01', '500103', '是', '不符合']]);
    expect((await cli('import', wsPath, eia)).code).toBe(0);
    expect((await cli('compute', wsPath, '--year', '2025')).code).toBe(0);
    const after = await score();
    expect(after.sheets).toEqual(before.sheets); // unchanged, item by item
    const diff = JSON.parse((await cli('finalize', wsPath, '--year', '2025', '--diff', '--json')).out);
    expect(diff.values).toContainEqual({ indicator: 'B2', entity: '500103',
      finalized: { value: 0, status: '达标', points: 6 }, draft: { value: 1, status: '未达标', points: 3 } });
    expect(diff.grades.map((g: { entity: string }) => g.entity)).toContain('500103');
    // a self-score cannot change a finalized sheet; reopening without a reason is refused
    expect((await cli('self-score', wsPath, '--year', '2025', '--entity', '500103', '--indicator', 'A4', '--score', '1')).code).toBe(2);
    expect((await cli('finalize', wsPath, '--year', '2025', '--reopen')).code).toBe(2);
    expect((await cli('finalize', wsPath, '--year', '2025', '--reopen', '--reason', '补录环评审批')).code).toBe(0);
    const reopened = await score();
    expect(reopened.sheets[0].snapshot).toMatchObject({ state: '草稿', runId: diff.draftRun });
    expect(reopened.sheets[0].items.find((i: { indicator: string }) => i.indicator === 'B2')).toMatchObject({ value: 1, points: 3 });
    const audit = JSON.parse((await cli('audit', wsPath, '--json')).out);
    const entries = (audit.entries as { action: string; detail: { reason: string } }[]).filter((e) => e.action.startsWith('snapshot/'));
    expect(entries.map((e) => [e.action, e.detail.reason])).toEqual([['snapshot/finalize', '报送市局版本'], ['snapshot/reopen', '补录环评审批']]);
    ws = await Workspace.open(wsPath);
  });
});
