// The desktop shell's recent-workspaces list: newest first, each path once, at most ten, and a missing or
// damaged list file starts a fresh list instead of stopping the app.
import { describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { addRecent, readRecent } from '../electron/recent-files.js';
import { tempDir } from './helpers/sample-workspace.js';

describe('recent workspaces', () => {
  it('keeps the newest first, each once, at most ten', async () => {
    const file = join(await tempDir(), 'recent.json');
    expect(await readRecent(file)).toEqual([]);
    for (let i = 0; i < 12; i++) await addRecent(file, `/data/ws${i}.duckdb`);
    await addRecent(file, '/data/ws5.duckdb');
    const list = await readRecent(file);
    expect(list).toHaveLength(10);
    expect(list[0]).toBe(resolve('/data/ws5.duckdb'));
    expect(list.filter((p) => p.endsWith('ws5.duckdb'))).toHaveLength(1);
    expect(list).not.toContain(resolve('/data/ws0.duckdb'));
  });

  it('starts afresh from a damaged list file', async () => {
    const file = join(await tempDir(), 'recent.json');
    await writeFile(file, '{ not json');
    expect(await readRecent(file)).toEqual([]);
    expect(await addRecent(file, 'a.duckdb')).toEqual([resolve('a.duckdb')]);
  });
});
