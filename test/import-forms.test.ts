// The remaining file forms of issue 3, on generated files through the real importer: the public hourly air
// archive (date,hour,type,<station codes…>), HJ 212 compact times in online monitoring, notes under CSV data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Workspace } from '../analytics/workspace.js';
import { importFiles } from '../analytics/import/import-files.js';
import { UserError } from '../analytics/errors.js';
import { tempDir } from './helpers/sample-workspace.js';
import { writeCsv } from './helpers/files.js';

let ws: Workspace;
let dir: string;
let permit: string;

// A small workspace holding the references the forms need: two stations, one permit holder.
beforeAll(async () => {
  dir = await tempDir();
  ws = await Workspace.create(join(dir, 'ws.duckdb'));
  permit = '91500103MA5U3XYZ1X001P';
  await importFiles(ws, [
    await writeCsv(join(dir, 'stations.csv'), [
      ['站点编码', '站点名称', '所属区县', '是否城市点', '经度', '纬度'],
      ['1801A', '解放碑', '渝中区', '是', 106.58, 29.56],
      ['1802A', '两路口', '渝中区', '是', 106.55, 29.55],
    ]),
    await writeCsv(join(dir, 'permits.csv'), [
      ['许可证编号', '单位名称', '区县代码'],
      [permit, '某某热电有限公司', '500103'],
    ]),
  ]);
});
afterAll(async () => {
  await ws.close();
});

async function refusal(paths: string[]): Promise<UserError> {
  const err = await importFiles(ws, paths).then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(UserError);
  return err as UserError;
}

describe('the public hourly air archive form', () => {
  it('is reshaped to the long air table: hourly pollutants only, stations of the workspace only, empty cells missing', async () => {
    const path = await writeCsv(join(dir, 'china_sites_20260101.csv'), [
      ['date', 'hour', 'type', '1801A', '1802A', '9999A'],
      ['20260101', '0', 'AQI', '50', '60', '70'],
      ['20260101', '0', 'PM2.5', '35', '', '40'],
      ['20260101', '0', 'PM2.5_24h', '30', '31', '32'],
      ['20260101', '0', 'PM10', '60', '61', '62'],
      ['20260101', '1', 'PM2.5', '36', '37', '41'],
      ['20260101', '1', 'CO', '0.8', '0.9', '1.0'],
      ['20260101', '23', 'O3_8h', '80', '81', '82'],
    ]);
    const r = await importFiles(ws, [path]);
    const b = r.batches[0]!;
    expect(b).toMatchObject({ dataset: 'air_hourly', rows: 8, accepted: 8, rejected: 0 });
    expect(b.warnings?.join('\n')).toContain('9999A');
    expect(b.warnings?.join('\n')).toContain('AQI');
    expect(b.warnings?.join('\n')).toContain('PM2.5_24h');
    const rows = await ws.all<{ station_code: string; t: string; pollutant: string; value: number | null; src_row: number }>(
      `SELECT station_code, strftime(time, '%Y-%m-%d %H:%M') AS t, pollutant, value, src_row FROM air_hourly
       WHERE batch_id = $id ORDER BY src_row, station_code`, { id: b.id });
    expect(rows).toEqual([
      { station_code: '1801A', t: '2026-01-01 00:00', pollutant: 'PM2.5', value: 35, src_row: 2 },
      { station_code: '1802A', t: '2026-01-01 00:00', pollutant: 'PM2.5', value: null, src_row: 2 },
      { station_code: '1801A', t: '2026-01-01 00:00', pollutant: 'PM10', value: 60, src_row: 4 },
      { station_code: '1802A', t: '2026-01-01 00:00', pollutant: 'PM10', value: 61, src_row: 4 },
      { station_code: '1801A', t: '2026-01-01 01:00', pollutant: 'PM2.5', value: 36, src_row: 5 },
      { station_code: '1802A', t: '2026-01-01 01:00', pollutant: 'PM2.5', value: 37, src_row: 5 },
      { station_code: '1801A', t: '2026-01-01 01:00', pollutant: 'CO', value: 0.8, src_row: 6 },
      { station_code: '1802A', t: '2026-01-01 01:00', pollutant: 'CO', value: 0.9, src_row: 6 },
    ]);
  });

  it('names the row of a bad hour or value, and writes nothing', async () => {
    const path = await writeCsv(join(dir, 'china_sites_20260102.csv'), [
      ['date', 'hour', 'type', '1801A', '1802A'],
      ['20260102', '0', 'PM2.5', '35', '36'],
      ['20260102', '25', 'PM2.5', '35', '36'],
      ['20260102', '2', 'SO2', '-4', '5'],
    ]);
    const before = await ws.one<{ n: bigint }>('SELECT count(*) AS n FROM air_hourly');
    const e = await refusal([path]);
    expect(e.rowErrors).toEqual(expect.arrayContaining([
      expect.objectContaining({ row: 2, column: '监测时间', value: '2026-01-02 25:00' }),
      expect.objectContaining({ row: 3, column: '浓度', value: '-4', reason: '数值不能为负数' }),
    ]));
    expect(await ws.one<{ n: bigint }>('SELECT count(*) AS n FROM air_hourly')).toEqual(before);
  });

  it('is refused, saying why, when none of its stations is in the workspace', async () => {
    const path = await writeCsv(join(dir, 'china_sites_other.csv'), [
      ['date', 'hour', 'type', '1001A', '1002A'],
      ['20260101', '0', 'PM2.5', '35', '36'],
    ]);
    const e = await refusal([path]);
    expect(e.message).toContain('公开小时数据归档格式');
    expect(e.message).toContain('请先导入空气站点名录');
  });
});

