// zonetrack submissions: the 报送 of the districts for a year — the overview by state, one district's history, and
// transitions (已报送 with evidence files, 退回 with items and reasons, 已审核). 定稿 comes with `zonetrack finalize`.
import { resolve } from 'node:path';
import type { SubmissionEvent, SubmissionState } from '../../analytics/submissions/submissions.js';
import { parse, positional, requireYear } from '../args.js';
import { UsageError, printJson, textTable, type Io } from '../cli-io.js';
import { withWorkspace } from '../session.js';

const STATES: SubmissionState[] = ['待报送', '已报送', '退回', '已审核', '定稿'];
const day = (iso: string | null) => (iso ? iso.slice(0, 10) : null);
const time = (iso: string) => iso.slice(0, 19).replace('T', ' ');

function eventLine(e: SubmissionEvent): string {
  const what = e.contents ? `；内容：${[e.contents.source, e.contents.file, ...(e.contents.datasets ?? []).map((d) => `${d.dataset} ${d.rows}行`),
    e.contents.selfScores !== undefined ? `自评 ${e.contents.selfScores}项` : '', ...(e.contents.evidence ?? []).map((f) => `佐证 ${f.file}（${f.sha256.slice(0, 12)}）`)]
    .filter(Boolean).join('，')}` : '';
  const items = e.items.length ? `；退回项：${e.items.map((i) => `${i.item}（${i.reason}）`).join('；')}` : '';
  return `${time(e.at)}  ${e.district}  ${e.from} → ${e.to}  ${e.operator}${e.reason ? `：${e.reason}` : ''}${items}${what}`;
}

/** zonetrack submissions WS --year Y [--district CODE [--history | --to 状态 [--reason R] [--item 项目=原因]… [--evidence 文件]…]] [--json] */
export async function submissionsCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, {
    year: { type: 'string' }, district: { type: 'string' }, to: { type: 'string' }, reason: { type: 'string' },
    item: { type: 'string', multiple: true }, evidence: { type: 'string', multiple: true },
    history: { type: 'boolean', default: false }, json: { type: 'boolean', default: false },
  });
  const year = requireYear(values);
  const ws = positional(positionals, 0, '工作空间文件 WS');
  const district = values.district as string | undefined;
  if (district !== undefined && !/^\d{6}$/.test(district)) throw new UsageError(`--district 应为6位区县代码，收到“${district}”`);
  if (values.to !== undefined) {
    const to = values.to as SubmissionState;
    if (!STATES.includes(to)) throw new UsageError(`--to 应为 ${STATES.join('|')} 之一，收到“${values.to as string}”`);
    if (!district) throw new UsageError('改变报送状态须用 --district 指定区县');
    if (values.history) throw new UsageError('--history 与 --to 只能用一个');
    const items = ((values.item as string[] | undefined) ?? []).map((s) => {
      const i = s.indexOf('=');
      if (i <= 0) throw new UsageError(`--item 应写作“项目=原因”，收到“${s}”`);
      return { item: s.slice(0, i).trim(), reason: s.slice(i + 1).trim() };
    });
    const evidence = ((values.evidence as string[] | undefined) ?? []).map((p) => resolve(p));
    const e = await withWorkspace(ws, (api) => api.call('submissions/transition', {
      year, district, to, ...(values.reason !== undefined ? { reason: values.reason as string } : {}),
      ...(items.length ? { items } : {}), ...(evidence.length ? { evidence } : {}) }));
    if (values.json) printJson(io, { ok: true, event: e });
    else io.out(eventLine(e));
    return 0;
  }
  if (values.history) {
    const r = await withWorkspace(ws, (api) => api.call('submissions/history', { year, ...(district ? { district } : {}) }));
    if (values.json) printJson(io, { ok: true, ...r });
    else io.out(r.events.length ? r.events.map(eventLine).join('\n') : `${year}年${district ? ` ${district}` : ''}尚无报送记录`);
    return 0;
  }
  const list = await withWorkspace(ws, (api) => api.call('submissions/list', { year }));
  const rows = district ? list.rows.filter((r) => r.district === district) : list.rows;
  if (values.json) { printJson(io, { ok: true, ...list, rows }); return 0; }
  io.out(`${year}年区县报送：${STATES.map((s) => `${s} ${list.counts[s]}`).join('，')}`);
  io.out(textTable(['区县代码', '区县', '片区', '状态', '首次报送', '最近报送', '审核', '定稿', '佐证', '缺少'],
    rows.map((r) => [r.district, r.name, r.regionGroup, r.state, day(r.firstSubmittedAt), day(r.lastSubmittedAt), day(r.reviewedAt),
      day(r.finalizedAt), r.evidence, r.missing.join('；') || '—'])));
  return 0;
}
