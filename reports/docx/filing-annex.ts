// The city report's annex 备案台账: the run's filing register (indicators/filings/filing-register.ts) as four tables —
// plan versions and their filing, the year's dynamic updates, the five-yearly adjustment, 限期整改 orders — with a
// summary sentence naming what is late, unfiled, due or overdue.
import type { Paragraph, Table } from 'docx';
import type { FilingRegister } from '../../indicators/filings/filing-register.js';
import { CENTER, RIGHT, annexHeading, body, h2, table, type CellSpec } from './parts.js';

/** A version as a sentence names it: 2025版, 2025-1版. */
const ver = (v: string) => (v.endsWith('版') ? v : `${v}版`);
const dash = (v: string | number | null) => (v === null ? '—' : String(v));

export function filingAnnex(k: number, r: FilingRegister | null, n: { table: (title: string) => Paragraph }): (Paragraph | Table)[] {
  const head = annexHeading(k, '备案台账');
  if (!r) return [...head, body('本次计算未生成备案台账（计算早于备案台账功能），请重新计算后再生成报告。')];
  const late = r.plans.filter((p) => p.state === '逾期备案' || p.state === '未备案');
  const unfiled = r.updates.filter((u) => !u.filedOn && u.state === '未备案');
  const due = r.adjustments.filter((a) => a.state !== '未到期');
  const overdue = r.orders.filter((o) => o.state === '逾期未完成' || o.state === '逾期完成');
  const summary = [
    late.length ? `逾期或未备案的方案版本${late.length}个（${late.map((p) => `${p.name}${ver(p.version)}${p.state}${p.daysLate ? `，逾期${p.daysLate}天` : ''}`).join('；')}）` : '各方案版本均按期备案',
    unfiled.length ? `${r.year}年动态更新未备案${unfiled.length}次（${unfiled.map((u) => `${u.name}${ver(u.version)}`).join('、')}）` : `${r.year}年动态更新均已备案或尚在期限内`,
    due.length ? `定期调整到期${due.length}个（${due.map((a) => `${a.name}${ver(a.version)}应于${a.dueYear}年调整，${a.state}`).join('；')}）` : `${r.year}年无到期的定期调整`,
    overdue.length ? `限期整改逾期${overdue.length}项（${overdue.map((o) => `${o.name}${o.orderNo}${o.state}${o.daysOverdue ? `${o.daysOverdue}天` : ''}`).join('；')}）` : '无逾期的限期整改',
  ];
  return [
    ...head,
    body(`按${r.referenceDate}判断：方案发布后${r.filingDays}日内备案，每${r.adjustmentYears}年定期调整。${summary.join('；')}。`),
    h2('一、方案版本与备案'),
    n.table(`截至${r.year}年的分区管控方案版本及备案情况`),
    table([{ text: '层级', width: 8 }, { text: '主体', width: 14 }, { text: '版本', width: 12 }, { text: '类型', width: 10 }, { text: '发布日期', width: 14 },
      { text: '备案日期', width: 14 }, { text: '间隔天数', width: 9 }, { text: '逾期天数', width: 9 }, { text: '备案情况', width: 10 }],
    r.plans.length ? r.plans.map((p): CellSpec[] => [{ text: p.level, align: CENTER }, { text: p.name }, { text: p.version }, { text: p.kind, align: CENTER },
      { text: p.publishedOn, align: CENTER }, { text: dash(p.filedOn), align: CENTER }, { text: dash(p.days), align: RIGHT }, { text: dash(p.daysLate), align: RIGHT }, { text: p.state, align: CENTER }])
      : [[{ text: '无方案发布记录', columnSpan: 9, align: CENTER }]]),
    h2(`二、${r.year}年动态更新`),
    ...(r.updates.length ? [n.table(`${r.year}年动态更新及备案`),
      table([{ text: '主体', width: 16 }, { text: '版本', width: 14 }, { text: '发布日期', width: 16 }, { text: '备案日期', width: 16 }, { text: '是否备案', width: 14 }, { text: '更新原因', width: 24 }],
        r.updates.map((u): CellSpec[] => [{ text: u.name }, { text: u.version }, { text: u.publishedOn, align: CENTER }, { text: dash(u.filedOn), align: CENTER },
          { text: u.filedOn ? '已备案' : u.state, align: CENTER }, { text: dash(u.reason) }]))]
      : [body(`${r.year}年无动态更新。`)]),
    h2('三、定期调整'),
    n.table(`现行方案及${r.adjustmentYears}年定期调整`),
    table([{ text: '层级', width: 10 }, { text: '主体', width: 18 }, { text: '现行版本', width: 16 }, { text: '发布日期', width: 18 }, { text: '应调整年度', width: 14 }, { text: '情况', width: 14 }],
      r.adjustments.length ? r.adjustments.map((a): CellSpec[] => [{ text: a.level, align: CENTER }, { text: a.name }, { text: a.version }, { text: a.publishedOn, align: CENTER },
        { text: `${a.dueYear}年`, align: CENTER }, { text: a.state, align: CENTER }]) : [[{ text: '无现行方案', columnSpan: 6, align: CENTER }]]),
    h2('四、限期整改'),
    ...(r.orders.length ? [n.table('违反备案程序的限期整改'),
      table([{ text: '主体', width: 12 }, { text: '文号', width: 14 }, { text: '整改事项', width: 22 }, { text: '下达日期', width: 12 }, { text: '整改期限', width: 12 },
        { text: '完成日期', width: 12 }, { text: '情况', width: 10 }, { text: '逾期天数', width: 8 }],
      r.orders.map((o): CellSpec[] => [{ text: o.name }, { text: o.orderNo }, { text: dash(o.matter) }, { text: o.issuedOn, align: CENTER }, { text: dash(o.dueOn), align: CENTER },
        { text: dash(o.doneOn), align: CENTER }, { text: o.state, align: CENTER }, { text: dash(o.daysOverdue), align: RIGHT }]))]
      : [body('无限期整改事项。')]),
  ];
}
