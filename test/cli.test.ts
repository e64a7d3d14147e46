// The CLI contract (shared/design/cli.md): --json prints exactly one JSON document, exit codes 0/1/2,
// refusals in Chinese with file/row/column, unknown flags refused.
import { beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { main } from '../cli/main.js';
import type { Io } from '../cli/cli-io.js';
import { buildSampleWorkspace } from './helpers/sample-workspace.js';
import { writeCsv } from './helpers/files.js';

let wsPath: string;
let dir: string;

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '', err = '';
  const io: Io = { out: (t) => void (out += t + '\n'), err: (t) => void (err += t + '\n') };
  const code = await main(argv, io);
  return { code, out, err };
}

beforeAll(async () => {
  const s = await buildSampleWorkspace();
  wsPath = s.ws.path;
  dir = s.dir;
  await s.ws.close();
});

describe('zonetrack CLI', () => {
  it('value --json gives the documented shape, with the batches behind the value', async () => {
    const r = await run('value', wsPath, '--indicator', 'C1', '--entity', '500103', '--year', '2025', '--json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    for (const k of ['indicator', 'entity', 'year', 'value', 'numerator', 'denominator', 'target', 'status', 'points', 'maxPoints', 'completeness', 'batches']) {
      expect(doc).toHaveProperty(k);
    }
    expect(doc).toMatchObject({ indicator: 'C1', entity: '500103', year: 2025, maxPoints: 5 });
    expect(typeof doc.value).toBe('number');
    expect(doc.batches.some((b: { sha256: string }) => /^[0-9a-f]{64}$/.test(b.sha256))).toBe(true);
  });

  it('value answers a measure for a unit with city sites inside it (and 无站点 for one without)', async () => {
    const { Workspace } = await import('../analytics/workspace.js');
    const ws = await Workspace.open(wsPath);
    const unit = (await ws.one<{ unit_code: string }>("SELECT unit_code FROM air_stations WHERE is_city_site AND unit_code IS NOT NULL AND district_code = '500112' LIMIT 1"))!.unit_code;
    const bare = (await ws.one<{ unit_code: string }>('SELECT unit_code FROM units WHERE unit_code NOT IN (SELECT unit_code FROM air_stations WHERE unit_code IS NOT NULL) LIMIT 1'))!.unit_code;
    await ws.close();
    const r = await run('value', wsPath, '--indicator', 'air.pm25_24h_p95', '--entity', unit, '--year', '2025', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ indicator: 'air.pm25_24h_p95', entity: unit, entityLevel: 'unit', status: '有效' });
    expect(typeof JSON.parse(r.out).value).toBe('number');
    const none = JSON.parse((await run('value', wsPath, '--indicator', 'air.pm25_annual_mean', '--entity', bare, '--year', '2025', '--json')).out);
    expect(none).toMatchObject({ value: null, status: '无站点' });
  });

  it('score --json gives sheets with items, total and grade', async () => {
    const r = await run('score', wsPath, '--year', '2025', '--json');
    expect(r.code).toBe(0);
    const { sheets } = JSON.parse(r.out);
    expect(sheets.map((s: { entity: string }) => s.entity).sort()).toContain('500112');
    const ids = sheets[0].items.map((i: { indicator: string }) => i.indicator);
    expect(ids.slice(0, 2)).toEqual(['A1', 'A2']); // in catalogue order
    expect(ids).toEqual(expect.arrayContaining(['C1', 'C2', 'C3', 'C5', 'D2', 'D4']));
    expect(['优秀', '良好', '合格', '不合格']).toContain(sheets[0].grade);
  });

  it('import of a malformed file exits 2 with {ok:false, errors:[{file,row,column,value,reason}]} and writes nothing', async () => {
    const bad = await writeCsv(join(dir, 'bad.csv'), [['站点编码', '监测时间', '污染物', '浓度'], ['NOPE', '2025-01-01 01:00', 'PM2.5', '10']]);
    const before = JSON.parse((await run('batches', wsPath, '--json')).out);
    const errorsOut = join(dir, '错误清单.csv');
    const r = await run('import', wsPath, bad, '--json', '--errors-out', errorsOut);
    expect(r.code).toBe(2);
    const list = await readFile(errorsOut, 'utf8');
    expect(list.startsWith('\ufeff文件,行,文件行号,列,值,原因')).toBe(true);
    expect(list).toContain('bad.csv,1,2,站点编码,NOPE,');
    const doc = JSON.parse(r.out);
    expect(doc.ok).toBe(false);
    expect(doc.errors[0]).toMatchObject({ file: 'bad.csv', row: 1, column: '站点编码', value: 'NOPE' });
    expect(doc.errors[0].reason).toMatch(/站点编码/);
    expect(JSON.parse((await run('batches', wsPath, '--json')).out)).toEqual(before);
  });

  it('refuses unknown flags and bad values with a usage message (exit 2)', async () => {
    const r = await run('compute', wsPath, '--yeer', '2025');
    expect(r.code).toBe(2);
    expect(r.err).toContain('用法错误');
    expect((await run('compute', wsPath, '--year', 'abc')).code).toBe(2);
    expect((await run('frobnicate')).code).toBe(2);
  });

  it('batches lists each batch with its status; --remove needs a reason and refuses a batch still in use', async () => {
    const list = JSON.parse((await run('batches', wsPath, '--json')).out);
    const stations = list.find((b: { dataset: string }) => b.dataset === 'air_stations');
    expect(stations).toMatchObject({ status: '有效', active: true });
    expect((await run('batches', wsPath, '--remove', String(stations.id))).code).toBe(2);
    const inUse = await run('batches', wsPath, '--remove', String(stations.id), '--reason', '测试', '--json');
    expect(inUse.code).toBe(2);
    expect(JSON.parse(inUse.out).code).toBe('BATCH_IN_USE');
  });

  it('init refuses to overwrite a workspace', async () => {
    const r = await run('init', wsPath);
    expect(r.code).toBe(2);
    expect(r.err).toContain('已存在');
  });

  it('report writes the .docx and .xlsx and prints their paths', async () => {
    const r = await run('report', wsPath, '--year', '2025', '--entity', '500103', '--out', join(dir, 'rep'), '--json');
    expect(r.code).toBe(0);
    const { files } = JSON.parse(r.out);
    expect(existsSync(files[0].docx)).toBe(true);
    expect(existsSync(files[0].xlsx)).toBe(true);
    // reports lists what was generated, with the run it came from
    const listed = JSON.parse((await run('reports', wsPath, '--year', '2025', '--json')).out).files;
    expect(listed.map((f: { path: string }) => f.path)).toEqual([files[0].xlsx, files[0].docx]);
    const table = await run('reports', wsPath);
    expect(table.out).toContain(files[0].docx);
    expect(table.out).toContain('有效');
  });

  it('the installed bin answers --help (after the build that npm ci runs)', async () => {
    if (!existsSync('dist/cli/run.js')) throw new Error('dist/ 不存在：请先运行 npm run build（npm ci 会自动构建）');
    const { stdout } = await promisify(execFile)(process.execPath, ['bin/zonetrack.js', '--help']);
    expect(stdout).toContain('zonetrack import WS FILE…');
  });
});


