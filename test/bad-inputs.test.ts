// The bad-input corpus (test/corpus/README.md): every file goes through the real importer into a workspace
// that already holds data; each is refused with a Chinese message saying what, where and what to do, and the
// workspace is left exactly as it was. The huge ones go through the built CLI in a child process with 512 MB.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { deflateRawSync, crc32, constants as zlibConstants } from 'node:zlib';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Workspace } from '../analytics/workspace.js';
import { importFiles } from '../analytics/import/import-files.js';
import { UserError, type RowError } from '../analytics/errors.js';
import { buildSampleWorkspace, tempDir } from './helpers/sample-workspace.js';

interface Entry { file: string; wrong: string; code: string; row: number | null; column: string | null; says: string[] }

/** The corpus table of the README: one entry per row. */
function manifest(): Entry[] {
  const text = readFileSync(join('test', 'corpus', 'README.md'), 'utf8');
  return text.split('\n').filter((l) => /^\| [^-]/.test(l) && !l.startsWith('| file |')).map((l) => {
    const [file, wrong, code, row, column, says] = l.split('|').slice(1, -1).map((c) => c.trim()) as string[];
    return {
      file: file!, wrong: wrong!, code: code!, row: row ? Number(row) : null, column: column || null,
      says: says ? says.split(' + ') : [],
    };
  });
}

const ENTRIES = manifest();
const isGenerated = (e: Entry) => e.file.startsWith('*');
const generated = (name: string) => ENTRIES.find((e) => e.file === `*${name}*`)!;

/** Row counts and an order-free hash of every table, and the batch list itself: equal ⇔ nothing written. */
async function snapshot(ws: Workspace): Promise<string> {
  const tables = await ws.all<{ t: string }>("SELECT table_name AS t FROM duckdb_tables() WHERE NOT temporary AND schema_name = 'main' ORDER BY 1");
  const parts: string[] = [];
  for (const { t } of tables) {
    const r = await ws.one<{ n: bigint; h: string | null }>(`SELECT count(*) AS n, sum(hash(x))::HUGEINT::VARCHAR AS h FROM ${t} x`);
    parts.push(`${t}:${r!.n}:${r!.h}`);
  }
  const batches = await ws.all('SELECT batch_id, dataset, file_name, sha256, rows_read, superseded_by FROM import_batches ORDER BY 1');
  return parts.join('\n') + JSON.stringify(batches, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
}

/** The message and everything its rows say, as one text to look for fragments in. */
const said = (e: { message: string; rowErrors: RowError[] }) =>
  [e.message, ...e.rowErrors.map((r) => `${r.column} ${r.value ?? ''} ${r.reason}`)].join('\n');

function expectClear(e: { code: string; message: string; rowErrors: RowError[] }, entry: Entry, file: string) {
  expect(e.code, said(e)).toBe(entry.code);
  // where: the file by name, and the row and column when the problem is in a row
  expect(e.message).toContain(file);
  if (entry.row !== null) {
    expect(e.rowErrors.some((r) => r.row === entry.row && r.file === file && (entry.column === null || r.column === entry.column)), said(e)).toBe(true);
  } else if (entry.column !== null) {
    expect(e.rowErrors.map((r) => r.column)).toContain(entry.column);
  }
  // what is wrong
  for (const s of entry.says) expect(said(e)).toContain(s);
  // what to do
  expect(said(e)).toMatch(/请/);
}

let ws: Workspace;
let wsPath: string;

beforeAll(async () => {
  const s = await buildSampleWorkspace({ years: [2025], compute: [] });
  ws = s.ws;
  wsPath = s.ws.path;
}, 600_000); // the sample is built here when this file runs alone, on a machine shared with other runs
afterAll(async () => {
  await ws.close().catch(() => undefined);
});

describe('the corpus is what the README says', () => {
  it('has at least 40 files, each listed once, each small', () => {
    const files = ENTRIES.filter((e) => !isGenerated(e)).map((e) => e.file);
    expect(files.length).toBeGreaterThanOrEqual(40);
    expect(new Set(files).size).toBe(files.length);
    for (const f of files) {
      const path = join('test', 'corpus', 'files', f);
      expect(existsSync(path), f).toBe(true);
      expect(readFileSync(path).length, f).toBeLessThan(64 * 1024);
    }
  });
});

describe('each bad file is refused clearly and changes nothing', () => {
  for (const entry of ENTRIES.filter((e) => !isGenerated(e) && e.code !== 'accepted')) {
    it(`${entry.file}: ${entry.wrong}`, async () => {
      const before = await snapshot(ws);
      const err = await importFiles(ws, [join('test', 'corpus', 'files', entry.file)]).then(() => undefined, (e: unknown) => e);
      expect(err).toBeInstanceOf(UserError);
      expectClear(err as UserError, entry, entry.file);
      expect(await snapshot(ws)).toBe(before);
    });
  }
});

describe('almost-right files are read correctly', () => {
  for (const entry of ENTRIES.filter((e) => e.code === 'accepted')) {
    it(`${entry.file}: ${entry.wrong}`, async () => {
      const r = await importFiles(ws, [join('test', 'corpus', 'files', entry.file)]);
      expect(r.batches[0]).toMatchObject({ dataset: 'air_hourly', rows: 4, accepted: 4, rejected: 0 });
      // the odd row (row 3) landed under the canonical code and pollutant
      const row = await ws.one<{ station_code: string; pollutant: string; value: number }>(
        'SELECT station_code, pollutant, value FROM air_hourly WHERE batch_id = $id AND src_row = 3', { id: r.batches[0]!.id });
      expect(row).toEqual({ station_code: '1801A', pollutant: 'PM2.5', value: 33 });
      await ws.run('DELETE FROM air_hourly WHERE batch_id = $id', { id: r.batches[0]!.id });
      await ws.run('DELETE FROM import_batches WHERE batch_id = $id', { id: r.batches[0]!.id });
    });
  }
});

// ---- huge inputs, generated here, imported by the built CLI in a process limited to 512 MB

/** A minimal zip writer: stored names, given (already deflated) data, honest sizes and CRCs. */
function zip(parts: { name: string; data: Buffer; size: number; crc: number; deflated: boolean }[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(p.deflated ? 8 : 0, 8);
    local.writeUInt32LE(p.crc, 14);
    local.writeUInt32LE(p.data.length, 18);
    local.writeUInt32LE(p.size, 22);
    local.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(p.deflated ? 8 : 0, 10);
    cd.writeUInt32LE(p.crc, 16);
    cd.writeUInt32LE(p.data.length, 20);
    cd.writeUInt32LE(p.size, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    locals.push(local, name, p.data);
    central.push(cd, name);
    offset += 30 + name.length + p.data.length;
  }
  const dirBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dirBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dirBytes, end]);
}

