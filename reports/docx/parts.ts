// Building blocks of the official-looking reports: styled paragraphs, numbered captions, tables with a repeated
// header row and right-aligned numbers, sources under tables, marked placeholders for human-written sections.
import {
  AlignmentType, ImageRun, LineRuleType, Paragraph, Table, TableCell, TableRow, TextRun, WidthType, ShadingType, HeightRule,
} from 'docx';
import { CHAR, FONTS, SIZES, font } from './official-style.js';
import { textWidth } from '../text-width.js';

export const body = (text: string) => new Paragraph({ style: 'ztBody', children: [new TextRun(text)] });
export const h1 = (text: string) => new Paragraph({ style: 'Heading1', children: [new TextRun(text)] });
export const h2 = (text: string) => new Paragraph({ style: 'Heading2', children: [new TextRun(text)] });
export const h3 = (text: string) => new Paragraph({ style: 'Heading3', children: [new TextRun(text)] });
export const caption = (text: string) => new Paragraph({ style: 'ztCaption', children: [new TextRun(text)] });
export const source = (text: string) => new Paragraph({ style: 'ztSource', children: [new TextRun(text)] });

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
    width: opts.width ? { size: opts.width, type: WidthType.PERCENTAGE } : undefined,
    shading: opts.header ? { type: ShadingType.CLEAR, fill: 'E7E6E6', color: 'auto' } : undefined,
    verticalAlign: 'center',
    children: text.split('\n').map((line) => new Paragraph({
      style: 'ztTableText',
      alignment: opts.header ? AlignmentType.CENTER : (opts.align ?? AlignmentType.LEFT),
      children: [new TextRun({ text: line, bold: opts.header, font: font(opts.header ? FONTS.h1 : FONTS.table), size: SIZES.table })],
    })),
  });
}

/** A cell; `rowSpan` merges it with the cells below, which the rows below then give as null. */
export type CellSpec = { text: string; align?: Align; rowSpan?: number; columnSpan?: number } | null;

/** A table whose header row repeats on every page; rows never split across pages. */
export function table(headers: { text: string; width: number }[], rows: CellSpec[][]): Table {
  const widths = headers.map((h) => h.width);
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, height: { value: 500, rule: HeightRule.ATLEAST },
        children: headers.map((h) => cell(h.text, { header: true, width: h.width })) }),
      ...(rows.length > 0 ? rows : [[{ text: '（无）', columnSpan: headers.length, align: CENTER }] as CellSpec[]]).map((r) => new TableRow({
        cantSplit: true,
        children: r.flatMap((c, i) => (c ? [cell(c.text, { align: c.align, width: widths[i], rowSpan: c.rowSpan, columnSpan: c.columnSpan })] : [])),
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

/** A centred image paragraph; the exact body line height would clip it, so this paragraph sizes to the image. */
export function imageParagraph(png: Buffer, widthPx: number, heightPx: number, maxWidth = 590): Paragraph {
  const scale = Math.min(1, maxWidth / widthPx);
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { line: 240, lineRule: LineRuleType.AUTO },
    keepNext: true,
    children: [new ImageRun({ type: 'png', data: png, transformation: { width: Math.round(widthPx * scale), height: Math.round(heightPx * scale) } })],
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
