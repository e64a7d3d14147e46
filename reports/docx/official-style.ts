// The look bureau staff expect of a report (GB/T 9704-2012 党政机关公文格式, domain/reports.md):
// A4, margins 37/35/28/26 mm, title 方正小标宋简体 22 pt, body 仿宋_GB2312 16 pt with a 2-character first-line
// indent and fixed 28 pt lines, headings 黑体 / 楷体_GB2312, page numbers "— 1 —" in 宋体 14 pt, odd pages right,
// even pages left. Fonts are named by their Chinese names and set as East-Asian fonts, or Word falls back to a
// Latin font for Chinese text.
import {
  AlignmentType, DocumentGridType, Footer, LineRuleType, PageNumber, Paragraph, TextRun, type IStylesOptions, type ISectionPropertiesOptions,
} from 'docx';

const MM = 56.6929; // twips per millimetre
const PT = 20; // twips per point

/** The type block (156 × 225 mm) holds 22 lines of 28 characters: the line pitch and the body's exact line height. */
export const LINE = Math.floor((225 * MM) / 22); // 579 twips ≈ 28.95 pt
/** Character spacing of the 3号 body text (twips): 16 pt − 0.25 pt = 15.75 pt, 28 characters in 156 mm (441 pt). */
export const TIGHT = -5;
/** One body character (3号, 16 pt, with TIGHT) in twips: indents are whole characters. */
export const CHAR = 16 * PT + TIGHT;

export const FONTS = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  h1: '黑体',
  h2: '楷体_GB2312',
  table: '仿宋_GB2312',
  pageNumber: '宋体',
  latin: 'Times New Roman',
} as const;

export const SIZES = { title: 44, body: 32, table: 21, pageNumber: 28, caption: 24 } as const; // half-points

export const font = (eastAsia: string) => ({ ascii: FONTS.latin, hAnsi: FONTS.latin, eastAsia, cs: FONTS.latin });

export const PAGE: ISectionPropertiesOptions = {
  page: {
    size: { width: Math.round(210 * MM), height: Math.round(297 * MM) },
    margin: { top: Math.round(37 * MM), bottom: Math.round(35 * MM), left: Math.round(28 * MM), right: Math.round(26 * MM) },
  },
  // 22 lines a page. The 28 characters a line come from the body styles' character spacing (TIGHT): a character
  // grid (linesAndChars) would do it in Word, but LibreOffice spreads the text over the grid at ~18 a line.
  grid: { type: DocumentGridType.LINES, linePitch: LINE },
};

export const STYLES: IStylesOptions = {
  default: {
    document: {
      run: { font: font(FONTS.body), size: SIZES.body },
      paragraph: { spacing: { line: LINE, lineRule: LineRuleType.EXACT } },
    },
  },
  paragraphStyles: [
    {
      id: 'ztTitle', name: '公文标题', basedOn: 'Normal', next: 'ztBody',
      run: { font: font(FONTS.title), size: SIZES.title },
      paragraph: { alignment: AlignmentType.CENTER, spacing: { line: 36 * PT, lineRule: LineRuleType.EXACT, after: 28 * PT } },
    },
    {
      id: 'ztBody', name: '公文正文', basedOn: 'Normal',
      run: { characterSpacing: TIGHT, font: font(FONTS.body), size: SIZES.body },
      paragraph: { indent: { firstLine: 2 * CHAR }, alignment: AlignmentType.JUSTIFIED },
    },
    {
      id: 'Heading1', name: 'heading 1', basedOn: 'Normal', next: 'ztBody', quickFormat: true,
      run: { characterSpacing: TIGHT, font: font(FONTS.h1), size: SIZES.body, bold: false },
      paragraph: { indent: { firstLine: 2 * CHAR }, outlineLevel: 0, keepNext: true },
    },
    {
      id: 'Heading2', name: 'heading 2', basedOn: 'Normal', next: 'ztBody', quickFormat: true,
      run: { characterSpacing: TIGHT, font: font(FONTS.h2), size: SIZES.body, bold: false },
      paragraph: { indent: { firstLine: 2 * CHAR }, outlineLevel: 1, keepNext: true },
    },
    {
      id: 'Heading3', name: 'heading 3', basedOn: 'Normal', next: 'ztBody', quickFormat: true,
      run: { characterSpacing: TIGHT, font: font(FONTS.body), size: SIZES.body, bold: true },
      paragraph: { indent: { firstLine: 2 * CHAR }, outlineLevel: 2, keepNext: true },
    },
    {
      // GB/T 9704 附件标识: "附件1" in 黑体 3号 at the top left of the annex's first page, the title on the third line
      id: 'ztAnnexLabel', name: '附件标识', basedOn: 'Normal', next: 'ztAnnexTitle',
      run: { characterSpacing: TIGHT, font: font(FONTS.h1), size: SIZES.body },
      paragraph: { keepNext: true, spacing: { after: LINE } },
    },
    {
      id: 'ztAnnexTitle', name: '附件标题', basedOn: 'Normal', next: 'ztBody',
      run: { font: font(FONTS.title), size: SIZES.title },
      paragraph: { alignment: AlignmentType.CENTER, keepNext: true, spacing: { line: 36 * PT, lineRule: LineRuleType.EXACT, after: LINE } },
    },
    {
      // 附件说明 and 落款: body text without the first-line indent (placed by explicit indents)
      id: 'ztPlain', name: '公文附注', basedOn: 'Normal',
      run: { characterSpacing: TIGHT, font: font(FONTS.body), size: SIZES.body },
    },
    {
      id: 'ztCaption', name: '图表标题', basedOn: 'Normal', next: 'ztBody',
      run: { font: font(FONTS.h1), size: SIZES.caption },
      paragraph: { alignment: AlignmentType.CENTER, spacing: { line: 20 * PT, lineRule: LineRuleType.EXACT, before: 6 * PT, after: 6 * PT }, keepNext: true },
    },
    {
      id: 'ztSource', name: '数据来源', basedOn: 'Normal', next: 'ztBody',
      run: { font: font(FONTS.body), size: SIZES.table },
      paragraph: { spacing: { line: 16 * PT, lineRule: LineRuleType.EXACT, after: 12 * PT } },
    },
    {
      id: 'ztTableText', name: '表格文字', basedOn: 'Normal',
      run: { font: font(FONTS.table), size: SIZES.table },
      paragraph: { spacing: { line: 15 * PT, lineRule: LineRuleType.EXACT } },
    },
  ],
};

function pageNumberFooter(alignment: (typeof AlignmentType)[keyof typeof AlignmentType]): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment,
        spacing: { line: 16 * PT, lineRule: LineRuleType.EXACT },
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: font(FONTS.pageNumber), size: SIZES.pageNumber })],
      }),
    ],
  });
}

/** Odd pages right, even pages left (needs evenAndOddHeaderAndFooters on the document). */
export function pageNumberFooters() {
  return { default: pageNumberFooter(AlignmentType.RIGHT), even: pageNumberFooter(AlignmentType.LEFT) };
}
