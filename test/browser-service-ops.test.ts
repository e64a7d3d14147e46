// The read-only operations and the file routes that the browser UI relies on, over a real sample workspace:
// paged source records of a value, the unit list, the overview, uploads into the workspace's folder and
// downloads confined to its report folder.
import { describe, expect, it } from 'vitest';
import { readFile, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { TEST_DISTRICTS, type SampleWorkspace } from './helpers/sample-workspace.js';
import { directApi, type PageServer, serveSample } from './helpers/browser.js';
import type { Service } from '../service/zonetrack-service.js';
import { unitsInForceSql } from '../analytics/units/unit-plans.js';

const YEAR = 2025;
let sample: SampleWorkspace;
let service: Service;
let server: PageServer;

serveSample({ browser: false, timeoutMs: 180_000 }, (s) => ({ sample, service, pages: server } = s));

const api = directApi(() => service);

describe('lineage/records', () => {
  it('pages the records of a district value\'s batch, restricted to the district\'s city sites and the year', async () => {
    const entity = TEST_DISTRICTS[0]!;
    const value = await api('indicators/value', { indicator: 'C1', entity, year: YEAR });
    const hourly = value.batches.find((b) => b.dataset === 'air_hourly')!;
    expect(hourly).toBeDefined();
    const expected = await sample.ws.one<{ n: number }>(`
      SELECT count(*) AS n FROM air_hourly h JOIN air_stations s USING (station_code)
      WHERE h.batch_id = ${hourly.id} AND s.district_code = '${entity}' AND s.is_city_site AND h.time > TIMESTAMP '${YEAR}-01-01 00:00:00'
        AND h.time <= TIMESTAMP '${YEAR + 1}-01-01 00:00:00'`);
    const args = { indicator: 'C1', entity, year: YEAR, batch: hourly.id };
    const p1 = await api('lineage/records', { ...args, offset: 0, limit: 20 });
    const p2 = await api('lineage/records', { ...args, offset: 20, limit: 20 });
    expect(p1.total).toBe(expected!.n);
    expect(p1.total).toBeGreaterThan(40);
    expect(p1.rows).toHaveLength(20);
    expect(p1.columns[0]).toEqual({ name: 'src_row', label: '源数据行号' });
    const rowsOf = (p: typeof p1) => p.rows.map((r) => Number(r[0]));
    const all = [...rowsOf(p1), ...rowsOf(p2)];
    expect(all).toEqual([...all].sort((a, b) => a - b)); // in file order, numerically
    expect(new Set([...p1.rows, ...p2.rows].map((r) => JSON.stringify(r))).size).toBe(40);
    const station = p1.columns.findIndex((c) => c.name === 'station_code');
    const sites = (await sample.ws.all<{ c: string }>(`SELECT station_code AS c FROM air_stations WHERE district_code = '${entity}' AND is_city_site`)).map((s) => s.c);
    for (const r of [...p1.rows, ...p2.rows]) expect(sites).toContain(r[station]);
  });

  it('refuses a batch that did not feed the value, and pages larger than 500 rows', async () => {
    const value = await api('indicators/value', { indicator: 'C1', entity: TEST_DISTRICTS[0]!, year: YEAR });
    const other = (await api('batches/list', {})).find((b) => !value.batches.some((v) => v.id === b.id))!;
    const env = await service.dispatch('lineage/records', { indicator: 'C1', entity: TEST_DISTRICTS[0]!, year: YEAR, batch: other.id, offset: 0, limit: 10 });
    expect(env).toMatchObject({ ok: false, error: { code: 'NOT_IN_LINEAGE' } });
    const big = await service.dispatch('lineage/records', { indicator: 'C1', entity: TEST_DISTRICTS[0]!, year: YEAR, batch: value.batches[0]!.id, offset: 0, limit: 5000 });
    expect(big).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENTS' } });
  });
});

describe('units and overview', () => {
  it('lists every unit in force once, with its own PM2.5 measure where it has one', async () => {
    const list = await api('units/list', { year: YEAR });
    const inForce = await sample.ws.one<{ n: number }>(`SELECT count(DISTINCT unit_code) AS n FROM ${unitsInForceSql(YEAR)}`);
    expect(list.units).toHaveLength(inForce!.n);
    expect(new Set(list.units.map((u) => u.code)).size).toBe(list.units.length);
    const pm25 = list.measures.findIndex((m) => m.measure === 'air.pm25_annual_mean');
    const withValue = list.units.filter((u) => u.values[pm25] !== null);
    expect(withValue.length).toBeGreaterThan(0);
    for (const u of withValue.slice(0, 5)) {
      const m = await api('measures/get', { measure: 'air.pm25_annual_mean', entity: u.code, year: YEAR });
      expect(u.values[pm25]).toBe(m.value);
    }
    const detail = await api('units/get', { unit: withValue[0]!.code, year: YEAR });
    expect(detail.values.find((v) => v.measure === 'air.pm25_annual_mean')?.value).toBe(withValue[0]!.values[pm25]);
  });

  it('gives the same district values and totals as the ranking and the score sheets', async () => {
    const o = await api('indicators/overview', { year: YEAR });
    const ranking = await api('indicators/ranking', { year: YEAR, indicator: 'C1' });
    const c1 = new Map(o.values.filter((v) => v.indicator === 'C1').map((v) => [v.entity, v.value]));
    for (const r of ranking.rows) expect(c1.get(r.entity)).toBe(r.value);
    expect(c1.get('city')).toBe(ranking.city);
    const { sheets } = await api('scores/get', { year: YEAR });
    expect(o.districts.map((d) => [d.code, d.total, d.grade])).toEqual(sheets.map((s) => [s.entity, s.total, s.grade]));
  });
});

describe('file routes of browser mode', () => {
  const post = (path: string, body: string | Uint8Array, headers: Record<string, string>) =>
    fetch(`http://127.0.0.1:${server.port}${path}`, { method: 'POST', body, headers: { 'X-ZoneTrack-Token': server.token, ...headers } });

  it('stores an upload in its own folder under the workspace\'s upload folder, byte for byte', async () => {
    const folders = await api('workspace/folders', {});
    expect(dirname(folders.uploads)).toBe(dirname(sample.ws.path));
    const bytes = await readFile(sample.files[0]!.path);
    const res = await post('/upload', bytes, { 'X-File-Name': encodeURIComponent('../../站点 名录.csv') });
    expect(res.status).toBe(200);
    const { result } = (await res.json()) as { result: { path: string; name: string; size: number } };
    expect(result.name).toBe('站点 名录.csv');
    expect(dirname(dirname(result.path))).toBe(folders.uploads);
    expect(await readFile(result.path)).toEqual(bytes);
  });

  it('refuses uploads without the token and of other file types', async () => {
    const anon = await fetch(`http://127.0.0.1:${server.port}/upload`, { method: 'POST', body: 'a,b\n', headers: { 'X-File-Name': 'a.csv' } });
    expect(anon.status).toBe(401);
    const exe = await post('/upload', 'MZ', { 'X-File-Name': 'tool.exe' });
    expect(exe.status).toBe(415);
    const hidden = await post('/upload', 'x', { 'X-File-Name': '.bashrc' });
    expect(hidden.status).toBe(400);
  });

  it('downloads a generated report, and nothing outside the report folder', async () => {
    const folders = await api('workspace/folders', {});
    const { files } = await api('reports/generate', { year: YEAR, entity: TEST_DISTRICTS[0]!, outDir: folders.reports });
    const ok = await post('/download', JSON.stringify({ path: files[0]!.docx }), { 'Content-Type': 'application/json' });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-disposition')).toContain(encodeURIComponent(files[0]!.docx.split('/').pop()!));
    expect(Buffer.from(await ok.arrayBuffer())).toEqual(await readFile(files[0]!.docx));

    const outside = join(sample.dir, 'secret.docx');
    await writeFile(outside, 'not a report');
    const link = join(folders.reports, 'link.docx');
    await symlink(outside, link);
    for (const path of [outside, link, join(folders.reports, '..', 'secret.docx'), sample.ws.path]) {
      const res = await post('/download', JSON.stringify({ path }), { 'Content-Type': 'application/json' });
      expect(res.status, path).toBe(403);
    }
    const anon = await fetch(`http://127.0.0.1:${server.port}/download`, { method: 'POST', body: JSON.stringify({ path: files[0]!.docx }) });
    expect(anon.status).toBe(401);
  });
});
