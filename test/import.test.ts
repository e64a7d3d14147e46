// The real importer on generated files: encodings, title rows, wide tables, refusals that leave the
// workspace unchanged, dry runs, re-imports.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Workspace } from '../analytics/workspace.js';
import { importFiles } from '../analytics/import/import-files.js';
import { UserError } from '../analytics/errors.js';
import { tableSnapshot, writeCsv, writeXlsx } from './helpers/files.js';
import { tempDir as mkTemp } from './helpers/sample-workspace.js';
import { STATIONS } from './helpers/station-workspace.js';

let dir: string;
let ws: Workspace;

async function stations(): Promise<string> {
  return writeCsv(join(dir, '站点_GBK.csv'), STATIONS, 'gb18030');
}

function hourlyRows(station: string, hours: number, value = (h: number) => 30 + (h % 5)): (string | number | null)[][] {
  const rows: (string | number | null)[][] = [];
  for (let h = 1; h <= hours; h++) {
    const t = new Date(Date.UTC(2025, 0, 1, h));
    const text = `${t.getUTCFullYear()}-${String(t.getUTCMonth() + 1).padStart(2, '0')}-${String(t.getUTCDate()).padStart(2, '0')} ${String(t.getUTCHours()).padStart(2, '0')}:00`;
    rows.push([station, text, 'PM2.5', value(h), null]);
  }
  return rows;
}

async function expectRefused(paths: string[], check: (e: UserError) => void) {
  const before = await tableSnapshot(ws);
  const err = await importFiles(ws, paths).then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(UserError);
  check(err as UserError);
  expect(await tableSnapshot(ws)).toBe(before);
}

beforeEach(async () => {
  dir = await mkTemp();
  ws = await Workspace.create(join(dir, 'ws.duckdb'));
});
afterEach(async () => {
  await ws.close();
});