describe('saved header mappings', () => {
  it('a header mapped once is recognised in the next file without asking again', async () => {
    const header = ['站点编码', '监测时间', '污染物', '浓度数值'];
    const first = await writeCsv(join(dir, 'm1.csv'), [header, ['1801A', '2030-01-01 01:00', 'PM2.5', '30']]);
    const refused = await run('import', wsPath, first, '--json', '--dry-run');
    expect(refused.code).toBe(2);
    expect(JSON.parse(refused.out).errors[0]).toMatchObject({ row: 0, column: '浓度' });
    expect((await run('import', wsPath, first, '--dataset', 'air_hourly', '--map', '浓度数值=nope')).code).toBe(2);
    const second = await writeCsv(join(dir, 'm2.csv'), [header, ['NOSUCH', '2025-01-01 01:00', 'PM2.5', '30']]);
    // a dry run writes nothing, the mapping included
    expect((await run('import', wsPath, first, '--dataset', 'air_hourly', '--map', '浓度数值=value', '--dry-run', '--json')).code).toBe(2);
    expect(JSON.parse((await run('import', wsPath, second, '--json', '--dry-run')).out).errors[0]).toMatchObject({ row: 0, column: '浓度' });
    const mapped = await run('import', wsPath, first, '--dataset', 'air_hourly', '--map', '浓度数值=value', '--json');
    expect(mapped.code).toBe(2); // 2030 lies in the future: refused, but the mapping stays
    const again = JSON.parse((await run('import', wsPath, second, '--json', '--dry-run')).out);
    expect(again.errors[0]).toMatchObject({ column: '站点编码', value: 'NOSUCH' }); // header understood; the row checked
  });
});

describe('catalogue', () => {
  it('lint passes the built-in catalogue (with a warning that points are partial) and names entry and field of a bad one', async () => {
    const ok = await run('catalogue', 'lint', '--json');
    expect(ok.code).toBe(0);
    const builtIn = JSON.parse(ok.out).results[0];
    expect(builtIn.findings.every((f: { level: string }) => f.level === 'warning')).toBe(true);
    const { readFile: rf, writeFile } = await import('node:fs/promises');
    const doc = JSON.parse(await rf('indicators/catalogue/default-2025.json', 'utf8'));
    doc.indicators[0].measure = 'air.nonsense';
    doc.indicators[1].id = doc.indicators[0].id;
    const bad = join(dir, 'bad-catalogue.json');
    await writeFile(bad, JSON.stringify(doc));
    const r = await run('catalogue', 'lint', bad, '--json');
    expect(r.code).toBe(2);
    const errors = JSON.parse(r.out).results[0].findings.filter((f: { level: string }) => f.level === 'error');
    expect(errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ entry: doc.indicators[0].id, field: 'measure' }),
      expect.objectContaining({ field: 'id' }),
    ]));
  });
  it('show lists the indicators with their rules', async () => {
    const r = await run('catalogue', 'show');
    expect(r.code).toBe(0);
    expect(r.out).toContain('PM2.5年均浓度');
    expect(r.out).toContain('每高于目标1微克/立方米扣0.5分');
  });
});
