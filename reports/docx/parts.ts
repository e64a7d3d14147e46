// Building blocks of the official-looking reports: styled paragraphs, numbered captions, tables with a repeated
// header row and right-aligned numbers, sources under tables, marked placeholders for human-written sections.
import {
  AlignmentType, ImageRun, LineRuleType, Paragraph, Table, TableCell, TableLayoutType, TableRow, TextRun, WidthType, ShadingType, HeightRule, type IRunOptions,
} from 'docx';
import { CHAR, FONTS, SIZES, font } from './official-style.js';
import { textWidth } from '../text-width.js';

/** Chemical names whose digits (or x) are subscripts: PM2.5, PM10, SO2, NO2, NOx, O3, NH3-N. */
const FORMULA = /(?<![A-Za-z])(PM)(2\.5|10)|(?<![A-Za-z])(SO|NO|NH)([23x])(?![A-Za-z\d])|(?<![A-Za-z])(O)(3)(?![A-Za-z\d])/g;

/** The runs of a text, chemical subscripts set as subscript runs (the text itself is unchanged). */
export function textRuns(text: string, opts: Omit<IRunOptions, 'text' | 'children' | 'subScript'> = {}): TextRun[] {
  const runs: TextRun[] = [];
  let at = 0;
  for (const m of text.matchAll(FORMULA)) {
    const base = m[1] ?? m[3] ?? m[5]!, sub = m[2] ?? m[4] ?? m[6]!;
    if (m.index > at) runs.push(new TextRun({ ...opts, text: text.slice(at, m.index) }));
    runs.push(new TextRun({ ...opts, text: base }), new TextRun({ ...opts, text: sub, subScript: true }));
    at = m.index + m[0].length;
  }
  if (at < text.length || runs.length === 0) runs.push(new TextRun({ ...opts, text: text.slice(at) }));
  return runs;
}

export const body = (text: string) => new Paragraph({ style: 'ztBody', children: textRuns(text) });
export const h1 = (text: string) => new Paragraph({ style: 'Heading1', children: textRuns(text) });
export const h2 = (text: string) => new Paragraph({ style: 'Heading2', children: textRuns(text) });
export const h3 = (text: string) => new Paragraph({ style: 'Heading3', children: textRuns(text) });
export const caption = (text: string) => new Paragraph({ style: 'ztCaption', children: textRuns(text) });
export const source = (text: string) => new Paragraph({ style: 'ztSource', children: textRuns(text) });

/** The text a placeholder paragraph starts with: searchable, and highlighted so it cannot be missed on print. */
export const PLACEHOLDER_MARK = '【待填写：';

/** The user's text for a human section when given, else a visibly marked placeholder describing what goes there. */
export function userOrPlaceholder(text: string | undefined, what: string): Paragraph[] {
  if (text && text.trim()) return text.trim().split(/\r?\n+/).map((p) => body(p.trim()));
  return [new Paragraph({ style: 'ztBody', children: [new TextRun({ text: `${PLACEHOLDER_MARK}${what}】`, highlight: 'yellow' })] })];
}

export type Align = (typeof AlignmentType)[keyof typeof AlignmentType];
export const RIGHT = AlignmentType.RIGHT, CENTER = AlignmentType.CENTER, LEFT = AlignmentType.LEFT;

function cell(text: string, opts: { header?: boolean; align?: Align; width?: number; rowSpan?: number; columnSpan?: number } = {}): TableCell {
  return new TableCell({
    rowSpan: opts.rowSpan,
    columnSpan: opts.columnSpan,
    width: opts.width ? { size: opts.width, type: WidthType.DXA } : undefined,
    shading: opts.header ? { type: ShadingType.CLEAR, fill: 'E7E6E6', color: 'auto' } : undefined,
    verticalAlign: 'center',
    children: text.split('\n').map((line) => new Paragraph({
      style: 'ztTableText',
      alignment: opts.header ? AlignmentType.CENTER : (opts.align ?? AlignmentType.LEFT),
      children: textRuns(line, { bold: opts.header, font: font(opts.header ? FONTS.h1 : FONTS.table), size: SIZES.table }),
    })),
  });
}

/** A cell; `rowSpan` merges it with the cells below, which the rows below then give as null. */
export type CellSpec = { text: string; align?: Align; rowSpan?: number; columnSpan?: number } | null;

