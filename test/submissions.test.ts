// 报送 (issue 21): a scripted year — 38 districts, three send their data packages, one is returned with reasons
// and resubmits with a PDF, the city reviews and finalizes. The overview shows every state, the audit trail tells
// the story in order with the operator and reasons, illegal moves are refused in Chinese, and a later import
// changes neither the finalized scores nor the finalized submissions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Workspace } from '../analytics/workspace.js';
import { importFiles } from '../analytics/import/import-files.js';
import { exportDistrictPackage } from '../analytics/exchange/data-package.js';
import { createService } from '../service/zonetrack-service.js';
import { inProcessClient } from '../service/in-process-client.js';
import { ApiCallError, type ApiClient } from '../service/contract.js';
import { main } from '../cli/main.js';
import type { Io } from '../cli/cli-io.js';
import { tempDir } from './helpers/sample-workspace.js';
import { writeCsv } from './helpers/files.js';

const YEAR = 2025;
const WANZHOU = '500101', YUZHONG = '500103', YUBEI = '500112';
let dir: string;
let city: Workspace;
let api: ApiClient;
const packages: Record<string, string> = {};

async function refusal(p: Promise<unknown>): Promise<ApiCallError> {
  const e = await p.then(() => undefined, (x: unknown) => x);
  expect(e).toBeInstanceOf(ApiCallError);
  return e as ApiCallError;
}

beforeAll(async () => {
  dir = await tempDir();
  // what the three districts keep on their side: their work records of the year, sent as data packages
  const districtSide = await Workspace.create(join(dir, 'districts.duckdb'));
  const work = await writeCsv(join(dir, '工作事项2025.csv'), [
    ['区县代码', '年份', '工作事项', '数量', '佐证说明'],
    [WANZHOU, YEAR, '配套政策文件', 2, '万州区印发两份'],
    [WANZHOU, YEAR, '数据共享部门', 5, null],
    [YUZHONG, YEAR, '配套政策文件', 1, '渝中区一份'],
    [YUBEI, YEAR, '配套政策文件', 3, null],
  ]);
  await importFiles(districtSide, [work]);
  for (const d of [WANZHOU, YUZHONG, YUBEI]) packages[d] = (await exportDistrictPackage(districtSide, d, join(dir, 'out'))).dir;
  await districtSide.close();
  city = await Workspace.create(join(dir, 'city.duckdb'));
  api = inProcessClient(createService(city));
  await api.call('audit/set-user', { name: '李审核' });
}, 120_000);
afterAll(async () => {
  await city.close().catch(() => undefined);
});

