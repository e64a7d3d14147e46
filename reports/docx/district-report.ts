// The district self-assessment report (自评报告) as a .docx, outline of domain/reports.md §8.2, trimmed to what
// this build computes (air quality, C1–C3): sections that need human judgement carry a visible placeholder.
import {
  AlignmentType, Document, LineRuleType, Paragraph, Table, TableCell, TableRow, TextRun, WidthType, ShadingType, HeightRule,
} from 'docx';
import { ChartRun } from 'docx/charts';
import type { DistrictReportData } from '../report-data.js';
import { indicatorSentence, scopeWord } from '../narrative.js';
import { BELOW_DETECTION_RULE } from '../../indicators/measures/water-annual.js';
import { formatPoints, formatValue, roundHalfEven } from '../../indicators/value-format.js';
import { FONTS, PAGE, SIZES, STYLES, font, pageNumberFooters } from './official-style.js';

const body = (text: string) => new Paragraph({ style: 'ztBody', children: [new TextRun(text)] });
const h1 = (text: string) => new Paragraph({ style: 'Heading1', children: [new TextRun(text)] });
const h2 = (text: string) => new Paragraph({ style: 'Heading2', children: [new TextRun(text)] });
const caption = (text: string) => new Paragraph({ style: 'ztCaption', children: [new TextRun(text)] });
const source = (text: string) => new Paragraph({ style: 'ztSource', children: [new TextRun(text)] });

/** A paragraph the user must complete: highlighted so it cannot be missed on print preview. */
const placeholder = (text: string) =>
  new Paragraph({ style: 'ztBody', children: [new TextRun({ text: `【待填写】${text}`, highlight: 'yellow' })] });

type Align = (typeof AlignmentType)[keyof typeof AlignmentType];

function cell(text: string, opts: { header?: boolean; align?: Align; width?: number; rowSpan?: number } = {}): TableCell {
  return new TableCell({
    rowSpan: opts.rowSpan,
    width: opts.width ? { size: opts.width, type: WidthType.PERCENTAGE } : undefined,
    shading: opts.header ? { type: ShadingType.CLEAR, fill: 'E7E6E6', color: 'auto' } : undefined,
    verticalAlign: 'center',
    children: [new Paragraph({
      style: 'ztTableText',
      alignment: opts.header ? AlignmentType.CENTER : (opts.align ?? AlignmentType.LEFT),
      children: [new TextRun({ text, bold: opts.header, font: font(opts.header ? FONTS.h1 : FONTS.table), size: SIZES.table })],
    })],
  });
}

/** A cell; `rowSpan` merges it with the cells below, which the rows below then give as null. */
type CellSpec = { text: string; align?: Align; rowSpan?: number } | null;

function table(headers: { text: string; width: number }[], rows: CellSpec[][]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, height: { value: 500, rule: HeightRule.ATLEAST },
        children: headers.map((h) => cell(h.text, { header: true, width: h.width })) }),
      ...rows.map((r) => new TableRow({
        cantSplit: true,
        children: r.flatMap((c, i) => (c ? [cell(c.text, { align: c.align, width: headers[i]!.width, rowSpan: c.rowSpan })] : [])),
      })),
    ],
  });
}

const RIGHT = AlignmentType.RIGHT, CENTER = AlignmentType.CENTER;
const CHINESE_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** One 一级指标 cell per run of items of the same dimension: the first spans the run, the others are null. */
function dimensionCell(dimensions: string[], k: number): CellSpec {
  if (k > 0 && dimensions[k - 1] === dimensions[k]) return null;
  let span = 1;
  while (dimensions[k + span] === dimensions[k]) span++;
  return { text: dimensions[k]!, rowSpan: span > 1 ? span : undefined };
}

