// The workspace's statement helpers: one() gives the first row (or none) with BIGINT as numbers, and a write in
// its statement completes even though only the first row is read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Workspace } from '../analytics/workspace.js';

let ws: Workspace;
beforeAll(async () => { ws = await Workspace.open(':memory:'); });
afterAll(async () => { await ws.close(); });

describe('Workspace.one', () => {
  it('gives the first row, BIGINT as a number, or undefined when there is none', async () => {
    expect(await ws.one('SELECT range AS n, range * 2 AS m FROM range(500000) ORDER BY n DESC')).toEqual({ n: 499999, m: 999998 });
    expect(await ws.one('SELECT 1 AS n WHERE false')).toBeUndefined();
  });

  it('runs its statement to the end: every row of an INSERT … RETURNING is written', async () => {
    await ws.run('CREATE TABLE t (n BIGINT)');
    const first = await ws.one<{ n: number }>('INSERT INTO t SELECT range FROM range(10000) RETURNING n');
    expect(first?.n).toBe(0);
    expect(await ws.one('SELECT count(*) AS c FROM t')).toEqual({ c: 10000 });
  });
});
