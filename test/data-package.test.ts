// A district's slice travels as a data package and lands whole in another workspace; a tampered or repeated
// package is refused and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendFile, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Workspace } from '../analytics/workspace.js';
import { UserError } from '../analytics/errors.js';
import { exportDistrictPackage, importDistrictPackage } from '../analytics/exchange/data-package.js';
import { buildSampleWorkspace, type SampleWorkspace } from './helpers/sample-workspace.js';
import { tableSnapshot } from './helpers/files.js';

let sample: SampleWorkspace;
let pkgDir: string;
let city: Workspace;

beforeAll(async () => {
  sample = await buildSampleWorkspace({ years: [2025], compute: [] });
  pkgDir = (await exportDistrictPackage(sample.ws, '500103', join(sample.dir, 'out'))).dir;
  city = await Workspace.create(join(sample.dir, 'city.duckdb'));
});
afterAll(async () => {
  await sample.ws.close();
  await city.close();
});

const count = (ws: Workspace, sql: string) => ws.one<{ n: number }>(sql).then((r) => r!.n);

describe('data package', () => {
  it('holds exactly the district’s rows, with hashes and provenance in its manifest', async () => {
    const manifest = JSON.parse(await readFile(join(pkgDir, 'manifest.json'), 'utf8'));
    const byDataset = Object.fromEntries(manifest.files.map((f: { dataset: string; rows: number }) => [f.dataset, f.rows]));
    expect(byDataset.air_stations).toBe(await count(sample.ws, "SELECT count(*) AS n FROM air_stations WHERE district_code = '500103'"));
    expect(byDataset.air_hourly).toBe(await count(sample.ws,
      "SELECT count(*) AS n FROM air_hourly WHERE station_code IN (SELECT station_code FROM air_stations WHERE district_code = '500103')"));
    expect(byDataset.units).toBe(await count(sample.ws, "SELECT count(*) AS n FROM units WHERE district_code = '500103'"));
    expect(manifest.sourceBatches.length).toBeGreaterThan(0);
  });

  it('lands whole in another workspace, each file a batch that says where it came from', async () => {
    const r = await importDistrictPackage(city, pkgDir);
    const manifest = JSON.parse(await readFile(join(pkgDir, 'manifest.json'), 'utf8'));
    expect(r.batches.map((b) => b.dataset).sort()).toEqual(manifest.files.map((f: { dataset: string }) => f.dataset).sort());
    expect(r.batches.map((b) => b.dataset)).toEqual(expect.arrayContaining(['units', 'air_stations', 'air_hourly', 'water_sections', 'permit_holders']));
    for (const b of r.batches) expect(b.rows).toBe(manifest.files.find((f: { dataset: string }) => f.dataset === b.dataset).rows);
    expect(await count(city, 'SELECT count(*) AS n FROM air_hourly')).toBe(await count(sample.ws,
      "SELECT count(*) AS n FROM air_hourly WHERE station_code IN (SELECT station_code FROM air_stations WHERE district_code = '500103')"));
    const note = await city.one<{ note: string }>("SELECT note FROM import_batches WHERE dataset = 'air_hourly'");
    expect(note!.note).toContain('渝中区（500103）数据包');
  });

  it('refuses the same package twice, and a tampered one, leaving the workspace unchanged', async () => {
    const before = await tableSnapshot(city);
    const again = await importDistrictPackage(city, pkgDir).then(() => undefined, (e: unknown) => e as UserError);
    expect(again?.code).toBe('PACKAGE_REFUSED');
    await appendFile(join(pkgDir, 'units.parquet'), 'x');
    const tampered = await importDistrictPackage(city, pkgDir).then(() => undefined, (e: unknown) => e as UserError);
    expect(tampered?.code).toBe('PACKAGE_CORRUPT');
    expect(await tableSnapshot(city)).toBe(before);
  });
});

