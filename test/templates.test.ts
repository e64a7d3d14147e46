// 数据填报模板 (issue 21): each template is generated, filled as a district would fill it (exceljs, values valid for
// the sample workspace) with one mistake, imported through the real importer — the mistake is refused naming the
// sheet row and column as Excel shows them — then corrected, imported, and its values read back from the indicators.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { readFile, readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Workspace } from '../analytics/workspace.js';
import type { RowError } from '../analytics/errors.js';
import { createService } from '../service/zonetrack-service.js';
import { inProcessClient } from '../service/in-process-client.js';
import type { ApiCallError, ApiClient } from '../service/contract.js';
import { main } from '../cli/main.js';
import type { Io } from '../cli/cli-io.js';
import { buildSampleWorkspace } from './helpers/sample-workspace.js';
import { DATASETS, type DatasetName } from '../analytics/import/datasets.js';
import { mapHeaders } from '../analytics/import/header-match.js';
import { CITY_HELD, TEMPLATE_DATASETS } from '../reports/templates/template-datasets.js';
import { templateWorkbook, type TemplateContext } from '../reports/templates/data-template.js';

const CTX: TemplateContext = {
  year: 2026,
  district: { code: '500101', name: '万州区' },
  codes: { unit_code: [{ code: 'ZH50010110001', name: '甲单元' }, { code: 'ZH50010120001', name: '乙单元' }] },
};

/** The sheet's rows as text, 1-based like Excel. */
function sheetRows(ws: ExcelJS.Worksheet): string[][] {
  const rows: string[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    rows[n] = (row.values as ExcelJS.CellValue[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)));
  });
  return rows;
}

