import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { UserError } from '../errors.js';

export interface FileScan {
  sha256: string;
  /** 1-based physical line numbers of empty lines (CSV readers skip them; row numbers must not shift). */
  blankLines: number[];
}

const CHUNK = 1 << 20;

/**
 * One streamed pass over a file (they can be several hundred MB): its sha256 and, for text, where its empty
 * lines are. Empty lines are found by their bytes ("\n\n", "\n\r\n"), which system exports seldom have; only
 * when there are some is the file read again up to the last one, to count the lines before each.
 */
export async function scanFile(
  path: string, options: { findBlankLines: boolean; maxBytes?: number; signal?: AbortSignal },
): Promise<FileScan> {
  const hash = createHash('sha256');
  const { maxBytes, signal } = options;
  const starts = new Set<number>(); // byte offsets where an empty line starts
  let pos = 0; // offset of the chunk in the file
  let before = [10]; // the last bytes before the chunk (the file begins as if after a line break)
  // bounded: never more than maxBytes (+1, to tell a longer file) are read; cancellable between chunks
  const bound = maxBytes === undefined ? {} : { end: maxBytes };
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK, ...bound })) {
    const buf = chunk as Buffer;
    if (signal?.aborted) throw new UserError('CANCELLED', '操作已取消，未写入任何数据。');
    if (maxBytes !== undefined && pos + buf.length > maxBytes) {
      throw new UserError('FILE_TOO_LARGE', `文件“${basename(path)}”比预期的 ${maxBytes} 字节大，已停止读取`);
    }
    hash.update(buf);
    if (options.findBlankLines) {
      for (const pattern of ['\n\n', '\n\r\n']) {
        for (let i = buf.indexOf(pattern); i !== -1; i = buf.indexOf(pattern, i + 1)) starts.add(pos + i + 1);
      }
      // The same patterns across the chunk boundary.
      const tail = [...before, ...buf.subarray(0, 2)];
      const b = before.length;
      for (let i = Math.max(0, b - 2); i < b; i++) {
        if (tail[i] === 10 && (tail[i + 1] === 10 || (tail[i + 1] === 13 && tail[i + 2] === 10))) starts.add(pos - b + i + 1);
      }
      before = [...before, ...buf.subarray(Math.max(0, buf.length - 2))].slice(-2);
    }
    pos += buf.length;
  }
  const sorted = [...starts].filter((s) => s < pos).sort((x, y) => x - y);
  return { sha256: hash.digest('hex'), blankLines: sorted.length ? await lineNumbers(path, sorted) : [] };
}

/** The 1-based line numbers of the lines starting at the given (ascending) byte offsets. */
async function lineNumbers(path: string, starts: number[]): Promise<number[]> {
  const out: number[] = [];
  let line = 1;
  let pos = 0;
  let k = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK, end: starts.at(-1)! })) {
    const buf = chunk as Buffer;
    let nl = buf.indexOf(10);
    for (;;) {
      const next = k < starts.length ? starts[k]! - pos : Infinity;
      if (nl !== -1 && nl < next) {
        line++;
        nl = buf.indexOf(10, nl + 1);
      } else if (next < buf.length) {
        out.push(line);
        k++;
      } else break;
    }
    pos += buf.length;
  }
  return out;
}
