// The human sections of a report (组织实施, 典型案例, 问题与建议 …): text the user typed in the workstation,
// kept per year, district (or the city) and section. Reports print it in place of the marked placeholder.
// Each change is one transaction with its audit entry.
import type { Sql, Workspace } from '../analytics/workspace.js';
import { UserError } from '../analytics/errors.js';
import { appendAudit } from '../analytics/audit/audit-log.js';

/** The sections a user writes, with the Chinese name the workstation shows for each. */
export const REPORT_SECTIONS = {
  organisation: '组织实施（责任机制、部门协同、人员与经费保障）',
  management: '成果管理（动态更新、数据共享与平台建设）',
  cases: '执法监管衔接与典型案例',
  problems: '问题原因分析及责任部门（全市报告：存在问题与建议）',
  nextSteps: '整改措施与下一步工作',
} as const;

export type ReportSection = keyof typeof REPORT_SECTIONS;
export const REPORT_SECTION_IDS = Object.keys(REPORT_SECTIONS) as [ReportSection, ...ReportSection[]];

/** Longest text kept for one section (a few pages of a report). */
export const MAX_SECTION_CHARS = 20_000;

export interface ReportTexts {
  year: number;
  entity: string;
  sections: { section: ReportSection; label: string; text: string | null; updatedAt: string | null }[];
}

/** The user's texts of one report as the report builders take them (absent sections are left out). */
export async function readReportTexts(sql: Sql, year: number, entity: string): Promise<Partial<Record<ReportSection, string>>> {
  const rows = await sql.all<{ section: string; text: string }>(
    'SELECT section, text FROM report_texts WHERE year = $y AND entity_code = $e', { y: year, e: entity });
  return Object.fromEntries(rows.filter((r) => r.section in REPORT_SECTIONS).map((r) => [r.section, r.text]));
}

async function checkEntity(sql: Sql, entity: string): Promise<void> {
  if (entity === 'city') return;
  const d = await sql.one('SELECT 1 FROM districts WHERE district_code = $e', { e: entity });
  if (!d) throw new UserError('NO_ENTITY', `找不到区县“${entity}”（请使用6位区县代码，全市用 city）`);
}

export async function getReportTexts(sql: Sql, year: number, entity: string): Promise<ReportTexts> {
  await checkEntity(sql, entity);
  const rows = await sql.all<{ section: string; text: string; updated_at: Date }>(
    'SELECT section, text, updated_at FROM report_texts WHERE year = $y AND entity_code = $e', { y: year, e: entity });
  return {
    year, entity,
    sections: REPORT_SECTION_IDS.map((section) => {
      const r = rows.find((x) => x.section === section);
      return { section, label: REPORT_SECTIONS[section], text: r?.text ?? null, updatedAt: r ? r.updated_at.toISOString() : null };
    }),
  };
}

/** Saves one section's text; an empty text removes it (the report prints the placeholder again). */
/** `at`: when the text is saved (local time from the service). */
export async function setReportText(ws: Workspace, a: { year: number; entity: string; section: ReportSection; text: string; at: string }): Promise<ReportTexts> {
  if (!(a.section in REPORT_SECTIONS)) throw new UserError('BAD_SECTION', `没有名为“${a.section}”的报告章节（可用：${REPORT_SECTION_IDS.join('、')}）`);
  // line ends normalised and trailing blanks dropped, so the same text typed twice is the same text
  const text = a.text.replace(/\r\n?/g, '\n').trim();
  if (text.length > MAX_SECTION_CHARS) {
    throw new UserError('TEXT_TOO_LONG', `“${REPORT_SECTIONS[a.section]}”文字过长：${text.length}字，最多${MAX_SECTION_CHARS}字`);
  }
  return ws.transaction(async (tx) => {
    await checkEntity(tx, a.entity);
    const key = { y: a.year, e: a.entity, s: a.section };
    const before = await tx.one<{ text: string }>('SELECT text FROM report_texts WHERE year = $y AND entity_code = $e AND section = $s', key);
    await tx.run('DELETE FROM report_texts WHERE year = $y AND entity_code = $e AND section = $s', key);
    if (text) await tx.run('INSERT INTO report_texts VALUES ($y, $e, $s, $t, $at::TIMESTAMP)', { ...key, t: text, at: a.at });
    await appendAudit(tx, {
      action: 'report/text', target: `${a.year}年 ${a.entity} ${REPORT_SECTIONS[a.section]}`,
      detail: { year: a.year, entity: a.entity, section: a.section, chars: text.length, cleared: !text, before: before?.text ?? null },
    });
    return getReportTexts(tx, a.year, a.entity);
  });
}