describe('templates without a workspace', () => {
  it('every canonical dataset is either asked of districts or held by the city, never both', () => {
    const held = CITY_HELD.flatMap((g) => g.datasets);
    const all = [...TEMPLATE_DATASETS, ...held].sort();
    expect(all).toEqual(Object.keys(DATASETS).sort());
  });

  it.each(TEMPLATE_DATASETS.map((d) => [d]))('%s: headers the matcher maps whole, drop-downs, frozen header, 填表说明', async (name: DatasetName) => {
    const wb = new ExcelJS.Workbook();
    // written and read back: what a district's Excel opens
    await wb.xlsx.load(await templateWorkbook(name, CTX).xlsx.writeBuffer());
    const [data, guide, lists] = wb.worksheets;
    expect(guide!.name).toBe('填表说明');
    expect(lists!.state).toBe('hidden');
    const rows = sheetRows(data!);
    expect(rows[1]![0]).toContain('万州区2026年');
    expect(rows[2]![0]).toContain('500101');
    const headers = rows[3]!.filter((h) => h !== '');
    const mapping = mapHeaders(headers, DATASETS[name]);
    expect(mapping.missing).toEqual([]);
    expect(mapping.ignored).toEqual([]);
    expect(mapping.matches.length).toBe(headers.length);
    expect(data!.views[0]).toMatchObject({ state: 'frozen' });
    // every closed list of the dictionary is a drop-down offering exactly its values (from the hidden sheet 取值)
    const validations = (data as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations.model;
    const listRows = sheetRows(lists!);
    for (const c of DATASETS[name].columns.filter((x) => x.kind === 'enum' && !x.open && !x.virtual)) {
      const col = headers.indexOf(c.label);
      const letter = String.fromCharCode(65 + col);
      const [range, v] = Object.entries(validations).find(([r]) => r.startsWith(`${letter}`)) ?? [];
      expect(v?.type, `${name}.${c.name} ${range}`).toBe('list');
      const m = /\$([A-Z]+)\$2:\$[A-Z]+\$(\d+)/.exec(String(v!.formulae[0]))!;
      const listCol = m[1]!.charCodeAt(0) - 65;
      const offered = listRows.slice(2, Number(m[2]) + 1).map((r) => r[listCol]);
      expect(offered).toEqual(Object.keys(c.values!));
    }
    // each column explained on 填表说明, with whether it is required
    const guideText = sheetRows(guide!).map((r) => r.join('|')).join('\n');
    for (const h of headers) expect(guideText).toContain(h);
    expect(guideText).toContain('由市级掌握');
  });
});

// ---- Round trip through a real workspace ----

type Filled = Record<string, ExcelJS.CellValue>;
const D = (iso: string) => new Date(`${iso}T00:00:00Z`);
const YEAR = 2026;
const DISTRICT = '500101';

interface Codes {
  priorityUnits: string[];
  keyUnits: string[];
  permits: string[];
  keyPolluters: string[];
  sources: string[];
  /** The sample's own problems of the district due in the year: they count beside the filled ones. */
  problemsDue: { due: number; onTime: number };
}

interface RoundTrip {
  dataset: DatasetName;
  rows: (c: Codes) => Filled[];
  /** The mistake: which row (0-based among the filled ones), which header, what was written, and why it is refused. */
  mistake: { row: number; header: string; value: ExcelJS.CellValue; reason: RegExp };
  /** The value the corrected rows give, read back after computing the year. */
  check: (c: Codes) => { kind: 'indicators/value' | 'measures/get'; id: string; value: number };
}

const ROUND_TRIPS: RoundTrip[] = [
  {
    dataset: 'plan_filings',
    // an adjustment published 1 February, filed 15 March: 42 days
    rows: () => [{ 层级: '区县', 版本: '2026', 类型: '定期调整', 发布日期: D('2026-02-01'), 备案日期: D('2026-03-15'), 调整原因: '落实市级调整方案' }],
    mistake: { row: 0, header: '备案日期', value: '2026年2月30日', reason: /日期/ },
    check: () => ({ kind: 'measures/get', id: 'zoning.plan_filing_days', value: 42 }),
  },
  {
    dataset: 'work_items',
    rows: () => [
      { 工作事项: '配套政策文件', 数量: 3, 名称清单: '甲办法、乙方案、丙通知' },
      { 工作事项: '数据共享部门', 数量: 4, 名称清单: '发改、自然资源、水利、林业' },
    ],
    mistake: { row: 1, header: '数量', value: -4, reason: /负数/ },
    check: () => ({ kind: 'indicators/value', id: 'A4', value: 3 }),
  },
  {
    dataset: 'eia_approvals',
    // four approvals, three with the zoning analysis: 75 %
    rows: (c) => [1, 2, 3, 4].map((k) => ({
      批复文号: `万州环准〔2026〕${k}号`, 项目名称: `示例项目${k}`, 批复日期: D(`2026-0${k + 1}-10`), 管控单元编码: c.keyUnits[0]!,
      环评类别: '报告表', 是否开展分区管控符合性分析: k === 4 ? '否' : '是', ...(k === 4 ? {} : { 符合性结论: '符合' }),
    })),
    mistake: { row: 2, header: '是否开展分区管控符合性分析', value: '待定', reason: /是.*否/ },
    check: () => ({ kind: 'indicators/value', id: 'B1', value: 75 }),
  },
  {
    dataset: 'soil_stats',
    rows: () => [{ 受污染耕地面积: 100, 安全利用面积: 80, 重点建设用地地块数: 5, 安全利用地块数: 5 }],
    mistake: { row: 0, header: '安全利用面积', value: 120, reason: /受污染耕地面积|不得|超过|大于/ },
    check: () => ({ kind: 'indicators/value', id: 'C9', value: 80 }),
  },
  {
    dataset: 'ecology_units',
    // problems found in priority units 3 + 1, rectified 2 + 1: 75 %
    rows: (c) => [
      { 管控单元编码: c.priorityUnits[0]!, 生态保护红线面积: 20.5, 新增人类活动点位数: 1, 发现问题数: 3, 已整改问题数: 2 },
      { 管控单元编码: c.priorityUnits[1]!, 生态保护红线面积: 10.25, 新增人类活动点位数: 0, 发现问题数: 1, 已整改问题数: 1 },
    ],
    mistake: { row: 1, header: '管控单元编码', value: 'ZH50010119999', reason: /管控单元/ },
    check: () => ({ kind: 'measures/get', id: 'eco.priority_problem_rectification_rate', value: 75 }),
  },
  {
    dataset: 'drinking_samples',
    // every source every month; one month of the first source not compliant: one source not compliant all year,
    // so C8 (sources compliant all year / sources, %) is (n − 1) / n
    rows: (c) => c.sources.flatMap((s, i) => Array.from({ length: 12 }, (_, m) => ({ 水源地编码: s, 月份: m + 1, 是否达标: i === 0 && m === 6 ? '否' : '是' }))),
    mistake: { row: 3, header: '月份', value: 13, reason: /月份/ },
    check: (c) => ({ kind: 'indicators/value', id: 'C8', value: Math.round((1000 * (c.sources.length - 1)) / c.sources.length) / 10 }),
  },
  {
    dataset: 'emissions_annual',
    // two holders reporting COD: one within its permitted amount, one over it: 50 %
    rows: (c) => [
      { 许可证编号: c.permits[0]!, 污染物: 'COD', 实际排放量: 10, 许可排放量: 20 },
      { 许可证编号: c.permits[1]!, 污染物: 'COD', 实际排放量: 30, 许可排放量: 20 },
    ],
    mistake: { row: 0, header: '污染物', value: '二氧化碳', reason: /取值/ },
    check: () => ({ kind: 'indicators/value', id: 'C15', value: 50 }),
  },
  {
    dataset: 'inspections',
    // one of the district's key polluters in key units inspected
    rows: (c) => [{ 检查编号: 'JC500101202601', 检查日期: D('2026-03-02'), 检查类型: '双随机', 许可证编号: c.keyPolluters[0]!, 管控单元编码: c.keyUnits[0]!, 检查结果: '未发现问题' }],
    mistake: { row: 0, header: '检查日期', value: '2026/13/02', reason: /日期/ },
    check: (c) => ({ kind: 'indicators/value', id: 'D1', value: Math.round((1000 / c.keyPolluters.length)) / 10 }),
  },
  {
    dataset: 'problems',
    // four problems due 30 June, three rectified before, one after: 75 % on time
    rows: (c) => [1, 2, 3, 4].map((k) => ({
      问题编号: `WT500101${YEAR}0${k}`, 问题来源: '执法', 管控单元编码: c.keyUnits[0]!, 发现日期: D('2026-01-10'), 整改期限: D('2026-06-30'),
      完成日期: D(k === 4 ? '2026-08-01' : '2026-05-01'), 整改状态: '已完成',
    })),
    mistake: { row: 1, header: '完成日期', value: D('2025-12-01'), reason: /早于|之前/ },
    check: (c) => ({ kind: 'indicators/value', id: 'D2', value: (100 * (c.problemsDue.onTime + 3)) / (c.problemsDue.due + 4) }),
  },
  {
    dataset: 'cases',
    // two cases in priority units, one in a key unit
    rows: (c) => [c.priorityUnits[0]!, c.priorityUnits[1]!, c.keyUnits[0]!].map((u, k) => ({
      立案号: `万州环罚立〔2026〕${k + 1}号`, 立案日期: D(`2026-0${k + 2}-01`), 管控单元编码: u, 违法类型: '超标排放', 罚没金额: 50000 * (k + 1),
    })),
    mistake: { row: 2, header: '罚没金额', value: '五万元', reason: /金额/ },
    check: () => ({ kind: 'indicators/value', id: 'D5', value: 2 }),
  },
];

/** The template's data sheet filled with `rows` under its header, from the first row the form prepared. */
async function fill(template: string, out: string, rows: Filled[]): Promise<{ firstRow: number; letterOf: Map<string, string> }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(template);
  const ws = wb.worksheets[0]!;
  const letterOf = new Map<string, string>();
  const colOf = new Map<string, number>();
  ws.getRow(3).eachCell((cell, col) => {
    colOf.set(String(cell.value), col);
    letterOf.set(String(cell.value), cell.address.replace(/\d+$/, ''));
  });
  // the first row holding the prefilled district code or year is the first data row (a units row may come before)
  let firstRow = 4;
  while (![DISTRICT, YEAR].some((v) => (ws.getRow(firstRow).values as ExcelJS.CellValue[]).includes(v))) firstRow++;
  rows.forEach((r, k) => {
    for (const [header, value] of Object.entries(r)) {
      const col = colOf.get(header);
      if (col === undefined) throw new Error(`模板中没有列“${header}”`);
      ws.getRow(firstRow + k).getCell(col).value = value;
    }
  });
  await wb.xlsx.writeFile(out);
  return { firstRow, letterOf };
}

