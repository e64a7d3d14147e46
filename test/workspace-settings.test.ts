// 设置 and 工作空间 behind the UI: the standard-edition setting is stored with an audit entry and used by a
// computation that asks for no edition; the workspace status describes the real file; the targets table shows
// the catalogue's default targets and the 目标责任书 targets imported through the real importer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import { createService } from '../service/zonetrack-service.js';
import { inProcessClient } from '../service/in-process-client.js';
import { ApiCallError, type ApiClient } from '../service/contract.js';
import { MIGRATIONS } from '../analytics/migrations.js';
import { activeCatalogue } from '../indicators/catalogue/load-catalogue.js';
import { buildSampleWorkspace, type SampleWorkspace } from './helpers/sample-workspace.js';
import { writeCsv } from './helpers/files.js';

let sample: SampleWorkspace;
let api: ApiClient;

beforeAll(async () => {
  sample = await buildSampleWorkspace();
  api = inProcessClient(createService(sample.ws, { log: () => undefined }));
}, 240_000);
afterAll(async () => {
  await sample?.ws.close();
});

async function auditActions(): Promise<string[]> {
  const page = await api.call('audit/list', { limit: 10_000 });
  return page.entries.map((e) => e.action);
}

describe('settings', () => {
  it('start at 默认按年份 and 年度跟踪, with the operating-system account as operator', async () => {
    const s = await api.call('settings/get', {});
    expect(s).toEqual({ user: userInfo().username, userSet: false, edition: 'auto', cycle: 'annual', referenceDates: {}, issuer: null, documentDate: null });
  });

  it('a forced edition is recorded in the audit trail and used by a computation that names none; an explicit one still wins', async () => {
    const before = await auditActions();
    const set = await api.call('settings/set', { edition: '2026' });
    expect(set.edition).toBe('2026');
    const after = await auditActions();
    expect(after.slice(before.length)).toEqual(['settings/edition']);

    const forced = await api.call('indicators/compute', { year: 2025 });
    expect(forced.edition).toBe('2026');
    const value = await api.call('indicators/value', { indicator: 'C1', entity: '500103', year: 2025 });
    expect(value.standardEdition).toBe('2026');
    const explicit = await api.call('indicators/compute', { year: 2025, edition: '2012' });
    expect(explicit.edition).toBe('2012');

    // The same value again changes nothing and records nothing.
    await api.call('settings/set', { edition: '2026' });
    expect(await auditActions()).toHaveLength(after.length + 2); // the two computations only

    await api.call('settings/set', { edition: 'auto' });
    expect((await api.call('indicators/compute', { year: 2025 })).edition).toBe('2012'); // 2025 → the 2012 editions by year
  });

  it('refuses an unknown edition or cycle, naming the field, and writes nothing', async () => {
    const before = await auditActions();
    const bad = await api.call('settings/set', { edition: '2019' } as never).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ApiCallError);
    expect((bad as ApiCallError).error.code).toBe('BAD_ARGUMENTS');
    expect((bad as ApiCallError).message).toContain('edition');
    await expect(api.call('settings/set', { cycle: 'monthly' } as never)).rejects.toThrow(/cycle/);
    expect(await auditActions()).toEqual(before);
    expect((await api.call('settings/get', {})).edition).toBe('auto');
  });

  it('stores the cycle and the operator name', async () => {
    expect((await api.call('settings/set', { cycle: 'five-year' })).cycle).toBe('five-year');
    await api.call('audit/set-user', { name: '张三' });
    const s = await api.call('settings/get', {});
    expect(s).toMatchObject({ user: '张三', userSet: true, cycle: 'five-year' });
    const last = (await api.call('audit/list', { limit: 10_000 })).entries.at(-1)!;
    expect(last).toMatchObject({ action: 'settings/user', user: '张三', target: '张三' });
  });

  it('stores the reports\' 落款 and 成文日期 with an audit entry each, refuses an impossible date, clears with an empty text', async () => {
    const before = await auditActions();
    const s = await api.call('settings/set', { issuer: '  重庆市渝北区生态环境局 ', documentDate: '2026-01-15' });
    expect(s).toMatchObject({ issuer: '重庆市渝北区生态环境局', documentDate: '2026-01-15' });
    expect((await auditActions()).slice(before.length)).toEqual(['settings/issuer', 'settings/document-date']);
    await expect(api.call('settings/set', { documentDate: '2026-02-30' })).rejects.toThrow(/成文日期/);
    expect((await api.call('settings/set', { issuer: '' })).issuer).toBeNull();
    expect((await api.call('settings/get', {})).documentDate).toBe('2026-01-15');
  });
});

