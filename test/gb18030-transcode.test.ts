// GB18030 files are transcoded to UTF-8 in pieces cut at line breaks, ASCII pieces copied as they are: the
// copy must equal a whole-file decode whatever falls on a piece boundary, and a bad byte must stop it.
import { describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { transcodeToUtf8 } from '../analytics/import/text-encoding.js';
import { tempDir } from './helpers/sample-workspace.js';

describe('GB18030 → UTF-8 copy', () => {
  it('equals a whole-file decode across piece boundaries, Chinese lines among long ASCII stretches', async () => {
    const dir = await tempDir();
    const lines: string[] = [];
    // ~10 MB: several 4 MB read chunks; a Chinese line every so often, some lines without a line break at the end
    for (let i = 0; i < 300_000; i++) {
      lines.push(i % 4999 === 0 ? `渝中区解放碑站,${i},PM₂.₅,“有效”,𠀀` : `1801A,2025-01-01 01:00,PM2.5,${i % 97}.0,`);
    }
    const text = `站点编码,监测时间,污染物,浓度,数据标记\r\n${lines.join('\n')}\n最后一行没有换行`;
    const from = join(dir, 'gb.csv');
    await writeFile(from, iconv.encode(text, 'gb18030'));
    const to = join(dir, 'utf8.csv');
    await transcodeToUtf8(from, to);
    expect((await readFile(to)).equals(Buffer.from(text, 'utf8'))).toBe(true);
  });

  it('stops at bytes that are not GB18030, saying about where', async () => {
    const dir = await tempDir();
    const from = join(dir, 'bad.csv');
    const good = iconv.encode('站点编码,浓度\n'.repeat(10), 'gb18030');
    await writeFile(from, Buffer.concat([good, Buffer.from([0x31, 0xff, 0x30, 0x0a])]));
    await expect(transcodeToUtf8(from, join(dir, 'out.csv'))).rejects.toThrow("第 11 行");
  });
});