describe('round trip: template → filled by a district → importer → indicators', () => {
  let dir: string;
  let wsPath: string;
  let api: ApiClient;
  let ws: Workspace;
  let codes: Codes;
  const outcomes = new Map<DatasetName, { refused: RowError[]; imported: number }>();

  beforeAll(async () => {
    const s = await buildSampleWorkspace({ compute: [] });
    dir = s.dir;
    ws = s.ws;
    wsPath = ws.path;
    api = inProcessClient(createService(ws));
    const all = (q: string) => ws.all<{ code: string }>(q, { d: DISTRICT }).then((r) => r.map((x) => x.code));
    const units = `(SELECT * FROM units WHERE plan_version = (SELECT max(plan_version) FROM units WHERE district_code = $d) AND district_code = $d)`;
    codes = {
      priorityUnits: await all(`SELECT unit_code AS code FROM ${units} WHERE unit_type = 1 ORDER BY 1`),
      keyUnits: await all(`SELECT unit_code AS code FROM ${units} WHERE unit_type = 2 ORDER BY 1`),
      permits: await all('SELECT permit_no AS code FROM permit_holders WHERE district_code = $d ORDER BY 1'),
      keyPolluters: await all(`SELECT permit_no AS code FROM permit_holders WHERE district_code = $d AND is_key_polluter
        AND unit_code IN (SELECT unit_code FROM ${units} WHERE unit_type = 2) ORDER BY 1`),
      sources: await all('SELECT source_code AS code FROM drinking_sources WHERE district_code = $d ORDER BY 1'),
      problemsDue: (await ws.one<{ due: number; onTime: number }>(`SELECT count(*)::INTEGER AS due,
          (count(*) FILTER (WHERE rectified_on <= due_on))::INTEGER AS "onTime" FROM problems WHERE district_code = $d AND year(due_on) = ${YEAR}`, { d: DISTRICT }))!,
    };
    expect(codes.priorityUnits.length).toBeGreaterThanOrEqual(2);
    expect(codes.keyPolluters.length).toBeGreaterThanOrEqual(1);
    expect(codes.sources.length).toBeGreaterThanOrEqual(1);

    for (const t of ROUND_TRIPS) {
      const written = await api.call('templates/write', { dataset: t.dataset, district: DISTRICT, year: YEAR, outDir: join(dir, 'templates') });
      const rows = t.rows(codes);
      const wrong = rows.map((r, k) => (k === t.mistake.row ? { ...r, [t.mistake.header]: t.mistake.value } : r));
      const bad = join(dir, `${t.dataset}-错误.xlsx`);
      const { firstRow, letterOf } = await fill(written.path, bad, wrong);
      const refused = await api.call('import/files', { paths: [bad] }).then(() => [] as RowError[], (e: unknown) => (e as ApiCallError).error.rowErrors ?? []);
      expect(refused.length, `${t.dataset}: the mistake is refused`).toBeGreaterThan(0);
      const where = `第 ${firstRow + t.mistake.row} 行 ${letterOf.get(t.mistake.header)} 列（${t.mistake.header}`;
      const hit = refused.find((e) => e.where?.startsWith(where));
      expect(hit, `${t.dataset}: ${JSON.stringify(refused)}`).toBeDefined();
      expect(hit!.reason).toMatch(t.mistake.reason);
      expect(hit!.cell).toBe(`${letterOf.get(t.mistake.header)}${firstRow + t.mistake.row}`);
      const good = join(dir, `${t.dataset}.xlsx`);
      await fill(written.path, good, rows);
      const result = await api.call('import/files', { paths: [good] }).catch((e: ApiCallError) => {
        throw new Error(`${t.dataset}: ${e.message} ${JSON.stringify(e.error.rowErrors)}`);
      });
      expect(result.batches[0]!.dataset).toBe(t.dataset);
      outcomes.set(t.dataset, { refused, imported: result.batches[0]!.accepted });
    }
    await api.call('indicators/compute', { year: YEAR });
  }, 600_000);
  afterAll(async () => {
    await ws?.close();
  });

  it.each(ROUND_TRIPS.map((t) => [t.dataset, t]))('%s: the mistake named by Excel row and column; the corrected rows reach the indicators', async (_name, t) => {
    const outcome = outcomes.get(t.dataset)!;
    expect(outcome.imported).toBe(t.rows(codes).length);
    const check = t.check(codes);
    const got = check.kind === 'indicators/value'
      ? await api.call('indicators/value', { indicator: check.id, entity: DISTRICT, year: YEAR })
      : await api.call('measures/get', { measure: check.id, entity: DISTRICT, year: YEAR });
    expect(got.value, JSON.stringify(got)).toBeCloseTo(check.value, 1);
  });

  it('the pack holds one template per dataset asked for, each opening as a workbook', async () => {
    const written = await api.call('templates/write', { dataset: 'all', district: DISTRICT, year: YEAR, outDir: join(dir, 'pack') });
    expect(written.pack).toBe(true);
    const zip = await JSZip.loadAsync(await readFile(written.path));
    const names = Object.keys(zip.files).sort();
    expect(names).toHaveLength(TEMPLATE_DATASETS.length);
    for (const name of TEMPLATE_DATASETS) {
      const file = names.find((n) => n.includes(DATASETS[name].label));
      expect(file, name).toBeDefined();
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(await zip.file(file!)!.async('arraybuffer'));
      expect(wb.worksheets[0]!.getRow(1).getCell(1).value).toBe(`万州区${YEAR}年${DATASETS[name].label}填报表`);
    }
  });

  it('zonetrack template writes the files: one dataset, and the pack', async () => {
    await ws.close();
    try {
      const out = join(dir, 'cli');
      const one = await run('template', wsPath, '--dataset', 'cases', '--district', DISTRICT, '--year', String(YEAR), '--out', out, '--json');
      expect(one.code, one.err).toBe(0);
      const doc = JSON.parse(one.out) as { path: string; pack: boolean };
      expect(doc.pack).toBe(false);
      expect(await readdir(out)).toContain(basename(doc.path));
      const pack = await run('template', wsPath, '--dataset', 'all', '--district', DISTRICT, '--year', String(YEAR), '--out', out);
      expect(pack.code, pack.err).toBe(0);
      expect((await readdir(out)).filter((f) => f.endsWith('.zip'))).toHaveLength(1);
      const refused = await run('template', wsPath, '--dataset', 'air_hourly', '--district', DISTRICT, '--year', String(YEAR), '--out', out);
      expect(refused.code).toBe(2);
      expect(refused.err).toMatch(/市级掌握/);
    } finally {
      ws = await Workspace.open(wsPath);
    }
  });
});

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '', err = '';
  const io: Io = { out: (t) => void (out += t + '\n'), err: (t) => void (err += t + '\n') };
  const code = await main(argv, io);
  return { code, out, err };
}
