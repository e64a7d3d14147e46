// Submissions (报送): per district and year, the state of what the district sent the city —
// 待报送 → 已报送 → 退回 → 已报送 … → 已审核 → 定稿. The state is the last event of `submission_events` (no event:
// 待报送); every transition is one event written with its audit entry in the caller's transaction, naming the
// operator and the reason. What a receipt contained (datasets and rows, self-scores, evidence) is kept on its event.
// 定稿 is never set by hand: finalizing the year (indicators/finalize.ts) moves every 已审核 district to 定稿 and
// reopening moves them back.
import { lstat, open } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { Sql } from '../sql-statements.js';
import { UserError } from '../errors.js';
import { sqlPath, sqlString } from '../sql.js';
import { appendAudit, auditUser } from '../audit/audit-log.js';
import { scanFile } from '../import/file-hash.js';
import { ACTIVE_BATCH } from '../import/active-batch.js';
import { regionGroupsOfYear } from '../reference/region-groups.js';

export const SUBMISSION_STATES = ['待报送', '已报送', '退回', '已审核', '定稿'] as const;
export type SubmissionState = (typeof SUBMISSION_STATES)[number];
/** Stable codes of the states, for clients that show them in another language. */
export const SUBMISSION_STATE_CODES = { 待报送: 'pending', 已报送: 'submitted', 退回: 'returned', 已审核: 'reviewed', 定稿: 'final' } as const;
export type SubmissionStateCode = (typeof SUBMISSION_STATE_CODES)[SubmissionState];

/** The transitions a user may make (定稿 comes only with the year's 定稿). */
const ALLOWED: Record<SubmissionState, SubmissionState[]> = {
  待报送: ['已报送'],
  已报送: ['已报送', '退回', '已审核'],
  退回: ['已报送'],
  已审核: ['退回'],
  定稿: [],
};

/** Datasets a district reports for its year; one without data covering the district and year is listed as missing. */
export const DISTRICT_REPORTED_DATASETS: readonly { dataset: string; label: string }[] = [
  { dataset: 'work_items', label: '工作记录（数据共享、配套政策、平台应用等）' },
  { dataset: 'plan_filings', label: '方案发布与备案' },
  { dataset: 'problems', label: '问题整改' },
  { dataset: 'eia_approvals', label: '环评审批' },
];

export interface ReturnedItem {
  /** What is returned: an indicator id, a dataset or a file, as the reviewer names it. */
  item: string;
  reason: string;
}

export interface EvidenceFile {
  id: number;
  file: string;
  sha256: string;
  bytes: number;
  mediaType: string;
  addedAt: string;
}

/** What a receipt contained. */
export interface SubmissionContents {
  /** 数据包 / 自评表 / 人工登记 */
  source: string;
  file?: string;
  datasets?: { dataset: string; rows: number }[];
  /** Number of self-scored items (a 自评表). */
  selfScores?: number;
  evidence?: { id: number; file: string; sha256: string }[];
}

export interface SubmissionEvent {
  id: number;
  year: number;
  district: string;
  from: SubmissionState;
  to: SubmissionState;
  toCode: SubmissionStateCode;
  at: string;
  operator: string;
  reason: string | null;
  items: ReturnedItem[];
  contents: SubmissionContents | null;
}

export interface SubmissionRow {
  district: string;
  name: string;
  /** The district's 一区两群 group in the year. */
  regionGroup: string | null;
  state: SubmissionState;
  stateCode: SubmissionStateCode;
  /** When the current state was reached (null: 待报送, never touched). */
  since: string | null;
  /** First receipt and the latest one. */
  firstSubmittedAt: string | null;
  lastSubmittedAt: string | null;
  reviewedAt: string | null;
  finalizedAt: string | null;
  /** Returned items still open (the last 退回's items while the state is 退回). */
  returnedItems: ReturnedItem[];
  /** What is missing for the year: datasets without data for the district, no self-assessment, returned items. */
  missing: string[];
  evidence: number;
}

export interface SubmissionList {
  year: number;
  counts: Record<SubmissionState, number>;
  rows: SubmissionRow[];
}

interface EventRow {
  event_id: number; year: number; district_code: string; from_state: string; to_state: string; changed_at: Date;
  operator: string; reason: string | null; items: string | null; contents: string | null;
}

const toEvent = (r: EventRow): SubmissionEvent => ({
  id: r.event_id, year: r.year, district: r.district_code, from: r.from_state as SubmissionState, to: r.to_state as SubmissionState,
  toCode: SUBMISSION_STATE_CODES[r.to_state as SubmissionState], at: r.changed_at.toISOString(), operator: r.operator, reason: r.reason,
  items: r.items ? (JSON.parse(r.items) as ReturnedItem[]) : [],
  contents: r.contents ? (JSON.parse(r.contents) as SubmissionContents) : null,
});

