// Encodings that Chinese government systems write CSV in: UTF-8 (with or without BOM) and GB18030/GBK.
// Node's 'gbk' label mis-decodes some characters, so GBK files are always read with the 'gb18030' label
// (a superset). Nothing ever falls back to latin-1: a file that is neither is refused.
import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { isAscii } from 'node:buffer';

export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'gb18030';

export function detectEncoding(sample: Uint8Array): TextEncodingName | undefined {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf-8-bom';
  for (const [label, name] of [['utf-8', 'utf-8'], ['gb18030', 'gb18030']] as const) {
    try {
      // stream: true, so a character cut at the end of the sample is not an error
      new TextDecoder(label, { fatal: true }).decode(sample, { stream: true });
      return name;
    } catch {
      /* try the next one */
    }
  }
  return undefined;
}

/**
 * Why a text file's first bytes are not UTF-8 or GB18030, said so that the user knows what to fix: UTF-16
 * (Excel's "Unicode text"), binary content, a file mixing UTF-8 and GB18030 lines, or stray bytes on a line.
 */
export function undecodableReason(sample: Uint8Array): string {
  const saveAs = '请用 Excel 或记事本另存为“CSV UTF-8”后重新导入';
  if ((sample[0] === 0xff && sample[1] === 0xfe) || (sample[0] === 0xfe && sample[1] === 0xff)) {
    return `文件是 UTF-16 编码（Unicode 文本），不是 CSV 常用的 UTF-8 或 GBK 编码；${saveAs}`;
  }
  const nul = sample.reduce((n, b) => n + (b === 0 ? 1 : 0), 0);
  if (nul * 4 >= sample.length && nul > 0) {
    // Every other byte 0 in text that is mostly ASCII: UTF-16 without its byte-order mark.
    const evenOrOdd = [0, 1].map((k) => sample.filter((b, i) => i % 2 === k && b === 0).length);
    if (Math.max(...evenOrOdd) * 2 >= sample.length * 0.8) return `文件像是没有 BOM 的 UTF-16 编码文本；${saveAs}`;
  }
  if (isBinary(sample)) return '文件内容不是文本（含大量控制字符或二进制数据），不是 CSV 文件；请确认选择了正确的文件，或从原系统重新导出';
  const { firstUtf8, firstGb, firstBad } = lineEncodings(sample);
  if (firstUtf8 && firstGb) return mixedReason(firstUtf8, firstGb);
  if (firstBad) return `第 ${firstBad} 行有既不是 UTF-8 也不是 GB18030/GBK 的字节（文件可能已损坏）；请检查该行，或从原系统重新导出为 UTF-8`;
  return `无法识别文件编码（既不是 UTF-8 也不是 GB18030/GBK）；${saveAs}`;
}

/** A file with a UTF-8 byte-order mark whose lines are GB18030 (or neither): said so, with the first such line. */
export function bomMismatchReason(sample: Uint8Array): string | undefined {
  const { firstUtf8, firstGb, firstBad } = lineEncodings(sample);
  if (firstGb && !firstUtf8) {
    return `文件开头有 UTF-8 的字节顺序标记（BOM），但内容是 GB18030/GBK 编码（从第 ${firstGb} 行起），两者不符` +
      '（常见于给 GBK 文件加了 BOM 而没有转换编码）；请用记事本打开并另存为“UTF-8”，或从原系统重新导出后导入';
  }
  if (firstUtf8 && firstGb) return mixedReason(firstUtf8, firstGb);
  if (firstBad || firstGb) {
    return `文件开头有 UTF-8 的字节顺序标记（BOM），但第 ${firstBad || firstGb} 行不是 UTF-8 编码；请检查该行，或从原系统重新导出为 UTF-8`;
  }
  return undefined;
}

export function mixedReason(utf8Line: number, gbLine: number): string {
  return `文件混用了两种编码：第 ${utf8Line} 行是 UTF-8，第 ${gbLine} 行是 GB18030/GBK（常见于把不同系统导出的文件拼接在一起）；请统一另存为 UTF-8 后重新导入`;
}