describe('encodings and layouts', () => {
  it('reads a GB18030 station list with district names and Chinese text intact', async () => {
    const r = await importFiles(ws, [await stations()]);
    expect(r.batches[0]).toMatchObject({ dataset: 'air_stations', encoding: 'gb18030', rows: 3, accepted: 3 });
    const rows = await ws.all<{ station_code: string; name: string; district_code: string; is_city_site: boolean }>(
      'SELECT station_code, name, district_code, is_city_site FROM air_stations ORDER BY 1');
    expect(rows).toEqual([
      { station_code: '1801A', name: '解放碑', district_code: '500103', is_city_site: true },
      { station_code: '1802A', name: '两路口', district_code: '500103', is_city_site: true },
      { station_code: '1803A', name: '缙云山', district_code: '500109', is_city_site: false },
    ]);
  });

  it('reads UTF-8 with BOM, a title row above the header, and every date form the rules list', async () => {
    const path = await writeCsv(join(dir, 'hourly.csv'), [
      ['示例数据：小时浓度'],
      ['站点编码', '监测时间', '污染物', '浓度（μg/m³）', '数据标记'],
      ['1801A', '2025-01-01 01:00', 'PM2.5', '35', ''],
      ['1801A', '2025/1/1 2:00', 'PM₂.₅', '—', ''],
      ['1801A', '2025年1月1日 3时', '细颗粒物', '１２', 'H'],
      ['1801A', '2025-01-01 24:00', 'PM2.5', '1,234', ''],
      ['1801A', '45658.1666667', 'PM2.5', '40', ''], // Excel serial day number
    ], 'utf-8-bom');
    await importFiles(ws, [await stations()]);
    const r = await importFiles(ws, [path]);
    expect(r.batches[0]).toMatchObject({ encoding: 'utf-8-bom', headerRow: 2, rows: 5, accepted: 5 });
    const rows = await ws.all<{ t: string; value: number | null; flag: string | null; src_row: number }>(
      "SELECT strftime(time, '%Y-%m-%d %H:%M') AS t, value, flag, src_row FROM air_hourly ORDER BY src_row");
    expect(rows).toEqual([
      { t: '2025-01-01 01:00', value: 35, flag: null, src_row: 1 },
      { t: '2025-01-01 02:00', value: null, flag: null, src_row: 2 },
      { t: '2025-01-01 03:00', value: 12, flag: 'H', src_row: 3 },
      { t: '2025-01-02 00:00', value: 1234, flag: null, src_row: 4 },
      { t: '2025-01-01 04:00', value: 40, flag: null, src_row: 5 },
    ]);
  });

  it('reads a wide XLSX with a title row: one record per pollutant cell, empty cells kept as missing', async () => {
    await importFiles(ws, [await stations()]);
    const path = await writeXlsx(join(dir, 'wide.xlsx'), [
      ['示例数据：渝中区环境空气自动监测小时数据'],
      ['站点编码', '监测时间', 'SO2(μg/m³)', 'NO2(μg/m³)', 'CO(mg/m³)', 'O3(μg/m³)', 'PM10(μg/m³)', 'PM2.5(μg/m³)'],
      ['1801A', new Date(Date.UTC(2025, 0, 1, 1)), 8, 30, 0.8, 40, 60, 45],
      ['1802A', new Date(Date.UTC(2025, 0, 1, 1)), 9, 31, 0.9, null, 61, 46],
    ]);
    const r = await importFiles(ws, [path]);
    expect(r.batches[0]).toMatchObject({ dataset: 'air_hourly', encoding: 'xlsx', form: 'wide', headerRow: 2, rows: 2, accepted: 2 });
    const counts = await ws.one<{ n: number; nulls: number; pm25: number }>(
      "SELECT count(*) AS n, count(*) FILTER (WHERE value IS NULL) AS nulls, sum(value) FILTER (WHERE pollutant = 'PM2.5') AS pm25 FROM air_hourly");
    expect(counts).toEqual({ n: 12, nulls: 1, pm25: 91 });
  });

  it('imports the generated sample: GB18030 stations and the XLSX wide table land the right row counts', async () => {
    const { generateSample } = await import('../analytics/sample/generate-sample.js');
    const files = await generateSample({ outDir: join(dir, 'sample'), years: [2025], scale: 'small', seed: 3, districts: ['500103', '500112'] });
    const r = await importFiles(ws, files.map((f) => f.path));
    const stationCount = (await ws.one<{ n: number }>('SELECT count(*) AS n FROM air_stations'))!.n;
    const yz = (await ws.one<{ n: number }>("SELECT count(*) AS n FROM air_stations WHERE district_code = '500103'"))!.n;
    const xlsx = r.batches.find((b) => b.encoding === 'xlsx')!;
    expect(r.batches.find((b) => b.dataset === 'air_stations')).toMatchObject({ encoding: 'gb18030', rows: stationCount });
    expect(xlsx.rows).toBe(yz * 8760); // one row per station-hour of 2025
    const hourly = (await ws.one<{ n: number }>('SELECT count(*) AS n FROM air_hourly'))!.n;
    expect(hourly).toBe(stationCount * 8760 * 6);
  });
});