async function districtName(sql: Sql, district: string): Promise<string> {
  const d = await sql.one<{ name: string }>('SELECT name FROM districts WHERE district_code = $d', { d: district });
  if (!d) throw new UserError('NO_DISTRICT', `未知的区县代码：${district}`);
  return d.name;
}

export async function submissionState(sql: Sql, year: number, district: string): Promise<SubmissionState> {
  const r = await sql.one<{ s: string }>(
    'SELECT to_state AS s FROM submission_events WHERE year = $y AND district_code = $d ORDER BY event_id DESC LIMIT 1', { y: year, d: district });
  return (r?.s as SubmissionState | undefined) ?? '待报送';
}

const label = (year: number, name: string, district: string) => `${year}年 ${name}（${district}）`;

async function writeEvent(tx: Sql, e: { year: number; district: string; name: string; from: SubmissionState; to: SubmissionState;
  reason: string | null; items: ReturnedItem[]; contents: SubmissionContents | null; auto?: string }): Promise<number> {
  const id = (await tx.one<{ id: number }>("SELECT nextval('submission_event_seq')::INTEGER AS id"))!.id;
  await tx.run(`INSERT INTO submission_events VALUES ($id, $y, $d, $f, $t, now()::TIMESTAMP, $u, $r, $i, $c)`, {
    id, y: e.year, d: e.district, f: e.from, t: e.to, u: await auditUser(tx), r: e.reason,
    i: e.items.length ? JSON.stringify(e.items) : null, c: e.contents ? JSON.stringify(e.contents) : null,
  });
  await appendAudit(tx, { action: 'submission/transition', target: label(e.year, e.name, e.district),
    detail: { event: id, year: e.year, district: e.district, from: e.from, to: e.to, reason: e.reason, items: e.items,
      contents: e.contents, ...(e.auto ? { by: e.auto } : {}) } });
  return id;
}

function refuse(year: number, name: string, from: SubmissionState, to: SubmissionState): never {
  const hint = to === '定稿'
    ? `定稿由全市定稿操作完成（zonetrack finalize WS --year ${year}），已审核的区县随之定稿`
    : from === '定稿'
      ? `${year}年已定稿，如需修改请先撤销定稿（zonetrack finalize WS --year ${year} --reopen --reason 理由）`
      : `当前状态“${from}”之后只能转为：${ALLOWED[from].join('、') || '（无）'}`;
  throw new UserError('ILLEGAL_TRANSITION', `${year}年${name}的报送状态为“${from}”，不能转为“${to}”：${hint}`);
}

export interface TransitionInput {
  year: number;
  district: string;
  to: SubmissionState;
  reason?: string;
  /** Required for 退回: each returned item with its reason. */
  items?: ReturnedItem[];
  contents?: SubmissionContents;
}

/** One transition, checked against the state machine, in the caller's transaction (audited). */
export async function transitionIn(tx: Sql, a: TransitionInput): Promise<SubmissionEvent> {
  const name = await districtName(tx, a.district);
  const from = await submissionState(tx, a.year, a.district);
  if (!SUBMISSION_STATES.includes(a.to)) throw new UserError('BAD_STATE', `未知的报送状态“${String(a.to)}”，应为：${SUBMISSION_STATES.join('、')}`);
  if (!ALLOWED[from].includes(a.to)) refuse(a.year, name, from, a.to);
  const items = (a.items ?? []).map((i) => ({ item: i.item.trim(), reason: i.reason.trim() }));
  if (a.to === '退回') {
    if (!items.length) throw new UserError('NEED_REASON', `退回${a.year}年${name}的报送须逐项说明退回原因（至少一项：项目与原因）`);
    const bad = items.find((i) => !i.item || !i.reason);
    if (bad) throw new UserError('NEED_REASON', `退回项“${bad.item || '（未填项目）'}”缺少${bad.item ? '原因' : '项目名称'}`);
  }
  const reason = a.reason?.trim() || null;
  const id = await writeEvent(tx, { year: a.year, district: a.district, name, from, to: a.to, reason, items, contents: a.contents ?? null });
  return (await history(tx, a.year, a.district)).find((e) => e.id === id)!;
}

/** Refuses, before anything is written, a receipt the district's state does not allow (已审核, 定稿). */
export async function assertCanReceive(sql: Sql, year: number, district: string): Promise<void> {
  const from = await submissionState(sql, year, district);
  if (!ALLOWED[from].includes('已报送')) refuse(year, await districtName(sql, district), from, '已报送');
}

/**
 * A package or workbook received for a district (in the import's transaction): 待报送 / 退回 / 已报送 → 已报送 with
 * what it contained. Refused once the district's year is 已审核 or 定稿 (the import then writes nothing).
 */
