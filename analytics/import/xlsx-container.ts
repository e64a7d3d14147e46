// Checks an .xlsx file's zip container before exceljs reads it, so that a file that is not one says so plainly:
// another format under the .xlsx name, a zip cut short (no central directory), or a zip bomb (parts that
// declare gigabytes once decompressed — exceljs would try to inflate them). Reads only the head and the
// central directory, never the compressed data.
import { open } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { MAX_PART_BYTES, mb, openZipPart, readZipParts, ZipDirectoryError, type ZipPart } from './zip-parts.js';
/** All parts together. */
export const MAX_TOTAL_BYTES = 2 * 1024 ** 3;

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const PARQUET = [0x50, 0x41, 0x52, 0x31];
const startsWith = (b: Uint8Array, sig: number[]) => sig.every((x, i) => b[i] === x);

const XLS = '这是 Excel 97-2003（.xls）格式的文件；请在 Excel 中另存为 .xlsx 或“CSV UTF-8”后导入';

/** A text file's head that is really another format: what the user should do, or undefined. */
export function wrongContainer(head: Uint8Array, ext: string): string | undefined {
  if (startsWith(head, ZIP)) return `文件实际是 Excel（.xlsx）或 ZIP 压缩文件，扩展名却是“${ext}”；若是 Excel 文件，请把扩展名改为 .xlsx 后导入`;
  if (startsWith(head, OLE)) return XLS;
  if (startsWith(head, PARQUET)) return `文件实际是 Parquet 文件，扩展名却是“${ext}”；请把扩展名改为 .parquet 后导入`;
  return undefined;
}


/** What is wrong with the container (a sentence for the user), or undefined when exceljs may read it. */
export async function checkXlsxContainer(
  path: string, limits: { part: number; total: number } = { part: MAX_PART_BYTES, total: MAX_TOTAL_BYTES },
): Promise<string | undefined> {
  const fh = await open(path, 'r');
  try {
    const read = async (pos: number, len: number): Promise<Buffer> => {
      const buf = Buffer.alloc(len);
      const { bytesRead } = await fh.read(buf, 0, len, pos);
      return buf.subarray(0, bytesRead);
    };
    const head = await read(0, 8);
    if (!startsWith(head, ZIP)) {
      if (startsWith(head, OLE)) return XLS;
      const text = await read(0, 4096);
      let isText = !text.some((b) => b < 0x20 && b !== 9 && b !== 10 && b !== 13);
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(text, { stream: true });
      } catch {
        isText = false;
      }
      return isText
        ? '文件内容是文本（可能是 CSV），扩展名却是 .xlsx；若是 CSV 文件，请把扩展名改为 .csv 后导入'
        : '不是有效的 .xlsx 文件（文件头不是 Excel 使用的 ZIP 格式）；请确认选择了正确的文件，或在 Excel 中另存为 .xlsx';
    }
    let parts: ZipPart[];
    try {
      parts = await readZipParts(path);
    } catch (e) {
      if (!(e instanceof ZipDirectoryError)) throw e;
      return e.reason === 'too-large'
        ? `ZIP 目录过大（${mb(e.directoryBytes)}），不像是 Excel 文件；请确认文件未损坏`
        : '文件不完整：找不到 ZIP 目录（文件可能在下载、复制或邮件传输时被截断）；请重新获取完整的文件';
    }
    let total = 0;
    for (const { name, compressedSize, uncompressedSize } of parts) {
      total += uncompressedSize;
      if (uncompressedSize > limits.part || total > limits.total) {
        return `Excel 文件解压后过大：其中的“${name}”压缩后 ${mb(compressedSize)}，解压后达 ${mb(uncompressedSize)}（全部内容已达 ${mb(total)}，` +
          `上限为单个部件 ${mb(limits.part)}、合计 ${mb(limits.total)}）；这可能是损坏或恶意构造的文件（“ZIP 炸弹”）。` +
          '如确有如此多的数据，请按年份或区县拆分，或另存为 CSV 后导入';
      }
    }
    return undefined;
  } finally {
    await fh.close();
  }
}

/**
 * A small workbook (a returned 评分表) read whole through the same guards as an import: the container checked
 * (sizes declared within `maxBytes`), each part inflated by the counting reader (never more than it declares),
 * then handed to exceljs. Throws Error with the user's sentence when the file is refused.
 */
export async function loadGuardedWorkbook(path: string, maxBytes: number): Promise<ExcelJS.Workbook> {
  const problem = await checkXlsxContainer(path, { part: maxBytes, total: maxBytes });
  if (problem) throw new Error(problem);
  const zip = new JSZip();
  for (const part of await readZipParts(path)) {
    if (part.name.endsWith('/')) continue;
    const chunks: Buffer[] = [];
    for await (const c of await openZipPart(path, part)) chunks.push(c as Buffer);
    zip.file(part.name, Buffer.concat(chunks));
  }
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' }) as unknown as ArrayBuffer);
  return wb;
}

/**
 * The first worksheet whose cells carry no position (`<c>` without `r="B2"`): valid by the standard, written by
 * some non-Excel programs, and not readable by the streaming reader. Reads the first 64 KB of each sheet only.
 */
export async function sheetWithoutCellReferences(path: string): Promise<string | undefined> {
  const parts = (await readZipParts(path)).filter((p) => /^xl\/worksheets\/[^/]+\.xml$/i.test(p.name));
  for (const part of parts) {
    let head = '';
    const stream = await openZipPart(path, part);
    try {
      for await (const chunk of stream) {
        head += (chunk as Buffer).toString('utf8');
        if (head.length >= 64 * 1024) break;
      }
    } catch {
      continue;
    } finally {
      stream.destroy();
    }
    const cell = /<c(?=[\s>/])([^>]*)>/.exec(head);
    if (cell && !/\sr\s*=/.test(cell[1]!)) return part.name.replace(/^xl\/worksheets\//i, '');
  }
  return undefined;
}
