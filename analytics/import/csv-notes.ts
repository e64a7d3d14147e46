// Notes under a CSV table (“注：…” after the data, often several lines, the later ones continuing the first):
// not records. They are found in the file's tail and dropped with a warning instead of failing as rows.
import { open } from 'node:fs/promises';
import { parseCsvLines } from './csv-lines.js';
import { NOTE_START } from './layout-rows.js';
import type { TextEncodingName } from './text-encoding.js';

const TAIL_BYTES = 64 * 1024;

export interface TrailingNotes {
  /** The first cell of each note line, as the CSV reader will see it. */
  firstCells: string[];
  /** The note lines as written. */
  lines: string[];
}

/**
 * The block of lines at the end of the file that starts with a note (“注：”, “说明：”, “数据来源：” …) and
 * holds nothing but notes and empty lines: lines with at most one filled cell, or that begin like a note.
 */
export async function trailingNotes(path: string, size: number, encoding: TextEncodingName, delimiter: string): Promise<TrailingNotes> {
  const fh = await open(path, 'r');
  let bytes: Buffer;
  try {
    const len = Math.min(size, TAIL_BYTES);
    bytes = Buffer.alloc(len);
    await fh.read(bytes, 0, len, size - len);
  } finally {
    await fh.close();
  }
  const text = new TextDecoder(encoding === 'gb18030' ? 'gb18030' : 'utf-8').decode(bytes);
  const raw = text.split(/\r\n|\n|\r/);
  if (size > TAIL_BYTES) raw.shift(); // the first line of a tail may be cut anywhere
  const note = new RegExp(NOTE_START);
  const cellsOf = (line: string) => parseCsvLines(`${line}\n`, delimiter, 1)[0] ?? [];
  const filled = (cells: string[]) => cells.filter((c) => c.trim() !== '').length;
  let start = raw.length;
  while (start > 0) {
    const cells = cellsOf(raw[start - 1]!);
    if (filled(cells) > 1 && !note.test((cells[0] ?? '').trim())) break;
    start--;
  }
  const block = raw.slice(start);
  const first = block.findIndex((l) => note.test((cellsOf(l)[0] ?? '').trim()));
  if (first < 0) return { firstCells: [], lines: [] };
  const lines = block.slice(first).filter((l) => cellsOf(l).some((c) => c.trim() !== ''));
  return { firstCells: lines.map((l) => (cellsOf(l)[0] ?? '').trim()), lines };
}

/** The warning for notes that were dropped. */
export function notesWarning(notes: TrailingNotes): string | undefined {
  if (notes.lines.length === 0) return undefined;
  const shown = notes.lines[0]!.replace(/[,\t;|]+$/, '');
  return `已忽略数据下方的 ${notes.lines.length} 行注释（如“${shown.length > 40 ? `${shown.slice(0, 40)}…` : shown}”），它们不是数据`;
}
