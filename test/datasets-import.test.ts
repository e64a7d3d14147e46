// Every canonical dataset through the real importer, from generated sample files, in each form it arrives in
// (CSV UTF-8, GB18030, XLSX with a title row, wide or long): the same rows land whatever the form, with the
// readings the rules ask for (万元 → 元, 0.01L → limit + below detection, HJ 212 codes, enum synonyms).
// Then every rule the declarations add, with a bad file refused at the right row and column and the
// workspace left unchanged; and the whole default sample importing cleanly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Workspace } from '../analytics/workspace.js';
import { importFiles } from '../analytics/import/import-files.js';
import { removeBatch } from '../analytics/import/batch-lifecycle.js';
import { DATASETS, type DatasetName } from '../analytics/import/datasets.js';
import { UserError } from '../analytics/errors.js';
import { generateSample, type SampleFile } from '../analytics/sample/generate-sample.js';
import { readTable, workspaceSnapshot, writeCsv, writeXlsx, type Cell } from './helpers/files.js';
import { tempDir } from './helpers/sample-workspace.js';

const DISTRICTS = ['500103', '500111', '500112', '500243'];
let dir: string;
let files: SampleFile[];
let basePath: string;
const open: Workspace[] = [];

const fileNamed = (part: string) => {
  const f = files.find((x) => basename(x.path).includes(part));
  if (!f) throw new Error(`样例中没有 ${part}`);
  return f.path;
};
const REFERENCE_FILES = ['环境管控单元_2023版', '环境管控单元_2020版', '报送主体', '环境空气监测站点', '地表水监测断面', '集中式饮用水水源地', '排污许可单位'];

beforeAll(async () => {
  dir = await tempDir();
  files = await generateSample({ outDir: join(dir, 'sample'), years: [2025], scale: 'small', seed: 11, districts: DISTRICTS });
  basePath = join(dir, 'base.duckdb');
  const ws = await Workspace.create(basePath);
  await importFiles(ws, REFERENCE_FILES.map(fileNamed));
  await ws.close();
});
afterAll(async () => {
  for (const ws of open) await ws.close();
});

let copies = 0;
/** A workspace holding the sample's reference data ('base'), or nothing but the given files. */
async function workspace(from: 'base' | string[]): Promise<Workspace> {
  const path = join(dir, `ws-${++copies}.duckdb`);
  let ws: Workspace;
  if (from === 'base') {
    await copyFile(basePath, path);
    ws = await Workspace.open(path);
  } else {
    ws = await Workspace.create(path);
    if (from.length) await importFiles(ws, from.map(fileNamed));
  }
  open.push(ws);
  return ws;
}

type Form = 'csv-utf8' | 'csv-gb18030' | 'xlsx-title';

/** Excel cells as a clerk's sheet has them: dates as dates, decimals as numbers, codes as text. */
function excelCell(s: string): Cell | Date {
  if (s === '') return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return new Date(`${s}T00:00:00Z`);
  if (/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(s)) return new Date(`${s.replace(' ', 'T')}:00Z`);
  if (/^-?\d+\.\d+$/.test(s)) return Number(s);
  return s;
}

async function writeForm(rows: string[][], form: Form, name: string): Promise<string> {
  if (form === 'xlsx-title') {
    return writeXlsx(join(dir, `${name}.xlsx`), [[`示例数据（合成）：${name}`], ...rows.map((r) => r.map(excelCell))]);
  }
  return writeCsv(join(dir, `${name}.csv`), rows, form === 'csv-gb18030' ? 'gb18030' : 'utf-8');
}

