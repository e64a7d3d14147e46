// Why a workspace did not open, said plainly, with what the user can do next — never a stack trace, never a
// retry loop. Checks the file before DuckDB sees it (empty, not a DuckDB file) and explains DuckDB's own
// refusals (damaged or truncated file, locked by another process, made by a newer version).
import { access, constants, open, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { UserError } from './errors.js';
import { latestBackup, type BackupInfo } from './backup/backup-files.js';
import { describeHolder, readLockHolder } from './workspace-lock.js';

export type RecoveryChoiceId = 'restore-latest' | 'open-read-only' | 'create-new' | 'close-other' | 'upgrade' | 'fix-permission';

export interface RecoveryChoice {
  id: RecoveryChoiceId;
  label: string;
  /** The CLI command that does it, where there is one. */
  command?: string;
}

export class WorkspaceOpenError extends UserError {
  constructor(
    code: string,
    message: string,
    readonly path: string,
    readonly choices: RecoveryChoice[],
    readonly latestBackup?: BackupInfo,
  ) {
    super(code, message);
    this.name = 'WorkspaceOpenError';
  }
}

export function isWorkspaceOpenError(e: unknown): e is WorkspaceOpenError {
  return e instanceof WorkspaceOpenError;
}

/** DuckDB's file header: 8 bytes of checksum, then the magic bytes. */
const MAGIC = Buffer.from('DUCK');

async function choicesFor(path: string, kinds: RecoveryChoiceId[]): Promise<{ choices: RecoveryChoice[]; backup?: BackupInfo }> {
  const backup = kinds.includes('restore-latest') ? await latestBackup(path).catch(() => undefined) : undefined;
  const q = (p: string) => (/\s/.test(p) ? `"${p}"` : p);
  const choices: RecoveryChoice[] = [];
  for (const k of kinds) {
    if (k === 'restore-latest') {
      if (backup) {
        choices.push({ id: k, label: `从最近的备份恢复（${backup.createdAt.slice(0, 19).replace('T', ' ')} UTC，${backup.label}）；原文件会先移到备份目录，不会删除`,
          command: `zonetrack backup ${q(path)} --restore ${backup.id}` });
      }
    } else if (k === 'open-read-only') {
      choices.push({ id: k, label: '以只读方式打开，查看并导出仍可读取的内容（不会修改文件）' });
    } else if (k === 'create-new') {
      choices.push({ id: k, label: '新建一个工作空间，重新导入数据（原文件保留不动）', command: 'zonetrack init 新工作空间.duckdb' });
    } else if (k === 'close-other') {
      choices.push({ id: k, label: '关闭正在使用该文件的 ZoneTrack 窗口或命令，然后重试' });
    } else if (k === 'upgrade') {
      choices.push({ id: k, label: '安装较新版本的 ZoneTrack 后再打开' });
    } else if (k === 'fix-permission') {
      choices.push({ id: k, label: '请管理员为当前用户开放该文件及所在文件夹的读写权限，或把文件复制到自己有权限的文件夹后再打开（文件本身没有损坏迹象）' });
    }
  }
  return { choices, backup };
}

async function failure(code: string, what: string, path: string, kinds: RecoveryChoiceId[]): Promise<WorkspaceOpenError> {
  const { choices, backup } = await choicesFor(path, kinds);
  const lines = choices.map((c, i) => `  ${i + 1}. ${c.label}${c.command ? `：${c.command}` : ''}`);
  const noBackup = kinds.includes('restore-latest') && !backup ? '\n（备份目录中没有可用的备份。）' : '';
  return new WorkspaceOpenError(code, `无法打开工作空间“${path}”：${what}\n可以选择：\n${lines.join('\n')}${noBackup}`, path, choices, backup);
}

const DAMAGED: RecoveryChoiceId[] = ['restore-latest', 'open-read-only', 'create-new'];

/** DuckDB's file: three 4 KB header blocks, then whole 256 KB blocks. */
const HEADER_BYTES = 3 * 4096;
const BLOCK_BYTES = 262_144;

const isPermission = (e: unknown) => ['EACCES', 'EPERM'].includes((e as NodeJS.ErrnoException)?.code ?? '');

async function noPermission(path: string): Promise<WorkspaceOpenError> {
  return failure('WORKSPACE_NO_PERMISSION', '当前用户没有读取该文件的权限。', path, ['fix-permission']);
}

/** Why the file (or its folder, where DuckDB writes its log) cannot be written, or undefined when it can. */
async function readOnlyReason(path: string, mode: number): Promise<string | undefined> {
  if ((mode & 0o222) === 0) return '文件设为只读';
  for (const [target, what] of [[path, '文件'], [dirname(path), '所在文件夹']] as const) {
    try {
      await access(target, constants.W_OK);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EROFS') return '在只读介质上（如光盘、只读共享或写保护的U盘）';
      if (isPermission(e)) return `${what}没有写入权限`;
    }
  }
  return undefined;
}

/**
 * Refuses, before DuckDB opens it, a file that cannot be a workspace or cannot be read (each cause with its own
 * message and choices); says when it can only be read (a read-only file, folder or medium).
 */
export async function checkWorkspaceFile(path: string): Promise<{ readOnlyReason?: string }> {
  let st;
  try {
    st = await stat(path);
  } catch (e) {
    if (isPermission(e)) throw await noPermission(path);
    throw e;
  }
  const size = st.size;
  if (size === 0) throw await failure('WORKSPACE_CORRUPT', '文件是空的（0 字节），可能在写入时被中断。', path, ['restore-latest', 'create-new']);
  const head = Buffer.alloc(12);
  let fh;
  try {
    fh = await open(path, 'r');
  } catch (e) {
    if (isPermission(e)) throw await noPermission(path);
    throw e;
  }
  try {
    await fh.read(head, 0, 12, 0);
  } finally {
    await fh.close();
  }
  if (!head.subarray(8, 12).equals(MAGIC)) {
    if (head.every((b) => b === 0)) {
      throw await failure('WORKSPACE_CORRUPT', '文件开头全为空字节，文件已损坏。', path, ['restore-latest', 'create-new']);
    }
    throw await failure('NOT_A_WORKSPACE', '该文件不是 ZoneTrack 工作空间（不是 DuckDB 数据库文件）。请确认选择的文件是否正确。', path, ['restore-latest', 'create-new']);
  }
  if (size < HEADER_BYTES || (size - HEADER_BYTES) % BLOCK_BYTES !== 0) {
    throw await failure('WORKSPACE_TRUNCATED',
      `文件不完整：大小 ${size} 字节不是完整的数据块，文件尾部缺失（可能在复制、下载或写入时被截断）。`, path, DAMAGED);
  }
  const why = await readOnlyReason(path, st.mode);
  return why ? { readOnlyReason: why } : {};
}

/** Turns DuckDB's refusal to open (or to read the schema) into a WorkspaceOpenError. */
export async function openFailure(path: string, e: unknown): Promise<UserError> {
  if (e instanceof UserError) return e;
  const msg = (e as Error)?.message ?? String(e);
  const first = msg.split('\n')[0]!;
  if (/Could not set lock|Conflicting lock|lock on file/i.test(msg)) {
    const pid = /PID (\d+)/.exec(msg)?.[1];
    // our own lock (taken just before DuckDB refused) says nothing about who holds DuckDB's
    const holder = [readLockHolder(path)].find((h) => h && h.pid !== process.pid);
    const who = holder ? `正由${describeHolder(holder)}使用` : `正被另一个程序使用${pid ? `（进程号 ${pid}）` : ''}`;
    return failure('WORKSPACE_LOCKED', `文件${who}，同一时间只能由一个程序打开。`, path, ['close-other']);
  }
  if (/Permission denied/i.test(msg)) return noPermission(path);
  if (/Read-only file system/i.test(msg)) {
    return failure('WORKSPACE_READ_ONLY_MEDIUM', '文件在只读介质上，无法以写入方式打开。', path, ['open-read-only']);
  }
  if (/not a valid DuckDB database file/i.test(msg)) {
    return failure('NOT_A_WORKSPACE', '该文件不是 ZoneTrack 工作空间（不是 DuckDB 数据库文件）。', path, ['restore-latest', 'create-new']);
  }
  if (/version number|can only read version|newer version|storage version/i.test(msg)) {
    return failure('WORKSPACE_TOO_NEW', `文件由较新版本的软件写入，本版本无法读取（${first}）。`, path, ['upgrade', 'restore-latest']);
  }
  return failure('WORKSPACE_CORRUPT', `文件已损坏或不完整（${first}）。`, path, DAMAGED);
}

/** A DuckDB error that says the file's data is damaged (a block checksum, a corrupted block). */
export function isCorruptionError(e: unknown): boolean {
  return /checksum|corrupt/i.test((e as Error)?.message ?? '');
}

export async function notAWorkspace(path: string): Promise<WorkspaceOpenError> {
  return failure('NOT_A_WORKSPACE', '该文件是其他程序的数据库，不是 ZoneTrack 工作空间（文件未作任何修改）。请确认选择的文件是否正确。', path, ['restore-latest', 'create-new']);
}

export async function tooNew(path: string, found: number, known: number): Promise<WorkspaceOpenError> {
  return failure('WORKSPACE_TOO_NEW', `该工作空间由较新版本的 ZoneTrack 创建（结构版本 ${found}，本版本最高支持 ${known}）。`, path,
    ['upgrade', 'open-read-only', 'restore-latest']);
}

export interface IntegrityReport {
  tables: number;
  rows: number;
  problems: { table: string; message: string }[];
}

/**
 * Reads every value of every table (a hash over all columns, so each data block is read and its checksum
 * verified): what a damaged block would break shows up here rather than in the middle of a report.
 */
export async function verifyWorkspace(sql: { all<T>(q: string): Promise<T[]> }): Promise<IntegrityReport> {
  const tables = await sql.all<{ name: string }>(
    "SELECT table_name AS name FROM duckdb_tables() WHERE schema_name = 'main' AND NOT temporary ORDER BY table_name");
  const report: IntegrityReport = { tables: tables.length, rows: 0, problems: [] };
  for (const t of tables) {
    const ident = `"${t.name.replaceAll('"', '""')}"`;
    try {
      const r = await sql.all<{ n: number }>(`SELECT count(*) AS n, bit_xor(hash(COLUMNS(*))) FROM ${ident}`);
      report.rows += Number(r[0]?.n ?? 0);
    } catch (e) {
      report.problems.push({ table: t.name, message: ((e as Error).message ?? String(e)).split('\n')[0]! });
    }
  }
  return report;
}