export function buildDistrictReport(d: DistrictReportData): Document {
  const s = d.sheet;
  const scope = scopeWord(s.entity, s.name);
  const sources = `数据来源：附件2所列 ${d.batches.length} 个导入批次（统计基数：空气为有效天数，地表水为断面数，其余为记录数）。`;
  const dimensions = [...new Set(s.items.map((i) => i.dimension))];
  const counters = { table: 0, figure: 0 };
  const nextTable = () => ++counters.table;
  const nextFigure = () => ++counters.figure;

  const children: (Paragraph | Table)[] = [
    new Paragraph({ style: 'ztTitle', children: [new TextRun(`${s.name}${s.year}年度生态环境分区管控`), new TextRun({ break: 1, text: '跟踪评估自评报告' })] }),
  ];
  if (d.synthetic) {
    children.push(new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: '（本报告使用示例数据生成，数值不代表真实环境状况）', font: font(FONTS.h2), size: SIZES.body })] }));
  }
  children.push(
    h1('一、基本情况'),
    body(`${scope}现行生态环境分区管控方案${d.units.planVersion ? `（${d.units.planVersion}年版成果）` : ''}共划定环境管控单元${d.units.priority + d.units.key + d.units.general}个，其中优先保护单元${d.units.priority}个、重点管控单元${d.units.key}个、一般管控单元${d.units.general}个。${scope}设有环境空气自动监测站点${d.stations.total}个，其中参与城市环境空气质量评价的城市点${d.stations.citySites}个。`),
    h1('二、组织实施与成果管理'),
    placeholder('责任机制、部门协同、人员与经费保障、成果动态更新与数据共享情况。'),
    h1('三、指标完成情况'),
    ...dimensions.flatMap((dim, k) => [
      h2(`（${CHINESE_NUMERALS[k]}）${dim}`),
      ...s.items.filter((i) => i.dimension === dim).map((i) => body(indicatorSentence(i))),
    ]),
    body(`空气质量指标按${d.editions.gb3095}、${d.editions.hj633}评价。区县值为辖区内城市点的算术平均：24小时平均浓度逐日平均，臭氧逐时平均后计算日最大8小时滑动平均；日均值须有不少于20个有效小时值，年均值须全年不少于324个、每月不少于27个（2月不少于25个）有效日均值。地表水${BELOW_DETECTION_RULE.text}。`),
    caption(`表${nextTable()} ${s.name}${s.year}年度指标自评结果`),
    table(
      [{ text: '指标', width: 22 }, { text: '单位', width: 14 }, { text: '实际值', width: 11 }, { text: '目标值', width: 11 },
        { text: '完成情况', width: 11 }, { text: '分值', width: 8 }, { text: '得分', width: 8 }, { text: '统计基数', width: 15 }],
      s.items.map((i) => [
        { text: `${i.indicator} ${i.name}` }, { text: i.unit, align: CENTER }, { text: formatValue(i.value, i.decimals), align: RIGHT },
        { text: formatValue(i.target, i.decimals), align: RIGHT }, { text: i.status, align: CENTER },
        { text: formatPoints(i.maxPoints), align: RIGHT }, { text: formatPoints(i.points), align: RIGHT },
        { text: formatValue(i.denominator, 0), align: RIGHT },
      ]),
    ),
    source(sources),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      // The body's exact 28 pt line height would clip an inline chart to one line: this paragraph sizes to it.
      spacing: { line: 240, lineRule: LineRuleType.AUTO },
      children: [new ChartRun({
        type: 'column',
        valueAxis: { title: '微克/立方米' },
        categories: Array.from({ length: 12 }, (_, k) => `${k + 1}月`),
        series: [{ name: 'PM2.5月均浓度', values: Array.from({ length: 12 }, (_, k) => {
          const m = d.monthly.find((x) => x.month === k + 1);
          return m?.pm25_mean === null || m?.pm25_mean === undefined ? null : roundHalfEven(m.pm25_mean, 0);
        }), color: '4472C4' }],
        legend: false,
        font: { name: '微软雅黑' },
        transformation: { width: 560, height: 300 },
        dataLabels: { value: true },
      })],
    }),
    caption(`图${nextFigure()} ${s.name}${s.year}年各月PM2.5平均浓度`),
    h1('四、问题与下一步工作'),
    placeholder('存在的主要问题（问题、涉及管控单元编码、原因、责任部门）及整改措施、完成时限。'),
    h1('附件1 自评评分表'),
    caption(`表${nextTable()} ${s.name}${s.year}年度跟踪评估自评评分表（部分指标）`),
    table(
      [{ text: '一级指标', width: 18 }, { text: '二级指标', width: 20 }, { text: '分值', width: 8 }, { text: '实际值', width: 10 },
        { text: '目标值', width: 10 }, { text: '得分', width: 8 }, { text: '扣分说明', width: 26 }],
      [
        ...s.items.map((i, k) => [
          dimensionCell(s.items.map((x) => x.dimension), k), { text: `${i.indicator} ${i.name}` }, { text: formatPoints(i.maxPoints), align: RIGHT },
          { text: formatValue(i.value, i.decimals), align: RIGHT }, { text: formatValue(i.target, i.decimals), align: RIGHT },
          { text: formatPoints(i.points), align: RIGHT }, { text: i.explanation },
        ]),
        [{ text: '合计' }, { text: '' }, { text: formatPoints(s.applicableMax), align: RIGHT }, { text: '' }, { text: '' },
          { text: formatPoints(s.earned), align: RIGHT }, { text: `折算总分${formatPoints(s.total)}分（满分100），等级：${s.grade}` }],
      ],
    ),
    source(`说明：本表仅含本版本已计算的指标（${s.items.map((i) => i.indicator).join('、')}），总分按适用指标分值折算为百分制；指标体系 ${s.catalogue.id} ${s.catalogue.version}。`),
    h1('附件2 数据清单'),
    caption(`表${nextTable()} 本报告使用的导入数据批次`),
    table(
      [{ text: '批次', width: 8 }, { text: '数据集', width: 16 }, { text: '文件', width: 38 }, { text: '行数', width: 12 }, { text: 'SHA-256（前16位）', width: 26 }],
      d.batches.map((b) => [{ text: String(b.id), align: RIGHT }, { text: b.datasetLabel }, { text: b.file }, { text: String(b.rows), align: RIGHT }, { text: b.sha256.slice(0, 16) }]),
    ),
  );

  return new Document({
    creator: 'ZoneTrack 生态环境分区管控跟踪评估工作站',
    title: `${s.name}${s.year}年度生态环境分区管控跟踪评估自评报告`,
    subject: '自评报告',
    description: JSON.stringify(d.manifest),
    customProperties: Object.entries(d.manifest).map(([name, value]) => ({ name, value })),
    styles: STYLES,
    evenAndOddHeaderAndFooters: true,
    sections: [{ properties: PAGE, footers: pageNumberFooters(), children }],
  });
}
