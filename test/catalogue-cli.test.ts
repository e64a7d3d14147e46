// The catalogue, self-score and review commands through the CLI entry point, on files written to disk.
import { beforeAll, describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { main } from '../cli/main.js';
import type { Io } from '../cli/cli-io.js';
import { activeCatalogue } from '../indicators/catalogue/load-catalogue.js';
import { buildSampleWorkspace } from './helpers/sample-workspace.js';

let wsPath: string;
let dir: string;
const def = activeCatalogue();

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '', err = '';
  const io: Io = { out: (t) => void (out += t + '\n'), err: (t) => void (err += t + '\n') };
  const code = await main(argv, io);
  return { code, out, err };
}

async function file(name: string, doc: unknown): Promise<string> {
  const p = join(dir, name);
  await writeFile(p, JSON.stringify(doc, null, 2));
  return p;
}

const municipal = {
  layer: { level: 'municipal', entity: 'city', id: 'cq-2025', version: '1', name: '重庆市细化' },
  base: { id: def.id, version: def.version },
  // C4: the sample's 目标责任书 sign C1–C3 targets, which take precedence over any layer
  change: [{ id: 'C4', target: { kind: 'value', value: 150 } }],
  add: [{ id: 'M1', name: '数据共享部门数（自评）', nameEn: 'Manual', dimension: 'B', scope: ['district'], unit: '个', decimals: 0,
    direction: 'higher_better', target: { kind: 'value', value: 5 }, points: 3, rule: { type: 'manual' }, datasets: [] }],
};
const district = {
  layer: { level: 'district', entity: '500112', id: 'yb-2025', version: '1', name: '渝北区细化' },
  base: { id: 'cq-2025', version: '1' },
  retire: [{ id: 'C3', reason: '并入C2考核' }],
};

beforeAll(async () => {
  const s = await buildSampleWorkspace();
  wsPath = s.ws.path;
  dir = s.dir;
  await s.ws.close();
});

describe('catalogue lint|show|diff over layer files', () => {
  it('lints a stack of layers, each against the ones below', async () => {
    const m = await file('cq.json', municipal);
    const d = await file('yb.json', district);
    const r = await run('catalogue', 'lint', m, d, '--json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.results.map((x: { file: string }) => x.file)).toEqual(['cq.json', 'yb.json']);
    // the district layer alone does not fit the national default (its base is the municipal layer)
    const alone = await run('catalogue', 'lint', d, '--json');
    expect(alone.code).toBe(2);
    expect(JSON.parse(alone.out).results[0].findings).toContainEqual(expect.objectContaining({ entry: 'yb-2025', field: 'base' }));
  });

  it('refuses a layer with an unknown measure in an expression, naming entry and field (exit 2)', async () => {
    const bad = await file('bad.json', { ...municipal, change: [{ id: 'C1', expression: 'air.pm25_annual_mean - air.nope' }] });
    const r = await run('catalogue', 'lint', bad, '--json');
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out).results[0].findings).toContainEqual(expect.objectContaining({ level: 'error', entry: 'C1', field: 'expression', message: expect.stringContaining('air.nope') }));
    const text = await run('catalogue', 'lint', bad);
    expect(text.out).toContain('air.nope');
  });

  it('diff lists what the last layer changed, field by field; show prints the effective catalogue', async () => {
    const m = join(dir, 'cq.json');
    const diff = await run('catalogue', 'diff', m, '--json');
    expect(diff.code).toBe(0);
    expect(JSON.parse(diff.out).diff).toEqual([
      expect.objectContaining({ entry: 'C4', field: 'target', change: '修改', after: { kind: 'value', value: 150 } }),
      expect.objectContaining({ entry: 'M1', change: '新增' }),
    ]);
    const dd = await run('catalogue', 'diff', m, join(dir, 'yb.json'), '--json');
    expect(JSON.parse(dd.out).diff).toEqual([expect.objectContaining({ entry: 'C3', change: '停用' })]);
    const show = await run('catalogue', 'show', m, join(dir, 'yb.json'), '--json');
    const c = JSON.parse(show.out);
    expect(c.indicators.map((i: { id: string }) => i.id)).toContain('M1');
    expect(c.indicators.map((i: { id: string }) => i.id)).not.toContain('C3');
    expect(c.layers.map((l: { id: string }) => l.id)).toEqual(['cq-2025', 'yb-2025']);
  });
});

describe('layers in a workspace, self-score and review through the CLI', () => {
  it('add refuses a misfit layer with exit 2 and writes nothing; adds the stack; compute and score follow', async () => {
    const misfit = await run('catalogue', 'add', wsPath, join(dir, 'yb.json'), '--json');
    expect(misfit.code).toBe(2);
    expect(JSON.parse(misfit.out)).toMatchObject({ ok: false, errors: [expect.objectContaining({ file: 'yb.json', column: 'yb-2025.base' })] });
    expect(JSON.parse((await run('catalogue', 'layers', wsPath, '--json')).out).layers).toEqual([]);

    expect((await run('catalogue', 'add', wsPath, join(dir, 'cq.json'))).code).toBe(0);
    expect((await run('catalogue', 'add', wsPath, join(dir, 'yb.json'), '--json')).code).toBe(0);
    const layers = JSON.parse((await run('catalogue', 'layers', wsPath, '--json')).out).layers;
    expect(layers.map((l: { id: string; active: boolean }) => [l.id, l.active])).toEqual([['cq-2025', true], ['yb-2025', true]]);
    expect((await run('compute', wsPath, '--year', '2025')).code).toBe(0);

    const score = JSON.parse((await run('score', wsPath, '--year', '2025', '--entity', '500112', '--json')).out).sheets[0];
    const ids = score.items.map((i: { indicator: string }) => i.indicator);
    expect(ids).toContain('M1');
    expect(ids).not.toContain('C3'); // retired for this district only
    const c4 = score.items.find((i: { indicator: string }) => i.indicator === 'C4');
    expect(c4).toMatchObject({ target: 150, ruleText: expect.any(String) });
    const other = JSON.parse((await run('score', wsPath, '--year', '2025', '--entity', '500103', '--json')).out).sheets[0];
    expect(other.items.map((i: { indicator: string }) => i.indicator)).toContain('C3');
  });

  it('self-score and review round-trip through the workspace file', async () => {
    const set = await run('self-score', wsPath, '--year', '2025', '--entity', '500112', '--indicator', 'M1', '--score', '2', '--evidence', '共享协议3份', '--json');
    expect(set.code).toBe(0);
    const rev = await run('review', wsPath, '--year', '2025', '--entity', '500112', '--indicator', 'M1', '--score', '1.5', '--note', '一份协议过期');
    expect(rev.code).toBe(0);
    expect(rev.out).toContain('审核 1.5');
    const score = JSON.parse((await run('score', wsPath, '--year', '2025', '--entity', '500112', '--json')).out).sheets[0];
    expect(score.items.find((i: { indicator: string }) => i.indicator === 'M1')).toMatchObject({
      points: 2, selfScore: 2, reviewScore: 1.5, reviewNote: '一份协议过期', evidence: '共享协议3份', status: '已自评',
    });
    expect(score.review).toMatchObject({ reviewed: 1 });
    const tooMuch = await run('self-score', wsPath, '--year', '2025', '--entity', '500112', '--indicator', 'M1', '--score', '9', '--json');
    expect(tooMuch.code).toBe(2);
    expect(JSON.parse(tooMuch.out).message).toContain('0至3分');
  });
});
