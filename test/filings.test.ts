// 备案台账 (issue 21): a plan filed 40 days late, a dynamic update not filed, a five-yearly adjustment falling due
// and a 限期整改 order overdue — each visible in the register (API and CLI), in the A1/A2 values computed from the
// same rows, and in the city report's annex (the .docx reopened and its text read).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import JSZip from 'jszip';
import { Workspace } from '../analytics/workspace.js';
import { createService } from '../service/zonetrack-service.js';
import { inProcessClient } from '../service/in-process-client.js';
import type { ApiClient } from '../service/contract.js';
import { main } from '../cli/main.js';
import { tempDir } from './helpers/sample-workspace.js';
import { writeCsv } from './helpers/files.js';

const YEAR = 2025;
const WANZHOU = '500101', YUZHONG = '500103';
let dir: string;
let ws: Workspace;
let api: ApiClient;

const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

beforeAll(async () => {
  dir = await tempDir();
  ws = await Workspace.create(join(dir, 'filings.duckdb'));
  api = inProcessClient(createService(ws));
  const file = await writeCsv(join(dir, '方案发布与备案.csv'), [
    ['层级', '主体', '版本', '类型', '发布日期', '备案日期', '调整原因', '整改期限', '整改完成日期'],
    ['市级', '全市', '2021版', '发布', '2021-02-01', '2021-02-20', null, null, null],
    // 万州区: its plan of 2020 falls due for the five-yearly adjustment in 2025
    ['区县', WANZHOU, '2020版', '发布', '2020-06-01', '2020-06-20', null, null, null],
    // 渝中区: the 2025 adjustment filed 40 days after its 30-day deadline (2025-03-31 → 2025-05-10)
    ['区县', YUZHONG, '2020版', '发布', '2020-06-01', '2020-06-15', null, null, null],
    ['区县', YUZHONG, '2025版', '定期调整', '2025-03-01', '2025-05-10', '五年定期调整', null, null],
    // … one update filed, one never filed
    ['区县', YUZHONG, '2025-1', '动态更新', '2025-06-01', null, '生态保护红线调整', null, null],
    ['区县', YUZHONG, '2025-2', '动态更新', '2025-08-01', '2025-08-15', '园区范围调整', null, null],
    // … and ordered to correct the unfiled update by 30 September, not done
    ['区县', YUZHONG, '渝环备整〔2025〕3号', '限期整改', '2025-07-01', null, '动态更新未履行备案程序', '2025-09-30', null],
  ]);
  await api.call('import/files', { paths: [file] });
  await api.call('indicators/compute', { year: YEAR });
}, 120_000);
afterAll(async () => {
  await ws.close().catch(() => undefined);
});

describe('filing register', () => {
  it('shows the late filing, the unfiled update, the adjustment due and the overdue order', async () => {
    const r = await api.call('filings/register', { year: YEAR });
    const adj = r.plans.find((p) => p.entity === YUZHONG && p.version === '2025版')!;
    expect(adj).toMatchObject({ kind: '定期调整', publishedOn: '2025-03-01', filedOn: '2025-05-10', days: 70, daysLate: 40, state: '逾期备案' });
    expect(r.plans.find((p) => p.entity === 'city')).toMatchObject({ name: '全市', state: '按期备案', daysLate: 0 });
    expect(r.updates.map((u) => [u.version, u.filedOn, u.state])).toEqual([['2025-1', null, '未备案'], ['2025-2', '2025-08-15', '按期备案']]);
    expect(r.adjustments.find((a) => a.entity === WANZHOU)).toMatchObject({ version: '2020版', dueYear: 2025, state: '本年到期' });
    expect(r.adjustments.find((a) => a.entity === YUZHONG)).toMatchObject({ version: '2025版', dueYear: 2030, state: '未到期' });
    expect(r.orders).toEqual([expect.objectContaining({ entity: YUZHONG, name: '渝中区', orderNo: '渝环备整〔2025〕3号', dueOn: '2025-09-30', doneOn: null,
      state: '逾期未完成', daysOverdue: days('2025-09-30', r.referenceDate) })]);
  });

  it('gives A1 and A2 from the same rows: late filing scores the late tier, the unfiled update counts', async () => {
    const a1 = await api.call('indicators/value', { indicator: 'A1', entity: YUZHONG, year: YEAR });
    expect(a1.value).toBe(1); // filed, but late
    expect(a1.explanation ?? '').toBeDefined();
    const a1wz = await api.call('indicators/value', { indicator: 'A1', entity: WANZHOU, year: YEAR });
    expect(a1wz.value).toBe(2); // on time
    const a2 = await api.call('indicators/value', { indicator: 'A2', entity: YUZHONG, year: YEAR });
    // A2 is the share of the year's updates filed (domain/indicators.md): 2025-2 filed, 2025-1 not → 50 %,
    // scored 4 − 2 for the one update not filed
    expect(a2.value).toBe(50);
    expect([a2.points, a2.maxPoints]).toEqual([2, 4]);
  });

  it('prints the register in the CLI', async () => {
    const out: string[] = [];
    const path = ws.path;
    await ws.close();
    try {
      expect(await main(['filings', path, '--year', String(YEAR)], { out: (s) => out.push(s), err: () => undefined })).toBe(0);
    } finally {
      ws = await Workspace.open(path);
      api = inProcessClient(createService(ws));
    }
    const text = out.join('\n');
    expect(text).toMatch(/渝中区\s+2025版\s+定期调整\s+2025-03-01\s+2025-05-10\s+70\s+40\s+逾期备案/);
    expect(text).toMatch(/渝中区\s+2025-1\s+2025-06-01\s+—\s+未备案/);
    expect(text).toMatch(/万州区\s+2020版\s+2020-06-01\s+2025\s+本年到期/);
    expect(text).toMatch(/渝中区\s+渝环备整〔2025〕3号\s+动态更新未履行备案程序\s+2025-07-01\s+2025-09-30\s+—\s+逾期未完成/);
  });

  it('puts the register into the city report as an annex', async () => {
    const { files } = await api.call('reports/generate', { year: YEAR, entity: 'city', outDir: join(dir, 'reports') });
    const zip = await JSZip.loadAsync(await readFile(files[0]!.docx));
    const xml = await zip.file('word/document.xml')!.async('string');
    const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => [...p[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''));
    const text = paragraphs.join('\n');
    const at = paragraphs.indexOf('备案台账');
    expect(at).toBeGreaterThan(0);
    expect(paragraphs[at - 1]).toBe('附件2');
    expect(text).toContain('渝中区2025版逾期备案，逾期40天');
    expect(text).toContain('2025年动态更新未备案1次（渝中区2025-1版）');
    expect(text).toContain('万州区2020版应于2025年调整，本年到期');
    expect(text).toContain(`渝中区渝环备整〔2025〕3号逾期未完成${days('2025-09-30', (await api.call('filings/register', { year: YEAR })).referenceDate)}天`);
    expect(paragraphs.slice(at)).toContain('四、限期整改');
    expect(paragraphs.indexOf('数据来源说明')).toBeGreaterThan(at);
  });
});
