// A workspace opened without options gets a bounded DuckDB memory limit and spills to a folder beside its file;
// ZONETRACK_MEMORY_LIMIT and the memoryLimit option override the default (in that order of strength).
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Workspace } from '../analytics/workspace.js';
import { MEMORY_LIMIT_ENV, defaultMemoryLimit } from '../analytics/workspace-memory.js';
import { tempDir } from './helpers/sample-workspace.js';

const GiB = 1024 ** 3;

/** DuckDB shows memory_limit as e.g. "2.0 GiB" or "600.0 MiB"; in bytes. */
function bytes(text: string): number {
  const m = /^([\d.]+)\s*(KiB|MiB|GiB|TiB)$/.exec(text.trim());
  if (!m) throw new Error(`unexpected memory_limit ${text}`);
  return Number(m[1]) * 1024 ** (['KiB', 'MiB', 'GiB', 'TiB'].indexOf(m[2]!) + 1);
}

async function setting(ws: Workspace, name: string): Promise<string> {
  return (await ws.one<{ v: string }>('SELECT current_setting($n)::VARCHAR AS v', { n: name }))!.v;
}

const saved = process.env[MEMORY_LIMIT_ENV];
afterEach(() => {
  if (saved === undefined) delete process.env[MEMORY_LIMIT_ENV];
  else process.env[MEMORY_LIMIT_ENV] = saved;
});

describe('workspace memory limit', () => {
  it('defaults to min(2 GiB, 40 % of RAM), at least 512 MiB', () => {
    expect(defaultMemoryLimit(64 * GiB)).toBe('2048MiB');
    expect(defaultMemoryLimit(4 * GiB)).toBe(`${Math.floor(4 * 1024 * 0.4)}MiB`);
    expect(defaultMemoryLimit(1 * GiB)).toBe('512MiB');
  });

  it('a workspace opened without options has the default limit and its temp folder beside the file', async () => {
    delete process.env[MEMORY_LIMIT_ENV];
    const path = join(await tempDir(), 'mem.duckdb');
    const ws = await Workspace.create(path);
    try {
      expect(bytes(await setting(ws, 'memory_limit'))).toBeCloseTo(bytes(defaultMemoryLimit().replace('MiB', ' MiB')), -6);
      expect(await setting(ws, 'temp_directory')).toBe(`${path}.tmp`);
    } finally {
      await ws.close();
    }
  });

  it('ZONETRACK_MEMORY_LIMIT overrides the default, the option overrides both; a query larger than the limit spills and succeeds', async () => {
    process.env[MEMORY_LIMIT_ENV] = '96MiB';
    const path = join(await tempDir(), 'spill.duckdb');
    let ws = await Workspace.create(path);
    try {
      expect(bytes(await setting(ws, 'memory_limit'))).toBe(96 * 1024 ** 2);
      // ~4 M distinct 32-character strings: far more than 96 MiB in a hash table, so DuckDB must spill.
      const r = await ws.one<{ n: number }>(
        'SELECT count(*) AS n FROM (SELECT md5(range::VARCHAR) AS s, count(*) FROM range(4000000) GROUP BY s)');
      expect(r!.n).toBe(4_000_000);
      expect(existsSync(`${path}.tmp`)).toBe(true);
    } finally {
      await ws.close();
    }
    ws = await Workspace.open(path, { memoryLimit: '300MiB' });
    try {
      expect(bytes(await setting(ws, 'memory_limit'))).toBe(300 * 1024 ** 2);
    } finally {
      await ws.close();
    }
  });
});
