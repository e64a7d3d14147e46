// Issue 3, "无法识别数据集" under load: exceljs's writer puts a sheet before its shared strings and workbook.xml;
// exceljs's own streaming reader set such a sheet aside in a temp file, and when writing it took longer than
// unzipper needed to reach the end of the zip, it stopped without the shared strings. A slow disk is simulated
// here by holding back the 'finish' of file write streams; the workbook is written by the sample's own writer.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import fs from 'node:fs';
import { join } from 'node:path';
import { Workspace } from '../analytics/workspace.js';
import { readXlsxIntoTable, sniffXlsx } from '../analytics/import/xlsx-stage.js';
import { DEFAULT_HEADER_CONTEXT } from '../analytics/import/header-match.js';
import { readZipParts } from '../analytics/import/zip-parts.js';
import { excelDate, writeTitledXlsx } from '../analytics/sample/sample-files.js';
import { writeXlsx } from './helpers/files.js';
import { tempDir } from './helpers/sample-workspace.js';

let dir: string;
let ws: Workspace;
let casesFile: string;
const HEADER = ['立案号', '立案日期', '许可证编号', '区县代码', '违法类型', '罚没金额（万元）'];
// The sheet's XML larger than a stream buffer (16 KB), so that unzipper waits for it to be read (into the temp
// file), and every part after it smaller, so that unzipper then runs to the end of the zip on its own: the
// sample's case file (100-odd cases) is such a workbook.
const ROWS = Array.from({ length: 100 }, (_, i) => [
  `渝中环立〔2024〕${i + 1}号`, excelDate('2024-03-01'), `91500103MA5U3XY${String(i).padStart(3, '0')}001P`, '500103',
  i % 2 ? '超标排放' : '未批先建', (i % 7) + 0.5,
]);

beforeAll(async () => {
  dir = await tempDir();
  ws = await Workspace.create(join(dir, 'ws.duckdb'));
  casesFile = join(dir, 'cases.xlsx');
  await writeTitledXlsx(casesFile, '案件', '示例数据（合成）：环境行政处罚案件', [HEADER, ...ROWS]);
});
afterAll(async () => {
  await ws.close();
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** Every file write stream reports 'finish' 100 ms late, as on a machine whose disk and CPUs are busy. */
function slowDisk(): void {
  const create = fs.createWriteStream;
  vi.spyOn(fs, 'createWriteStream').mockImplementation(function (this: unknown, ...args: Parameters<typeof create>) {
    const stream = create.apply(this, args);
    const emit = stream.emit.bind(stream) as (event: string | symbol, ...a: unknown[]) => boolean;
    stream.emit = ((event: string | symbol, ...a: unknown[]) => {
      if (event !== 'finish') return emit(event, ...a);
      setTimeout(() => emit(event, ...a), 100);
      return true;
    }) as typeof stream.emit;
    return stream;
  });
}

async function stagedCells(sniff: NonNullable<Awaited<ReturnType<typeof sniffXlsx>>>, path: string, table: string) {
  return ws.transaction(async (sql) => {
    const { rows } = await readXlsxIntoTable(sql, path, sniff, table);
    const cells = await sql.all<{ c0: string; c4: string; __row: number }>(`SELECT c0, c4, __row FROM ${table} ORDER BY __row`);
    await sql.run(`DROP TABLE ${table}`);
    return { rows, cells };
  });
}

describe('an XLSX sheet stored before its shared strings and workbook.xml', () => {
  it('is the layout exceljs writes (the precondition of this test)', async () => {
    const names = (await readZipParts(casesFile)).map((p) => p.name);
    expect(names.indexOf('xl/worksheets/sheet1.xml')).toBeGreaterThanOrEqual(0);
    expect(names.indexOf('xl/worksheets/sheet1.xml')).toBeLessThan(names.indexOf('xl/sharedStrings.xml'));
    expect(names.indexOf('xl/worksheets/sheet1.xml')).toBeLessThan(names.indexOf('xl/workbook.xml'));
  });

  it('is recognised and read whole, with its name and text, when the disk is slow', async () => {
    slowDisk();
    const sniff = await sniffXlsx(casesFile, 40, DEFAULT_HEADER_CONTEXT);
    expect(sniff).toMatchObject({ sheet: '案件', sheetIndex: 0, headerRow: 2, dataFrom: 3 });
    expect(sniff!.dataset.name).toBe('cases');
    expect(sniff!.headers).toEqual(HEADER);
    const { rows, cells } = await stagedCells(sniff!, casesFile, 'zt_test_slow');
    expect(rows).toBe(ROWS.length);
    expect(cells.map((c) => c.c0)).toEqual(ROWS.map((r) => r[0]));
    expect(cells.map((c) => c.c4)).toEqual(ROWS.map((r) => r[4]));
  });

  it('is recognised by every one of many reads of the same file at once', async () => {
    const sniffs = await Promise.all(Array.from({ length: 30 }, () => sniffXlsx(casesFile, 40, DEFAULT_HEADER_CONTEXT)));
    expect(sniffs.map((s) => s?.dataset.name)).toEqual(sniffs.map(() => 'cases'));
  });
});

describe('a workbook of several sheets', () => {
  it('finds the first sheet in tab order that has a header, and reads that one', async () => {
    const path = join(dir, 'two-sheets.xlsx');
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('填表说明').addRows([['本表由执法支队填报'], ['金额单位：万元']]);
    const data = wb.addWorksheet('案件');
    data.addRows([HEADER, ...ROWS.slice(0, 5)]);
    await wb.xlsx.writeFile(path);
    const sniff = await sniffXlsx(path, 40, DEFAULT_HEADER_CONTEXT);
    expect(sniff).toMatchObject({ sheet: '案件', sheetIndex: 1, headerRow: 1 });
    const { rows, cells } = await stagedCells(sniff!, path, 'zt_test_two');
    expect(rows).toBe(5);
    expect(cells.map((c) => c.c0)).toEqual(ROWS.slice(0, 5).map((r) => r[0]));
  });

  it('is not recognised when its only sheet holds notes', async () => {
    const path = await writeXlsx(join(dir, 'notes.xlsx'), [['本表由执法支队填报'], ['金额单位：万元']], '说明');
    expect(await sniffXlsx(path, 40, DEFAULT_HEADER_CONTEXT)).toBeUndefined();
  });
});
