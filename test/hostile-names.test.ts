// Names from outside (issue 17, finding 9): control and bidi characters in a cell are refused with the row named
// and shown escaped (\uXXXX) in every refusal the service returns and on the terminal; names Windows cannot have
// and over-long names refused for the files and folders we write, before anything is written.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Workspace } from '../analytics/workspace.js';
import { createService, type Service } from '../service/zonetrack-service.js';
import { fileNameProblem, shownText } from '../analytics/names.js';
import { processIo, writeErrorList } from '../cli/cli-io.js';
import { UserError } from '../analytics/errors.js';
import { tempDir } from './helpers/sample-workspace.js';

const ESC = String.fromCharCode(27);
const RLO = '\u202E';
let dir: string;
let ws: Workspace;
let service: Service;

beforeAll(async () => {
  dir = await tempDir();
  ws = await Workspace.create(join(dir, 'ws.duckdb'));
  service = createService(ws, { log: () => undefined });
});
afterAll(async () => ws?.close());

const UH = '管控单元编码,管控单元名称,管控单元类别,区县代码,成果版本\r\n';

describe('names in data', () => {
  it('a unit name with U+202E or an escape sequence is refused with its row and column, the value shown escaped', async () => {
    const file = join(dir, 'units.csv');
    await writeFile(file, `${UH}ZH50010120001,渝中区重点单元,2,500103,2026\r\nZH50010120002,${RLO}元单点重,2,500103,2026\r\nZH50010120003,单元${ESC}[2J清屏,2,500103,2026\r\n`);
    const r = await service.dispatch('import/files', { paths: [file] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('IMPORT_REFUSED');
    const rows = r.error.rowErrors!.filter((e) => e.column === '管控单元名称');
    expect(rows.map((e) => e.row)).toEqual([2, 3]);
    expect(rows[0]!.reason).toContain('双向文本控制字符');
    expect(rows[0]!.value).toBe('\\u202E元单点重');
    expect(rows[1]!.value).toBe('单元\\u001B[2J清屏');
    expect(JSON.stringify(r.error)).not.toContain(RLO);
    expect(JSON.stringify(r.error)).not.toContain(ESC);
    expect((await ws.all('SELECT * FROM import_batches')).length).toBe(0);
  });

  it('a file whose name holds U+202E is named escaped in the refusal', async () => {
    const file = join(dir, `cod${RLO}vsc.csv`);
    await writeFile(file, '甲,乙\r\n1,2\r\n');
    const r = await service.dispatch('import/files', { paths: [file] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message).toContain('cod\\u202Evsc.csv');
    expect(r.error.message).not.toContain(RLO);
  });
});

describe('names of files and folders we write', () => {
  it('says what is wrong with device names, long names and hidden characters, and accepts ordinary ones', () => {
    expect(fileNameProblem('CON.csv')).toContain('设备名');
    expect(fileNameProblem('com1.xlsx')).toContain('设备名');
    expect(fileNameProblem('AUX')).toContain('设备名');
    expect(fileNameProblem(`${'长'.repeat(196)}.csv`)).toContain('文件名过长（200 个字符，共 592 字节');
    expect(fileNameProblem(`a${RLO}b.csv`)).toContain('U+202E');
    expect(fileNameProblem('a:b.csv')).toContain('Windows 不允许');
    expect(fileNameProblem('报告.')).toContain('以点或空格结尾');
    for (const ok of ['2025年报告.docx', 'CONTROL.csv', 'nul2.csv', `${'长'.repeat(70)}.xlsx`]) expect(fileNameProblem(ok), ok).toBeNull();
  });

  it('an output folder named NUL or too long is refused before anything is written', async () => {
    for (const name of ['NUL', `${'报'.repeat(120)}`]) {
      const out = join(dir, name);
      const r = await service.dispatch('reports/generate', { year: 2025, entity: '500103', outDir: out });
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.error.code).toBe('BAD_FILE_NAME');
      expect(r.error.message).toContain('输出文件夹');
      expect(existsSync(out)).toBe(false);
    }
  });

  it('an error list named CON.csv is refused (--errors-out)', async () => {
    const e = await writeErrorList(join(dir, 'CON.csv'), []).then(() => undefined, (x: unknown) => x);
    expect(e).toBeInstanceOf(UserError);
    expect((e as UserError).message).toContain('设备名');
    expect(existsSync(join(dir, 'CON.csv'))).toBe(false);
  });
});

describe('the terminal', () => {
  it('prints escape sequences, NUL and U+202E as \\uXXXX, keeping line breaks', () => {
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      processIo.out(`单元${ESC}[2J\u0000${RLO}甲\n第二行`);
      expect(write).toHaveBeenCalledWith('单元\\u001B[2J\\u0000\\u202E甲\n第二行\n');
    } finally {
      write.mockRestore();
    }
    expect(shownText('{"a":"x\u202Ey"}')).toBe('{"a":"x\\u202Ey"}');
    expect(JSON.parse(shownText('{"a":"x\u202Ey"}'))).toEqual({ a: `x${RLO}y` });
  });
});
