// 数据填报模板: for a dataset the city asks districts for, an .xlsx a district fills and sends back, which the
// importer reads without any mapping. Built from the data dictionary (analytics/import/datasets.ts): the headers are
// the canonical Chinese labels the header matcher accepts, drop-down lists come from the same vocabularies the
// importer validates against (and from the workspace's codes of the district, passed in by the service), and the
// district's code and the year are prefilled in the rows, named above the header so that the importer skips rows
// that hold nothing else (analytics/import/layout-rows.ts).
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DATASETS, type ColumnSpec, type DatasetName, type DatasetSpec } from '../../analytics/import/datasets.js';
import { normaliseHeader } from '../../analytics/import/header-match.js';
import { PREFILLED_MARK } from '../../analytics/import/layout-rows.js';
import { columnLetter } from '../../analytics/import/excel-cells.js';
import { WORK_ITEM_NAMES } from '../../indicators/measures/work-item-names.js';
import { textWidth } from '../text-width.js';
import { writeAtomically } from '../write-reports.js';
import { CITY_HELD, TEMPLATE_DATASETS } from './template-datasets.js';

export interface CodeChoice {
  code: string;
  name: string;
}

/** What a template is for: the district, the year, and the district's codes in the workspace. */
export interface TemplateContext {
  year: number;
  district: { code: string; name: string };
  /** By canonical column: unit_code (the district's units in force in the year), permit_no, source_code. */
  codes: Partial<Record<'unit_code' | 'permit_no' | 'source_code', CodeChoice[]>>;
}

export interface TemplateFile {
  dataset: DatasetName;
  /** The file's name (inside the pack, or in the folder written to). */
  name: string;
  columns: number;
}

/** What the service hands back: one template, or the district's pack (`pack`: the .zip holding `files`). */
export interface TemplatesWritten {
  path: string;
  pack: boolean;
  files: TemplateFile[];
}

/** Rows of the form made ready (prefilled, validated); a district with more rows copies them down. */
export const TEMPLATE_ROWS = 1000;
const TITLE_ROW = 1;
const NOTES_ROW = 2;
const HEADER_ROW = 3;
const REQUIRED_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFCE4D6' } };
const OPTIONAL_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
const PREFILLED_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
const thin = { style: 'thin' as const };
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };
const hair = { style: 'thin' as const, color: { argb: 'FFBFBFBF' } };
const DATA_BORDER = { top: hair, left: hair, bottom: hair, right: hair };

/** Meanings the label alone does not say. Keyed by canonical column name (dataset.column where it differs). */
const MEANING: Record<string, string> = {
  'plan_filings.level': '方案层级：区县方案填“区县”',
  'plan_filings.entity_code': '发布方案的主体，填本区县代码',
  'plan_filings.version': '方案版本，如 2020、2023 或“2024年动态更新”',
  'plan_filings.kind': '发布（首次印发）、定期调整（五年调整）或动态更新',
  'plan_filings.published_on': '方案（或更新）的发布、印发日期',
  'plan_filings.filed_on': '报市生态环境局备案的日期；尚未备案留空',
  'plan_filings.reason': '调整或更新的原因',
  'work_items.entity_code': '填本区县代码',
  'work_items.item': '工作事项名称，从下拉列表选取（统计口径以列表名称为准）',
  'work_items.count': '该事项的数量（个、次、家）',
  'work_items.titles': '文件、部门或园区的名称清单，用顿号分隔',
  'work_items.evidence': '佐证材料的简要说明',
  'work_items.attachments': '随表报送的佐证材料文件名',
  'eia_approvals.approval_no': '环评批复文号',
  'eia_approvals.zoning_analysis': '环评文件是否开展了生态环境分区管控符合性分析',
  'eia_approvals.conforms': '项目与分区管控要求的符合性结论',
  'eia_approvals.category': '环评文件类型',
  'ecology_units.unit_code': '优先保护单元等涉及生态保护红线的管控单元编码',
  red_line_area_km2: '单元内生态保护红线面积',
  human_activity_patches: '遥感监测新增人类活动点位（图斑）个数',
  problems_found: '核实发现的问题个数',
  problems_rectified: '已完成整改的问题个数，不得多于发现问题数',
  contaminated_farmland_total_ha: '受污染耕地总面积',
  safe_use_ha: '受污染耕地中实现安全利用（含严格管控）的面积，不得大于受污染耕地面积',
  key_construction_plots: '纳入管理的重点建设用地地块个数',
  key_construction_plots_compliant: '其中实现安全利用的地块个数',
  'drinking_samples.compliant': '该月水质是否达标',
  actual_t: '执行报告填报的年实际排放量',
  permitted_t: '排污许可证载明的年许可排放量',
  report_submitted_on: '年度执行报告实际提交日期',
  report_due_on: '年度执行报告应提交日期',
  inspection_id: '检查记录编号（区县内唯一）',
  'inspections.result': '是否发现问题',
  'inspections.problem_type': '发现问题的类型或简述',
  case_no: '立案号（区县内唯一）',
  violation_type: '违法行为类型，可从列表选取或按实填写',
  five_category: '属于配套办法五类案件的，选择类型；否则留空',
  penalty_cny: '罚没款金额（元）',
  problem_id: '问题编号（区县内唯一）',
  'problems.source': '问题来源',
  due_on: '整改期限',
  rectified_on: '整改完成（销号）日期；未完成留空',
  'problems.status': '整改状态',
  lon: '经度（CGCS2000，度）',
  lat: '纬度（CGCS2000，度）',
};

