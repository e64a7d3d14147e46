// 一区两群 versioned by year (issue 21): 垫江县 belongs to 渝东北三峡库区城镇群 under the 2020 definition and to
// 主城都市区 from 2024 (chongqing.md §4.3) — in the ranking, the submissions overview and the city report's grouped
// summary, which also states that a reporting entity (万盛经开区) is not scored on its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import JSZip from 'jszip';
import { Workspace } from '../analytics/workspace.js';
import { createService } from '../service/zonetrack-service.js';
import { inProcessClient } from '../service/in-process-client.js';
import type { ApiClient } from '../service/contract.js';
import { tempDir } from './helpers/sample-workspace.js';
import { writeCsv } from './helpers/files.js';

const DIANJIANG = '500231', WANZHOU = '500101', YUZHONG = '500103';
let dir: string;
let ws: Workspace;
let api: ApiClient;

beforeAll(async () => {
  dir = await tempDir();
  ws = await Workspace.create(join(dir, 'groups.duckdb'));
  api = inProcessClient(createService(ws));
  const entities = await writeCsv(join(dir, '报送主体.csv'), [
    ['报送主体编码', '报送主体名称', '所属区县代码'],
    ['WSJKQ', '万盛经开区', '500110'],
  ]);
  const work = await writeCsv(join(dir, '工作事项.csv'), [
    ['区县代码', '年份', '工作事项', '数量'],
    ...[2023, 2025].flatMap((y) => [[DIANJIANG, y, '配套政策文件', 3], [WANZHOU, y, '配套政策文件', 1], [YUZHONG, y, '配套政策文件', 2]]),
  ]);
  await api.call('import/files', { paths: [entities, work] });
  for (const y of [2023, 2025]) await api.call('indicators/compute', { year: y });
}, 120_000);
afterAll(async () => {
  await ws.close().catch(() => undefined);
});

describe('一区两群 by year', () => {
  it('puts 垫江县 in 渝东北三峡库区城镇群 in 2023 and in 主城都市区 (主城新区) from 2024, in the ranking', async () => {
    const r23 = await api.call('indicators/ranking', { year: 2023, indicator: 'A4' });
    const r25 = await api.call('indicators/ranking', { year: 2025, indicator: 'A4' });
    expect(r23.rows.find((r) => r.entity === DIANJIANG)).toMatchObject({ regionGroup: '渝东北三峡库区城镇群', subGroup: null });
    expect(r25.rows.find((r) => r.entity === DIANJIANG)).toMatchObject({ regionGroup: '主城都市区', subGroup: '主城新区' });
    expect(r25.rows.find((r) => r.entity === YUZHONG)).toMatchObject({ regionGroup: '主城都市区', subGroup: '中心城区' });
    expect(r25.rows.find((r) => r.entity === WANZHOU)!.regionGroup).toBe('渝东北三峡库区城镇群');
  });

  it('filters the submissions overview by the year’s group', async () => {
    const in23 = (await api.call('submissions/list', { year: 2023 })).rows.filter((r) => r.regionGroup === '主城都市区').length;
    const in25 = (await api.call('submissions/list', { year: 2025 })).rows.filter((r) => r.regionGroup === '主城都市区').length;
    expect([in23, in25]).toEqual([21, 22]);
  });

  it('summarises the city report by group and says the reporting entity is not scored', async () => {
    const { files } = await api.call('reports/generate', { year: 2025, entity: 'city', outDir: join(dir, 'reports') });
    const zip = await JSZip.loadAsync(await readFile(files[0]!.docx));
    const xml = await zip.file('word/document.xml')!.async('string');
    const rows = [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((tr) => [...tr[0].matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
      .map((p) => [...p[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')));
    const text = [...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('');
    expect(text).toContain('2025年度一区两群各片区评分汇总');
    const metro = rows.find((r) => r[0] === '主城都市区')!;
    const sheets = (await api.call('scores/get', { year: 2025 })).sheets;
    const metroCodes = new Set((await api.call('submissions/list', { year: 2025 })).rows.filter((r) => r.regionGroup === '主城都市区').map((r) => r.district));
    expect(metro.slice(1, 3)).toEqual(['22', String(sheets.filter((s) => metroCodes.has(s.entity) && s.grade !== '无数据').length)]);
    expect(rows.find((r) => r[0] === '渝东北三峡库区城镇群')![1]).toBe('10');
    expect(text).toContain('万盛经开区（所在綦江区）本年度未单独评分');
  });
});