/** The type block's width (156 mm) in twips, and what a cell spends on its left and right margins. */
const BLOCK = Math.round(156 * 56.6929), CELL_MARGIN = 57, CELL_MARGINS = 2 * CELL_MARGIN + 40;
/** Twips per textWidth unit of table text (a CJK character is two units of half the font size). */
const UNIT = SIZES.table * 10 / 2;
/** Text that must stay on one line: numbers, ranges, codes, dates and short words (≤ 4 characters). */
const unbreakable = (t: string) => textWidth(t) <= 8 || /^[\d\s.,:%/～~—+\-−（）()A-Za-z·]+$/.test(t);

/**
 * Column widths from the content, in twips: every column at least as wide as its longest text that must not
 * break (numbers, codes, short headers and words) so nothing wraps one character a line; the room left goes to
 * the columns whose text can wrap, in proportion to how much more they would take (weighted by the header's hint).
 */
/** `nowrap`: the column is as wide as its widest cell (row labels such as 是否位于合规园区 read on one line). */
export function columnWidths(headers: { text: string; width: number; nowrap?: boolean }[], rows: CellSpec[][]): number[] {
  const lines = (t: string) => t.split('\n');
  const min = headers.map((h) => Math.max(...lines(h.text).map((l) => (unbreakable(l) ? textWidth(l) : 8))));
  const want = headers.map((h) => Math.max(...lines(h.text).map(textWidth)));
  for (const r of rows) {
    r.forEach((c, i) => {
      if (!c || c.columnSpan || i >= headers.length) return;
      for (const l of lines(c.text)) {
        const w = textWidth(l);
        if (unbreakable(l)) min[i] = Math.max(min[i]!, w);
        want[i] = Math.max(want[i]!, w);
      }
    });
  }
  headers.forEach((h, i) => { if (h.nowrap) min[i] = want[i]!; });
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const need = () => min.map((m) => m * UNIT + CELL_MARGINS);
  // Crowded (under a third of the width left for wrapping text): a four-character header whose column holds
  // nothing wider than two characters takes two lines of two (计算 / 得分) — exactly two characters wide, never
  // three (which would leave one character a line).
  const fixed = new Set<number>();
  if (sum(need()) >= BLOCK * 2 / 3) {
    headers.forEach((h, i) => {
      const rest = Math.max(0, ...rows.map((r) => (r[i] && !r[i]!.columnSpan ? Math.max(...lines(r[i]!.text).map(textWidth)) : 0)));
      if (/^\p{Script=Han}{4}$/u.test(h.text) && rest <= 4 && min[i] === 8) {
        min[i] = 4;
        fixed.add(i);
      }
    });
  }
  const base = need();
  const total = sum(base);
  if (total >= BLOCK) return base.map((n) => Math.floor((n * BLOCK) / total));
  const grow = want.map((w, i) => (fixed.has(i) ? 0 : Math.max(0, w - min[i]!) * UNIT * (headers[i]!.width || 1)));
  const growSum = sum(grow);
  const room = BLOCK - total;
  return base.map((n, i) => Math.floor(n + (growSum > 0 ? (room * grow[i]!) / growSum : fixed.has(i) ? 0 : room / (base.length - fixed.size))));
}

/**
 * A run of Chinese characters too long for its column, broken into lines of equal length ("组织实施与/成果管理"
 * rather than four and one), so no line holds a lone character; other text is left to the renderer.
 */
function balanced(text: string, width: number): string {
  if (!/^\p{Script=Han}+$/u.test(text)) return text;
  const perLine = Math.floor((width - CELL_MARGINS) / (2 * UNIT));
  const chars = [...text];
  if (perLine < 1 || chars.length <= perLine) return text;
  const n = Math.ceil(chars.length / perLine), per = Math.ceil(chars.length / n);
  return Array.from({ length: n }, (_, k) => chars.slice(k * per, (k + 1) * per).join('')).filter(Boolean).join('\n');
}

/**
 * A table whose header row repeats on every page; rows never split across pages. Column widths come from the
 * content (columnWidths); the headers' `width` only weighs how wrapping text columns share the room left.
 */
export function table(headers: { text: string; width: number; nowrap?: boolean }[], rows: CellSpec[][]): Table {
  const widths = columnWidths(headers, rows);
  return new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    margins: { left: CELL_MARGIN, right: CELL_MARGIN },
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, height: { value: 500, rule: HeightRule.ATLEAST },
        children: headers.map((h, i) => cell(balanced(h.text, widths[i]!), { header: true, width: widths[i] })) }),
      ...(rows.length > 0 ? rows : [[{ text: '（无）', columnSpan: headers.length, align: CENTER }] as CellSpec[]]).map((r) => new TableRow({
        cantSplit: true,
        children: r.flatMap((c, i) => (c ? [cell(c.columnSpan ? c.text : balanced(c.text, widths[i]!), { align: c.align, width: c.columnSpan ? widths.slice(i, i + c.columnSpan).reduce((a, b) => a + b, 0) : widths[i], rowSpan: c.rowSpan, columnSpan: c.columnSpan })] : [])),
      })),
    ],
  });
}

