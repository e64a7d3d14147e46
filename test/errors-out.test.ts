// `--errors-out` is complete (issue 17, finding 9): every refused row of a file with more problems than a
// message lists, with its file, data row, line in the file, column, value and reason, as a CSV with BOM — for
// CSV, XLSX and Parquet files; without it the refusal says that its list stops and where.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { main } from '../cli/main.js';
import type { Io } from '../cli/cli-io.js';
import { Workspace } from '../analytics/workspace.js';
import { writeCsv, writeXlsx, type Cell } from './helpers/files.js';
import { tempDir } from './helpers/sample-workspace.js';

let dir: string;
let wsPath: string;

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '', err = '';
  const io: Io = { out: (t) => void (out += t + '\n'), err: (t) => void (err += t + '\n') };
  return { code: await main(argv, io), out, err };
}

/** The error list as rows of cells (a simple CSV: no cell here holds a comma or a quote). */
async function errorList(path: string): Promise<string[][]> {
  const text = await readFile(path, 'utf8');
  expect(text.startsWith('\ufeff')).toBe(true);
  return text.slice(1).trimEnd().split('\r\n').map((l) => l.split(','));
}

const HEADER = ['站点编码', '监测时间', '污染物', '浓度'];
/** `n` hourly rows of stations no workspace knows (Z0001A…): each one refused for its station code. */
const unknownStations = (n: number): Cell[][] =>
  Array.from({ length: n }, (_, i) => [`Z${String(i + 1).padStart(4, '0')}A`, '2025-03-01 05:00', 'PM2.5', '30']);

beforeAll(async () => {
  dir = await tempDir();
  wsPath = join(dir, 'ws.duckdb');
  await (await Workspace.create(wsPath)).close();
});

describe('--errors-out', () => {
  it('a CSV with 300 refused rows: all 300 in the list, each with its line in the file', async () => {
    const file = await writeCsv(join(dir, 'many.csv'), [HEADER, ...unknownStations(300)]);
    const out = join(dir, 'many-errors.csv');
    const r = await run('import', wsPath, file, '--errors-out', out);
    expect(r.code).toBe(2);
    const rows = await errorList(out);
    expect(rows[0]).toEqual(['文件', '行', '文件行号', '列', '值', '原因', '位置']);
    const data = rows.slice(1).filter((c) => c[3] === '站点编码');
    expect(data.length).toBe(300);
    // data row n is on line n + 1 (the header is line 1); the value is the row's own code
    expect(data[0]!.slice(0, 5)).toEqual(['many.csv', '1', '2', '站点编码', 'Z0001A']);
    expect(data[299]!.slice(0, 5)).toEqual(['many.csv', '300', '301', '站点编码', 'Z0300A']);
    expect(data.every((c) => c[5]!.length > 0)).toBe(true);
    expect(r.err).toContain('错误清单已写入（');
  });

  it('without it, the refusal says that its list stops at 200 of 300 rows', async () => {
    const file = join(dir, 'many.csv');
    const r = await run('import', wsPath, file, '--json');
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.out);
    expect(doc.errors.length).toBe(200);
    expect(doc.message).toContain('有 300 行错误');
    expect(doc.message).toContain('只列出了“many.csv”的前 200 行');
    expect(doc.message).toContain('--errors-out');
  });

  it('an XLSX with its header under two note rows: 250 rows, each with its sheet row', async () => {
    const file = await writeXlsx(join(dir, 'many.xlsx'), [['2025年3月空气质量小时数据'], ['单位：μg/m³'], HEADER, ...unknownStations(250)]);
    const out = join(dir, 'xlsx-errors.csv');
    expect((await run('import', wsPath, file, '--errors-out', out)).code).toBe(2);
    const data = (await errorList(out)).slice(1).filter((c) => c[3] === '站点编码');
    expect(data.length).toBe(250);
    expect(data[0]!.slice(0, 5)).toEqual(['many.xlsx', '1', '4', '站点编码', 'Z0001A']);
    expect(data[249]!.slice(0, 5)).toEqual(['many.xlsx', '250', '253', '站点编码', 'Z0250A']);
  });

  it('a Parquet file with 250 refused rows: all of them (no lines in a Parquet file)', async () => {
    const file = join(dir, 'many.parquet');
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    await con.run(`COPY (SELECT 'Z' || lpad((i + 1)::VARCHAR, 4, '0') || 'A' AS 站点编码, '2025-03-01 05:00' AS 监测时间, 'PM2.5' AS 污染物, '30' AS 浓度
      FROM range(250) r(i) ORDER BY i) TO '${file}' (FORMAT parquet)`);
    con.closeSync();
    db.closeSync();
    const out = join(dir, 'parquet-errors.csv');
    expect((await run('import', wsPath, file, '--errors-out', out)).code).toBe(2);
    const data = (await errorList(out)).slice(1).filter((c) => c[3] === '站点编码');
    expect(data.length).toBe(250);
    expect(new Set(data.map((c) => c[4])).size).toBe(250);
    expect(data.every((c) => c[2] === '')).toBe(true);
  });

  it('a list that cannot be written (CON.csv) is said beside the import\'s own refusal, which stays', async () => {
    const r = await run('import', wsPath, join(dir, 'many.csv'), '--errors-out', join(dir, 'CON.csv'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('错误清单未写入');
    expect(r.err).toContain('设备名');
    expect(r.err).toContain('导入被拒绝');
  });
});
