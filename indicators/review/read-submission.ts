// A district's 评分表 sent back (the workbook reports/xlsx/scoring-workbook.ts writes, edited by the district):
// the rows of the 评分表 sheet, found by their header names so a moved column still reads.
import ExcelJS from 'exceljs';
import { UserError, type RowError } from '../../analytics/errors.js';
import { loadGuardedWorkbook } from '../../analytics/import/xlsx-container.js';

/** A returned 评分表 is a few hundred rows: far less than this once decompressed. */
const MAX_SUBMISSION_BYTES = 64 * 1024 ** 2;

export interface SubmittedItem {
  /** The row as Excel shows it (the sheet's row number), for messages. */
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
  /** Every cell that could not be read (row as Excel shows it), and duplicated indicators: all of them, not the first. */
  errors: RowError[];
}

const HEADERS = {
  indicator: '二级指标', maxPoints: '分值', target: '目标值', value: '实际值', self: '自评得分',
  computed: '系统计算得分', applicable: '是否适用', evidence: '佐证材料编号',
} as const;

/** A number, or null for an empty cell; an unreadable one is recorded in `errors` (and read as null). */
function cellNumber(v: ExcelJS.CellValue, where: { file: string; row: number; indicator: string; column: string }, errors: RowError[]): number | null {
  const x = v !== null && typeof v === 'object' && 'result' in v ? (v.result as ExcelJS.CellValue) : v;
  if (x === null || x === undefined || x === '' || x === '—') return null;
  const n = typeof x === 'number' ? x : Number(String(x).trim());
  if (!Number.isFinite(n)) {
    errors.push({ file: where.file, row: where.row, column: where.column, value: String(x),
      reason: `第${where.row}行（${where.indicator}）的${where.column}：“${String(x)}”不是数字` });
    return null;
  }
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
  const errors: RowError[] = [];
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const label = cellText(row.getCell(col.indicator!).value);
    const m = /^([A-Z]\d+)\s*(.*)$/.exec(label);
    if (!m) continue; // totals, grade and notes below the items
    const get = (k: keyof typeof HEADERS) => (col[k] ? row.getCell(col[k]).value : null);
    const num = (k: keyof typeof HEADERS) => cellNumber(get(k), { file: fileName, row: r, indicator: m[1]!, column: HEADERS[k] }, errors);
    items.push({
      row: r, indicator: m[1]!, name: m[2]!, maxPoints: num('maxPoints'), target: num('target'), value: num('value'),
      selfScore: num('self'), computed: num('computed'), applicable: cellText(get('applicable')) !== '否', evidence: cellText(get('evidence')) || null,
    });
  }
  if (items.length === 0) throw new UserError('SUBMISSION_INVALID', `自评表“${fileName}”中没有指标行（“二级指标”列应以指标编号开头，如“C1 PM2.5年均浓度”）`);
  for (const [k, it] of items.entries()) {
    const first = items.findIndex((x) => x.indicator === it.indicator);
    if (first !== k) {
      errors.push({ file: fileName, row: it.row, column: HEADERS.indicator, value: it.indicator,
        reason: `第${it.row}行（${it.indicator}）：指标 ${it.indicator} 与第${items[first]!.row}行重复` });
    }
  }
  return { title, items, errors };
}