describe('refusals leave the workspace unchanged', () => {
  it('refuses a file with a bad date, an unknown station and a negative value, naming row and column', async () => {
    await importFiles(ws, [await stations()]);
    const good = await writeCsv(join(dir, 'good.csv'), [['站点编码', '监测时间', '污染物', '浓度', '数据标记'], ...hourlyRows('1801A', 30)]);
    const bad = await writeCsv(join(dir, 'bad.csv'), [
      ['站点编码', '监测时间', '污染物', '浓度', '数据标记'],
      ['1802A', '2025-01-01 01:00', 'PM2.5', 30, null],
      ['1802A', '2025-02-30 01:00', 'PM2.5', 30, null],
      ['9999A', '2025-01-01 02:00', 'PM2.5', 30, null],
      ['1802A', '2025-01-01 03:00', 'PM2.5', -5, null],
    ]);
    await expectRefused([good, bad], (e) => {
      expect(e.code).toBe('IMPORT_REFUSED');
      expect(e.rowErrors).toEqual([
        expect.objectContaining({ file: 'bad.csv', row: 2, column: '监测时间', value: '2025-02-30 01:00' }),
        expect.objectContaining({ file: 'bad.csv', row: 3, column: '站点编码', value: '9999A' }),
        expect.objectContaining({ file: 'bad.csv', row: 4, column: '浓度', value: '-5', reason: '数值不能为负数' }),
      ]);
      expect(e.message).toContain('未写入任何数据');
    });
  });

  it('refuses a file whose header lacks a required column', async () => {
    const path = await writeCsv(join(dir, 'nocol.csv'), [['站点编码', '站点名称', '所属区县'], ['1801A', 'x', '渝中区']]);
    await expectRefused([path], (e) => {
      expect(e.code).toBe('MISSING_COLUMNS');
      expect(e.rowErrors[0]).toMatchObject({ file: 'nocol.csv', row: 0, column: '是否城市点' });
    });
  });

  it('refuses duplicates within a file and rows already imported', async () => {
    await importFiles(ws, [await stations()]);
    const header = ['站点编码', '监测时间', '污染物', '浓度', '数据标记'];
    const dup = await writeCsv(join(dir, 'dup.csv'), [header, ...hourlyRows('1801A', 3), hourlyRows('1801A', 3)[1]!]);
    await expectRefused([dup], (e) => {
      expect(e.rowErrors.map((r) => r.row)).toEqual([2, 4]);
      expect(e.rowErrors[0]!.reason).toContain('重复');
    });
    await importFiles(ws, [await writeCsv(join(dir, 'first.csv'), [header, ...hourlyRows('1801A', 3)])]);
    const again = await writeCsv(join(dir, 'again.csv'), [header, ...hourlyRows('1801A', 5)]);
    await expectRefused([again], (e) => {
      expect(e.rowErrors.map((r) => r.row)).toEqual([1, 2, 3]);
      expect(e.rowErrors[0]!.reason).toContain('已导入');
    });
  });

  it('refuses bad unit codes: format, type digit, unknown district', async () => {
    const path = await writeCsv(join(dir, 'units.csv'), [
      ['环境管控单元编码', '环境管控单元名称', '管控单元类别', '区县代码', '成果版本'],
      ['ZH50010320001', '渝中区重点管控单元01', '重点管控', '500103', '2023'],
      ['ZH5001032001', '少一位', '重点管控', '500103', '2023'],
      ['ZH50010310002', '类别不符', '重点管控', '500103', '2023'],
      ['ZH99999920001', '未知区县', '2', '999999', '2023'],
    ]);
    await expectRefused([path], (e) => {
      expect(e.rowErrors.map((r) => [r.row, r.column]).sort()).toEqual([[2, '环境管控单元编码'], [3, '环境管控单元编码'], [4, '区县代码'], [4, '环境管控单元编码']]);
    });
  });

  it('refuses binary junk and empty files with a clear reason', async () => {
    const { writeFile } = await import('node:fs/promises');
    const junk = join(dir, 'junk.csv');
    await writeFile(junk, Buffer.from([0xff, 0xfe, 0x00, 0x81, 0x00, 0xff, 0x81, 0x30, 0x0a]));
    await expectRefused([junk], (e) => expect(e.message).toMatch(/编码|表头/));
    const empty = join(dir, 'empty.csv');
    await writeFile(empty, '');
    await expectRefused([empty], (e) => expect(e.message).toContain('文件为空'));
  });
});

describe('dry run and re-import', () => {
  it('a dry run reports what would happen and writes nothing', async () => {
    const before = await tableSnapshot(ws);
    const r = await importFiles(ws, [await stations()], { dryRun: true });
    expect(r.dryRun).toBe(true);
    expect(r.batches[0]).toMatchObject({ dataset: 'air_stations', encoding: 'gb18030', rows: 3, accepted: 3, id: null });
    expect(await tableSnapshot(ws)).toBe(before);
  });

  it('an identical file imported again is reported and skipped', async () => {
    const path = await stations();
    const first = await importFiles(ws, [path]);
    const second = await importFiles(ws, [path]);
    expect(second.batches[0]).toMatchObject({ id: null, skippedAsDuplicateOf: first.batches[0]!.id, accepted: 0 });
    expect((await ws.one<{ n: number }>('SELECT count(*) AS n FROM import_batches'))!.n).toBe(1);
  });
});

