// zonetrack finalize: 定稿 of a year's computation, its reopening with a reason, and the diff of a later draft
// against the finalized snapshot (grades, totals and item values).
import type { SnapshotState } from '../../indicators/finalize.js';
import { formatPoints, formatValue } from '../../indicators/value-format.js';
import { parse, positional, requireYear } from '../args.js';
import { UsageError, printJson, textTable, type Io } from '../cli-io.js';
import { withWorkspace } from '../session.js';

function stateText(s: SnapshotState): string {
  const fin = s.finalized ? `定稿：计算批次 ${s.finalized.runId}（${s.finalized.finalizedAt.slice(0, 19).replace('T', ' ')}${s.finalized.finalizedBy ? `，${s.finalized.finalizedBy}` : ''}${s.finalized.reason ? `，${s.finalized.reason}` : ''}）` : '未定稿';
  const draft = s.draft ? `；草稿：计算批次 ${s.draft.runId}${s.finalized ? '（定稿之后的计算，评分与报告仍读定稿）' : ''}` : '';
  return `${s.year}年 ${fin}${draft}`;
}

/** zonetrack finalize WS --year Y [--reason R] | --reopen --reason R | --diff | --status */
export async function finalizeCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, {
    year: { type: 'string' }, reason: { type: 'string' }, reopen: { type: 'boolean', default: false },
    diff: { type: 'boolean', default: false }, status: { type: 'boolean', default: false }, json: { type: 'boolean', default: false },
  });
  const year = requireYear(values);
  if ([values.reopen, values.diff, values.status].filter(Boolean).length > 1) throw new UsageError('--reopen、--diff、--status 只能用一个');
  if (values.reopen && !(values.reason as string | undefined)?.trim()) throw new UsageError('撤销定稿须用 --reason 说明理由');
  const ws = positional(positionals, 0, '工作空间文件 WS');
  if (values.diff) {
    const d = await withWorkspace(ws, (api) => api.call('snapshots/diff', { year }));
    if (values.json) { printJson(io, { ok: true, ...d }); return 0; }
    io.out(`${year}年 草稿（计算批次 ${d.draftRun}）与定稿（计算批次 ${d.finalizedRun}）的差异`);
    io.out(d.grades.length ? textTable(['区县代码', '区县', '定稿总分', '定稿等级', '草稿总分', '草稿等级'],
      d.grades.map((g) => [g.entity, g.name, g.finalized.total, g.finalized.grade, g.draft.total, g.draft.grade])) : '各区县折算总分与等级均无变化');
    io.out(d.values.length ? textTable(['对象', '指标', '定稿值', '定稿状态', '定稿得分', '草稿值', '草稿状态', '草稿得分'],
      d.values.map((v) => [v.entity, v.indicator, formatValue(v.finalized.value, 2), v.finalized.status, formatPoints(v.finalized.points),
        formatValue(v.draft.value, 2), v.draft.status, formatPoints(v.draft.points)])) : '各指标值、状态与得分均无变化');
    return 0;
  }
  const state = await withWorkspace(ws, (api) => values.status ? api.call('snapshots/state', { year })
    : values.reopen ? api.call('snapshots/reopen', { year, reason: values.reason as string })
    : api.call('snapshots/finalize', { year, ...(values.reason !== undefined ? { reason: values.reason as string } : {}) }));
  if (values.json) printJson(io, { ok: true, ...state });
  else io.out(stateText(state));
  return 0;
}