/** Table content without provenance columns: what must be the same whatever form the file came in. */
async function content(ws: Workspace, dataset: DatasetName): Promise<string> {
  const rows = await ws.all(`SELECT * EXCLUDE (batch_id, src_row) FROM ${DATASETS[dataset].table} ORDER BY ALL`);
  return JSON.stringify(rows, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
}

interface FormCase {
  dataset: DatasetName;
  file: string;
  from: 'base' | string[];
  forms: Form[];
  /** Other shapes of the same data (long ↔ wide), each imported as CSV UTF-8. */
  reshapes?: Record<string, (rows: string[][]) => string[][]>;
  /** Keep the first rows only (large generated files). */
  limit?: number;
  /** Applied to the file's rows before any form is written. */
  prepare?: (rows: string[][]) => string[][];
  check: (ws: Workspace, rows: string[][]) => Promise<void>;
}

const col = (rows: string[][], header: string) => {
  const i = rows[0]!.indexOf(header);
  if (i < 0) throw new Error(`没有列 ${header}`);
  return rows.slice(1).map((r) => r[i]!);
};
const one = <T = Record<string, unknown>>(ws: Workspace, sql: string) => ws.one<T>(sql).then((r) => r!);

/** Wide water rows (one column per item) → the long form (one row per item cell). */
function waterToLong(rows: string[][]): string[][] {
  const [header, ...data] = rows;
  const items = header!.map((h, i) => [h, i] as const).slice(3);
  return [['断面编码', '采样日期', '监测项目', '监测值'],
    ...data.flatMap((r) => items.filter(([, i]) => r[i] !== '').map(([h, i]) => [r[0]!, r[2]!, h.replace(/\(.*\)$/, ''), r[i]!]))];
}

/** Long hourly air rows → the wide form (one column per pollutant); flags dropped (the wide form has none). */
function airToWide(rows: string[][]): string[][] {
  const pollutants = ['SO2', 'NO2', 'CO', 'O3', 'PM10', 'PM2.5'];
  const byKey = new Map<string, Record<string, string>>();
  for (const [station, time, p, v] of rows.slice(1)) {
    const key = `${station}|${time}`;
    byKey.set(key, { ...byKey.get(key), [p!]: v! });
  }
  return [['站点编码', '监测时间', ...pollutants.map((p) => `${p}(μg/m³)`)],
    ...[...byKey].map(([k, v]) => [...k.split('|'), ...pollutants.map((p) => v[p] ?? '')])];
}
const withoutFlags = (rows: string[][]) => rows.map((r, i) => (i === 0 ? r : [...r.slice(0, 4), '']));

const ALL_FORMS: Form[] = ['csv-utf8', 'csv-gb18030', 'xlsx-title'];

const FORM_CASES: FormCase[] = [
  {
    dataset: 'units', file: '环境管控单元_2023版', from: [], forms: ALL_FORMS,
    check: async (ws, rows) => {
      const r = await one<{ n: number; key: number; d: string[] }>(ws, "SELECT count(*) AS n, count(*) FILTER (WHERE unit_type = 2) AS key, list(DISTINCT district_code ORDER BY district_code) AS d FROM units");
      expect(r).toEqual({ n: rows.length - 1, key: col(rows, '管控单元类别').filter((t) => t === '重点管控').length, d: DISTRICTS });
    },
  },
  {
    dataset: 'unit_crosswalk', file: '管控单元新旧编码对照', from: ['环境管控单元_2023版', '环境管控单元_2020版'], forms: ALL_FORMS,
    check: async (ws, rows) => {
      expect(await ws.all('SELECT DISTINCT relation, old_plan_version, new_plan_version FROM unit_crosswalk')).toEqual([{ relation: '合并', old_plan_version: '2020', new_plan_version: '2023' }]);
      expect((await one<{ n: number }>(ws, 'SELECT count(*) AS n FROM unit_crosswalk')).n).toBe(rows.length - 1);
    },
  },
  {
    dataset: 'reporting_entities', file: '报送主体', from: [], forms: ALL_FORMS,
    check: async (ws) => {
      expect(await ws.all('SELECT entity_code, host_district_code FROM reporting_entities ORDER BY 1')).toEqual([
        { entity_code: 'CQGXQ', host_district_code: '500106' }, { entity_code: 'LJXQ', host_district_code: '500112' },
        { entity_code: 'SQJKQ', host_district_code: '500111' }, { entity_code: 'WSJKQ', host_district_code: '500110' },
      ]);
    },
  },
  {
    dataset: 'air_stations', file: '环境空气监测站点', from: ['环境管控单元_2023版'], forms: ALL_FORMS,
    check: async (ws, rows) => {
      expect((await one<{ n: number }>(ws, "SELECT count(*) AS n FROM air_stations WHERE unit_attribution = 'file'")).n).toBe(rows.length - 1);
    },
  },
  {
    dataset: 'water_sections', file: '地表水监测断面', from: ['环境管控单元_2023版'], forms: ALL_FORMS,
    check: async (ws, rows) => {
      // Ⅱ, II类, 2类, 三类 … → the class; every section keeps the class its file wrote
      const roman: Record<string, string> = { Ⅱ: 'II', 2: 'II', Ⅲ: 'III', 3: 'III', 三: 'III', Ⅳ: 'IV', 4: 'IV', 四: 'IV' };
      const expected = col(rows, '水质目标').map((t) => roman[t.replace(/类$/, '')] ?? t.replace(/类$/, ''));
      expect((await ws.all<{ target_class: string }>('SELECT target_class FROM water_sections ORDER BY src_row')).map((r) => r.target_class)).toEqual(expected);
      expect(await one(ws, "SELECT name, level, water_body_type, district_code FROM water_sections WHERE section_code = 'CQSW50010301'"))
        .toEqual({ name: '嘉陵江大溪沟', level: '国考', water_body_type: '河流', district_code: '500103' });
    },
  },
  {
    dataset: 'drinking_sources', file: '集中式饮用水水源地', from: ['环境管控单元_2023版'], forms: ALL_FORMS,
    check: async (ws) => {
      expect(await one(ws, "SELECT type, level FROM drinking_sources WHERE source_code = 'YY50024302'")).toEqual({ type: '地下水', level: '乡镇' });
    },
  },
  {
    dataset: 'permit_holders', file: '排污许可单位', from: ['环境管控单元_2023版'], forms: ALL_FORMS,
    check: async (ws, rows) => {
      const r = await one<{ n: number; ok: number; key: number }>(ws, `SELECT count(*) AS n,
        count(*) FILTER (WHERE regexp_full_match(permit_no, '[0-9A-Z]{18}\\d{3}[A-Z]') AND left(permit_no, 18) = uscc) AS ok,
        count(*) FILTER (WHERE is_key_polluter = (management_class = '重点管理')) AS key FROM permit_holders`);
      expect(r).toEqual({ n: rows.length - 1, ok: rows.length - 1, key: rows.length - 1 });
    },
  },
  {
    dataset: 'air_hourly', file: '环境空气小时数据_2025', from: 'base', forms: ALL_FORMS, limit: 1200,
    // the wide form has no flags: compared on data without them
    prepare: withoutFlags, reshapes: { wide: airToWide },
    check: async (ws, rows) => {
      const first = rows[1]!;
      const r = await one<{ v: number | null }>(ws, `SELECT value AS v FROM air_hourly WHERE station_code = '${first[0]}' AND pollutant = '${first[2]}'
        AND time = TIMESTAMP '${first[1]}:00'`);
      expect(r.v).toBe(first[3] === '' ? null : Number(first[3]));
    },
  },
  {
    dataset: 'air_daily', file: '空气日均值', from: 'base', forms: ALL_FORMS,
    check: async (ws, rows) => {
      const r = await one<{ n: number; o3: number }>(ws, 'SELECT count(*) AS n, count(o3_8h) AS o3 FROM air_daily');
      expect(r.n).toBe(rows.length - 1);
      expect(r.o3).toBeGreaterThan(r.n * 0.9);
    },
  },
  {
    dataset: 'water_samples', file: '地表水月监测数据', from: 'base', forms: ALL_FORMS, reshapes: { long: waterToLong },
    check: async (ws, rows) => {
      const cells = rows.slice(1).flatMap((r) => r.slice(3)).filter((c) => c !== '').length;
      expect((await one<{ n: number }>(ws, 'SELECT count(*) AS n FROM water_samples')).n).toBe(cells);
      // 0.00004L and <0.00004: the limit, below detection; ND: no number, below detection
      expect(await ws.all("SELECT DISTINCT value, below_detection FROM water_samples WHERE item = 'Hg'")).toEqual([{ value: 0.00004, below_detection: true }]);
      expect(await ws.all("SELECT DISTINCT value, below_detection FROM water_samples WHERE item = 'Cr6+'")).toEqual([{ value: 0.004, below_detection: true }]);
      const pb = await ws.all("SELECT value IS NULL AS nd, below_detection FROM water_samples WHERE item = 'Pb' GROUP BY ALL ORDER BY ALL");
      expect(pb).toEqual([{ nd: false, below_detection: false }, { nd: true, below_detection: true }]);
      expect((await one<{ n: number }>(ws, 'SELECT count(*) AS n FROM water_samples WHERE below_detection AND item IN (\'pH\', \'DO\', \'TN\')')).n).toBe(0);
    },
  },
  {
    dataset: 'water_samples', file: '湖库水质监测_长表', from: 'base', forms: ALL_FORMS,
    check: async (ws, rows) => {
      const r = await one<{ n: number; firsts: number; items: string[] }>(ws, 
        "SELECT count(*) AS n, count(*) FILTER (WHERE day(sample_date) = 1) AS firsts, list(DISTINCT item ORDER BY item) AS items FROM water_samples");
      expect(r).toEqual({ n: rows.length - 1, firsts: rows.length - 1, items: ['CODMn', 'DO', 'Hg', 'NH3-N', 'TN', 'TP', 'pH'] });
    },
  },
  {
    dataset: 'drinking_samples', file: '饮用水水源地达标情况', from: 'base', forms: ALL_FORMS,
    check: async (ws, rows) => {
      expect((await one<{ n: number }>(ws, 'SELECT count(*) AS n FROM drinking_samples WHERE NOT compliant')).n).toBe(col(rows, '是否达标').filter((x) => x === '否').length);
    },
  },
  {
    dataset: 'noise', file: '声环境功能区监测', from: 'base', forms: ALL_FORMS,
    check: async (ws) => {
      expect(await ws.all('SELECT DISTINCT quarter FROM noise ORDER BY 1')).toEqual([{ quarter: 1 }, { quarter: 2 }, { quarter: 3 }, { quarter: 4 }]);
      expect(await ws.all("SELECT DISTINCT zone_class FROM noise WHERE point_code LIKE '%02' ORDER BY 1")).toEqual([{ zone_class: '2' }]);
    },
  },
  {
    dataset: 'eqi', file: '生态质量指数', from: 'base', forms: ALL_FORMS,
    check: async (ws) => {
      const r = await ws.all<{ entity_code: string }>('SELECT entity_code FROM eqi ORDER BY 1');
      expect(r.map((x) => x.entity_code)).toEqual([...DISTRICTS, 'city']);
      expect((await one<{ n: number }>(ws, "SELECT count(*) AS n FROM eqi WHERE eqi_class <> CASE WHEN eqi >= 70 THEN '一类' WHEN eqi >= 55 THEN '二类' ELSE '三类' END")).n).toBe(0);
    },
  },
  {
    dataset: 'ecology_units', file: '生态保护红线监管', from: 'base', forms: ALL_FORMS,
    check: async (ws, rows) => {
      expect((await one<{ n: number }>(ws, 'SELECT count(*) AS n FROM ecology_units e JOIN units u USING (unit_code) WHERE u.unit_type = 1 AND u.plan_version = \'2023\'')).n).toBe(rows.length - 1);
    },
  },
  {
    dataset: 'soil_stats', file: '土壤安全利用', from: 'base', forms: ALL_FORMS,
    check: async (ws) => {
      expect((await ws.all<{ d: string }>('SELECT district_code AS d FROM soil_stats ORDER BY 1')).map((r) => r.d)).toEqual(DISTRICTS);
    },
  },
  {
    dataset: 'statistics', file: '部门统计数据', from: 'base', forms: ALL_FORMS,
    check: async (ws) => {
      expect((await ws.all<{ m: string }>('SELECT DISTINCT metric AS m FROM statistics ORDER BY 1')).map((r) => r.m))
        .toEqual(['GDP', 'energy_use_tce', 'forest_cover_pct', 'water_use_m3']);
    },
  },
  {
    dataset: 'targets', file: '目标责任书目标值', from: 'base', forms: ALL_FORMS,
    check: async (ws, rows) => {
      const c1 = rows.find((r) => r[0] === '渝中区' && r[2] === 'C1')!;
      expect(await one(ws, "SELECT target_value FROM targets WHERE entity_code = '500103' AND indicator_id = 'C1'")).toEqual({ target_value: Number(c1[3]) });
    },
  },
  {
    dataset: 'emissions_annual', file: '排污单位年度排放量', from: 'base', forms: ALL_FORMS,
    check: async (ws, rows) => {
      const named = new Set(col(rows, '污染物种类'));
      const stored = (await ws.all<{ p: string }>('SELECT DISTINCT pollutant AS p FROM emissions_annual')).map((r) => r.p);
      expect(stored.every((p) => ['COD', 'NH3-N', 'TN', 'TP', 'SO2', 'NOx', '颗粒物', 'VOCs'].includes(p))).toBe(true);
      expect(stored.length).toBe(named.size);
    },
  },
  {
    dataset: 'online_hourly', file: '污染源在线监测小时数据', from: 'base', forms: ALL_FORMS, limit: 1200,
    check: async (ws, rows) => {
      const codes = col(rows, '污染物代码');
      const names: Record<string, string> = { a21026: 'SO2', a21002: 'NOx', a34013: '颗粒物', w01018: 'COD', w21003: 'NH3-N', w21011: 'TP' };
      for (const [code, name] of Object.entries(names)) {
        expect((await one<{ n: number }>(ws, `SELECT count(*) AS n FROM online_hourly WHERE pollutant = '${name}'`)).n).toBe(codes.filter((c) => c === code).length);
      }
      // ZsAvg where given (flue gas), the measured value where not (wastewater); F hours have no value
      const [zs, avg, flag] = [col(rows, '折算浓度'), col(rows, '实测浓度'), col(rows, '数据标记')];
      const expected = zs.map((z, i) => (z !== '' ? Number(z) : avg[i] !== '' ? Number(avg[i]) : null));
      expect((await ws.all<{ value: number | null }>('SELECT value FROM online_hourly ORDER BY src_row')).map((r) => r.value)).toEqual(expected);
      expect((await ws.all<{ flag: string }>('SELECT flag FROM online_hourly ORDER BY src_row')).map((r) => r.flag)).toEqual(flag);
    },
  },
  {
    dataset: 'inspections', file: '执法检查记录', from: 'base', forms: ALL_FORMS,
    check: async (ws, rows) => {
      const types = (await ws.all<{ t: string }>('SELECT DISTINCT type AS t FROM inspections')).map((r) => r.t);
      expect(types.every((t) => ['双随机', '专项', '信访投诉', '自动监控预警', '督察交办', '非现场'].includes(t))).toBe(true);
      const first = rows[1]!; // written 2025年3月5日
      expect(first[1]).toMatch(/年.*月.*日/);
      const [y, m, d] = first[1]!.match(/\d+/g)!.map(Number);
      expect(await one(ws, `SELECT strftime(date, '%Y-%m-%d') AS d FROM inspections WHERE inspection_id = '${first[0]}'`))
        .toEqual({ d: `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` });
    },
  },
  {
    dataset: 'cases', file: '行政处罚案件', from: 'base', forms: ALL_FORMS,
    check: async (ws, rows) => {
      // 罚没金额（万元） → 元
      const wan = col(rows, '罚没金额（万元）').map((v) => (v === '' ? null : Math.round(Number(v) * 1000000) / 100));
      expect((await ws.all<{ p: number | null }>('SELECT penalty_cny AS p FROM cases ORDER BY src_row')).map((r) => r.p)).toEqual(wan);
      expect(wan.some((v) => v !== null && v > 10000)).toBe(true);
    },
  },
  {
    dataset: 'problems', file: '问题整改台账', from: 'base', forms: ALL_FORMS,
    check: async (ws, rows) => {
      const sources = (await ws.all<{ s: string }>('SELECT source AS s FROM problems ORDER BY src_row')).map((r) => r.s);
      expect(sources).toEqual(col(rows, '问题来源').map((s) => (s === '中央生态环境保护督察' ? '中央督察' : s)));
    },
  },
  {
    dataset: 'eia_approvals', file: '环评审批', from: 'base', forms: ALL_FORMS,
    check: async (ws, rows) => {
      const r = await one<{ analysed: number; nonconforming: number }>(ws, 
        "SELECT count(*) FILTER (WHERE zoning_analysis) AS analysed, count(*) FILTER (WHERE conforms = '不符合') AS nonconforming FROM eia_approvals");
      expect(r).toEqual({ analysed: col(rows, '是否开展分区管控符合性分析').filter((x) => x === '是').length, nonconforming: 1 });
    },
  },
  {
    dataset: 'plan_filings', file: '分区管控方案发布与备案', from: 'base', forms: ALL_FORMS,
    check: async (ws) => {
      expect(await ws.all("SELECT version, kind FROM plan_filings WHERE entity_code = 'city' ORDER BY 1")).toEqual([
        { version: '2020', kind: '发布' }, { version: '2023', kind: '定期调整' }]);
    },
  },
  {
    dataset: 'work_items', file: '分区管控工作事项', from: 'base', forms: ALL_FORMS,
    check: async (ws, rows) => {
      expect((await one<{ n: number }>(ws, 'SELECT count(*) AS n FROM work_items')).n).toBe(rows.length - 1);
    },
  },
];

describe('every dataset, in every form it arrives in', () => {
  it('covers every canonical dataset', () => {
    expect(new Set(FORM_CASES.map((c) => c.dataset))).toEqual(new Set(Object.keys(DATASETS)));
  });

  for (const c of FORM_CASES) {
    it(`${c.dataset}（${c.file}）: ${[...c.forms, ...Object.keys(c.reshapes ?? {})].join('、')}`, async () => {
      const ws = await workspace(c.from);
      const all = await readTable(fileNamed(c.file));
      const rows = (c.prepare ?? ((x) => x))(c.limit ? all.slice(0, c.limit + 1) : all);
      const variants: [string, string[][], Form][] = [
        ...c.forms.map((f) => [f, rows, f] as [string, string[][], Form]),
        ...Object.entries(c.reshapes ?? {}).map(([name, reshape]) => [name, reshape(rows), 'csv-utf8'] as [string, string[][], Form]),
      ];
      const seen = new Map<string, string>();
      for (const [name, data, form] of variants) {
        const path = await writeForm(data, form, `${c.dataset}-${c.file}-${name}`);
        const r = await importFiles(ws, [path]);
        expect(r.batches[0], name).toMatchObject({ dataset: c.dataset, rows: data.length - 1, accepted: data.length - 1, rejected: 0 });
        if (name === variants[0]![0]) await c.check(ws, data);
        seen.set(name, await content(ws, c.dataset));
        await removeBatch(ws, r.batches[0]!.id!, '测试：换一种形式再导入');
      }
      const first = [...seen.values()][0]!;
      expect(JSON.parse(first).length).toBeGreaterThan(0);
      for (const [name, text] of [...seen].slice(1)) expect(text, `${name} 与 ${variants[0]![0]} 导入的内容不同`).toBe(first);
    });
  }
});

// ---- Rules ----

interface Codes { permit: string; uscc: string; unit: string; priorityUnit: string; oldUnit: string; section: string; station: string; source: string }

async function codes(ws: Workspace): Promise<Codes> {
  const q = async (sql: string) => Object.values((await ws.one<Record<string, string>>(sql))!)[0]!;
  return {
    permit: await q("SELECT permit_no FROM permit_holders WHERE district_code = '500103' ORDER BY 1 LIMIT 1"),
    uscc: await q("SELECT uscc FROM permit_holders WHERE district_code = '500103' ORDER BY permit_no LIMIT 1"),
    unit: await q("SELECT unit_code FROM units WHERE district_code = '500103' AND plan_version = '2023' ORDER BY 1 LIMIT 1"),
    priorityUnit: await q("SELECT unit_code FROM units WHERE unit_type = 1 AND plan_version = '2023' ORDER BY 1 LIMIT 1"),
    oldUnit: await q('SELECT old_code FROM (SELECT unit_code AS old_code FROM units WHERE plan_version = \'2020\' EXCEPT SELECT unit_code FROM units WHERE plan_version = \'2023\') ORDER BY 1 LIMIT 1'),
    section: await q('SELECT section_code FROM water_sections ORDER BY 1 LIMIT 1'),
    station: await q('SELECT station_code FROM air_stations ORDER BY 1 LIMIT 1'),
    source: await q('SELECT source_code FROM drinking_sources ORDER BY 1 LIMIT 1'),
  };
}

/** Another valid USCC (GB 32100 check character) of 渝中区, and its HJ 608 permit number. */
async function otherHolder(seed: number): Promise<{ uscc: string; permit: string }> {
  const { uscc } = await import('../analytics/sample/sample-permits.js');
  const { seededRandom } = await import('../analytics/sample/random.js');
  const code = uscc(seededRandom(seed), '500103');
  return { uscc: code, permit: `${code}001P` };
}

/** Imports a bad file: refused, with exactly these (row, column) problems and reasons, and nothing written. */
async function refused(ws: Workspace, name: string, rows: Cell[][], expected: [number, string, string][], form: Form = 'csv-utf8'): Promise<UserError> {
  const path = await writeForm(rows.map((r) => r.map((c) => (c === null ? '' : String(c)))), form, name);
  const before = await workspaceSnapshot(ws);
  const err = await importFiles(ws, [path]).then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(UserError);
  const got = (err as UserError).rowErrors;
  expect([...new Set(got.map((e) => `${e.row}|${e.column}`))].sort()).toEqual([...new Set(expected.map(([r, c]) => `${r}|${c}`))].sort());
  for (const [row, column, reason] of expected) {
    expect(got.filter((e) => e.row === row && e.column === column).map((e) => e.reason).join('；')).toContain(reason);
  }
  expect(await workspaceSnapshot(ws)).toBe(before);
  return err as UserError;
}

async function accepted(ws: Workspace, name: string, rows: Cell[][]): Promise<void> {
  const r = await importFiles(ws, [await writeForm(rows.map((x) => x.map((c) => (c === null ? '' : String(c)))), 'csv-utf8', name)]);
  expect(r.batches[0]).toMatchObject({ rows: rows.length - 1, accepted: rows.length - 1 });
}

describe('rules: a bad file is refused at its row and column, and nothing is written', () => {
  it('permit holders: HJ 608 permit number, USCC form and prefix, management class, unit code', async () => {
    const ws = await workspace('base');
    const c = await codes(ws);
    const [a, b, d] = [await otherHolder(1), await otherHolder(2), await otherHolder(3)];
    const badUscc = `${a.uscc.slice(0, 10)}IO${a.uscc.slice(12)}`;
    await refused(ws, 'holders-bad', [
      ['许可证编号', '统一社会信用代码', '单位名称', '管理类别', '所在区县', '所在管控单元'],
      [`${a.uscc}001`, a.uscc, '缺字母', '重点管理', '渝中区', c.unit],
      [b.permit, a.uscc, '前缀不符', '简化', '渝中区', c.unit],
      [`${badUscc}001P`, badUscc, '信用代码含I和O', '登记', '渝中区', c.unit],
      [d.permit, d.uscc, '未知单元', '特殊管理', '渝中区', 'ZH50010329999'],
      ['H9500103000000001X001P', a.uscc, '无信用代码单位（H9）', '登记管理', '渝中区', c.unit],
    ], [
      [1, '许可证编号', '许可证编号格式错误（HJ 608'],
      [2, '统一社会信用代码', '与许可证编号前18位不一致'],
      [3, '统一社会信用代码', '统一社会信用代码格式错误'],
      [4, '管理类别', '不是可接受的取值（应为 重点管理、简化管理、登记管理 之一）'],
      [4, '所在管控单元', '管控单元编码在工作空间中不存在'],
    ]);
  });

  it('water sections: body type, target class, coordinates, district', async () => {
    const ws = await workspace('base');
    const { unit } = await codes(ws);
    const head = ['断面编码', '断面名称', '区县', '所在管控单元', '水体类型', '水质目标', '经度'];
    await refused(ws, 'sections-bad', [head,
      ['T01', '甲', '渝中区', unit, '海洋', 'II类', 106.5],
      ['T02', '乙', '渝中区', unit, '河流', '六类', 106.5],
      ['T03', '丙', '渝中区', unit, '湖库', 'Ⅲ 类', 200],
      ['T04', '丁', '火星区', unit, '河流', '劣Ⅴ类', 106.5],
    ], [[1, '水体类型', '不是可接受的取值'], [2, '水质目标', '不是可接受的取值'], [3, '经度', '经度超出中国范围'], [4, '区县', '未知的区县名称']]);
    await accepted(ws, 'sections-ok', [head, ['T03', '丙', '渝中区', unit, '湖库', 'Ⅲ 类', 106.5], ['T04', '丁', '渝中', unit, '河流', '劣Ⅴ类', 106.5]]);
    expect(await ws.all("SELECT target_class, district_code FROM water_sections WHERE section_code IN ('T03', 'T04') ORDER BY 1"))
      .toEqual([{ target_class: 'III', district_code: '500103' }, { target_class: '劣V', district_code: '500103' }]);
  });

  it('water samples (wide): pH 0–14, negative and unreadable values, unknown section, bad date — named by the item column', async () => {
    const ws = await workspace('base');
    const { section } = await codes(ws);
    await refused(ws, 'water-bad', [
      ['断面编码', '采样日期', 'pH', '氨氮(mg/L)', '总磷', '汞'],
      [section, '2025-03-05', '15', '0.2', '0.05', '0.00004L'],
      [section, '2025-04-05', '7.5', '-0.1', '0.05', 'ND'],
      [section, '2025-05-05', '7.5', 'abc', '0.05', '<0.00004'],
      ['CQSW99999999', '2025-06-05', '7.5', '0.2', '0.05', ''],
      [section, '2025-13-05', '7.5', '0.2', '0.05', ''],
    ], [
      [1, 'pH', 'pH 应在 0–14 之间'], [2, '氨氮(mg/L)', '数值不能为负数'], [3, '氨氮(mg/L)', '不是有效的监测值'],
      [4, '断面编码', '未知的断面编码'], [5, '采样日期', '无法识别的日期'],
    ]);
  });

  it('water samples (long, year + month): month range, the date they make, unknown item, negative pH', async () => {
    const ws = await workspace('base');
    const { section } = await codes(ws);
    await refused(ws, 'water-long-bad', [
      ['断面编码', '年份', '月份', '监测项目', '监测值'],
      [section, 2025, 13, '氨氮', '0.2'],
      [section, 2025, 2, '叶绿素', '1'],
      [section, 2025, 3, 'pH', '-1'],
    ], [[1, '月份', '月份应为 1–12'], [1, '年份、月份', '必填项“采样日期”为空'], [2, '监测项目', '不是可接受的取值'], [3, '监测值', '数值不能为负数']]);
    // the wide form dated by year and month too
    await accepted(ws, 'water-wide-month', [['断面编码', '年份', '月份', '溶解氧', '总磷'], [section, 2025, '3月', '8.1', '0.02L']]);
    expect(await ws.all("SELECT strftime(sample_date, '%Y-%m-%d') AS d, item, value, below_detection FROM water_samples ORDER BY item")).toEqual([
      { d: '2025-03-01', item: 'DO', value: 8.1, below_detection: false }, { d: '2025-03-01', item: 'TP', value: 0.02, below_detection: true }]);
  });

  it('annual emissions: unknown permit, year range, pollutant, negative amount, future submission, duplicates through synonyms', async () => {
    const ws = await workspace('base');
    const { permit } = await codes(ws);
    const stranger = (await otherHolder(9)).permit;
    await refused(ws, 'emissions-bad', [
      ['许可证编号', '年份', '污染物种类', '实际排放量', '许可排放量', '执行报告提交日期', '截止日期'],
      [stranger, 2025, 'COD', 1, 2, '2026-01-10', '2026-01-15'],
      [permit, 1999, 'COD', 1, 2, '', ''],
      [permit, 2025, '二噁英', 1, 2, '', ''],
      [permit, 2025, 'SO2', -1, 2, '', ''],
      [permit, 2025, '氮氧化物', 1, 2, '2099-01-10', '2099-01-15'],
      [permit, 2025, 'PM', 1, 2, '', ''],
      [permit, 2025, '烟尘', 1, 2, '', ''],
    ], [
      [1, '许可证编号', '不在工作空间的排污许可名录中'], [2, '年份', '年份应在 2000–2100 之间'], [3, '污染物种类', '不是可接受的取值'],
      [4, '实际排放量', '数值不能为负数'], [5, '执行报告提交日期', '不晚于今天'], [6, '污染物种类', '在文件中重复'], [7, '污染物种类', '在文件中重复'],
    ]);
  });

  it('online monitoring: HJ 212 code, flag, outlet code, hour, negative values (flue-gas pressure excepted), unknown permit', async () => {
    const ws = await workspace('base');
    const { permit } = await codes(ws);
    const stranger = (await otherHolder(9)).permit;
    const head = ['许可证编号', '排放口编号', '监测时间', '污染物代码', '折算浓度', '实测浓度', '排放限值', '数据标记'];
    await refused(ws, 'online-bad', [head,
      [permit, 'DA001', '2025-01-01 01:00', 'a99999', '10', '8', '35', 'N'],
      [permit, 'DA001', '2025-01-01 01:00', 'a21026', '10', '8', '35', 'X'],
      [permit, 'DX001', '2025-01-01 01:00', 'a21002', '10', '8', '50', 'N'],
      [permit, 'DA001', '2025-01-01', 'a34013', '10', '8', '10', 'N'],
      [permit, 'DA001', '2025-01-01 02:00', 'a21026', '-3', '', '35', 'N'],
      [permit, 'DA001', '2025-01-01 02:00', 'a01013', '', '-0.4', '', 'n'],
      [stranger, 'DW001', '2025-01-01 03:00', 'w01018', '', '20', '50', 'N'],
    ], [
      [1, '污染物代码', '不是可接受的取值'], [2, '数据标记', '（应为 N、F、M、S、D、C、T、B 之一）'], [3, '排放口编号', '排放口编号格式错误'],
      [4, '监测时间', '缺少小时'], [5, '折算浓度', '数值不能为负数'], [7, '许可证编号', '不在工作空间的排污许可名录中'],
    ]);
    await accepted(ws, 'online-ok', [head,
      [permit, 'DA001', '2025-01-01 02:00', 'a01013', '', '-0.4', '', 'n'],
      [permit, 'DW001', '2025-01-01 03:00', '化学需氧量', '', '20', '50', '正常'],
    ]);
    expect(await ws.all('SELECT pollutant, value, flag FROM online_hourly ORDER BY 1')).toEqual([
      { pollutant: 'COD', value: 20, flag: 'N' }, { pollutant: 'FlueGasPressure', value: -0.4, flag: 'N' }]);
  });

  it('drinking-water samples: an annual figure twice (no month column), a compliance that is neither 是 nor 否', async () => {
    const ws = await workspace('base');
    const { source } = await codes(ws);
    await refused(ws, 'drinking-bad', [['水源地编码', '年份', '是否达标'], [source, 2025, '是'], [source, 2025, '否'], [source, 2024, '也许']],
      [[1, '年份', '在文件中重复'], [2, '年份', '在文件中重复'], [3, '是否达标', '应为“是”或“否”']]);
  });

  it('noise: zone class, quarter 1–4 (written 第5季度), level range', async () => {
    const ws = await workspace('base');
    await refused(ws, 'noise-bad', [
      ['点位编码', '区县', '功能区类别', '年份', '季度', '昼间等效声级', '夜间等效声级'],
      ['N1', '渝中区', '5类', 2025, 'Q1', 55, 45],
      ['N1', '渝中区', '2类', 2025, '第5季度', 55, 45],
      ['N1', '渝中区', '4a类', 2025, 3, 150, 45],
    ], [[1, '功能区类别', '不是可接受的取值'], [2, '季度', '季度应为 1–4'], [3, '昼间等效声级', '等效声级应在 20–130 dB(A) 之间']]);
  });

  it('EQI: an entity that is no district, unit, reporting entity or the city; index range — names and 全市 accepted', async () => {
    const ws = await workspace('base');
    const head = ['区县', '年份', '生态质量指数', '生态质量类别'];
    await refused(ws, 'eqi-bad', [head, ['火星区', 2025, 60, '二类'], ['ZZZ999', 2025, 60, '二类'], ['渝中区', 2025, 120, '一类']],
      [[1, '区县', '无法识别的主体'], [2, '区县', '未知的主体编码'], [3, '生态质量指数', '生态质量指数应在 0–100 之间']]);
    await accepted(ws, 'eqi-ok', [head, ['万盛经开区', 2025, 60, 'Ⅱ类'], ['全市', 2025, 66.96, '2'], ['500103', 2025, 55, 'II']]);
    expect(await ws.all('SELECT entity_code, eqi_class FROM eqi ORDER BY 1')).toEqual([
      { entity_code: '500103', eqi_class: '二类' }, { entity_code: 'WSJKQ', eqi_class: '二类' }, { entity_code: 'city', eqi_class: '二类' }]);
  });

  it('red-line supervision: rectified not above found, counts whole', async () => {
    const ws = await workspace('base');
    const { priorityUnit } = await codes(ws);
    await refused(ws, 'ecology-bad', [['管控单元编码', '年份', '发现问题数', '已整改问题数'], [priorityUnit, 2025, 2, 3], [priorityUnit, 2024, 2.5, 1]],
      [[1, '已整改问题数', '已整改问题数不能大于发现问题数'], [2, '发现问题数', '应为整数']]);
  });

  it('soil: safe use not above the total, compliant plots not above plots, districts by name or code, duplicates by the district they name', async () => {
    const ws = await workspace('base');
    await refused(ws, 'soil-bad', [
      ['区县', '年份', '受污染耕地面积', '安全利用面积', '重点建设用地地块数', '安全利用地块数'],
      ['渝中区', 2025, 100, 120, 5, 5],
      ['火星区', 2025, 100, 90, 5, 5],
      ['渝北', 2025, 100, 90, 5, 6],
      ['500103', 2025, 100, 90, 5, 5],
    ], [
      [1, '安全利用面积', '安全利用面积不能大于受污染耕地面积'], [1, '年份', '在文件中重复'], [2, '区县', '未知的区县名称'],
      [3, '安全利用地块数', '安全利用地块数不能大于重点建设用地地块数'], [4, '年份', '在文件中重复'],
    ]);
  });

  it('cases: closed before filed, filed in the future, five-category list, negative penalty — 20250301 and 查封、扣押 read', async () => {
    const ws = await workspace('base');
    const { permit } = await codes(ws);
    const head = ['立案号', '立案日期', '许可证编号', '区县代码', '五类案件', '罚没金额（万元）', '结案日期'];
    await refused(ws, 'cases-bad', [head,
      ['C1', '2025-03-01', permit, '500103', '', '1.5', '2025-02-01'],
      ['C2', '2099-03-01', permit, '500103', '', '1.5', ''],
      ['C3', '2025-03-01', permit, '500103', '罚款', '-1', ''],
      ['C4', '20250301', permit, '500103', '查封、扣押', '2.35', ''],
    ], [[1, '结案日期', '结案日期不能早于立案日期'], [2, '立案日期', '不晚于今天'], [3, '五类案件', '不是可接受的取值'], [3, '罚没金额（万元）', '数值不能为负数']]);
    await accepted(ws, 'cases-ok', [head, ['C4', '20250301', permit, '500103', '查封、扣押', '2.35', '']]);
    expect(await ws.one("SELECT strftime(filed_on, '%Y-%m-%d') AS d, five_category, penalty_cny FROM cases"))
      .toEqual({ d: '2025-03-01', five_category: '查封扣押', penalty_cny: 23500 });
  });

  it('EIA approvals: category, a conclusion without the analysis', async () => {
    const ws = await workspace('base');
    await refused(ws, 'eia-bad', [
      ['批复文号', '项目名称', '批复日期', '区县', '环评类别', '是否开展分区管控符合性分析', '符合性结论'],
      ['A1', '甲项目', '2025-03-01', '渝中区', '登记表', '是', '符合'],
      ['A2', '乙项目', '2025-03-01', '渝中区', '报告书', '否', '符合'],
      ['A3', '丙项目', '2025-03-01', '渝中区', '表', '是', '有条件符合'],
    ], [[1, '环评类别', '不是可接受的取值'], [2, '符合性结论', '未开展分区管控符合性分析']]);
  });

  it('plan filings: level against entity, filed before published', async () => {
    const ws = await workspace('base');
    await refused(ws, 'plans-bad', [
      ['层级', '主体', '版本', '类型', '发布日期', '备案日期'],
      ['市级', '渝中区', '2024', '定期调整', '2024-03-19', '2024-04-01'],
      ['区县', '全市', '2024', '定期调整', '2024-03-19', '2024-04-01'],
      ['区县', '渝北区', '2024', '调整', '2024-03-19', '2024-03-01'],
    ], [[1, '主体', '市级方案的主体应为“全市”'], [2, '主体', '区县方案的主体应为区县'], [3, '备案日期', '备案日期不能早于发布日期']]);
  });

  it('unit crosswalk: code form, both codes in the workspace', async () => {
    const ws = await workspace('base');
    const { unit, oldUnit } = await codes(ws);
    await refused(ws, 'crosswalk-bad', [['原单元编码', '新单元编码'], ['ZH123', unit], [oldUnit, 'ZH50010329999']],
      [[1, '原单元编码', '管控单元编码格式错误'], [2, '新单元编码', '新单元编码不在工作空间的管控单元中']]);
  });

  it('inspections: a permit number or a name is required; USCC form; inspection type', async () => {
    const ws = await workspace('base');
    const noWho = await writeCsv(join(dir, 'insp-nowho.csv'), [['检查编号', '检查日期', '区县'], ['I1', '2025-01-01', '渝中区']]);
    const err = await importFiles(ws, [noWho]).then(() => undefined, (e: unknown) => e as UserError);
    expect(err?.code).toBe('MISSING_COLUMNS');
    expect(err?.rowErrors[0]).toMatchObject({ row: 0, column: '许可证编号' });
    await refused(ws, 'insp-bad', [
      ['检查编号', '检查日期', '单位名称', '统一社会信用代码', '区县', '检查类型'],
      ['I1', '2025年1月5日', '某厂', '91500103MA5O0000XX', '渝中区', '突击检查'],
    ], [[1, '统一社会信用代码', '统一社会信用代码格式错误'], [1, '检查类型', '不是可接受的取值']]);
  });

  it('reference checks of the smaller datasets: station, source unit and type, host district, required target, counts', async () => {
    const ws = await workspace('base');
    const { unit } = await codes(ws);
    await refused(ws, 'daily-bad', [['站点编码', '日期', 'PM2.5', 'O3'], ['9999A', '2025-01-01', 30, 80]], [[1, '站点编码', '未知的站点编码']]);
    await refused(ws, 'sources-bad', [['水源地编码', '水源地名称', '区县代码', '管控单元编码', '水源类型'],
      ['Y1', '甲', '500103', 'ZH50010329999', '河流'], ['Y2', '乙', '500103', unit, '海水']],
    [[1, '管控单元编码', '管控单元编码在工作空间中不存在'], [2, '水源类型', '不是可接受的取值']]);
    await refused(ws, 'entities-bad', [['报送主体编码', '报送主体名称', '所属区县'], ['X1', '某新区', '火星区']], [[1, '所属区县', '未知的区县名称']]);
    await refused(ws, 'targets-bad', [['考核对象', '年份', '指标编号', '目标值'], ['渝中区', 2025, 'C1', '']], [[1, '目标值', '必填项“目标值”为空']]);
    await refused(ws, 'work-bad', [['区县代码', '年份', '工作事项', '数量'], ['500103', 2025, '政策文件', -1]], [[1, '数量', '数值不能为负数']]);
  });

  it('open lists keep what they do not know: a statistics metric, a violation type', async () => {
    const ws = await workspace('base');
    const { permit } = await codes(ws);
    await accepted(ws, 'stats-open', [['区县代码', '年份', '指标名称', '数值', '计量单位'], ['500103', 2025, '新能源汽车保有量', 12, '万辆'], ['500103', 2025, '地区生产总值', 3200, '亿元']]);
    expect(await ws.all('SELECT metric FROM statistics ORDER BY 1')).toEqual([{ metric: 'GDP' }, { metric: '新能源汽车保有量' }]);
    await accepted(ws, 'cases-open', [['立案号', '立案日期', '许可证编号', '区县代码', '违法类型'], ['K1', '2025-05-01', permit, '500103', '噪声扰民'], ['K2', '2025-05-02', permit, '500103', '超标']]);
    expect(await ws.all('SELECT violation_type FROM cases ORDER BY 1')).toEqual([{ violation_type: '噪声扰民' }, { violation_type: '超标排放' }]);
  });
});

describe('the default sample', () => {
  it('imports cleanly: every file accepted whole, as the dataset the generator says', async () => {
    const out = join(dir, 'full');
    const sample = await generateSample({ outDir: out, years: [2025], scale: 'small', seed: 2026, districts: ['500103', '500112', '500101', '500243'] });
    expect(new Set(sample.map((f) => f.dataset))).toEqual(new Set(Object.keys(DATASETS)));
    expect(sample.every((f) => basename(f.path).startsWith('示例数据_'))).toBe(true);
    const ws = await workspace([]);
    const r = await importFiles(ws, sample.map((f) => f.path));
    for (const f of sample) {
      const b = r.batches.find((x) => x.path === f.path)!;
      expect(b, basename(f.path)).toMatchObject({ dataset: f.dataset, rejected: 0 });
      expect(b.accepted, basename(f.path)).toBe(b.rows);
      expect(b.rows, basename(f.path)).toBeGreaterThan(0);
    }
    expect(new Set(r.batches.map((b) => b.encoding))).toEqual(new Set(['utf-8', 'utf-8-bom', 'gb18030', 'xlsx', 'geojson']));
  });
});
