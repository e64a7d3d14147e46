// Checks an .xlsx file's zip container before exceljs reads it, so that a file that is not one says so plainly:
// another format under the .xlsx name, a zip cut short (no central directory), or a zip bomb (parts that
// declare gigabytes once decompressed — exceljs would try to inflate them). Reads only the head and the
// central directory, never the compressed data.
import { open } from 'node:fs/promises';

/** A single part (a worksheet's XML) larger than this once decompressed is refused. */
export const MAX_PART_BYTES = 1024 ** 3;
/** All parts together. */
export const MAX_TOTAL_BYTES = 2 * 1024 ** 3;
const MAX_DIRECTORY_BYTES = 64 * 1024 ** 2;

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

const mb = (n: number) => (n >= 1024 ** 3 ? `${(n / 1024 ** 3).toFixed(1)} GB` : `${(n / 1024 ** 2).toFixed(1)} MB`);

/** What is wrong with the container (a sentence for the user), or undefined when exceljs may read it. */
export async function checkXlsxContainer(path: string, size: number): Promise<string | undefined> {
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
    // End of central directory: in the last 22 + 65535 bytes (its comment may be that long).
    const tailLen = Math.min(size, 22 + 65535);
    const tail = await read(size - tailLen, tailLen);
    let eocd = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
    }
    const truncated = '文件不完整：找不到 ZIP 目录（文件可能在下载、复制或邮件传输时被截断）；请重新获取完整的文件';
    if (eocd < 0) return truncated;
    let entries = tail.readUInt16LE(eocd + 10);
    let dirSize = tail.readUInt32LE(eocd + 12);
    let dirOffset = tail.readUInt32LE(eocd + 16);
    if (dirOffset === 0xffffffff || dirSize === 0xffffffff || entries === 0xffff) {
      // Zip64: the locator just before the record points at the zip64 end-of-directory record.
      if (eocd < 20 || tail.readUInt32LE(eocd - 20) !== 0x07064b50) return truncated;
      const rec = await read(Number(tail.readBigUInt64LE(eocd - 20 + 8)), 56);
      if (rec.length < 56 || rec.readUInt32LE(0) !== 0x06064b50) return truncated;
      entries = Number(rec.readBigUInt64LE(32));
      dirSize = Number(rec.readBigUInt64LE(40));
      dirOffset = Number(rec.readBigUInt64LE(48));
    }
    if (dirOffset + dirSize > size) return truncated;
    if (dirSize > MAX_DIRECTORY_BYTES) return `ZIP 目录过大（${mb(dirSize)}），不像是 Excel 文件；请确认文件未损坏`;
    const dir = await read(dirOffset, dirSize);
    let total = 0;
    let pos = 0;
    for (let n = 0; n < entries; n++) {
      if (pos + 46 > dir.length || dir.readUInt32LE(pos) !== 0x02014b50) return truncated;
      let compressed = dir.readUInt32LE(pos + 20);
      let uncompressed = dir.readUInt32LE(pos + 24);
      const nameLen = dir.readUInt16LE(pos + 28);
      const extraLen = dir.readUInt16LE(pos + 30);
      const commentLen = dir.readUInt16LE(pos + 32);
      const name = dir.subarray(pos + 46, pos + 46 + nameLen).toString('utf8');
      if (uncompressed === 0xffffffff || compressed === 0xffffffff) {
        // Zip64 extra field (id 1): the 64-bit sizes, uncompressed first, for the fields that are 0xFFFFFFFF.
        const extra = dir.subarray(pos + 46 + nameLen, pos + 46 + nameLen + extraLen);
        for (let e = 0; e + 4 <= extra.length;) {
          const id = extra.readUInt16LE(e);
          const len = extra.readUInt16LE(e + 2);
          if (id === 1) {
            let f = e + 4;
            if (uncompressed === 0xffffffff && f + 8 <= e + 4 + len) { uncompressed = Number(extra.readBigUInt64LE(f)); f += 8; }
            if (compressed === 0xffffffff && f + 8 <= e + 4 + len) compressed = Number(extra.readBigUInt64LE(f));
          }
          e += 4 + len;
        }
      }
      total += uncompressed;
      if (uncompressed > MAX_PART_BYTES || total > MAX_TOTAL_BYTES) {
        return `Excel 文件解压后过大：其中的“${name}”压缩后 ${mb(compressed)}，解压后达 ${mb(uncompressed)}（全部内容已达 ${mb(total)}，` +
          `上限为单个部件 ${mb(MAX_PART_BYTES)}、合计 ${mb(MAX_TOTAL_BYTES)}）；这可能是损坏或恶意构造的文件（“ZIP 炸弹”）。` +
          '如确有如此多的数据，请按年份或区县拆分，或另存为 CSV 后导入';
      }
      pos += 46 + nameLen + extraLen + commentLen;
    }
    return undefined;
  } finally {
    await fh.close();
  }
}
