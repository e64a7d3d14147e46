// The header row of a text file the user picked, read in the page (the first 64 KB: UTF-8, else GB18030; the
// delimiter and the header line that give the most named cells), for the header-mapping dialog of the import page.
// Spreadsheets and other binary formats give no headers here: the dialog then asks for each header by name.

const DELIMITERS = [',', '\t', ';', '|'];
const SNIFF_BYTES = 64 * 1024;
const SNIFF_LINES = 20;

function decode(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // cut in the middle of a character at the end of the sample, or GB18030
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, Math.max(0, bytes.length - 3)));
    } catch {
      return new TextDecoder('gb18030').decode(bytes);
    }
  }
}

/** One line split at `delimiter`, with "…" quoting. */
function cells(line: string, delimiter: string): string[] {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') quoted = false; else cell += ch;
    } else if (ch === '"' && cell.trim() === '') quoted = true;
    else if (ch === delimiter) { out.push(cell.trim()); cell = ''; } else cell += ch;
  }
  out.push(cell.trim());
  return out;
}

/** The header cells of a text file's first lines (the line with the most non-empty cells), or [] for other files. */
export function headersOfText(text: string): string[] {
  const lines = text.replace(/^\ufeff/, '').split(/\r\n|\n|\r/).slice(0, SNIFF_LINES).filter((l) => l.trim() !== '');
  let best: string[] = [];
  for (const d of DELIMITERS) {
    for (const line of lines) {
      const named = cells(line, d).filter((c) => c !== '');
      if (named.length > best.length) best = named;
    }
  }
  return best.length >= 2 ? [...new Set(best)] : [];
}

export async function fileHeaders(file: File): Promise<string[]> {
  if (!/\.(csv|txt|tsv)$/i.test(file.name)) return [];
  const bytes = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  return headersOfText(decode(bytes));
}
