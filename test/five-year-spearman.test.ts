// The trend test of the five-year evaluation: Spearman's ρ over the years with average ranks for ties, and
// its significance at 0.05 (n = 5: |ρ| ≥ 0.9), against examples worked by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Workspace } from '../analytics/workspace.js';
import { spearmanSql } from '../indicators/five-year/spearman.js';
import { tempDir } from './helpers/sample-workspace.js';

let ws: Workspace;
beforeAll(async () => {
  ws = await Workspace.create(join(await tempDir(), 'spearman.duckdb'));
});
afterAll(async () => {
  await ws.close();
});

async function trend(series: Record<string, (number | null)[]>) {
  const rows = Object.entries(series).flatMap(([k, vs]) => vs.map((v, i) => `('${k}', ${2021 + i}, ${v === null ? 'NULL' : v}::DOUBLE)`));
  const out = await ws.all<{ k: string; n: number; rho: number | null; significant: boolean }>(
    `SELECT k, n, rho, significant FROM ${spearmanSql(`(VALUES ${rows.join(', ')}) s(k, year, value)`, ['k'])} ORDER BY k`);
  return Object.fromEntries(out.map((r) => [r.k, r]));
}

describe('Spearman trend over the years', () => {
  it('ties take the average rank: 40, 38, 38, 35, 36 → ρ = −8.5/√95 ≈ −0.8721, not significant', async () => {
    // value ranks 5, 3.5, 3.5, 1, 2 against 1…5: Σ(dx·dy) = −8.5, Σdx² = 10, Σdy² = 9.5
    const { a } = await trend({ a: [40, 38, 38, 35, 36] });
    expect(a!.n).toBe(5);
    expect(a!.rho).toBeCloseTo(-8.5 / Math.sqrt(95), 4);
    expect(a!.significant).toBe(false);
  });

  it('a steady fall is ρ = −1 and significant; one swap (Σd² = 2) is ρ = 0.9, exactly at the 0.05 bound', async () => {
    const r = await trend({ fall: [40, 38, 37, 35, 33], swap: [30, 31, 33, 32, 35] });
    expect(r.fall).toMatchObject({ n: 5, rho: -1, significant: true });
    expect(r.swap).toMatchObject({ n: 5, rho: 0.9, significant: true });
  });

  it('Σd² = 4 gives ρ = 0.8, not significant with five years', async () => {
    // ranks 2, 1, 3, 5, 4 → d = 1, −1, 0, 1, −1
    const { b } = await trend({ b: [31, 30, 33, 36, 35] });
    expect(b).toMatchObject({ n: 5, rho: 0.8, significant: false });
  });

  it('a missing year leaves n = 4 (bound 1.0); a constant series has no ρ', async () => {
    const r = await trend({ gap: [40, null, 38, 36, 35], flat: [5, 5, 5, 5, 5], gap2: [40, null, 36, 38, 35] });
    expect(r.gap).toMatchObject({ n: 4, rho: -1, significant: true });
    expect(r.gap2!.n).toBe(4);
    expect(r.gap2!.rho).toBeCloseTo(-0.8, 4);
    expect(r.gap2!.significant).toBe(false);
    expect(r.flat).toMatchObject({ n: 5, rho: null, significant: false });
  });
});
