// Names that come from outside (file, sheet, unit and station names): characters that change how text is shown
// — control characters (NUL, ESC sequences that drive a terminal) and bidirectional controls (U+202E turns
// "cod.exe" into "exe.doc") — are shown escaped, refused in data, and refused in names that become files. Names
// Windows cannot have (CON, NUL, COM1… with any extension) and names too long for a file system are refused
// for files we write, with a message that says what to change.
import { UserError } from './errors.js';

/** C0/C1 controls, DEL, bidi marks, embeddings, overrides and isolates, zero-width characters, line separators. */
const HIDDEN_SOURCE = '[\\u0000-\\u001f\\u007f-\\u009f\\u061c\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u2069\\ufeff]';
const HIDDEN = new RegExp(HIDDEN_SOURCE, 'u');

const code = (ch: string) => `\\u${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** True when `s` holds a character that is invisible or changes how the text around it is shown. */
export function hasHiddenChars(s: string): boolean {
  return HIDDEN.test(s);
}

/** The hidden characters of `s`, named (for a message): "U+202E、U+0000". */
export function hiddenCharNames(s: string): string {
  const found = new Set([...s].filter((ch) => HIDDEN.test(ch)).map((ch) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`));
  return [...found].join('、');
}

/**
 * `s` as it may be shown in a message, a terminal or a report: every hidden character written as \uXXXX (which
 * a JSON reader turns back into the character). `keep` lists characters shown as themselves (line breaks and
 * tabs of a multi-line message).
 */
export function shownText(s: string, keep = ''): string {
  let out = '';
  for (const ch of s) out += HIDDEN.test(ch) && !keep.includes(ch) ? code(ch) : ch;
  return out;
}

const DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;
/** Bytes a file name may take: 255 on most file systems, less the suffix of the temporary copy written first. */
export const MAX_FILE_NAME_BYTES = 220;

/** Why `name` cannot be the name of a file we write (on this or a Windows computer), or null. */
export function fileNameProblem(name: string): string | null {
  if (!name.trim()) return '文件名为空';
  if (hasHiddenChars(name)) return `文件名含不可见的控制字符（${hiddenCharNames(name)}），会让文件名显示得与实际不同`;
  if (/[\\/:*?"<>|]/.test(name)) return '文件名含 \\ / : * ? " < > | 之一，Windows 不允许';
  const stem = name.split('.')[0]!.trimEnd();
  if (DEVICE.test(stem)) return `“${stem}”是 Windows 的设备名（CON、PRN、AUX、NUL、COM1–COM9、LPT1–LPT9），不能用作文件名（加扩展名也不行）`;
  if (/[. ]$/.test(name)) return '文件名以点或空格结尾，Windows 不允许';
  const bytes = Buffer.byteLength(name, 'utf8');
  if (bytes > MAX_FILE_NAME_BYTES) {
    return `文件名过长（${[...name].length} 个字符，共 ${bytes} 字节；上限 ${MAX_FILE_NAME_BYTES} 字节，约 ${Math.floor(MAX_FILE_NAME_BYTES / 3)} 个汉字）`;
  }
  return null;
}

/** Refuses a name for a file we are to write, saying why and what to do. */
export function checkOutputFileName(name: string, what = '输出文件'): void {
  const problem = fileNameProblem(name);
  if (problem) throw new UserError('BAD_FILE_NAME', `${what}名“${shownText(name)}”不可用：${problem}。请换一个名称后重试。`);
}

/**
 * What data cells may not hold (DuckDB's RE2): controls other than tab and line breaks, and the bidirectional
 * controls. Zero-width characters, common in text pasted from web pages, are kept (and shown escaped).
 */
export const REFUSED_IN_DATA_RE2 = '[\\x{0000}-\\x{0008}\\x{000b}\\x{000c}\\x{000e}-\\x{001f}\\x{007f}-\\x{009f}\\x{061c}\\x{200e}\\x{200f}\\x{202a}-\\x{202e}\\x{2066}-\\x{2069}]';
