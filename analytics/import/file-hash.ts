import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

export interface FileScan {
  sha256: string;
  /** 1-based physical line numbers of empty lines (CSV readers skip them; row numbers must not shift). */
  blankLines: number[];
}

/** One streamed pass over a file (they can be several hundred MB): its sha256 and, for text, its empty lines. */
export async function scanFile(path: string, options: { findBlankLines: boolean }): Promise<FileScan> {
  const hash = createHash('sha256');
  const blankLines: number[] = [];
  let line = 1;
  let lineLength = 0; // bytes on the current line so far
  let endsWithCR = false; // the previous chunk ended with '\r' (a CRLF split across chunks)
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const buf = chunk as Buffer;
    hash.update(buf);
    if (!options.findBlankLines) continue;
    let from = 0;
    for (let nl = buf.indexOf(10, from); nl !== -1; nl = buf.indexOf(10, from)) {
      const cr = nl > 0 ? buf[nl - 1] === 13 : endsWithCR;
      const len = lineLength + (nl - from) - (cr ? 1 : 0);
      if (len <= 0) blankLines.push(line);
      line++;
      lineLength = 0;
      from = nl + 1;
    }
    lineLength += buf.length - from;
    endsWithCR = buf[buf.length - 1] === 13;
  }
  return { sha256: hash.digest('hex'), blankLines };
}