describe('review findings', () => {
  it('reads the missing codes -99/-999 as missing values, and refuses NaN and Infinity', async () => {
    await importFiles(ws, [await stations()]);
    const header = ['站点编码', '监测时间', '污染物', '浓度', '数据标记'];
    const ok = await writeCsv(join(dir, 'codes.csv'), [header, ['1801A', '2025-01-01 01:00', 'PM2.5', '-99', ''], ['1801A', '2025-01-01 02:00', 'PM2.5', '-999', '']]);
    await importFiles(ws, [ok]);
    expect(await ws.all('SELECT value FROM air_hourly ORDER BY time')).toEqual([{ value: null }, { value: null }]);
    const nan = await writeCsv(join(dir, 'nan.csv'), [header, ['1802A', '2025-01-01 01:00', 'PM2.5', 'NaN', ''], ['1802A', '2025-01-01 02:00', 'PM2.5', 'inf', '']]);
    await expectRefused([nan], (e) => expect(e.rowErrors.map((r) => [r.row, r.column, r.reason])).toEqual([[1, '浓度', '不是有效的数字'], [2, '浓度', '不是有效的数字']]));
  });

  it('refuses an hourly time without its hour instead of reading it as 00:00', async () => {
    await importFiles(ws, [await stations()]);
    const path = await writeCsv(join(dir, 'nohour.csv'), [['站点编码', '监测时间', '污染物', '浓度'], ['1801A', '2025-05-01', 'PM2.5', '30'], ['1801A', '2025年5月1日', 'PM2.5', '30']]);
    await expectRefused([path], (e) => expect(e.rowErrors.map((r) => [r.row, r.column])).toEqual([[1, '监测时间'], [2, '监测时间']]));
  });

  it('does not bury a bad reference file under errors of the files that depend on it', async () => {
    const badStations = await writeCsv(join(dir, 'st-bad.csv'), [STATIONS[0]!, ['1801A', '解放碑', '火星区', '是', 106.58, 29.56]]);
    const hourly = await writeCsv(join(dir, 'h.csv'), [['站点编码', '监测时间', '污染物', '浓度'], ...hourlyRows('1801A', 50).map((r) => r.slice(0, 4))]);
    await expectRefused([hourly, badStations], (e) => {
      expect(e.rowErrors).toHaveLength(2);
      expect(e.rowErrors[0]).toMatchObject({ file: 'st-bad.csv', row: 1, column: '所属区县' });
      expect(e.rowErrors[1]).toMatchObject({ file: 'h.csv', row: 0 });
      expect(e.rowErrors[1]!.reason).toContain('未校验');
    });
  });
});

describe('row numbers', () => {
  it('count empty lines, so a bad value is reported on the line where it stands', async () => {
    await importFiles(ws, [await stations()]);
    const { writeFile } = await import('node:fs/promises');
    const path = join(dir, 'blank.csv');
    await writeFile(path, '站点编码,监测时间,污染物,浓度\r\n1801A,2025-01-01 01:00,PM2.5,30\r\n\r\n1801A,2025-01-01 02:00,PM2.5,30\r\n\r\n\r\n1801A,2025-01-01 03:00,PM2.5,-4\r\n');
    await expectRefused([path], (e) => expect(e.rowErrors.map((r) => [r.row, r.value])).toEqual([[6, '-4']]));
    const good = join(dir, 'blank-good.csv');
    await writeFile(good, '站点编码,监测时间,污染物,浓度\n\n1801A,2025-01-01 01:00,PM2.5,30\n1801A,2025-01-01 02:00,PM2.5,31\n\n');
    const r = await importFiles(ws, [good]);
    expect(r.batches[0]).toMatchObject({ rows: 2, accepted: 2 });
    expect(await ws.all('SELECT src_row, value FROM air_hourly ORDER BY src_row')).toEqual([{ src_row: 2, value: 30 }, { src_row: 3, value: 31 }]);
  });
});

