// A district's slice travels as a data package and lands whole in another workspace; a tampered or repeated
// package is refused and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendFile, readFile } from 'node:fs/promises';
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
