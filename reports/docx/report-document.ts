// What the district and the city report share: the 数据来源说明 annex (which files, in plain words), the closing
// elements (附件说明, 落款, 成文日期) and the document shell (official styles, odd/even page numbers, the generation
// manifest — hashes, versions, runs — in the document properties, never in the body).
import { Document, Paragraph, TextRun, type Table } from 'docx';
import type { Issuing, ReportBatch } from '../report-data.js';
import { PAGE, STYLES, pageNumberFooters } from './official-style.js';
import { CENTER, RIGHT, annexHeading, annexNote, body, signature, table, type numbering } from './parts.js';

/** The plain-words annex on where the numbers come from: the data files, their records and import dates. */
export function dataSourceAnnex(k: number, d: { batches: ReportBatch[]; editions: { gb3095: string; hj633: string } },
  catalogueName: string, n: ReturnType<typeof numbering>): (Paragraph | Table)[] {
  return [
    ...annexHeading(k, '数据来源说明'),
    body(`本报告的数值由生态环境分区管控跟踪评估工作站按${catalogueName}从下列${d.batches.length}份数据文件计算得到；空气质量按${d.editions.gb3095}、${d.editions.hj633}评价。每个数值都可以追溯到文件中的原始记录；文件校验值、计算记录等生成信息保存在本文件的文档属性中。`),
    n.table('本报告使用的数据文件'),
    table(
      [{ text: '序号', width: 8 }, { text: '数据', width: 22 }, { text: '文件', width: 44 }, { text: '记录数', width: 12 }, { text: '导入日期', width: 14 }],
      d.batches.map((b, i) => [{ text: String(i + 1), align: CENTER }, { text: b.datasetLabel }, { text: b.file }, { text: String(b.rows), align: RIGHT },
        { text: b.importedAt, align: CENTER }]),
    ),
  ];
}

/** Which snapshot a report comes from, in words for its first page (the run's number is in the document properties). */
export function snapshotWords(state: string): string {
  return state === '定稿' ? '评估数据为本年度已定稿的评估快照（定稿）' : '评估数据为尚未定稿的计算结果（草稿），定稿后数值可能变化';
}

/** The notice under the title of an annual report in a five-year evaluation year (bold, so no reader misses it). */
export function cycleNoticeParagraph(notice: string | null): Paragraph[] {
  return notice ? [new Paragraph({ style: 'ztBody', children: [new TextRun({ text: `提示：${notice}`, bold: true })] })] : [];
}

/** After the body: 附件说明 listing the annexes, then 落款 and 成文日期. */
export function closing(annexTitles: string[], issuing: Issuing): Paragraph[] {
  return [...annexNote(annexTitles), ...signature(issuing.issuer, issuing.documentDate)];
}

export function reportDocument(o: { title: string; subject: string; manifest: Record<string, string>; author: string; children: (Paragraph | Table)[] }): Document {
  return new Document({
    creator: o.author,
    lastModifiedBy: o.author,
    title: o.title,
    subject: o.subject,
    description: JSON.stringify(o.manifest),
    customProperties: Object.entries(o.manifest).map(([name, value]) => ({ name, value })),
    styles: STYLES,
    evenAndOddHeaderAndFooters: true,
    sections: [{ properties: PAGE, footers: pageNumberFooters(), children: o.children }],
  });
}