describe('new versions and removal', () => {
  const header = ['站点编码', '监测时间', '污染物', '浓度'];
  async function stationsVersion(rows: (string | number)[][]): Promise<string> {
    return writeCsv(join(dir, '站点名录.csv'), [STATIONS[0]!, ...rows]);
  }

  it('a new version of a file replaces its earlier batch; one that drops codes still in use is refused', async () => {
    const v1 = await importFiles(ws, [await stationsVersion([STATIONS[1]!, STATIONS[2]!])]);
    await importFiles(ws, [await writeCsv(join(dir, 'h.csv'), [header, ['1801A', '2025-01-01 01:00', 'PM2.5', 30]])]);
    const v2 = await importFiles(ws, [await stationsVersion([STATIONS[1]!, STATIONS[2]!, STATIONS[3]!])]);
    expect(v2.batches[0]).toMatchObject({ supersedes: v1.batches[0]!.id, rows: 3 });
    expect((await ws.one<{ n: number }>('SELECT count(*) AS n FROM air_stations'))!.n).toBe(3);
    expect(await ws.one('SELECT superseded_by FROM import_batches WHERE batch_id = $id', { id: v1.batches[0]!.id! })).toEqual({ superseded_by: v2.batches[0]!.id });
    // v3 drops 1801A, which the hourly data uses
    await expectRefused([await stationsVersion([STATIONS[2]!])], (e) => {
      expect(e.code).toBe('SUPERSEDE_BREAKS_REFERENCES');
      expect(e.message).toContain('1801A');
    });
  });

  it('removes a batch unless other data still refers to it', async () => {
    const { removeBatch } = await import('../analytics/import/batch-lifecycle.js');
    const st = await importFiles(ws, [await stations()]);
    const h = await importFiles(ws, [await writeCsv(join(dir, 'h.csv'), [header, ['1801A', '2025-01-01 01:00', 'PM2.5', 30]])]);
    const before = await tableSnapshot(ws);
    const refused = await removeBatch(ws, st.batches[0]!.id!, '测试').then(() => undefined, (e: unknown) => e as UserError);
    expect(refused?.code).toBe('BATCH_IN_USE');
    expect(await tableSnapshot(ws)).toBe(before);
    await removeBatch(ws, h.batches[0]!.id!, '数据有误');
    expect((await ws.one<{ n: number }>('SELECT count(*) AS n FROM air_hourly'))!.n).toBe(0);
    await removeBatch(ws, st.batches[0]!.id!, '测试');
    expect((await ws.one<{ n: number }>('SELECT count(*) AS n FROM air_stations'))!.n).toBe(0);
    // the same file can come back once its batch was removed
    expect((await importFiles(ws, [await stations()])).batches[0]!.id).not.toBeNull();
  });
});

describe('workbooks as bureaus send them', () => {
  it('finds the data sheet after a cover sheet, reads a merged two-row header, skips a units row and stops at notes', async () => {
    await importFiles(ws, [await stations()]);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const cover = wb.addWorksheet('填报说明');
    cover.addRow(['本表为示例数据：环境空气自动监测小时数据']);
    cover.addRow(['填报单位：某区生态环境局']);
    const data = wb.addWorksheet('小时数据');
    data.addRow(['示例数据：渝中区空气质量小时值']);
    data.addRow(['站点编码', '监测时间', '浓度', null, null, null, null, null]);
    data.addRow([null, null, 'SO2', 'NO2', 'CO', 'O3', 'PM10', 'PM2.5']);
    data.mergeCells('C2:H2');
    data.mergeCells('A2:A3');
    data.mergeCells('B2:B3');
    data.addRow(['', '', 'μg/m³', 'μg/m³', 'mg/m³', 'μg/m³', 'μg/m³', 'μg/m³']);
    data.addRow(['1801A', '2025-01-01 01:00', 8, 30, 0.8, 40, 60, 45]);
    data.addRow(['1801A', '2025-01-01 02:00', 9, 31, 0.9, 41, 61, 'abc']);
    data.addRow(['注：数据未经审核，仅供参考。']);
    const path = join(dir, 'two-row.xlsx');
    await wb.xlsx.writeFile(path);
    // the bad PM2.5 cell is reported on its row under the header (row 3: units row 1, data rows 2 and 3)
    await expectRefused([path], (e) => expect(e.rowErrors.map((r) => [r.row, r.column, r.value])).toEqual([[3, 'PM2.5（μg/m³）', 'abc']]));
    data.getCell('H6').value = 46;
    await wb.xlsx.writeFile(path);
    const r = await importFiles(ws, [path]);
    expect(r.batches[0]).toMatchObject({ sheet: '小时数据', headerRow: 3, form: 'wide', rows: 2 });
    expect((await ws.one<{ n: number }>('SELECT count(*) AS n FROM air_hourly'))!.n).toBe(12);
  });
});