/** Suggested values of free-text columns: the names the measures count (a warning, not a refusal, for others). */
const SUGGESTED: Record<string, readonly string[]> = {
  'work_items.item': Object.values(WORK_ITEM_NAMES).map((names) => names[0]),
};

/** The header the template writes: the column's label where the matcher takes it, else its first synonym. */
export function templateHeader(c: ColumnSpec): string {
  const label = normaliseHeader(c.label);
  return c.synonyms.some((s) => normaliseHeader(s) === label) ? c.label : c.synonyms[0]!;
}

/** The columns a template has: every column the dataset stores (names that resolve to codes are left to codes). */
export function templateColumns(dataset: DatasetSpec): ColumnSpec[] {
  return dataset.columns.filter((c) => !c.virtual);
}

/** The unit a number is given in, where its name says it (…_t, …_km2, …_ha, money): written in the units row. */
function unitOf(c: ColumnSpec): string | undefined {
  if (c.kind === 'money') return '元';
  if (/_t$/.test(c.name)) return 't/a';
  if (/_km2$/.test(c.name)) return 'km²';
  if (/_ha$/.test(c.name)) return '公顷';
  return undefined;
}

/** The length of a code whose form is fixed (“^ZH\d{6}[123]\d{4}$” → 13), else undefined. */
export function fixedLength(re: string): number | undefined {
  const body = re.replace(/^\^/, '').replace(/\$$/, '');
  let n = 0;
  for (let i = 0; i < body.length;) {
    let token: string;
    if (body[i] === '\\') token = body.slice(i, i + 2);
    else if (body[i] === '[') {
      const end = body.indexOf(']', i);
      if (end < 0) return undefined;
      token = body.slice(i, end + 1);
    } else if ('()|*+?.{'.includes(body[i]!)) return undefined;
    else token = body[i]!;
    i += token.length;
    const rep = /^\{(\d+)\}/.exec(body.slice(i));
    if (rep) i += rep[0].length;
    n += rep ? Number(rep[1]) : 1;
  }
  return n;
}

type Prefill = 'district' | 'year';

function prefillOf(c: ColumnSpec): Prefill | undefined {
  if (c.name === 'district_code' || c.kind === 'entity') return 'district';
  if (c.kind === 'year') return 'year';
  return undefined;
}

interface ColumnPlan {
  spec: ColumnSpec;
  header: string;
  letter: string;
  unit?: string;
  prefill?: Prefill;
  /** Drop-down values, and whether others are allowed (a warning only). */
  list?: { values: string[]; names?: string[]; open: boolean; source: string };
  validation?: ExcelJS.DataValidation;
  format: string;
  example: string;
  numFmt?: string;
}


const KIND_FORMAT: Partial<Record<ColumnSpec['kind'], string>> = {
  date: '日期，写作 2025-03-15（或 2025/3/15、2025年3月15日）',
  year: '四位年份，如 2025',
  int: '整数',
  number: '数字（不带单位）',
  money: '金额，单位元（数字，不带单位）',
  measured: '监测值（数字；低于检出限写作 ND 或 0.01L）',
  bool: '“是”或“否”',
  text: '文字',
  code: '编码（按文本填写，保留前导 0）',
  entity: '区县代码',
};