/**
 * The first line (1-based) that is UTF-8 with non-ASCII text, the first that is only GB18030, and the first
 * that is neither. The last line of the sample is left out: the sample may cut it anywhere.
 */
export function lineEncodings(sample: Uint8Array): { firstUtf8: number; firstGb: number; firstBad: number } {
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const gb = new TextDecoder('gb18030', { fatal: true });
  const ok = (d: { decode(b: Uint8Array): string }, line: Uint8Array) => { try { d.decode(line); return true; } catch { return false; } };
  let firstUtf8 = 0, firstGb = 0, firstBad = 0;
  let start = sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf ? 3 : 0;
  for (let n = 1; start < sample.length; n++) {
    const end = sample.indexOf(10, start);
    if (end < 0) break;
    const line = sample.subarray(start, end);
    start = end + 1;
    if (line.every((b) => b < 0x80)) continue;
    if (ok(utf8, line)) firstUtf8 ||= n;
    else if (ok(gb, line)) firstGb ||= n;
    else firstBad ||= n;
  }
  return { firstUtf8, firstGb, firstBad };
}

/** Control bytes other than tab, CR, LF in more than a few percent of the bytes: not a text file. */
export function isBinary(sample: Uint8Array): boolean {
  const head = sample.subarray(0, 8192);
  const control = head.filter((b) => b < 0x20 && b !== 9 && b !== 10 && b !== 13).length;
  return head.length > 0 && control * 20 > head.length;
}

export function decodeSample(sample: Uint8Array, encoding: TextEncodingName): string {
  const label = encoding === 'gb18030' ? 'gb18030' : 'utf-8';
  return new TextDecoder(label, { fatal: false, ignoreBOM: false }).decode(sample, { stream: true });
}

/**
 * Streams a GB18030 file into a UTF-8 copy; a byte sequence that is not GB18030 stops it with an error.
 * Each chunk is cut after its last line break (no GB18030 character contains the byte 0x0A), so every piece
 * decodes on its own; a piece that is all ASCII (most of a monitoring file: codes, times, numbers) is the same
 * bytes in UTF-8 and is written as it is.
 */
export async function transcodeToUtf8(from: string, to: string): Promise<void> {
  const decoder = new TextDecoder('gb18030', { fatal: true });
  let carry: Buffer = Buffer.alloc(0);
  let offset = 0; // bytes of the file before `carry`
  let badAt = -1; // offset of the line that does not decode
  const convert = (piece: Buffer): Buffer => {
    if (isAscii(piece)) return piece;
    try {
      return Buffer.from(decoder.decode(piece), 'utf8');
    } catch (e) {
      for (let start = 0; start < piece.length && badAt < 0;) {
        const end = piece.indexOf(10, start) + 1 || piece.length;
        try {
          decoder.decode(piece.subarray(start, end));
        } catch {
          badAt = offset + start;
        }
        start = end;
      }
      throw e;
    }
  };
  const transcode = new Transform({
    transform(chunk: Buffer, _enc, done) {
      try {
        const buf = carry.length ? Buffer.concat([carry, chunk]) : chunk;
        const cut = buf.lastIndexOf(10) + 1;
        carry = buf.subarray(cut);
        const out = convert(buf.subarray(0, cut));
        offset += cut;
        done(null, out);
      } catch (e) {
        done(e as Error);
      }
    },
    flush(done) {
      try {
        done(null, convert(carry));
      } catch (e) {
        done(e as Error);
      }
    },
  });
  try {
    await pipeline(createReadStream(from, { highWaterMark: 4 << 20 }), transcode, createWriteStream(to, { highWaterMark: 4 << 20 }));
  } catch (e) {
    throw badAt >= 0 ? new Error(`第 ${await lineAt(from, badAt)} 行`) : e;
  }
}

/** The 1-based line of the file on which the byte at `offset` lies. */
async function lineAt(path: string, offset: number): Promise<number> {
  let line = 1;
  if (offset === 0) return line;
  for await (const chunk of createReadStream(path, { end: offset - 1, highWaterMark: 4 << 20 })) {
    for (let nl = (chunk as Buffer).indexOf(10); nl !== -1; nl = (chunk as Buffer).indexOf(10, nl + 1)) line++;
  }
  return line;
}
