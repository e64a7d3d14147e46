// zonetrack audit: the audit trail of a workspace — who did what when (oldest first).
import { intOption, parse, positional } from '../args.js';
import { printJson, textTable, type Io } from '../cli-io.js';
import { withWorkspace } from '../session.js';
import type { AuditEntry } from '../../analytics/audit/audit-log.js';

export async function auditCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, {
    json: { type: 'boolean', default: false }, 'set-user': { type: 'string' },
    offset: { type: 'string' }, limit: { type: 'string' },
  });
  const ws = positional(positionals, 0, '工作空间文件 WS');
  if (values['set-user'] !== undefined) {
    const r = await withWorkspace(ws, (api) => api.call('audit/set-user', { name: values['set-user'] as string }));
    if (values.json) printJson(io, { ok: true, ...r });
    else io.out(`此工作空间的操作人已设为：${r.user}`);
    return 0;
  }
  const offset = values.offset === undefined ? 0 : intOption(values.offset, 'offset', 0, 2 ** 31);
  const limit = values.limit === undefined ? undefined : intOption(values.limit, 'limit', 1, 10_000);
  const { total, entries } = await withWorkspace(ws, async (api) => {
    if (limit !== undefined) return api.call('audit/list', { offset, limit });
    // no --limit: everything from --offset on, a page at a time
    const all: AuditEntry[] = [];
    for (let at = offset; ; at += 1000) {
      const page = await api.call('audit/list', { offset: at, limit: 1000 });
      all.push(...page.entries);
      if (page.entries.length < 1000) return { total: page.total, entries: all };
    }
  });
  if (values.json) {
    printJson(io, { total, offset, entries });
    return 0;
  }
  if (total === 0) {
    io.out('尚无操作记录。');
    return 0;
  }
  io.out(textTable(['序号', '时间', '操作人', '操作', '对象', '详情'],
    entries.map((e) => [e.seq, e.at.slice(0, 19).replace('T', ' '), e.user, e.label, e.target, summary(e)])));
  io.out(`共 ${total} 条记录${entries.length < total ? `，显示第 ${offset + 1}–${offset + entries.length} 条` : ''}。`);
  return 0;
}

/** The few details a reader wants in the table; --json has all of them. */
function summary(e: AuditEntry): string {
  const d = e.detail;
  const parts: string[] = [];
  if (typeof d.file === 'string') parts.push(d.file);
  if (typeof d.accepted === 'number') parts.push(`${d.accepted} 行`);
  if (typeof d.by === 'number') parts.push(`由批次 ${d.by} 替换`);
  if (typeof d.reason === 'string') parts.push(`原因：${d.reason}`);
  if (typeof d.values === 'number') parts.push(`${d.values} 项指标值`);
  if (typeof d.edition === 'string') parts.push(`标准 ${d.edition}`);
  if (typeof d.docx === 'string') parts.push(d.docx);
  if (typeof d.backup === 'string') parts.push(`备份 ${d.backup}`);
  if (Array.isArray(d.batches)) parts.push(`${d.batches.length} 个批次`);
  return parts.join('；');
}