describe('Parquet and JSON', () => {
  it('imports stations from JSON records and hourly data from Parquet, with the same checks', async () => {
    const { writeFile } = await import('node:fs/promises');
    const json = join(dir, 'stations.json');
    await writeFile(json, JSON.stringify([
      { 站点编码: '1801A', 站点名称: '解放碑', 区县代码: '500103', 是否城市点: '是' },
      { 站点编码: '1802A', 站点名称: '两路口', 区县代码: '500103', 是否城市点: '否' },
    ]));
    const parquet = join(dir, 'hourly.parquet');
    await ws.run(`COPY (SELECT * FROM (VALUES ('1801A', TIMESTAMP '2025-01-01 01:00:00', 'PM2.5', 35.0), ('1802A', TIMESTAMP '2025-01-01 01:00:00', 'PM2.5', 41.0))
      v(站点编码, 监测时间, 污染物, 浓度)) TO '${parquet}' (FORMAT parquet)`);
    const r = await importFiles(ws, [parquet, json]);
    expect(r.batches.map((b) => [b.dataset, b.encoding, b.rows])).toEqual([['air_stations', 'json', 2], ['air_hourly', 'parquet', 2]]);
    expect(await ws.all("SELECT station_code, value FROM air_hourly ORDER BY 1")).toEqual([
      { station_code: '1801A', value: 35 }, { station_code: '1802A', value: 41 }]);
    const bad = join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify([{ 站点编码: '1803A', 站点名称: 'x', 区县代码: '999999', 是否城市点: '是' }]));
    await expectRefused([bad], (e) => expect(e.rowErrors[0]).toMatchObject({ file: 'bad.json', row: 1, column: '区县代码' }));
  });
});

describe('CSV layout rows', () => {
  it('skips a units row under the header and notes under the data, keeping row numbers true', async () => {
    await importFiles(ws, [await stations()]);
    const rows = [
      ['示例数据：小时浓度'],
      ['站点编码', '监测时间', '污染物', '浓度'],
      ['', '', '', 'μg/m³'],
      ['1801A', '2025-01-01 01:00', 'PM2.5', '30'],
      ['1801A', '2025-01-01 02:00', 'PM2.5', '-1'],
      ['注：数据未经审核', '', '', ''],
    ];
    const bad = await writeCsv(join(dir, 'layout.csv'), rows);
    await expectRefused([bad], (e) => expect(e.rowErrors.map((r) => [r.row, r.column])).toEqual([[3, '浓度（μg/m³）']]));
    rows[4]![3] = '31';
    const r = await importFiles(ws, [await writeCsv(join(dir, 'layout.csv'), rows)]);
    expect(r.batches[0]).toMatchObject({ headerRow: 2, rows: 2, accepted: 2 });
    expect(await ws.all('SELECT src_row, value FROM air_hourly ORDER BY src_row')).toEqual([{ src_row: 2, value: 30 }, { src_row: 3, value: 31 }]);
  });
});

describe('units rows decide conversions', () => {
  it('a 万元 in the units row under 罚没金额 converts to 元', async () => {
    const path = await writeCsv(join(dir, 'cases.csv'), [
      ['立案号', '立案日期', '区县代码', '罚没金额'],
      ['', '', '', '万元'],
      ['渝环罚〔2025〕1号', '2025-03-01', '500103', '12.5'],
    ]);
    const r = await importFiles(ws, [path]);
    expect(r.batches[0]).toMatchObject({ dataset: 'cases', rows: 1 });
    expect(r.batches[0]!.mapping).toContainEqual({ column: 'penalty_cny', header: '罚没金额（万元）' });
    expect(await ws.all('SELECT penalty_cny FROM cases')).toEqual([{ penalty_cny: 125000 }]);
  });
});