describe('submissions through a year', () => {
  it('starts with all 38 districts 待报送, each missing its datasets and self-assessment', async () => {
    const list = await api.call('submissions/list', { year: YEAR });
    expect(list.rows).toHaveLength(38);
    expect(list.counts).toEqual({ 待报送: 38, 已报送: 0, 退回: 0, 已审核: 0, 定稿: 0 });
    const wz = list.rows.find((r) => r.district === WANZHOU)!;
    expect(wz.name).toBe('万州区');
    expect(wz.missing).toEqual(expect.arrayContaining(['自评表', '工作记录（数据共享、配套政策、平台应用等）']));
  });

  it('records a received data package as 已报送 with its datasets and rows', async () => {
    for (const d of [WANZHOU, YUZHONG, YUBEI]) {
      const r = await api.call('packages/import', { dir: packages[d]!, year: YEAR });
      expect(r.submission).toEqual({ year: YEAR, district: d });
    }
    const list = await api.call('submissions/list', { year: YEAR });
    expect(list.counts).toMatchObject({ 待报送: 35, 已报送: 3 });
    const wz = list.rows.find((r) => r.district === WANZHOU)!;
    expect(wz.state).toBe('已报送');
    expect(wz.firstSubmittedAt).not.toBeNull();
    expect(wz.missing).not.toContain('工作记录（数据共享、配套政策、平台应用等）'); // the package covered work_items
    const [received] = (await api.call('submissions/history', { year: YEAR, district: WANZHOU })).events;
    expect(received).toMatchObject({ from: '待报送', to: '已报送', operator: '李审核' });
    expect(received!.contents).toMatchObject({ source: '数据包', datasets: [{ dataset: 'work_items', rows: 2 }] });
  });

  it('refuses illegal transitions with a Chinese message and writes nothing', async () => {
    const before = (await api.call('submissions/history', { year: YEAR })).events.length;
    const skip = await refusal(api.call('submissions/transition', { year: YEAR, district: '500104', to: '已审核' }));
    expect(skip.error.code).toBe('ILLEGAL_TRANSITION');
    expect(skip.message).toContain('大渡口区的报送状态为“待报送”，不能转为“已审核”');
    const bare = await refusal(api.call('submissions/transition', { year: YEAR, district: YUZHONG, to: '退回', reason: '不全' }));
    expect(bare.message).toContain('须逐项说明退回原因');
    const byHand = await refusal(api.call('submissions/transition', { year: YEAR, district: WANZHOU, to: '定稿' }));
    expect(byHand.message).toContain('定稿由全市定稿操作完成');
    expect((await api.call('submissions/history', { year: YEAR })).events).toHaveLength(before);
  });

  it('returns 渝中区 with reasons per item; the overview lists them as missing', async () => {
    const e = await api.call('submissions/transition', { year: YEAR, district: YUZHONG, to: '退回', reason: '材料不全',
      items: [{ item: 'A4 配套政策文件', reason: '缺少印发文号与文件扫描件' }, { item: '自评表', reason: '未报送自评表' }] });
    expect(e).toMatchObject({ from: '已报送', to: '退回', reason: '材料不全' });
    const yz = (await api.call('submissions/list', { year: YEAR })).rows.find((r) => r.district === YUZHONG)!;
    expect(yz.state).toBe('退回');
    expect(yz.missing).toContain('退回项：A4 配套政策文件（缺少印发文号与文件扫描件）');
  });

  it('takes the resubmission with a PDF stored under its SHA-256, and refuses a file that is not a PDF', async () => {
    const pdfBytes = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    const pdf = join(dir, '渝中区配套政策文件扫描件.pdf');
    await writeFile(pdf, pdfBytes);
    const fake = join(dir, '伪装.pdf');
    await writeFile(fake, 'not a pdf');
    const wrong = await refusal(api.call('submissions/transition', { year: YEAR, district: YUZHONG, to: '已报送', evidence: [fake] }));
    expect(wrong.message).toContain('佐证材料“伪装.pdf”的内容不是 PDF');
    const e = await api.call('submissions/transition', { year: YEAR, district: YUZHONG, to: '已报送', reason: '补充印发文号', evidence: [pdf] });
    const sha = createHash('sha256').update(pdfBytes).digest('hex');
    expect(e.contents?.evidence).toEqual([expect.objectContaining({ file: '渝中区配套政策文件扫描件.pdf', sha256: sha })]);
    const { files } = await api.call('submissions/evidence', { year: YEAR, district: YUZHONG });
    expect(files).toEqual([expect.objectContaining({ sha256: sha, bytes: pdfBytes.length, mediaType: 'application/pdf' })]);
    const stored = await city.one<{ c: Uint8Array }>('SELECT content AS c FROM submission_evidence WHERE sha256 = $s', { s: sha });
    expect(createHash('sha256').update(Buffer.from(stored!.c)).digest('hex')).toBe(sha);
  });

  it('finalizes the year: the reviewed become 定稿, the others keep their state, and the audit trail tells the story', async () => {
    await api.call('submissions/transition', { year: YEAR, district: WANZHOU, to: '已审核', reason: '数据核对无误' });
    await api.call('submissions/transition', { year: YEAR, district: YUZHONG, to: '已审核' });
    await api.call('indicators/compute', { year: YEAR });
    await api.call('snapshots/finalize', { year: YEAR, reason: '2025年度考核定稿' });
    const list = await api.call('submissions/list', { year: YEAR });
    expect(list.counts).toEqual({ 待报送: 35, 已报送: 1, 退回: 0, 已审核: 0, 定稿: 2 });
    expect(list.rows.find((r) => r.district === YUBEI)!.state).toBe('已报送');
    expect(list.rows.find((r) => r.district === YUZHONG)!.finalizedAt).not.toBeNull();
    const story = (await api.call('submissions/history', { year: YEAR, district: YUZHONG })).events.map((e) => `${e.from}→${e.to}`);
    expect(story).toEqual(['待报送→已报送', '已报送→退回', '退回→已报送', '已报送→已审核', '已审核→定稿']);
    const audit = (await api.call('audit/list', { limit: 1000 })).entries.filter((a) => a.target?.includes('渝中区'));
    expect(audit.map((a) => a.label)).toEqual(['导入数据包', '报送状态变更', '报送状态变更', '登记佐证材料', '报送状态变更', '报送状态变更', '报送状态变更']);
    expect(audit.every((a) => a.user === '李审核')).toBe(true);
    expect(audit[2]!.detail).toMatchObject({ from: '已报送', to: '退回', reason: '材料不全',
      items: [{ item: 'A4 配套政策文件', reason: '缺少印发文号与文件扫描件' }, { item: '自评表', reason: '未报送自评表' }] });
    expect(audit[6]!.detail).toMatchObject({ from: '已审核', to: '定稿', reason: '2025年度考核定稿', by: 'snapshot/finalize' });
  });

  it('keeps a finalized year as it was after a later import; a package for a finalized district is refused', async () => {
    const a4 = async (draft: boolean) => (await api.call('scores/get', { year: YEAR, entity: WANZHOU, draft })).sheets[0]!.items.find((i) => i.indicator === 'A4')!;
    const before = await a4(false);
    expect(before.value).toBe(2);
    const later = await writeCsv(join(dir, '工作事项补报.csv'), [
      ['区县代码', '年份', '工作事项', '数量'],
      [WANZHOU, YEAR, '出台的配套政策文件', 4],
    ]);
    await api.call('import/files', { paths: [later] });
    await api.call('indicators/compute', { year: YEAR });
    expect((await a4(true)).value).toBe(6); // the draft sees the new file …
    expect(await a4(false)).toEqual(before); // … the finalized snapshot does not
    const batches = (await api.call('batches/list', {})).length;
    const refused = await refusal(api.call('packages/import', { dir: packages[WANZHOU]!, year: YEAR }));
    expect(refused.message).toContain('万州区的报送状态为“定稿”，不能转为“已报送”');
    expect((await api.call('batches/list', {})).length).toBe(batches);
    expect((await api.call('submissions/list', { year: YEAR })).rows.find((r) => r.district === WANZHOU)!.state).toBe('定稿');
  });

  it('shows the same in the CLI: counts, states and the history', async () => {
    const out: string[] = [];
    const io: Io = { out: (s) => out.push(s), err: () => undefined };
    const path = city.path;
    await city.close();
    try {
      expect(await main(['submissions', path, '--year', String(YEAR), '--json'], io)).toBe(0);
      const doc = JSON.parse(out.join('\n'));
      expect(doc.counts).toEqual({ 待报送: 35, 已报送: 1, 退回: 0, 已审核: 0, 定稿: 2 });
      out.length = 0;
      expect(await main(['submissions', path, '--year', String(YEAR), '--district', YUZHONG, '--history'], io)).toBe(0);
      const text = out.join('\n');
      expect(text).toContain('已报送 → 退回  李审核：材料不全；退回项：A4 配套政策文件（缺少印发文号与文件扫描件）');
      expect(text).toContain('佐证 渝中区配套政策文件扫描件.pdf');
      out.length = 0;
      const errs: string[] = [];
      const code = await main(['submissions', path, '--year', String(YEAR), '--district', YUBEI, '--to', '退回'], { out: (s) => out.push(s), err: (s) => errs.push(s) });
      expect(code).toBe(2);
      expect(errs.join('\n')).toContain('须逐项说明退回原因');
    } finally {
      city = await Workspace.open(path);
      api = inProcessClient(createService(city));
    }
    expect(await readFile(join(dir, '渝中区配套政策文件扫描件.pdf'))).toBeTruthy();
  });
});
