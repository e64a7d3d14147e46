// What the district and the city report share: the annex listing the data batches and the generation manifest,
// and the document shell (official styles, odd/even page numbers, the manifest in the document properties).
import { Document, type Paragraph, type Table } from 'docx';
import type { ReportBatch } from '../report-data.js';
import { PAGE, STYLES, pageNumberFooters } from './official-style.js';
import { CENTER, RIGHT, h1, table, type numbering } from './parts.js';
import { manifestRows } from './annex-rows.js';

export function manifestAnnex(heading: string, d: { batches: ReportBatch[]; manifest: Record<string, string> },
  n: ReturnType<typeof numbering>): (Paragraph | Table)[] {
  return [
    h1(heading),
    n.table('本报告使用的导入数据批次'),
    table(
      [{ text: '批次', width: 7 }, { text: '数据集', width: 16 }, { text: '文件', width: 35 }, { text: '行数', width: 10 }, { text: '导入日期', width: 13 }, { text: 'SHA-256（前16位）', width: 19 }],
      d.batches.map((b) => [{ text: String(b.id), align: RIGHT }, { text: b.datasetLabel }, { text: b.file }, { text: String(b.rows), align: RIGHT },
        { text: b.importedAt, align: CENTER }, { text: b.sha256.slice(0, 16) }]),
    ),
    n.table('生成信息'),
    table([{ text: '项目', width: 25 }, { text: '内容', width: 75 }], manifestRows(d.manifest)),
  ];
}

export function reportDocument(o: { title: string; subject: string; manifest: Record<string, string>; children: (Paragraph | Table)[] }): Document {
  return new Document({
    creator: 'ZoneTrack 生态环境分区管控跟踪评估工作站',
    title: o.title,
    subject: o.subject,
    description: JSON.stringify(o.manifest),
    customProperties: Object.entries(o.manifest).map(([name, value]) => ({ name, value })),
    styles: STYLES,
    evenAndOddHeaderAndFooters: true,
    sections: [{ properties: PAGE, footers: pageNumberFooters(), children: o.children }],
  });
}