function planColumn(dataset: DatasetSpec, c: ColumnSpec, index: number, ctx: TemplateContext, dateIndex: number): ColumnPlan {
  const key = `${dataset.name}.${c.name}`;
  const plan: ColumnPlan = { spec: c, header: templateHeader(c), letter: columnLetter(index), format: KIND_FORMAT[c.kind] ?? '', example: '' };
  const unit = unitOf(c);
  if (unit) plan.unit = unit;
  const prefill = prefillOf(c);
  if (prefill) plan.prefill = prefill;
  const codes = (ctx.codes as Record<string, CodeChoice[] | undefined>)[c.name];
  const limits: string[] = [];
  if (c.range) limits.push(c.range.reason);
  else if (c.nonNegative) limits.push('不得为负数');
  if (c.notAbove) limits.push(`不得大于“${templateHeader(dataset.columns.find((x) => x.name === c.notAbove)!)}”`);
  if (c.notBefore) limits.push(`不得早于“${templateHeader(dataset.columns.find((x) => x.name === c.notBefore)!)}”`);
  if (c.kind === 'date' && !c.futureAllowed) limits.push('不得晚于填报当日');
  if (prefill === 'district') {
    plan.list = { values: [ctx.district.code], names: [ctx.district.name], open: false, source: '本区县' };
    plan.format = `本区县代码 ${ctx.district.code}（已预填）`;
    plan.example = ctx.district.code;
  } else if (prefill === 'year') {
    plan.format = `年份 ${ctx.year}（已预填）`;
    plan.example = String(ctx.year);
  } else if (codes && codes.length > 0) {
    plan.list = { values: codes.map((x) => x.code), names: codes.map((x) => x.name), open: false, source: '工作空间名录' };
    plan.format = `从下拉列表选取（本区县${c.name === 'unit_code' ? ` ${ctx.year} 年有效的管控单元` : '名录中的编码'}，共 ${codes.length} 个）`;
    plan.example = codes[0]!.code;
  } else if (c.kind === 'enum' && c.values) {
    const values = Object.keys(c.values);
    plan.list = { values, open: !!c.open, source: '取值表' };
    plan.format = `${c.open ? '可从下拉列表选取，或按实填写' : '从下拉列表选取'}：${values.join('、')}`;
    plan.example = values[0]!;
  } else if (c.kind === 'bool') {
    plan.list = { values: ['是', '否'], open: false, source: '取值表' };
    plan.example = '是';
  } else if (SUGGESTED[key]) {
    plan.list = { values: [...SUGGESTED[key]], open: true, source: '取值表' };
    plan.format = `从下拉列表选取：${SUGGESTED[key].join('、')}`;
    plan.example = SUGGESTED[key][0]!;
  }
  if (c.pattern && !plan.list) plan.format = c.pattern.reason.replace(/^.*?格式错误（(.*)）$/, '$1');
  if (!plan.example) plan.example = exampleOf(c, ctx, dateIndex);
  if (limits.length) plan.format = [plan.format, ...limits].filter((x) => x).join('；');
  if (c.kind === 'date') plan.numFmt = 'yyyy-mm-dd';
  else if (['code', 'text', 'enum', 'entity'].includes(c.kind)) plan.numFmt = '@';
  return plan;
}

function exampleOf(c: ColumnSpec, ctx: TemplateContext, dateIndex: number): string {
  const { year, district } = ctx;
  switch (c.kind) {
    case 'date': return `${year}-${String(3 + dateIndex).padStart(2, '0')}-15`;
    case 'int': return c.notAbove ? '2' : c.range?.min !== undefined && c.range.min > 0 ? String(c.range.min) : '3';
    case 'number': case 'measured':
      if (c.notAbove) return '8.5';
      // mid-range (coordinates: inside China); else a plain figure
      return c.range?.min !== undefined && c.range.max !== undefined ? String((c.range.min + c.range.max) / 2) : '10.5';
    case 'money': return '50000';
    case 'code':
      if (c.pattern) return c.name === 'permit_no' ? '91500000MA5U000000001P' : c.name === 'uscc' ? '91500000MA5U000000' : '';
      return `${district.code}-${year}-001`;
    default: return `（${c.label}）`;
  }
}

