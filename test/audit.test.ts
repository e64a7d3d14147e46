// The audit trail of a scripted session: every action that writes leaves one entry, in the same transaction
// (a refused import leaves none), with the operator's name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { Workspace } from '../analytics/workspace.js';
import { createService } from '../service/zonetrack-service.js';
import { inProcessClient } from '../service/in-process-client.js';
import type { ApiClient } from '../service/contract.js';
import { ApiCallError } from '../service/contract.js';
import { main } from '../cli/main.js';
import type { Io } from '../cli/cli-io.js';
import { writeCsv } from './helpers/files.js';
import { tempDir } from './helpers/sample-workspace.js';

const STATIONS = [
  ['站点编码', '站点名称', '所属区县', '是否城市点', '经度', '纬度'],
  ['1801A', '解放碑', '渝中区', '是', 106.58, 29.56],
  ['1802A', '两路口', '渝中区', '是', 106.55, 29.55],
];
const HOURLY = ['站点编码', '监测时间', '污染物', '浓度'];

let dir: string;
let ws: Workspace;
let api: ApiClient;

beforeAll(async () => {
  dir = await tempDir();
  ws = await Workspace.create(join(dir, 'audit.duckdb'));
  api = inProcessClient(createService(ws, { log: () => undefined }));
});
afterAll(async () => {
  await ws.close();
});

async function cli(...argv: string[]) {
  let out = '';
  const io: Io = { out: (t) => void (out += t + '\n'), err: () => undefined };
  return { code: await main(argv, io), out };
}

