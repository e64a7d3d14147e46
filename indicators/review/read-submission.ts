// A district's 评分表 sent back (the workbook reports/xlsx/scoring-workbook.ts writes, edited by the district):
// the rows of the 评分表 sheet, found by their header names so a moved column still reads.
import ExcelJS from 'exceljs';
import { UserError } from '../../analytics/errors.js';
import { loadGuardedWorkbook } from '../../analytics/import/xlsx-container.js';

/** A returned 评分表 is a few hundred rows: far less than this once decompressed. */
const MAX_SUBMISSION_BYTES = 64 * 1024 ** 2;

export interface SubmittedItem {
  /** Data row in the sheet (1 = first row under the header), for messages. */
  row: number;
  indicator: string;
  name: string;
  maxPoints: number | null;
  target: number | null;
  value: number | null;
  selfScore: number | null;
  /** 系统计算得分 as the district's workstation computed it (absent in a hand-made sheet). */
  computed: number | null;
  applicable: boolean;
  evidence: string | null;
}

export interface Submission {
  title: string;
  items: SubmittedItem[];
}

const HEADERS = {
  indicator: '二级指标', maxPoints: '分值', target: '目标值', value: '实际值', self: '自评得分',
  computed: '系统计算得分', applicable: '是否适用', evidence: '佐证材料编号',
} as const;

function cellNumber(v: ExcelJS.CellValue, where: string): number | null {
  const x = v !== null && typeof v === 'object' && 'result' in v ? (v.result as ExcelJS.CellValue) : v;
  if (x === null || x === undefined || x === '' || x === '—') return null;
  const n = typeof x === 'number' ? x : Number(String(x).trim());
  if (!Number.isFinite(n)) throw new UserError('SUBMISSION_INVALID', `${where}：“${String(x)}”不是数字`);
  return n;
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('');
  if (typeof v === 'object' && 'result' in v) return String(v.result ?? '');
  return String(v).trim();
}

export async function readSubmission(path: string, fileName: string): Promise<Submission> {
  let wb: ExcelJS.Workbook;
  try {
    wb = await loadGuardedWorkbook(path, MAX_SUBMISSION_BYTES);
  } catch (e) {
    throw new UserError('SUBMISSION_INVALID', `无法读取自评表“${fileName}”：${(e as Error).message}`);
  }
  const ws = wb.getWorksheet('评分表') ?? wb.worksheets[0];
  if (!ws) throw new UserError('SUBMISSION_INVALID', `自评表“${fileName}”中没有工作表`);
  let headerRow = 0;
  const col: Partial<Record<keyof typeof HEADERS, number>> = {};
  for (let r = 1; r <= Math.min(10, ws.rowCount) && !headerRow; r++) {
    ws.getRow(r).eachCell((c, n) => {
      for (const [k, h] of Object.entries(HEADERS)) if (cellText(c.value) === h) col[k as keyof typeof HEADERS] = n;
    });
    if (col.indicator && col.self) headerRow = r;
  }
  const missing = (['indicator', 'self'] as const).filter((k) => !col[k]).map((k) => HEADERS[k]);
  if (!headerRow) throw new UserError('SUBMISSION_INVALID', `自评表“${fileName}”的“${ws.name}”工作表中找不到表头列：${missing.join('、')}`);
  const title = cellText(ws.getCell(1, 1).value);
  const items: SubmittedItem[] = [];
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const label = cellText(row.getCell(col.indicator!).value);
    const m = /^([A-Z]\d+)\s*(.*)$/.exec(label);
    if (!m) continue; // totals, grade and notes below the items
    const where = `自评表“${fileName}”第${r - headerRow}行（${m[1]}）`;
    const get = (k: keyof typeof HEADERS) => (col[k] ? row.getCell(col[k]).value : null);
    items.push({
      row: r - headerRow, indicator: m[1]!, name: m[2]!, maxPoints: cellNumber(get('maxPoints'), `${where}的分值`),
      target: cellNumber(get('target'), `${where}的目标值`), value: cellNumber(get('value'), `${where}的实际值`),
      selfScore: cellNumber(get('self'), `${where}的自评得分`), computed: cellNumber(get('computed'), `${where}的系统计算得分`),
      applicable: cellText(get('applicable')) !== '否', evidence: cellText(get('evidence')) || null,
    });
  }
  if (items.length === 0) throw new UserError('SUBMISSION_INVALID', `自评表“${fileName}”中没有指标行（“二级指标”列应以指标编号开头，如“C1 PM2.5年均浓度”）`);
  const dup = items.find((it, k) => items.findIndex((x) => x.indicator === it.indicator) !== k);
  if (dup) throw new UserError('SUBMISSION_INVALID', `自评表“${fileName}”第${dup.row}行：指标 ${dup.indicator} 重复`);
  return { title, items };
}
