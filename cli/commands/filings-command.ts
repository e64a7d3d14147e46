// zonetrack filings: the filing register (备案台账) of a year's computation — plan versions per level with their
// publication and filing dates and days late, the year's dynamic updates, the five-yearly adjustment, 限期整改 orders.
import { parse, positional, requireYear } from '../args.js';
import { printJson, textTable, type Io } from '../cli-io.js';
import { withWorkspace } from '../session.js';

/** zonetrack filings WS --year Y [--json] */
export async function filingsCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, { year: { type: 'string' }, json: { type: 'boolean', default: false } });
  const year = requireYear(values);
  const ws = positional(positionals, 0, '工作空间文件 WS');
  const r = await withWorkspace(ws, (api) => api.call('filings/register', { year }));
  if (values.json) { printJson(io, { ok: true, ...r }); return 0; }
  io.out(`${year}年备案台账（按 ${r.referenceDate} 判断；发布后 ${r.filingDays} 日内备案，每 ${r.adjustmentYears} 年定期调整）`);
  io.out('\n一、方案版本与备案');
  io.out(r.plans.length ? textTable(['层级', '主体', '版本', '类型', '发布日期', '备案日期', '间隔天数', '逾期天数', '备案情况'],
    r.plans.map((p) => [p.level, p.name, p.version, p.kind, p.publishedOn, p.filedOn, p.days, p.daysLate, p.state])) : '无方案发布记录');
  io.out(`\n二、${year}年动态更新`);
  io.out(r.updates.length ? textTable(['主体', '版本', '发布日期', '备案日期', '是否备案'],
    r.updates.map((u) => [u.name, u.version, u.publishedOn, u.filedOn, u.filedOn ? '已备案' : u.state])) : `${year}年无动态更新`);
  io.out('\n三、定期调整');
  io.out(r.adjustments.length ? textTable(['层级', '主体', '现行版本', '发布日期', '应调整年度', '情况'],
    r.adjustments.map((a) => [a.level, a.name, a.version, a.publishedOn, a.dueYear, a.state])) : '无现行方案');
  io.out('\n四、限期整改');
  io.out(r.orders.length ? textTable(['主体', '文号', '整改事项', '下达日期', '整改期限', '完成日期', '情况', '逾期天数'],
    r.orders.map((o) => [o.name, o.orderNo, o.matter, o.issuedOn, o.dueOn, o.doneOn, o.state, o.daysOverdue])) : '无限期整改事项');
  return 0;
}