describe('audit trail of a scripted session', () => {
  it('records imports, a supersede, a removal, a computation and a report, each with its user', async () => {
    const osName = userInfo().username;
    const stations = await writeCsv(join(dir, '站点.csv'), STATIONS);
    const hourly = await writeCsv(join(dir, '小时.csv'), [HOURLY, ['1801A', '2025-01-01 01:00', 'PM2.5', 30], ['1802A', '2025-01-01 01:00', 'PM2.5', 31]]);
    const first = await api.call('import/files', { paths: [stations, hourly] });
    const [stationBatch, hourlyBatch] = first.batches.map((b) => b.id!);

    // a refused import writes nothing, so it leaves no entry either
    const bad = await writeCsv(join(dir, 'bad.csv'), [HOURLY, ['NOPE', '2025-01-01 01:00', 'PM2.5', 10]]);
    await expect(api.call('import/files', { paths: [bad] })).rejects.toBeInstanceOf(ApiCallError);
    // a dry run neither
    await api.call('import/files', { paths: [await writeCsv(join(dir, 'dry.csv'), [HOURLY, ['1801A', '2025-01-01 03:00', 'PM2.5', 1]])], dryRun: true });

    expect(await api.call('audit/set-user', { name: '  张三 ' })).toEqual({ user: '张三' });
    const v2 = await writeCsv(join(dir, '小时.csv'), [HOURLY, ['1801A', '2025-01-01 01:00', 'PM2.5', 30], ['1801A', '2025-01-01 02:00', 'PM2.5', 33], ['1802A', '2025-01-01 01:00', 'PM2.5', 31]]);
    const second = await api.call('import/files', { paths: [v2] });
    const newHourly = second.batches[0]!.id!;
    expect(second.batches[0]!.supersedes).toBe(hourlyBatch);
    await api.call('batches/remove', { id: newHourly, reason: '数据有误，待重新报送' });
    const run = await api.call('indicators/compute', { year: 2025 });
    const report = await api.call('reports/generate', { year: 2025, entity: '500103', outDir: join(dir, 'reports') });

    const { total, entries } = await api.call('audit/list', {});
    expect(total).toBe(entries.length);
    expect(entries.map((e) => [e.action, e.user])).toEqual([
      ['import', osName], ['import', osName],
      ['settings/user', '张三'],
      ['import', '张三'], ['supersede', '张三'],
      ['batch/remove', '张三'],
      ['compute', '张三'],
      ['report', '张三'],
    ]);
    const byAction = (a: string) => entries.filter((e) => e.action === a);
    expect(byAction('import').map((e) => e.detail)).toEqual([
      expect.objectContaining({ batch: stationBatch, dataset: 'air_stations', file: '站点.csv', rows: 2, accepted: 2, sha256: first.batches[0]!.sha256 }),
      expect.objectContaining({ batch: hourlyBatch, dataset: 'air_hourly', file: '小时.csv', rows: 2, accepted: 2 }),
      expect.objectContaining({ batch: newHourly, dataset: 'air_hourly', file: '小时.csv', rows: 3, accepted: 3 }),
    ]);
    expect(byAction('supersede')[0]).toMatchObject({ target: `批次 ${hourlyBatch}`, detail: { batch: hourlyBatch, by: newHourly } });
    expect(byAction('batch/remove')[0]).toMatchObject({ target: `批次 ${newHourly}`, detail: { reason: '数据有误，待重新报送', rows: 3 } });
    expect(byAction('compute')[0]!.detail).toMatchObject({ run: run.runId, year: 2025, edition: run.edition, values: run.values });
    expect(byAction('report')[0]!.detail).toMatchObject({ year: 2025, entity: '500103', docx: report.files[0]!.docx });
    expect(byAction('settings/user')[0]!.detail).toEqual({ before: osName });
    // seq strictly increasing, times never going back
    for (let i = 1; i < entries.length; i++) {
      expect(entries[i]!.seq).toBeGreaterThan(entries[i - 1]!.seq);
      expect(entries[i]!.at >= entries[i - 1]!.at).toBe(true);
    }
  });

  it('records score entries, 不适用 markings, review scores and catalogue layers, each in its own action', async () => {
    const before = (await api.call('audit/list', {})).total;
    const sheet = (await api.call('scores/get', { year: 2025, entity: '500103' })).sheets[0]!;
    // this workspace holds two hours of air data: nearly every item is 数据缺失
    const [missing, computed] = sheet.items.filter((i) => i.status === '数据缺失');
    if (!missing || !computed) throw new Error('expected items without data in this small workspace');
    await api.call('scores/set-manual', { year: 2025, entity: '500103', indicator: missing.indicator, notApplicableReason: '本区无此类设施' });
    await api.call('scores/set-manual', { year: 2025, entity: '500103', indicator: computed.indicator, evidence: '附件3 监测报告' });
    await api.call('scores/set-review', { year: 2025, entity: '500103', indicator: computed.indicator, reviewScore: 0, note: '数据待核' });
    const catalogue = await api.call('catalogue/show', {});
    const layerFile = join(dir, '市级细化.json');
    await writeFile(layerFile, JSON.stringify({
      layer: { level: 'municipal', entity: 'city', id: 'cq-2025', version: '1', name: '重庆市细化' },
      base: { id: catalogue.id, version: catalogue.version }, change: [{ id: 'C1', points: 6 }],
    }));
    await api.call('catalogue/add-layer', { path: layerFile });
    // a refused marking (no reason) writes nothing and leaves no entry
    await expect(api.call('scores/set-manual', { year: 2025, entity: '500103', indicator: missing.indicator, notApplicableReason: ' ' })).rejects.toBeInstanceOf(ApiCallError);
    const entries = (await api.call('audit/list', { offset: before })).entries;
    expect(entries.map((e) => [e.action, e.label, e.target])).toEqual([
      ['score/not-applicable', '标记不适用', `2025年 500103 ${missing.indicator}`],
      ['score/evidence', '填报佐证材料', `2025年 500103 ${computed.indicator}`],
      ['score/review', '填写审核得分', `2025年 500103 ${computed.indicator}`],
      ['catalogue/layer', '导入指标体系细化层', '市级细化层 cq-2025 1'],
    ]);
    expect(entries[0]!.detail).toMatchObject({ not_applicable_reason: '本区无此类设施' });
    expect(entries[2]!.detail).toMatchObject({ reviewScore: 0, note: '数据待核' });
    expect(entries[3]!.detail).toMatchObject({ file: '市级细化.json' });
  });

  it('pages through entries', async () => {
    const all = await api.call('audit/list', {});
    const page = await api.call('audit/list', { offset: 2, limit: 3 });
    expect(page.total).toBe(all.total);
    expect(page.entries).toEqual(all.entries.slice(2, 5));
    await expect(api.call('audit/list', { limit: 0 })).rejects.toMatchObject({ error: { code: 'BAD_ARGUMENTS' } });
  });

  it('zonetrack audit prints the trail (table and --json)', async () => {
    const path = ws.path;
    await ws.close();
    try {
      const text = await cli('audit', path);
      expect(text.code).toBe(0);
      expect(text.out).toContain('移除批次');
      expect(text.out).toContain('原因：数据有误，待重新报送');
      expect(text.out).toContain('张三');
      const json = await cli('audit', path, '--json', '--limit', '2');
      expect(json.code).toBe(0);
      const doc = JSON.parse(json.out);
      expect(doc.entries).toHaveLength(2);
      expect(doc.total).toBeGreaterThan(2);
    } finally {
      ws = await Workspace.open(path);
    }
  });
});