describe('data package tampering', () => {
  it('refuses a row of another district slipped into the package (manifest rewritten to match)', async () => {
    const { createHash } = await import('node:crypto');
    const { writeFile } = await import('node:fs/promises');
    const s = await buildSampleWorkspace({ years: [2025], compute: [] });
    try {
      const dir = (await exportDistrictPackage(s.ws, '500103', join(s.dir, 'out2'))).dir;
      const file = join(dir, 'air_stations.parquet');
      await s.ws.run(`COPY (SELECT * FROM air_stations WHERE district_code IN ('500103', '500112')) TO '${file}' (FORMAT parquet)`);
      const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'));
      const entry = manifest.files.find((f: { dataset: string }) => f.dataset === 'air_stations');
      entry.sha256 = createHash('sha256').update(await readFile(file)).digest('hex');
      entry.bytes = (await readFile(file)).length;
      await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest));
      const target = await Workspace.create(join(s.dir, 'target.duckdb'));
      try {
        const before = await tableSnapshot(target);
        const e = await importDistrictPackage(target, dir).then(() => undefined, (x: unknown) => x as UserError);
        expect(e?.code).toBe('PACKAGE_REFUSED');
        expect(e?.rowErrors.some((r) => r.reason.includes('不属于数据包声明的区县'))).toBe(true);
        expect(await tableSnapshot(target)).toBe(before);
      } finally {
        await target.close();
      }
    } finally {
      await s.ws.close();
    }
  });
});

describe('package manifests name files inside the package only', () => {
  it('refuses ../x, units[12].parquet (a pattern over units1.parquet, with its genuine hash), a device, and a wrong size — before hashing', async () => {
    const { copyFile, mkdir, symlink, writeFile } = await import('node:fs/promises');
    const dir = (await exportDistrictPackage(sample.ws, '500103', join(sample.dir, 'out-names'))).dir;
    const original = await readFile(join(dir, 'manifest.json'), 'utf8');
    const withEntry = async (change: (units: { file: string; bytes: number; sha256: string }) => void) => {
      const m = JSON.parse(original);
      change(m.files.find((f: { dataset: string }) => f.dataset === 'units'));
      await writeFile(join(dir, 'manifest.json'), JSON.stringify(m));
      return importDistrictPackage(city, dir).then(() => undefined, (e: unknown) => e as UserError);
    };
    const before = await tableSnapshot(city);
    // a file outside the package folder, with the hash of the real one
    await mkdir(join(sample.dir, 'outside'), { recursive: true });
    await copyFile(join(dir, 'units.parquet'), join(sample.dir, 'outside', 'x.parquet'));
    const up = await withEntry((u) => void (u.file = '../../outside/x.parquet'));
    expect(up?.code).toBe('PACKAGE_CORRUPT');
    expect(up?.message).toContain('不是数据包文件夹内的文件名');
    // units[12].parquet as a pattern would read units1.parquet (forged) — refused by name
    await copyFile(join(dir, 'units.parquet'), join(dir, 'units1.parquet'));
    await copyFile(join(dir, 'units.parquet'), join(dir, 'units[12].parquet'));
    const pattern = await withEntry((u) => void (u.file = 'units[12].parquet'));
    expect(pattern?.code).toBe('PACKAGE_CORRUPT');
    expect(pattern?.message).toContain('应为“units.parquet”');
    // a link to a device that never ends (hashing it would never return)
    await rename(join(dir, 'units.parquet'), join(dir, 'units.real'));
    await symlink('/dev/zero', join(dir, 'units.parquet'));
    const started = Date.now();
    const device = await withEntry(() => undefined);
    expect(device?.message).toContain('不是普通文件');
    expect(Date.now() - started).toBeLessThan(5000);
    await rm(join(dir, 'units.parquet'));
    await rename(join(dir, 'units.real'), join(dir, 'units.parquet'));
    const size = await withEntry((u) => void (u.bytes += 1));
    expect(size?.message).toContain('与清单声明的');
    expect(await tableSnapshot(city)).toBe(before);
  });
});
