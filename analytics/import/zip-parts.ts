// The parts of a zip file, found through its central directory, each opened as a stream of its own when asked.
// The XLSX reader uses this instead of reading the zip front to back: it then reads the parts a sheet needs
// (workbook, styles, shared strings) first, whatever order the writer put them in, and streams one sheet at a
// time without temp files.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { PassThrough, Transform, pipeline, type Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';

export interface ZipPart {
  name: string;
  /** Offset of the part's local header. */
  offset: number;
  compressedSize: number;
  /** As the directory declares it (a zip bomb declares what it will inflate to; the container check reads it). */
  uncompressedSize: number;
  /** 0 stored, 8 deflated. */
  method: number;
}

/** Why a zip's central directory cannot be read: cut short, or too large to be an Excel file's. */
export class ZipDirectoryError extends Error {
  constructor(readonly reason: 'truncated' | 'too-large', readonly directoryBytes = 0) {
    super(reason === 'truncated' ? 'ZIP 目录不完整或找不到' : `ZIP 目录过大（${directoryBytes} 字节）`);
  }
}

const MAX_DIRECTORY_BYTES = 64 * 1024 ** 2;

/** A single part (a worksheet's XML) larger than this once decompressed is refused. */
export const MAX_PART_BYTES = 1024 ** 3;

/**
 * A part that inflates to more than its directory entry declares, or to more than MAX_PART_BYTES: a zip bomb
 * that lies about its sizes (the declared sizes are checked before reading, xlsx-container.ts).
 */
export class InflatedTooLarge extends Error {
  constructor(readonly part: string, readonly declared: number, readonly limit: number) {
    super(`Excel 文件中的“${part}”解压后超过${declared < limit ? `其声明的 ${mb(declared)}` : `上限 ${mb(limit)}`}，` +
      '这可能是损坏或恶意构造的文件（“ZIP 炸弹”），已停止读取；请确认文件来源，或在 Excel 中打开后另存为 .xlsx 或 CSV 再导入');
  }
}

/** A size as a person reads it. */
export const mb = (n: number) => (n >= 1024 ** 3 ? `${(n / 1024 ** 3).toFixed(1)} GB`
  : n >= 1024 ** 2 ? `${(n / 1024 ** 2).toFixed(1)} MB` : n >= 1024 ? `${(n / 1024).toFixed(1)} KB` : `${n} 字节`);

/** The parts in directory order, read from the central directory only (zip64 included). */
export async function readZipParts(path: string): Promise<ZipPart[]> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    const read = async (pos: number, len: number): Promise<Buffer> => {
      const buf = Buffer.alloc(len);
      const { bytesRead } = await fh.read(buf, 0, len, pos);
      return buf.subarray(0, bytesRead);
    };
    const truncated = () => new ZipDirectoryError('truncated');
    // End of central directory: in the last 22 + 65535 bytes (its comment may be that long).
    const tailLen = Math.min(size, 22 + 65535);
    const tail = await read(size - tailLen, tailLen);
    let eocd = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
    }
    if (eocd < 0) throw truncated();
    let entries = tail.readUInt16LE(eocd + 10);
    let dirSize = tail.readUInt32LE(eocd + 12);
    let dirOffset = tail.readUInt32LE(eocd + 16);
    if (dirOffset === 0xffffffff || dirSize === 0xffffffff || entries === 0xffff) {
      // Zip64: the locator just before the record points at the zip64 end-of-directory record.
      if (eocd < 20 || tail.readUInt32LE(eocd - 20) !== 0x07064b50) throw truncated();
      const rec = await read(Number(tail.readBigUInt64LE(eocd - 20 + 8)), 56);
      if (rec.length < 56 || rec.readUInt32LE(0) !== 0x06064b50) throw truncated();
      entries = Number(rec.readBigUInt64LE(32));
      dirSize = Number(rec.readBigUInt64LE(40));
      dirOffset = Number(rec.readBigUInt64LE(48));
    }
    if (dirOffset + dirSize > size) throw truncated();
    if (dirSize > MAX_DIRECTORY_BYTES) throw new ZipDirectoryError('too-large', dirSize);
    const dir = await read(dirOffset, dirSize);
    const parts: ZipPart[] = [];
    let pos = 0;
    for (let n = 0; n < entries; n++) {
      if (pos + 46 > dir.length || dir.readUInt32LE(pos) !== 0x02014b50) throw truncated();
      const method = dir.readUInt16LE(pos + 10);
      let compressedSize = dir.readUInt32LE(pos + 20);
      let uncompressedSize = dir.readUInt32LE(pos + 24);
      const nameLen = dir.readUInt16LE(pos + 28);
      const extraLen = dir.readUInt16LE(pos + 30);
      const commentLen = dir.readUInt16LE(pos + 32);
      let offset = dir.readUInt32LE(pos + 42);
      const name = dir.subarray(pos + 46, pos + 46 + nameLen).toString('utf8');
      // Zip64 extra field (id 1): 64-bit values, in this order, for the fields that are 0xFFFFFFFF.
      const extra = dir.subarray(pos + 46 + nameLen, pos + 46 + nameLen + extraLen);
      for (let e = 0; e + 4 <= extra.length;) {
        const id = extra.readUInt16LE(e);
        const len = extra.readUInt16LE(e + 2);
        if (id === 1) {
          let f = e + 4;
          const end = e + 4 + len;
          if (uncompressedSize === 0xffffffff && f + 8 <= end) { uncompressedSize = Number(extra.readBigUInt64LE(f)); f += 8; }
          if (compressedSize === 0xffffffff && f + 8 <= end) { compressedSize = Number(extra.readBigUInt64LE(f)); f += 8; }
          if (offset === 0xffffffff && f + 8 <= end) offset = Number(extra.readBigUInt64LE(f));
        }
        e += 4 + len;
      }
      parts.push({ name, offset, compressedSize, uncompressedSize, method });
      pos += 46 + nameLen + extraLen + commentLen;
    }
    return parts;
  } finally {
    await fh.close();
  }
}

/** The decompressed bytes of one part, streamed from the file. */
export async function openZipPart(path: string, part: ZipPart): Promise<Readable> {
  const fh = await open(path, 'r');
  let header: Buffer;
  try {
    header = Buffer.alloc(30);
    const { bytesRead } = await fh.read(header, 0, 30, part.offset);
    if (bytesRead < 30 || header.readUInt32LE(0) !== 0x04034b50) throw new Error(`ZIP 部件“${part.name}”的文件头已损坏`);
  } finally {
    await fh.close();
  }
  // The local header's own name and extra lengths (they may differ from the directory's) give where data starts.
  const start = part.offset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  const raw = part.compressedSize === 0
    ? new PassThrough().end()
    : createReadStream(path, { start, end: start + part.compressedSize - 1 });
  if (part.method !== 0 && part.method !== 8) throw new Error(`ZIP 部件“${part.name}”使用了不支持的压缩方式（${part.method}）`);
  // Inflated bytes are counted as they come: a part may declare a small size and inflate without end.
  const limit = Math.min(MAX_PART_BYTES, part.uncompressedSize);
  let seen = 0;
  const counted = new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      if (seen > limit) done(new InflatedTooLarge(part.name, part.uncompressedSize, MAX_PART_BYTES));
      else done(null, chunk);
    },
  });
  // pipeline carries a read error into the inflater, so that whoever iterates it sees the error.
  return part.method === 0 ? pipeline(raw, counted, () => undefined) : pipeline(raw, createInflateRaw(), counted, () => undefined);
}