/** Numbers tables and figures in document order ("表1 …", "图1 …"). */
export function numbering() {
  let tables = 0, figures = 0;
  return {
    table: (title: string) => caption(`表${++tables} ${title}`),
    figure: (title: string) => caption(`图${++figures} ${title}`),
  };
}

/**
 * A centred image paragraph; the exact body line height would clip it, so this paragraph sizes to the image.
 * `altText`: what the figure shows, in Chinese, for screen readers and for Word's 可选文字.
 */
export function imageParagraph(png: Buffer, widthPx: number, heightPx: number, altText: { title: string; description: string }, maxWidth = 590): Paragraph {
  const scale = Math.min(1, maxWidth / widthPx);
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { line: 240, lineRule: LineRuleType.AUTO },
    keepNext: true,
    children: [new ImageRun({ type: 'png', data: png, altText: { name: altText.title, ...altText }, transformation: { width: Math.round(widthPx * scale), height: Math.round(heightPx * scale) } })],
  });
}

export const CHINESE_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];

/** One merged cell per run of equal values: the first spans the run, the others are null. */
export function spanCell(values: string[], k: number): CellSpec {
  if (k > 0 && values[k - 1] === values[k]) return null;
  let span = 1;
  while (values[k + span] === values[k]) span++;
  return { text: values[k]!, rowSpan: span > 1 ? span : undefined };
}

/** An annex's first lines (GB/T 9704): "附件1" at the top left of a new page, the title centred below. */
export function annexHeading(k: number, title: string): Paragraph[] {
  return [
    new Paragraph({ style: 'ztAnnexLabel', pageBreakBefore: true, children: [new TextRun(`附件${k}`)] }),
    new Paragraph({ style: 'ztAnnexTitle', children: [new TextRun(title)] }),
  ];
}

/**
 * 附件说明 (GB/T 9704 7.3.6): one empty line after the body, then two characters in, "附件：1. 名称"; further
 * names aligned with the first name's first character; a single annex without a number; no end punctuation.
 */
export function annexNote(titles: string[]): Paragraph[] {
  const lead = '附件：';
  return [
    new Paragraph({ style: 'ztPlain', children: [] }),
    ...titles.map((t, k) => new Paragraph({
      style: 'ztPlain',
      indent: k === 0 ? { left: 2 * CHAR } : { left: (2 + lead.length) * CHAR },
      children: [new TextRun(`${k === 0 ? lead : ''}${titles.length > 1 ? `${k + 1}. ` : ''}${t}`)],
    })),
  ];
}

/** 成文日期 written as GB/T 9704 wants it: Arabic numerals, the year in full, no padding zeros ("2026年1月15日"). */
export function documentDateText(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/**
 * 落款 without a seal (GB/T 9704 7.3.5.2): one empty line, the issuing body two characters from the right, the date
 * on the next line starting two characters right of the body's first character (when the date is the longer, the
 * date keeps two characters from the right and the body moves with it). Missing parts print a marked placeholder.
 */
export function signature(issuer: string | null, isoDate: string | null): Paragraph[] {
  const body = issuer ?? `${PLACEHOLDER_MARK}发文机关】`;
  const date = isoDate ? documentDateText(isoDate) : `${PLACEHOLDER_MARK}成文日期】`;
  const wBody = textWidth(body) / 2, wDate = textWidth(date) / 2; // in body characters
  const [rBody, rDate] = wBody - wDate - 2 >= 0 ? [2, 2 + wBody - wDate - 2] : [2 + wDate + 2 - wBody, 2];
  const line = (text: string, right: number, missing: boolean) => new Paragraph({
    style: 'ztPlain', alignment: AlignmentType.RIGHT, indent: { right: Math.round(right * CHAR) }, keepNext: true,
    children: [new TextRun({ text, highlight: missing ? 'yellow' : undefined })],
  });
  return [new Paragraph({ style: 'ztPlain', keepNext: true, children: [] }), line(body, rBody, !issuer), line(date, rDate, !isoDate)];
}