function validationOf(plan: ColumnPlan, listRange: string | undefined): ExcelJS.DataValidation | undefined {
  const c = plan.spec;
  const common = { allowBlank: true, showInputMessage: true, promptTitle: plan.header.slice(0, 32), prompt: plan.format.slice(0, 250), showErrorMessage: true, errorTitle: `${plan.header}填写有误`.slice(0, 32) };
  if (plan.list && listRange) {
    return {
      ...common, type: 'list', formulae: [listRange], errorStyle: plan.list.open ? 'warning' : 'stop',
      error: (plan.list.open ? '该值不在常用取值中；如确需填写，请点“是”。' : '请从下拉列表中选取。').slice(0, 225),
    };
  }
  const range = (min: number | undefined, max: number | undefined, type: 'whole' | 'decimal', reason: string): ExcelJS.DataValidation => (
    min !== undefined && max !== undefined ? { ...common, type, operator: 'between', formulae: [min, max], error: reason }
      : min !== undefined ? { ...common, type, operator: 'greaterThanOrEqual', formulae: [min], error: reason }
        : max !== undefined ? { ...common, type, operator: 'lessThanOrEqual', formulae: [max], error: reason }
          : { ...common, type, operator: 'between', formulae: [-1e15, 1e15], error: reason });
  switch (c.kind) {
    case 'date':
      return { ...common, type: 'date', operator: 'between', formulae: [new Date(Date.UTC(2000, 0, 1)), new Date(Date.UTC(2100, 11, 31))], error: '请填写日期，如 2025-03-15' };
    case 'year':
      return range(c.range?.min, c.range?.max, 'whole', c.range?.reason ?? '请填写四位年份');
    case 'int':
      return range(c.range?.min ?? (c.nonNegative ? 0 : undefined), c.range?.max, 'whole', c.range?.reason ?? (c.nonNegative ? '请填写不小于 0 的整数' : '请填写整数'));
    case 'number': case 'money': case 'measured':
      if (c.kind === 'measured') return undefined; // “ND” and “0.01L” are values too
      return range(c.range?.min ?? (c.nonNegative ? 0 : undefined), c.range?.max, 'decimal', c.range?.reason ?? (c.nonNegative ? '请填写不小于 0 的数字（不带单位）' : '请填写数字（不带单位）'));
    case 'code': {
      const n = c.pattern ? fixedLength(c.pattern.re) : undefined;
      return n ? { ...common, type: 'textLength', operator: 'equal', formulae: [n], error: c.pattern!.reason.slice(0, 225) } : undefined;
    }
    default:
      return undefined;
  }
}

type RangeValidations = { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } };

function sheetTitle(dataset: DatasetSpec): string {
  return dataset.label.replace(/[[\]:*?/\\]/g, '').slice(0, 31);
}