export async function recordReceipt(tx: Sql, a: { year: number; district: string; contents: SubmissionContents }): Promise<SubmissionEvent> {
  return transitionIn(tx, { year: a.year, district: a.district, to: '已报送', reason: `收到${a.contents.source}${a.contents.file ? `“${a.contents.file}”` : ''}`, contents: a.contents });
}

/** The year's 定稿 (in finalizeYear's transaction): every 已审核 district becomes 定稿. */
export async function finalizeSubmissions(tx: Sql, year: number, runId: number, reason: string | null): Promise<number> {
  return moveAll(tx, year, '已审核', '定稿', reason ?? `全市${year}年定稿（计算批次 ${runId}）`, 'snapshot/finalize');
}

/** The year reopened: its 定稿 districts go back to 已审核. */
export async function reopenSubmissions(tx: Sql, year: number, reason: string): Promise<number> {
  return moveAll(tx, year, '定稿', '已审核', `撤销定稿：${reason}`, 'snapshot/reopen');
}

async function moveAll(tx: Sql, year: number, from: SubmissionState, to: SubmissionState, reason: string, auto: string): Promise<number> {
  const rows = await tx.all<{ d: string; name: string }>(`
    SELECT s.district_code AS d, districts.name FROM (
      SELECT district_code, arg_max(to_state, event_id) AS state FROM submission_events WHERE year = $y GROUP BY district_code) s
    JOIN districts USING (district_code) WHERE s.state = $f ORDER BY s.district_code`, { y: year, f: from });
  for (const r of rows) await writeEvent(tx, { year, district: r.d, name: r.name, from, to, reason, items: [], contents: null, auto });
  return rows.length;
}

export async function history(sql: Sql, year: number, district?: string): Promise<SubmissionEvent[]> {
  if (district) await districtName(sql, district);
  const rows = await sql.all<EventRow>(`SELECT * FROM submission_events WHERE year = $y AND ($d IS NULL OR district_code = $d)
    ORDER BY event_id`, { y: year, d: district ?? null });
  return rows.map(toEvent);
}

/** The 38 districts of a year by state, with dates and what is missing — one pass over events and coverage. */
export async function listSubmissions(sql: Sql, year: number): Promise<SubmissionList> {
  const rows = await sql.all<{ district_code: string; name: string; region_group: string | null; state: string | null; since: Date | null;
    first_at: Date | null; last_at: Date | null; reviewed_at: Date | null; finalized_at: Date | null; last_items: string | null;
    self_items: number; evidence: number; missing_datasets: string[] }>(`
    WITH ev AS (SELECT * FROM submission_events WHERE year = $y),
    agg AS (
      SELECT district_code, arg_max(to_state, event_id) AS state, max(changed_at) AS since,
        min(changed_at) FILTER (to_state = '已报送') AS first_at, max(changed_at) FILTER (to_state = '已报送') AS last_at,
        max(changed_at) FILTER (to_state = '已审核') AS reviewed_at, max(changed_at) FILTER (to_state = '定稿') AS finalized_at,
        arg_max(items, event_id) FILTER (to_state = '退回') AS last_items
      FROM ev GROUP BY district_code),
    covered AS (
      SELECT DISTINCT c.dataset, c.district_code FROM batch_coverage c JOIN import_batches b USING (batch_id)
      WHERE c.year = $y AND b.${ACTIVE_BATCH.replaceAll(' AND ', ' AND b.')}),
    expected AS (SELECT unnest([${DISTRICT_REPORTED_DATASETS.map((x) => sqlString(x.dataset)).join(', ')}]) AS dataset)
    SELECT d.district_code, d.name, g.region_group, a.state, a.since, a.first_at, a.last_at, a.reviewed_at, a.finalized_at, a.last_items,
      (SELECT count(*) FROM review_submissions r WHERE r.year = $y AND r.entity_code = d.district_code)::INTEGER AS self_items,
      (SELECT count(*) FROM submission_evidence e WHERE e.year = $y AND e.district_code = d.district_code)::INTEGER AS evidence,
      coalesce((SELECT list(x.dataset ORDER BY x.dataset) FROM expected x
        WHERE NOT EXISTS (SELECT 1 FROM covered c WHERE c.dataset = x.dataset AND (c.district_code IS NULL OR c.district_code = d.district_code))), []) AS missing_datasets
    FROM districts d LEFT JOIN agg a USING (district_code) LEFT JOIN ${regionGroupsOfYear('$y')} g ON g.district_code = d.district_code
    ORDER BY d.district_code`, { y: year });
  const counts = Object.fromEntries(SUBMISSION_STATES.map((s) => [s, 0])) as Record<SubmissionState, number>;
  const labelOf = new Map(DISTRICT_REPORTED_DATASETS.map((x) => [x.dataset, x.label]));
  const out = rows.map((r): SubmissionRow => {
    const state = (r.state ?? '待报送') as SubmissionState;
    counts[state] += 1;
    const returnedItems = state === '退回' && r.last_items ? (JSON.parse(r.last_items) as ReturnedItem[]) : [];
    const missing = [
      ...r.missing_datasets.map((d) => labelOf.get(d) ?? d),
      ...(r.self_items ? [] : ['自评表']),
      ...returnedItems.map((i) => `退回项：${i.item}（${i.reason}）`),
    ];
    const iso = (d: Date | null) => d?.toISOString() ?? null;
    return {
      district: r.district_code, name: r.name, regionGroup: r.region_group, state, stateCode: SUBMISSION_STATE_CODES[state], since: iso(r.since),
      firstSubmittedAt: iso(r.first_at), lastSubmittedAt: iso(r.last_at), reviewedAt: iso(r.reviewed_at), finalizedAt: iso(r.finalized_at),
      returnedItems, missing, evidence: r.evidence,
    };
  });
  return { year, counts, rows: out };
}

