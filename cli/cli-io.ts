// How the CLI talks: data on stdout (exactly one JSON document with --json), progress and logs on stderr,
// exit codes 0 done / 1 unexpected failure / 2 input refused (nothing written).
import { isUserError, type RowError } from '../analytics/errors.js';
import { ApiCallError } from '../service/contract.js';
import { textWidth } from '../reports/text-width.js';
import { checkOutputFileName, shownText } from '../analytics/names.js';

export class UsageError extends Error {}

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

/** Text for the terminal: names from files may hold escape sequences, NUL or U+202E; they are shown as \uXXXX. */
const terminal = (t: string) => shownText(t.endsWith('\n') ? t : t + '\n', '\n\t');

export const processIo: Io = {
  out: (t) => process.stdout.write(terminal(t)),
  err: (t) => process.stderr.write(terminal(t)),
};

export function printJson(io: Io, doc: unknown): void {
  io.out(JSON.stringify(doc, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v), 2));
}

export function progressPrinter(io: Io, quiet: boolean) {
  return (p: { step: string; done: number; total: number; file?: string }) => {
    if (quiet) return;
    const pct = p.total ? Math.round((p.done / p.total) * 100) : 0;
    io.err(`[${String(pct).padStart(3)}%] ${p.step}${p.file ? `：${p.file}` : ''}`);
  };
}

function expectedFailure(e: unknown): { code: string; message: string; rowErrors: RowError[] } | undefined {
  if (isUserError(e)) return { code: e.code, message: e.message, rowErrors: e.rowErrors };
  if (e instanceof ApiCallError && e.error.code !== 'INTERNAL') return { ...e.error, rowErrors: e.error.rowErrors ?? [] };
  return undefined;
}

/** Prints a refusal (exit 2) or an internal failure (exit 1) and returns the exit code. */
export function reportFailure(io: Io, e: unknown, json: boolean): number {
  const f = expectedFailure(e);
  if (f) {
    if (json) printJson(io, { ok: false, code: f.code, message: f.message, errors: f.rowErrors });
    else {
      io.err(`错误：${f.message}`);
      for (const r of f.rowErrors.slice(0, 30)) io.err(`  ${describeRowError(r)}`);
      if (f.rowErrors.length > 30) io.err(`  ……另有 ${f.rowErrors.length - 30} 条`);
    }
    return 2;
  }
  if (e instanceof UsageError) {
    io.err(`用法错误：${e.message}\n运行 zonetrack --help 查看用法。`);
    return 2;
  }
  io.err(`内部错误：${(e as Error)?.stack ?? String(e)}`);
  return 1;
}

export function describeRowError(r: RowError): string {
  // an Excel sheet's problem is said by its sheet row and column letter (“第 7 行 D 列（监测日期）”)
  const where = r.where ?? (r.row > 0 ? `第${r.row}行` : '');
  const col = r.column && !r.where ? `“${r.column}”列` : '';
  const val = r.value !== null && r.value !== undefined ? `，值“${r.value}”` : '';
  return `${r.file}${where ? ' ' + where : ''}${col ? ' ' + col : ''}${val}：${r.reason}`;
}

/** A plain text table with CJK-aware widths. */
export function textTable(headers: string[], rows: (string | number | null)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map((c) => (c === null ? '—' : String(c))))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => textWidth(r[i] ?? ''))));
  return cells.map((r) => r.map((c, i) => c + ' '.repeat(widths[i]! - textWidth(c))).join('  ').trimEnd()).join('\n');
}

/** Writes row errors as a CSV (UTF-8 with BOM, so Excel shows the Chinese) with the columns of the CLI contract. */
export async function writeErrorList(path: string, errors: RowError[]): Promise<void> {
  const { writeFile } = await import('node:fs/promises');
  const { basename } = await import('node:path');
  checkOutputFileName(basename(path), '错误清单文件');
  const cell = (v: string | number | null) => {
    const t = v === null ? '' : String(v);
    // a leading = + - @ (or a tab or CR before one) would be a formula in Excel: make it text
    const safe = /^[=+\-@\t\r]/.test(t) ? `'${t}` : t;
    return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
  };
  // 行: the data row under the header; 文件行号: the line of the CSV (or the sheet row of the XLSX) that holds it
  const rows = [['文件', '行', '文件行号', '列', '值', '原因', '位置'], ...errors.map((e) => [e.file, e.row || null, e.line ?? null, e.column, e.value, e.reason, e.where ?? null])];
  await writeFile(path, '\ufeff' + rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n');
}