/**
 * An xlsx whose worksheet really inflates to 3 GB: one 1 MB block deflated with a full flush (so it refers to
 * nothing before it) repeated 3072 times, then an empty final block. About 3 MB on disk.
 */
async function zipBomb(path: string): Promise<void> {
  const stored = (name: string, text: string) => {
    const data = Buffer.from(text, 'utf8');
    return { name, data, size: data.length, crc: crc32(data), deflated: false };
  };
  const row = '<row><c t="inlineStr"><is><t>1801A</t></is></c></row>';
  const chunk = Buffer.from(row.repeat(Math.ceil((1 << 20) / row.length))).subarray(0, 1 << 20);
  const block = deflateRawSync(chunk, { finishFlush: zlibConstants.Z_FULL_FLUSH });
  const copies = 3072;
  let crc = 0;
  for (let i = 0; i < copies; i++) crc = crc32(chunk, crc);
  const sheet = Buffer.concat([...Array.from({ length: copies }, () => block), Buffer.from([0x03, 0x00])]);
  await writeFile(path, zip([
    stored('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'),
    stored('_rels/.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
    stored('xl/workbook.xml', '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'),
    stored('xl/_rels/workbook.xml.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
    { name: 'xl/worksheets/sheet1.xml', data: sheet, size: copies * chunk.length, crc, deflated: true },
  ]));
}

const HEADER = '站点编码,监测时间,污染物,浓度,数据标记\r\n';
const GOOD_ROW = '1801A,2026-02-01 01:00,PM2.5,30,\r\n';

const GENERATORS: Record<string, (path: string) => Promise<void>> = {
  'zip-bomb.xlsx': zipBomb,
  'million-cells-row.csv': (p) => writeFile(p, HEADER + GOOD_ROW + `1801A,2026-02-01 02:00,PM2.5,31,${',x'.repeat(1_000_000)}\r\n`),
  'million-columns-header.csv': (p) => writeFile(p, `站点编码,监测时间,污染物,浓度${Array.from({ length: 1_000_000 }, (_, i) => `,列${i}`).join('')}\r\n${GOOD_ROW}`),
  'megabyte-name.csv': (p) => writeFile(p, `站点编码,站点名称,区县代码,是否城市点,经度,纬度\r\n1897A,"${'长'.repeat(1 << 20)}",500101,是,106.5,29.5\r\n`),
  'megabyte-value.csv': (p) => writeFile(p, HEADER + GOOD_ROW + `1801A,2026-02-01 02:00,PM2.5,"${'9'.repeat(1 << 19)}x${'9'.repeat((1 << 19) - 1)}",\r\n`),
};

describe('huge inputs through the CLI, in 512 MB', () => {
  beforeAll(async () => {
    if (!existsSync('dist/cli/run.js')) throw new Error('dist/ 不存在：请先运行 npm run build');
    await ws.close();
  });

  for (const [name, generate] of Object.entries(GENERATORS)) {
    const entry = generated(name);
    it(`${name}: ${entry.wrong}`, async () => {
      const path = join(await tempDir(), name);
      await generate(path);
      const open = async () => snapshot(ws = await Workspace.open(wsPath)).finally(() => ws.close());
      const before = await open();
      const run = await promisify(execFile)(process.execPath,
        ['--max-old-space-size=512', 'bin/zonetrack.js', 'import', wsPath, path, '--json'], { maxBuffer: 64 << 20 })
        .then(() => ({ code: 0, stdout: '' }), (e: { code: number; stdout: string }) => e);
      expect(run.code, run.stdout).toBe(2);
      const doc = JSON.parse(run.stdout) as { ok: boolean; code: string; message: string; errors: RowError[] };
      expect(doc.ok).toBe(false);
      expectClear({ code: doc.code, message: doc.message, rowErrors: doc.errors }, entry, name);
      // a megabyte cell is shown by its beginning, not whole
      expect(run.stdout.length).toBeLessThan(20_000);
      expect(await open()).toBe(before);
    }, 180_000);
  }
});
