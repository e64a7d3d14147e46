// Encodings that Chinese government systems write CSV in: UTF-8 (with or without BOM) and GB18030/GBK.
// Node's 'gbk' label mis-decodes some characters, so GBK files are always read with the 'gb18030' label
// (a superset). Nothing ever falls back to latin-1: a file that is neither is refused.
import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';

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

export function decodeSample(sample: Uint8Array, encoding: TextEncodingName): string {
  const label = encoding === 'gb18030' ? 'gb18030' : 'utf-8';
  return new TextDecoder(label, { fatal: false, ignoreBOM: false }).decode(sample, { stream: true });
}

/** Streams a GB18030 file into a UTF-8 copy; a byte sequence that is not GB18030 stops it with an error. */
export async function transcodeToUtf8(from: string, to: string): Promise<void> {
  const decoder = new TextDecoder('gb18030', { fatal: true });
  const encoder = new TextEncoder();
  const transcode = new Transform({
    transform(chunk: Buffer, _enc, done) {
      try {
        done(null, encoder.encode(decoder.decode(chunk, { stream: true })));
      } catch (e) {
        done(e as Error);
      }
    },
    flush(done) {
      try {
        done(null, encoder.encode(decoder.decode()));
      } catch (e) {
        done(e as Error);
      }
    },
  });
  await pipeline(createReadStream(from, { highWaterMark: 1 << 20 }), transcode, createWriteStream(to));
}