describe('HJ 212 compact times in online monitoring', () => {
  it('reads 20260101120000, DataTime=…, a QN with milliseconds and hour 24', async () => {
    const path = await writeCsv(join(dir, 'online_hj212.csv'), [
      ['许可证编号', '排放口编号', '数据时间', '污染物代码', '折算浓度', '数据标记'],
      [permit, 'DA001', '20260101120000', 'a21026', '12.5', 'N'],
      [permit, 'DA001', 'DataTime=20260101130000', 'a21026', '13', 'N'],
      [permit, 'DA001', '20260101140000000', 'a21026', '14', 'N'],
      [permit, 'DA001', '20260101240000', 'a21026', '15', 'N'],
    ]);
    const r = await importFiles(ws, [path]);
    expect(r.batches[0]).toMatchObject({ dataset: 'online_hourly', rows: 4, accepted: 4 });
    const times = await ws.all<{ t: string }>(
      `SELECT strftime(time, '%Y-%m-%d %H:%M') AS t FROM online_hourly WHERE batch_id = $id ORDER BY src_row`, { id: r.batches[0]!.id });
    expect(times.map((x) => x.t)).toEqual(['2026-01-01 12:00', '2026-01-01 13:00', '2026-01-01 14:00', '2026-01-02 00:00']);
  });

  it('refuses an impossible compact time with its row', async () => {
    const path = await writeCsv(join(dir, 'online_hj212_bad.csv'), [
      ['许可证编号', '排放口编号', '数据时间', '污染物代码', '折算浓度'],
      [permit, 'DA001', '20260201120000', 'a21026', '12.5'],
      [permit, 'DA001', '20260230120000', 'a21026', '13'],
    ]);
    const e = await refusal([path]);
    expect(e.rowErrors).toEqual([expect.objectContaining({ row: 2, column: '数据时间', value: '20260230120000' })]);
  });
});

describe('notes under CSV data', () => {
  const H = ['站点编码', '监测时间', '污染物', '浓度', '数据标记'];
  const notes = ['', '注：1. 数据为小时均值，单位 μg/m³', '2. 标记 H 为无效数据', '数据来源：某监测平台'];

  it('are dropped with a warning, several lines of them, and are not rows', async () => {
    const path = join(dir, 'hourly_with_notes.csv');
    await writeFile(path, [H, ['1802A', '2026-03-01 01:00', 'PM2.5', '30', ''], ['1802A', '2026-03-01 02:00', 'PM2.5', '31', '']]
      .map((r) => r.join(',')).concat(notes).join('\r\n') + '\r\n');
    const r = await importFiles(ws, [path]);
    expect(r.batches[0]).toMatchObject({ rows: 2, accepted: 2 });
    expect(r.batches[0]!.warnings).toEqual([expect.stringContaining('已忽略数据下方的 3 行注释')]);
  });

  it('do not hide a bad row above them, whose row number stays right', async () => {
    const path = join(dir, 'hourly_bad_with_notes.csv');
    await writeFile(path, [H, ['1802A', '2026-03-02 01:00', 'PM2.5', '30', ''], [], ['1802A', '2026-03-02 02:00', 'PM2.5', 'abc', '']]
      .map((r) => r.join(',')).concat(notes).join('\r\n') + '\r\n');
    const e = await refusal([path]);
    expect(e.rowErrors).toEqual([expect.objectContaining({ row: 3, column: '浓度', value: 'abc' })]);
  });

  it('a note line inside the data is not a trailing note: the data after it is still read', async () => {
    const path = join(dir, 'hourly_note_in_middle.csv');
    await writeFile(path, [H, ['1802A', '2026-03-03 01:00', 'PM2.5', '30', ''], ['注：下一行为补测'], ['1802A', '2026-03-03 02:00', 'PM2.5', '31', '']]
      .map((r) => r.join(',')).join('\r\n') + '\r\n');
    const r = await importFiles(ws, [path]);
    expect(r.batches[0]).toMatchObject({ rows: 2, accepted: 2 });
    expect(r.batches[0]!.warnings).toBeUndefined();
  });
});
