// A GB18030 file is read through a UTF-8 copy in the workspace's spill folder. The copy is removed when the import
// ends, well or badly; one left by a killed process is removed the next time the workspace is opened for writing.
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Workspace } from '../analytics/workspace.js';
import { importFiles } from '../analytics/import/import-files.js';
import { importScratchDirectory } from '../analytics/workspace-memory.js';
import { STATIONS, stationWorkspace } from './helpers/station-workspace.js';
import { writeCsv } from './helpers/files.js';
import iconv from 'iconv-lite';

const scratchFolders = async (ws: string) => (await readdir(`${ws}.tmp`).catch(() => [] as string[])).filter((n) => n.startsWith('import-'));

describe('import scratch files', () => {
  it('lie in the workspace spill folder, and none is left after a good or a refused GB18030 import', async () => {
    const { dir, ws } = await stationWorkspace();
    try {
      const scratch = await importScratchDirectory(ws.path);
      expect(dirname(scratch)).toBe(`${ws.path}.tmp`);
      expect(await scratchFolders(ws.path)).toHaveLength(1);
      await writeFile(join(scratch, 'utf8.csv'), 'x');
      const hourly = await writeCsv(join(dir, '小时.csv'), [
        ['站点编码', '监测时间', '污染物', '浓度'],
        ['1801A', '2025-01-01 01:00', 'PM2.5', 35],
        ['1802A', '2025-01-01 01:00', 'PM2.5', 40],
      ], 'gb18030');
      const r = await importFiles(ws, [hourly]);
      expect(r.batches[0]!.rows).toBe(2);
      // Only the folder made above remains: the import removed its own.
      expect(await scratchFolders(ws.path)).toEqual([scratch.split('/').at(-1)]);
      // Not GB18030 past the header: refused, and its copy removed all the same.
      // Good GB18030 lines past the part read to detect the encoding, then bytes that are no GB18030 at all.
      const bad = join(dir, '坏小时.csv');
      const good = Array.from({ length: 40_000 }, (_, i) => `1801A,2025-02-${String(1 + (i % 28)).padStart(2, '0')} ${String(1 + (i % 23)).padStart(2, '0')}:00,PM10,${i % 90}\n`);
      await writeFile(bad, Buffer.concat([iconv.encode(`站点编码,监测时间,污染物,浓度\n${good.join('')}`, 'gb18030'), Buffer.from('1801A,2025-03-01 01:00,PM10,\xff\xff\n', 'latin1')]));
      await expect(importFiles(ws, [bad])).rejects.toThrow(/坏小时\.csv[\s\S]*无法按 GB18030 解码/);
      expect(await scratchFolders(ws.path)).toHaveLength(1);
    } finally {
      await ws.close();
    }
  });

  it('a copy left by a killed import is removed when the workspace is next opened for writing, not when opened read-only', async () => {
    const { ws } = await stationWorkspace(STATIONS);
    const path = ws.path;
    await ws.close();
    const left = join(`${path}.tmp`, 'import-Ab12Cd');
    await mkdir(left, { recursive: true });
    await writeFile(join(left, 'utf8.csv'), '站点编码,监测时间\n');
    const other = join(`${path}.tmp`, 'keep-me.txt');
    await writeFile(other, 'not ours');

    const readOnly = await Workspace.open(path, { readOnly: true });
    await readOnly.close();
    expect(existsSync(left)).toBe(true);

    const again = await Workspace.open(path);
    try {
      expect(existsSync(left)).toBe(false);
      expect(existsSync(other)).toBe(true);
    } finally {
      await again.close();
    }
  });
});
