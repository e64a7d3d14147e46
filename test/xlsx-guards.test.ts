// XLSX rules beyond the container check: notes under the data are left out with a warning, and a part that
// inflates to more than its zip directory declares (a zip bomb that lies about its size) is refused.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Workspace } from '../analytics/workspace.js';
import { importFiles } from '../analytics/import/import-files.js';
import { UserError } from '../analytics/errors.js';
import { readZipParts } from '../analytics/import/zip-parts.js';
import { tableSnapshot, writeXlsx } from './helpers/files.js';
import { stationWorkspace, STATIONS } from './helpers/station-workspace.js';

let dir: string;
let ws: Workspace;

const HOURLY = [
  ['站点编码', '监测时间', '污染物', '浓度'],
  ...Array.from({ length: 50 }, (_, i) => ['1801A', `2025-01-0${1 + Math.floor((i + 1) / 24)} ${String((i + 1) % 24).padStart(2, '0')}:00`, 'PM2.5', 30 + i]),
];

beforeEach(async () => {
  ({ dir, ws } = await stationWorkspace(STATIONS.slice(0, 2))); // 解放碑 only
});
afterEach(async () => {
  await ws.close();
});

describe('XLSX notes and inflated sizes', () => {
  it('imports the rows above notes under the data and warns that the notes were left out', async () => {
    const path = await writeXlsx(join(dir, 'notes.xlsx'), [
      ...HOURLY, [], ['注：数据未经审核，仅供参考。'], ['数据来源：市生态环境监测中心', null, null, '第二列'],
    ]);
    const r = await importFiles(ws, [path]);
    expect(r.batches[0]).toMatchObject({ dataset: 'air_hourly', rows: 50, accepted: 50 });
    expect(r.batches[0]!.warnings).toEqual(['已忽略数据下方的 2 行注释（如“注：数据未经审核，仅供参考。”），它们不是数据']);
    const clean = await importFiles(ws, [await writeXlsx(join(dir, 'clean.xlsx'), [HOURLY[0]!, ['1801A', '2025-02-01 01:00', 'PM2.5', 1]])]);
    expect(clean.batches[0]!.warnings).toBeUndefined();
  });

  it('refuses a sheet that inflates to more than its zip directory declares, and writes nothing', async () => {
    const path = await writeXlsx(join(dir, 'lying.xlsx'), HOURLY);
    // Rewrite the sheet's central-directory entry to declare 100 bytes once decompressed.
    const bytes = await readFile(path);
    const sheet = (await readZipParts(path)).find((p) => p.name === 'xl/worksheets/sheet1.xml')!;
    expect(sheet.uncompressedSize).toBeGreaterThan(1000);
    const name = Buffer.from(sheet.name);
    let patched = 0;
    for (let i = 0; i + 46 + name.length <= bytes.length; i++) {
      if (bytes.readUInt32LE(i) === 0x02014b50 && bytes.subarray(i + 46, i + 46 + name.length).equals(name)) {
        bytes.writeUInt32LE(100, i + 24);
        patched++;
      }
    }
    expect(patched).toBe(1);
    await writeFile(path, bytes);
    const before = await tableSnapshot(ws);
    const err = await importFiles(ws, [path]).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).message).toContain('lying.xlsx');
    expect((err as UserError).message).toContain('解压后超过其声明的 100 字节');
    expect((err as UserError).message).toContain('ZIP 炸弹');
    expect(await tableSnapshot(ws)).toBe(before);
  });

  it('a returned 评分表 goes through the same guards: a sheet declaring 80 MB is refused from its zip directory, fast', async () => {
    const { default: JSZip } = await import('jszip');
    const { readSubmission } = await import('../indicators/review/read-submission.js');
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
    zip.file('xl/worksheets/sheet1.xml', Buffer.alloc(80 * 1024 ** 2, 0x20));
    const path = join(dir, '自评表_炸弹.xlsx');
    await writeFile(path, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    const started = Date.now();
    const err = await readSubmission(path, '自评表_炸弹.xlsx').then(() => undefined, (e: unknown) => e as UserError);
    expect(err?.code).toBe('SUBMISSION_INVALID');
    expect(err?.message).toContain('ZIP 炸弹');
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