const MEDIA: Record<string, { type: string; magic: (b: Buffer) => boolean }> = {
  '.pdf': { type: 'application/pdf', magic: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  '.png': { type: 'image/png', magic: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  '.jpg': { type: 'image/jpeg', magic: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  '.jpeg': { type: 'image/jpeg', magic: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
};
const MAX_EVIDENCE_BYTES = 50 * 1024 * 1024;

/** Checks evidence files (PDF/PNG/JPEG by their first bytes, at most 50 MB) before any transaction. */
export async function checkEvidenceFiles(paths: string[]): Promise<{ path: string; file: string; sha256: string; bytes: number; mediaType: string }[]> {
  const out = [];
  for (const path of paths) {
    const file = basename(path);
    const media = MEDIA[extname(file).toLowerCase()];
    if (!media) throw new UserError('EVIDENCE_TYPE', `佐证材料“${file}”不是 PDF 或图片（应为 .pdf、.png、.jpg）`);
    const st = await lstat(path).catch(() => undefined);
    if (!st?.isFile()) throw new UserError('FILE_UNREADABLE', `无法读取佐证材料“${path}”（不存在或不是普通文件）`);
    if (st.size > MAX_EVIDENCE_BYTES) throw new UserError('FILE_TOO_LARGE', `佐证材料“${file}”有 ${st.size} 字节，超过 50 MB`);
    const head = Buffer.alloc(8);
    const fh = await open(path, 'r');
    try { await fh.read(head, 0, 8, 0); } finally { await fh.close(); }
    if (!media.magic(head)) throw new UserError('EVIDENCE_TYPE', `佐证材料“${file}”的内容不是${media.type === 'application/pdf' ? ' PDF' : '图片'}（文件头不符）`);
    const { sha256 } = await scanFile(path, { findBlankLines: false, maxBytes: st.size });
    out.push({ path, file, sha256, bytes: st.size, mediaType: media.type });
  }
  return out;
}

/** Stores checked evidence files in the workspace (content, sha256) for a district's year, in the caller's transaction. */
export async function storeEvidence(tx: Sql, year: number, district: string,
  files: Awaited<ReturnType<typeof checkEvidenceFiles>>): Promise<{ id: number; file: string; sha256: string }[]> {
  const out = [];
  for (const f of files) {
    const same = await tx.one<{ id: number }>('SELECT evidence_id AS id FROM submission_evidence WHERE year = $y AND district_code = $d AND sha256 = $s',
      { y: year, d: district, s: f.sha256 });
    if (same) { out.push({ id: same.id, file: f.file, sha256: f.sha256 }); continue; }
    const id = (await tx.one<{ id: number }>("SELECT nextval('submission_evidence_seq')::INTEGER AS id"))!.id;
    await tx.run(`INSERT INTO submission_evidence SELECT $id, $y, $d, $f, $s, $n, $m, content, now()::TIMESTAMP FROM read_blob(${sqlPath(f.path)})`,
      { id, y: year, d: district, f: f.file, s: f.sha256, n: f.bytes, m: f.mediaType });
    out.push({ id, file: f.file, sha256: f.sha256 });
  }
  return out;
}

export async function listEvidence(sql: Sql, year: number, district?: string): Promise<(EvidenceFile & { district: string })[]> {
  const rows = await sql.all<{ evidence_id: number; district_code: string; file_name: string; sha256: string; bytes: number; media_type: string; added_at: Date }>(
    `SELECT evidence_id, district_code, file_name, sha256, bytes, media_type, added_at FROM submission_evidence
     WHERE year = $y AND ($d IS NULL OR district_code = $d) ORDER BY district_code, evidence_id`, { y: year, d: district ?? null });
  return rows.map((r) => ({ id: r.evidence_id, district: r.district_code, file: r.file_name, sha256: r.sha256, bytes: r.bytes,
    mediaType: r.media_type, addedAt: r.added_at.toISOString() }));
}