describe('GeoJSON units and spatial attribution', () => {
  const square = (x0: number, y0: number, x1: number, y1: number) => [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]];
  it('imports units with their boundaries and places stations that came without a unit code', async () => {
    const { writeFile } = await import('node:fs/promises');
    const geo = join(dir, '管控单元.geojson');
    await writeFile(geo, JSON.stringify({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { HJZHGKDYBM: 'ZH50010320001', HJZHGKDYMC: '渝中区重点管控单元01', ZHGKDYFL: '2', 区县代码: '500103', 成果版本: '2023' },
          geometry: { type: 'Polygon', coordinates: square(106.50, 29.50, 106.55, 29.60) } },
        { type: 'Feature', properties: { HJZHGKDYBM: 'ZH50010310001', HJZHGKDYMC: '渝中区优先保护单元01', ZHGKDYFL: '1', 区县代码: '500103', 成果版本: '2023' },
          geometry: { type: 'MultiPolygon', coordinates: [square(106.55, 29.50, 106.60, 29.60)] } },
      ],
    }));
    const st = await writeCsv(join(dir, 'st.csv'), [
      ['站点编码', '站点名称', '区县代码', '是否城市点', '经度', '纬度', '管控单元编码'],
      ['1801A', '甲', '500103', '是', 106.52, 29.55, null],
      ['1802A', '乙', '500103', '是', 106.58, 29.55, null],
      ['1803A', '丙', '500103', '是', 106.70, 29.55, null], // outside both
      ['1804A', '丁', '500103', '是', 106.55, 29.55, null], // on the shared border
      ['1805A', '戊', '500103', '是', 106.52, 29.52, 'ZH50010310001'], // the file says so: kept
    ]);
    const r = await importFiles(ws, [st, geo]);
    expect(r.batches.map((b) => [b.dataset, b.encoding])).toEqual([['units', 'geojson'], ['air_stations', 'utf-8']]);
    expect(r.batches[1]!.attribution).toMatchObject({ located: 2, onNone: 1, onSeveral: 1 });
    expect(await ws.all('SELECT station_code, unit_code, unit_attribution FROM air_stations ORDER BY 1')).toEqual([
      { station_code: '1801A', unit_code: 'ZH50010320001', unit_attribution: 'polygon' },
      { station_code: '1802A', unit_code: 'ZH50010310001', unit_attribution: 'polygon' },
      { station_code: '1803A', unit_code: null, unit_attribution: null },
      { station_code: '1804A', unit_code: null, unit_attribution: null },
      { station_code: '1805A', unit_code: 'ZH50010310001', unit_attribution: 'file' },
    ]);
    expect(await ws.one("SELECT min_lon, max_lat FROM units WHERE unit_code = 'ZH50010320001'")).toEqual({ min_lon: 106.5, max_lat: 29.6 });
  });
});

describe('removal sees references through entity lists', () => {
  it('refuses to remove units that targets still name', async () => {
    const { removeBatch } = await import('../analytics/import/batch-lifecycle.js');
    const units = await importFiles(ws, [await writeCsv(join(dir, 'u.csv'), [
      ['环境管控单元编码', '环境管控单元名称', '管控单元类别', '区县代码', '成果版本'],
      ['ZH50010320001', '渝中区重点管控单元01', '重点管控', '500103', '2023'],
    ])]);
    await importFiles(ws, [await writeCsv(join(dir, 't.csv'), [['主体编码', '年份', '指标编号', '目标值'], ['ZH50010320001', 2025, 'C1', 35]])]);
    const refused = await removeBatch(ws, units.batches[0]!.id!, '测试').then(() => undefined, (e: unknown) => e as UserError);
    expect(refused?.code).toBe('BATCH_IN_USE');
    expect(refused?.message).toContain('ZH50010320001');
  });
});

describe('review findings, second round', () => {
  it('a file of the same name from another folder is not a new version of the first', async () => {
    const { mkdir } = await import('node:fs/promises');
    await mkdir(join(dir, 'a'));
    await mkdir(join(dir, 'b'));
    const a = await importFiles(ws, [await writeCsv(join(dir, 'a', 'st.csv'), [STATIONS[0]!, STATIONS[1]!])]);
    const b = await importFiles(ws, [await writeCsv(join(dir, 'b', 'st.csv'), [STATIONS[0]!, STATIONS[2]!])]);
    expect(b.batches[0]!.supersedes).toBeUndefined();
    expect((await ws.one<{ n: number }>('SELECT count(*) AS n FROM air_stations'))!.n).toBe(2);
    expect(a.batches[0]!.id).not.toBe(b.batches[0]!.id);
  });

  it('refuses a boundary that is not a Polygon or MultiPolygon, with its row', async () => {
    const { writeFile } = await import('node:fs/promises');
    const geo = join(dir, 'bad.geojson');
    await writeFile(geo, JSON.stringify({ type: 'FeatureCollection', features: [
      { type: 'Feature', properties: { HJZHGKDYBM: 'ZH50010320001', HJZHGKDYMC: '甲', ZHGKDYFL: '2', 区县代码: '500103', 成果版本: '2023' },
        geometry: { type: 'Point', coordinates: [106.5, 29.5] } },
    ] }));
    await expectRefused([geo], (e) => expect(e.rowErrors[0]).toMatchObject({ row: 1, column: 'geometry', reason: expect.stringContaining('Polygon') }));
  });
});