describe('workspace status', () => {
  it('describes the open file, its schema, its years with their last run and the edition in force', async () => {
    await sample.ws.run('CHECKPOINT');
    const s = await api.call('workspace/status', {});
    expect(s.path).toBe(sample.ws.path);
    expect(s.bytes).toBe((await stat(sample.ws.path)).size);
    expect(s.schemaVersion).toBe(Math.max(...MIGRATIONS.map((m) => m.version)));
    // created by this test file's sample, moments ago
    expect(Math.abs(Date.now() - Date.parse(s.createdAt!))).toBeLessThan(3_600_000);
    expect(s.years.map((y) => y.year)).toEqual([2025, 2024]);
    const y2025 = s.years.find((y) => y.year === 2025)!;
    expect(y2025).toMatchObject({ hasData: true, evaluationYear: true, edition: { edition: '2012', hj633: 'HJ 633-2012', forced: false } });
    const runs = await sample.ws.all<{ run_id: number; standard_edition: string }>('SELECT run_id, standard_edition FROM compute_runs WHERE year = 2025 ORDER BY run_id DESC LIMIT 1');
    expect(y2025.lastRun).toMatchObject({ runId: runs[0]!.run_id, standardEdition: runs[0]!.standard_edition });
    expect(s.years.find((y) => y.year === 2024)!.lastRun).toBeNull();
    expect(s.catalogue).toMatchObject({ id: activeCatalogue().id, version: activeCatalogue().version, indicators: activeCatalogue().indicators.length });
    expect(s.layers).toEqual([]);

    await api.call('settings/set', { edition: '2026' });
    const forced = await api.call('workspace/status', {});
    expect(forced.years.find((y) => y.year === 2024)!.edition).toMatchObject({ edition: '2026', hj633: 'HJ 633-2026', forced: true });
    await api.call('settings/set', { edition: 'auto' });
  });
});

describe('targets table', () => {
  it('lists every catalogue indicator with its default target, and the imported 目标责任书 targets of the year', async () => {
    const catalogue = activeCatalogue();
    const before = await api.call('targets/list', { year: 2025 });
    // an indicator of the catalogue the sample set no 2025 target for in 渝中区
    const free = catalogue.indicators.find((i) => !before.imported.some((r) => r.entity === '500103' && r.indicator === i.id))!;
    const file = await writeCsv(join(sample.dir, '目标责任书2025.csv'), [
      ['主体编码', '年份', '指标编号', '目标值'],
      ['500103', 2025, free.id, 7.5],
      ['500103', 2025, 'Z9', 1],
      ['500103', 2024, 'Z9', 2],
    ]);
    await api.call('import/files', { paths: [file], dataset: 'targets' });
    const t = await api.call('targets/list', { year: 2025 });
    expect(t.indicators.map((i) => i.indicator)).toEqual(catalogue.indicators.map((i) => i.id));
    const a1 = catalogue.indicators.find((i) => i.id === 'A1')!;
    if (a1.target.kind !== 'value') throw new Error('A1 has a fixed target');
    expect(t.indicators.find((i) => i.indicator === 'A1')!.target).toBe(`规定值 ${a1.target.value}`);
    expect(t.indicators.find((i) => i.indicator === free.id)!.overrides).toBe(before.indicators.find((i) => i.indicator === free.id)!.overrides + 1);

    const stored = await sample.ws.all<{ e: string; i: string; v: number }>(
      'SELECT entity_code AS e, indicator_id AS i, target_value AS v FROM targets WHERE year = 2025 ORDER BY i, e');
    expect(t.imported.map((r) => [r.entity, r.indicator, r.target])).toEqual(stored.map((r) => [r.e, r.i, r.v]));
    const mine = t.imported.filter((r) => r.file === '目标责任书2025.csv');
    expect(mine.map((r) => [r.entity, r.entityName, r.indicator, r.target, r.unknownIndicator, r.row])).toEqual([
      ['500103', '渝中区', free.id, 7.5, false, 1],
      ['500103', '渝中区', 'Z9', 1, true, 2],
    ]);
    expect((await api.call('targets/list', { year: 2024 })).imported.filter((r) => r.file === '目标责任书2025.csv')).toHaveLength(1);
  });
});