/** The template of one dataset for one district and year, as a workbook. */
export function templateWorkbook(name: DatasetName, ctx: TemplateContext): ExcelJS.Workbook {
  const dataset = DATASETS[name];
  if (!TEMPLATE_DATASETS.includes(name)) throw new Error(`数据集 ${name} 由市级掌握，没有区县填报模板`);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ZoneTrack';
  wb.title = `${ctx.district.name}${ctx.year}年${dataset.label}填报表`;
  wb.subject = `zonetrack-template ${dataset.name} ${ctx.district.code} ${ctx.year}`;
  const columns = templateColumns(dataset);
  let dates = 0;
  const plans = columns.map((c, i) => planColumn(dataset, c, i, ctx, c.kind === 'date' ? dates++ : 0));
  const hasUnits = plans.some((p) => p.unit);
  const firstDataRow = HEADER_ROW + (hasUnits ? 2 : 1);
  const lastDataRow = firstDataRow + TEMPLATE_ROWS - 1;

  const ws = wb.addWorksheet(sheetTitle(dataset), {
    views: [{ state: 'frozen', ySplit: firstDataRow - 1, xSplit: 0 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${HEADER_ROW}:${firstDataRow - 1}` },
  });
  const guide = wb.addWorksheet('填表说明');
  const lists = wb.addWorksheet('取值', { state: 'hidden' });

  ws.columns = plans.map((p) => ({ width: Math.min(40, Math.max(10, textWidth(p.header) + 4, textWidth(p.example) + 3)) }));
  const prefilled = plans.filter((p) => p.prefill).map((p) => p.header);
  ws.getCell(TITLE_ROW, 1).value = `${ctx.district.name}${ctx.year}年${dataset.label}填报表`;
  ws.getCell(TITLE_ROW, 1).font = { name: '黑体', size: 14, bold: true };
  ws.getCell(TITLE_ROW, 1).alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(TITLE_ROW).height = 28;
  ws.mergeCells(TITLE_ROW, 1, TITLE_ROW, plans.length);
  ws.getCell(NOTES_ROW, 1).value = [
    `填报单位：${ctx.district.name}（${ctx.district.code}）`, `年度：${ctx.year}`, `数据集：${dataset.name}`,
    '橙色表头为必填列', '说明见“填表说明”工作表',
    ...(prefilled.length ? [`${PREFILLED_MARK}${prefilled.join('、')}（只有预填内容的行不导入）`] : []),
  ].join('；');
  ws.getCell(NOTES_ROW, 1).font = { size: 10, color: { argb: 'FF595959' } };
  ws.getCell(NOTES_ROW, 1).alignment = { wrapText: true, vertical: 'middle' };
  ws.getRow(NOTES_ROW).height = 32;
  ws.mergeCells(NOTES_ROW, 1, NOTES_ROW, plans.length);

  const header = ws.getRow(HEADER_ROW);
  header.height = 30;
  plans.forEach((p, i) => {
    const cell = header.getCell(i + 1);
    cell.value = p.header;
    cell.font = { name: '黑体', size: 11, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = p.spec.required ? REQUIRED_FILL : OPTIONAL_FILL;
    cell.border = BORDER;
  });
  if (hasUnits) {
    const units = ws.getRow(HEADER_ROW + 1);
    plans.forEach((p, i) => {
      const cell = units.getCell(i + 1);
      if (p.unit) cell.value = p.unit;
      cell.font = { size: 10, color: { argb: 'FF595959' } };
      cell.alignment = { horizontal: 'center' };
      cell.border = BORDER;
    });
  }

  // The lists a drop-down offers, one column each on the hidden sheet 取值 (a list longer than 255 characters
  // cannot be written into the validation itself).
  let listColumn = 0;
  plans.forEach((p, i) => {
    let listRange: string | undefined;
    if (p.list) {
      const col = ++listColumn * 2 - 1;
      lists.getCell(1, col).value = p.header;
      if (p.list.names) lists.getCell(1, col + 1).value = '名称';
      p.list.values.forEach((v, k) => {
        lists.getCell(k + 2, col).value = v;
        if (p.list!.names?.[k]) lists.getCell(k + 2, col + 1).value = p.list!.names[k];
      });
      const letter = columnLetter(col - 1);
      listRange = `'取值'!$${letter}$2:$${letter}$${p.list.values.length + 1}`;
    }
    const validation = validationOf(p, listRange);
    const range = `${p.letter}${firstDataRow}:${p.letter}${lastDataRow}`;
    // a range at once (exceljs writes it as one sqref; its typings know only the per-cell form)
    if (validation) (ws as unknown as RangeValidations).dataValidations.add(range, validation);
    const column = ws.getColumn(i + 1);
    if (p.numFmt) column.numFmt = p.numFmt;
  });
  for (let r = firstDataRow; r <= lastDataRow; r++) {
    const row = ws.getRow(r);
    plans.forEach((p, i) => {
      const cell = row.getCell(i + 1);
      cell.border = DATA_BORDER;
      if (!p.prefill) return;
      cell.value = p.prefill === 'district' ? ctx.district.code : ctx.year;
      cell.fill = PREFILLED_FILL;
    });
  }

  writeGuide(guide, dataset, plans, ctx, { firstDataRow, sheet: ws.name, prefilled });
  return wb;
}

function writeGuide(ws: ExcelJS.Worksheet, dataset: DatasetSpec, plans: ColumnPlan[], ctx: TemplateContext,
  at: { firstDataRow: number; sheet: string; prefilled: string[] }): void {
  const widths = [6, 22, 44, 8, 52, 26];
  ws.columns = widths.map((width) => ({ width }));
  const title = ws.addRow([`${dataset.label}填表说明`]);
  title.getCell(1).font = { name: '黑体', size: 14, bold: true };
  ws.mergeCells(title.number, 1, title.number, 6);
  const notes = [
    `填报单位：${ctx.district.name}（${ctx.district.code}）；年度：${ctx.year}；数据集：${dataset.label}（${dataset.name}）。`,
    `请在“${at.sheet}”工作表第 ${at.firstDataRow} 行起逐行填写，每行一条记录；不要修改标题、表头${plans.some((p) => p.unit) ? '和单位行' : ''}，不要插入合并单元格。`,
    ...(at.prefilled.length ? [`${at.prefilled.join('、')}已预填，无需修改；只有预填内容、其余为空的行不会导入。超过 ${TEMPLATE_ROWS} 行时请将预填单元格向下复制。`] : []),
    '橙色表头的列为必填；日期按日期格式填写；数字不带单位（单位见表头下一行）；编码按文本填写。',
    '导入时发现的问题会按“第 N 行 X 列（列名）”指出，请按提示修改后重新报送。',
    `本次不需填报的数据（由市级掌握）：${CITY_HELD.map((g) => `${g.datasets.map((d) => DATASETS[d].label).join('、')}——${g.reason}`).join('；')}。`,
  ];
  for (const n of notes) {
    const r = ws.addRow([n]);
    ws.mergeCells(r.number, 1, r.number, 6);
    r.getCell(1).alignment = { wrapText: true, vertical: 'top' };
    r.height = Math.max(18, Math.ceil(textWidth(n) / 150) * 15);
  }
  ws.addRow([]);
  const head = ws.addRow(['列', '列名', '含义', '必填', '格式与取值', '示例']);
  head.eachCell((c) => {
    c.font = { name: '黑体', bold: true };
    c.fill = OPTIONAL_FILL;
    c.border = BORDER;
    c.alignment = { horizontal: 'center', vertical: 'middle' };
  });
  for (const p of plans) {
    const meaning = MEANING[`${dataset.name}.${p.spec.name}`] ?? MEANING[p.spec.name] ?? p.spec.label;
    const r = ws.addRow([p.letter, p.header + (p.unit ? `（${p.unit}）` : ''), meaning, p.spec.required ? '是' : '否', p.format, p.example]);
    r.eachCell({ includeEmpty: true }, (c) => {
      c.border = BORDER;
      c.alignment = { wrapText: true, vertical: 'top' };
    });
    r.getCell(6).numFmt = '@';
    const cells = [p.letter, p.header, meaning, '', p.format, p.example];
    r.height = Math.max(18, ...cells.map((t, k) => Math.ceil((textWidth(t) + 2) / widths[k]!) * 15));
    if (p.spec.required) r.getCell(4).font = { bold: true, color: { argb: 'FFC00000' } };
  }
  ws.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
}

/** The template's file name: 2025年渝中区环评审批填报模板.xlsx. */
export function templateFileName(name: DatasetName, ctx: TemplateContext): string {
  return `${ctx.year}年${ctx.district.name}${DATASETS[name].label}填报模板.xlsx`;
}

/** Writes one dataset's template into `outDir`. */
export async function writeTemplate(name: DatasetName, ctx: TemplateContext, outDir: string): Promise<TemplatesWritten> {
  const wb = templateWorkbook(name, ctx);
  await mkdir(outDir, { recursive: true });
  const file = templateFileName(name, ctx);
  const path = join(outDir, file);
  await writeAtomically(path, (tmp) => wb.xlsx.writeFile(tmp));
  return { path, pack: false, files: [{ dataset: name, name: file, columns: templateColumns(DATASETS[name]).length }] };
}

/** The district's pack: every template in one .zip, written into `outDir`. */
export async function writeTemplatePack(ctx: TemplateContext, outDir: string): Promise<TemplatesWritten> {
  const zip = new JSZip();
  const files: TemplateFile[] = [];
  for (const name of TEMPLATE_DATASETS) {
    const file = templateFileName(name, ctx);
    zip.file(file, Buffer.from(await templateWorkbook(name, ctx).xlsx.writeBuffer()));
    files.push({ dataset: name, name: file, columns: templateColumns(DATASETS[name]).length });
  }
  await mkdir(outDir, { recursive: true });
  const path = join(outDir, `${ctx.year}年${ctx.district.name}数据填报模板.zip`);
  const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  await writeAtomically(path, (tmp) => writeFile(tmp, bytes));
  return { path, pack: true, files };
}
