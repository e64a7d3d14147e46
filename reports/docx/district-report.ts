// The district self-assessment report (自评报告) as a .docx, outline of domain/reports.md §8.2: 基本情况,
// 组织实施, 成果管理, 成果应用, 环境质量与目标, 污染排放与监管, 问题清单, 整改与下一步, then the annexes. Every
// figure comes from the report data (the stored values) formatted by indicators/value-format.ts; sections
// that need human judgement print the user's text or a marked placeholder.
import { withUnit } from '../format.js';
import { textWidth } from '../text-width.js';
import { AlignmentType, Document, LineRuleType, Paragraph, TextRun, type Table } from 'docx';
import { ChartRun } from 'docx/charts';
import type { DistrictReportData } from '../report-data.js';
import { UNIT_COLUMNS } from '../unit-rows.js';
import { indicatorSentence, scopeWord } from '../narrative.js';
import { districtUnitMap } from '../charts/report-maps.js';
import { BELOW_DETECTION_RULE } from '../../indicators/measures/water-annual.js';
import { formatPoints, formatValue, roundHalfEven } from '../../indicators/value-format.js';
import { FONTS, SIZES, font } from './official-style.js';
import {
  CENTER, RIGHT, annexHeading, body, h1, h2, imageParagraph, numbering, source, spanCell, table, userOrPlaceholder,
  type CellSpec,
} from './parts.js';
import { evidenceRows, indicatorDataRows, problemRows, qualityRows, unitDetailRows, watchRows } from './annex-rows.js';
import { closing, dataSourceAnnex, reportDocument, snapshotWords, cycleNoticeParagraph } from './report-document.js';
import { vetoCap } from '../../indicators/scoring/vetoes.js';
import { countedSelfScore, submittedNote } from '../self-scores.js';
import { fiveYearIndicatorBlocks, fiveYearUnitBlocks } from './five-year-sections.js';

type Block = Paragraph | Table;

/** The annexes of a district report, in order (附件说明 lists them; each starts a page with its label). */
const ANNEXES = ['自评评分表', '指标数据表', '管控单元明细', '监管预警单元清单', '数据质量说明', '佐证材料清单', '数据来源说明'];

/** The title as two lines (the second starts the document's kind), and as one for the file properties. */
function titleLines(d: DistrictReportData): [string, string] {
  const f = d.fiveYear;
  const lines: [string, string] = f ? [`${d.sheet.name}${f.fromYear}—${f.toYear}年生态环境分区管控`, '实施情况五年评估自评报告']
    : [`${d.sheet.name}${d.sheet.year}年度生态环境分区管控`, '跟踪评估自评报告'];
  // a long name (彭水苗族土家族自治县) would push 分区管控 onto a line of its own: the name and the period on
  // the first line, the kind of report on the second
  if (textWidth(lines[0]) <= TITLE_LINE_WIDTH) return lines;
  return f ? [`${d.sheet.name}${f.fromYear}—${f.toYear}年`, '生态环境分区管控实施情况五年评估自评报告']
    : [`${d.sheet.name}${d.sheet.year}年度`, '生态环境分区管控跟踪评估自评报告'];
}

/** Width (in half-width units) a 22 pt title line holds across the 156 mm text block: 20 Chinese characters. */
const TITLE_LINE_WIDTH = 40;

export function reportTitle(d: DistrictReportData): string {
  return titleLines(d).join('');
}

function monthlyChart(d: DistrictReportData): Paragraph {
  return new Paragraph({
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
      // the body's table font, which the font table maps to 仿宋 / FangSong where it is not installed
      font: { name: FONTS.table },
      altText: { name: `${d.sheet.name}${d.sheet.year}年各月PM2.5平均浓度`, title: `${d.sheet.name}${d.sheet.year}年各月PM2.5平均浓度柱状图`,
        description: monthlyAltText(d) },
      transformation: { width: 560, height: 300 },
      dataLabels: { value: true },
    })],
    keepNext: true,
  });
}

/** What the monthly chart shows, in words (Word's 可选文字): each month's value or 无数据. */
function monthlyAltText(d: DistrictReportData): string {
  const months = Array.from({ length: 12 }, (_, k) => {
    const m = d.monthly.find((x) => x.month === k + 1);
    return `${k + 1}月${m?.pm25_mean === null || m?.pm25_mean === undefined ? '无数据' : roundHalfEven(m.pm25_mean, 0)}`;
  });
  return `${d.sheet.name}${d.sheet.year}年各月PM2.5平均浓度（微克/立方米）：${months.join('，')}。`;
}

const itemsOf = (d: DistrictReportData, prefix: string) => d.sheet.items.filter((i) => i.indicator.startsWith(prefix));
const sentences = (d: DistrictReportData, prefix: string) => itemsOf(d, prefix).map((i) => body(indicatorSentence(i)));
const workItem = (d: DistrictReportData, name: string) => d.workItems.find((w) => w.item === name);

/** Min–max of one stored unit measure over the units of a type that have it; null when none. */
function unitRange(d: DistrictReportData, unitType: number, measure: string): { n: number; min: number; max: number } | null {
  const vs = d.unitRows.filter((u) => u.unitType === unitType).map((u) => u.values[measure]).filter((v): v is number => v !== null && v !== undefined);
  return vs.length === 0 ? null : { n: vs.length, min: Math.min(...vs), max: Math.max(...vs) };
}

export function buildDistrictReport(d: DistrictReportData): Document {
  const s = d.sheet;
  const scope = scopeWord(s.entity, s.name);
  const n = numbering();
  const batchNote = `数据来源：附件${ANNEXES.length}（数据来源说明）所列数据文件。`;
  const totalUnits = d.units.priority + d.units.key + d.units.general;
  const children: Block[] = [
    new Paragraph({ style: 'ztTitle', children: [new TextRun(titleLines(d)[0]), new TextRun({ break: 1, text: titleLines(d)[1] })] }),
  ];
  children.push(...cycleNoticeParagraph(d.cycleNotice));
  if (d.synthetic) {
    children.push(new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: '（本报告使用示例数据生成，数值不代表真实环境状况）', font: font(FONTS.h2), size: SIZES.body })] }));
  }
  const f = d.fiveYear;
  if (f) {
    children.push(body(`按照生态环境分区管控实施情况五年评估工作要求，${s.name}对${f.fromYear}—${f.toYear}年生态环境分区管控实施情况开展自评。评估以${f.baselineYear}年为基准年，${f.toYear}年为末年；${f.toYear}年为五年评估年，本年度跟踪评估并入本报告，不再单独形成年度报告。`));
  }
  children.push(body(`${f ? '' : `按照生态环境分区管控跟踪评估工作要求，${s.name}对${s.year}年度生态环境分区管控实施情况开展自评。`}本报告指标按${d.editions.gb3095}、${d.editions.hj633}评价，评分所依据的指标体系见附件${ANNEXES.length}（数据来源说明），${snapshotWords(s.snapshot.state)}；${f ? `${s.year}年度` : ''}自评总分${formatPoints(s.total)}分（按适用指标折算为百分制），等级为“${s.grade}”${s.vetoes.length ? `（触发否决项${s.vetoes.map((v) => `${v.id}“${v.name}”`).join('、')}，等级最高为“${vetoCap(s, d.grades)}”${s.gradeBeforeVetoes !== s.grade ? `，由“${s.gradeBeforeVetoes}”降为“${s.grade}”` : ''}）` : ''}。`));

  // 一、基本情况
  const c = d.unitChanges;
  children.push(
    h1('一、基本情况'),
    body(`${scope}现行生态环境分区管控方案${d.units.planVersion ? `（${d.units.planVersion}年版成果）` : ''}共划定环境管控单元${totalUnits}个，其中优先保护单元${d.units.priority}个、重点管控单元${d.units.key}个、一般管控单元${d.units.general}个。${scope}设有环境空气自动监测站点${d.stations.total}个，其中参与城市环境空气质量评价的城市点${d.stations.citySites}个。`),
    n.table(`${s.name}环境管控单元构成（${d.units.planVersion ?? '—'}年版）`),
    table(
      [{ text: '单元类型', width: 40 }, { text: '单元数（个）', width: 30 }, { text: '面积（km²）', width: 30 }],
      [...d.unitTypes.map((t) => [{ text: t.typeName }, { text: String(t.count), align: RIGHT }, { text: formatValue(t.areaKm2, 2), align: RIGHT }] as CellSpec[]),
        [{ text: '合计' }, { text: String(totalUnits), align: RIGHT },
          { text: formatValue(d.unitTypes.some((t) => t.areaKm2 !== null) ? d.unitTypes.reduce((a, t) => a + (t.areaKm2 ?? 0), 0) : null, 2), align: RIGHT }]],
    ),
    source(`数据来源：环境管控单元清单（附件7）。面积为单元清单所列面积之和。`),
    body(c.added.length + c.removed.length === 0
      ? `与上年相比，${scope}环境管控单元无新增、调整或撤销${c.previousPlan ? `（上年执行${c.previousPlan}年版成果）` : ''}。`
      : `与上年${c.previousPlan ? `（${c.previousPlan}年版成果）` : ''}相比，${scope}新增管控单元${c.added.length}个、撤销（含合并调整）${c.removed.length}个${c.adjusted.length ? `，其中按新旧编码对照调整${c.adjusted.length}处` : ''}；明细见附件3。`),
  );

  // 二、组织实施
  children.push(h1('二、组织实施'), ...userOrPlaceholder(d.userText.organisation, '责任机制、部门协同、人员与经费保障情况'));

  // 三、成果管理
  const sharing = workItem(d, '共享分区管控成果的部门');
  const platform = workItem(d, '应用平台查询次数');
  const warnings = d.quality.checks.filter((q) => q.severity === '警告' && q.count > 0);
  children.push(
    h1('三、成果管理'),
    ...sentences(d, 'A'),
    body(sharing || platform
      ? `${scope}${sharing ? `与${formatValue(sharing.count, 0)}个部门共享分区管控成果（${sharing.titles ?? '部门名单见佐证材料'}）` : ''}${sharing && platform ? '，' : ''}${platform ? `分区管控应用平台全年提供查询${formatValue(platform.count, 0)}次` : ''}。`
      : `${scope}本年度未报送成果共享与平台应用数据。`),
    body(`本报告使用数据文件${d.batches.length}份；数据质量检查发现需关注的问题${warnings.length}类${d.quality.incompleteStationMonths.length ? `，${scope}有${d.quality.incompleteStationMonths.length}个站点月有效日数不足` : ''}，详见附件5。`),
    ...userOrPlaceholder(d.userText.management, '成果动态更新、数据共享与平台建设情况'),
  );

  // 四、成果应用
  const parks = workItem(d, '准入清单纳入分区管控要求的园区');
  const policies = workItem(d, '引用分区管控要求的政策文件');
  children.push(
    h1('四、成果应用'),
    h2('（一）环评准入'),
    body(`${s.year}年，${scope}审批建设项目环评${d.eia.approvals}个，其中开展分区管控符合性分析${d.eia.withAnalysis}个${d.eia.nonConforming > 0 ? `，结论为“不符合”仍获批${d.eia.nonConforming}个（${d.eia.nonConformingNos.join('、')}）` : '，未发现不符合准入要求获批的项目'}。`),
    ...sentences(d, 'B'),
    h2('（二）规划、政策与园区'),
    body(`${policies ? `${scope}出台引用分区管控要求的政策文件${formatValue(policies.count, 0)}件` : `${scope}本年度未报送引用分区管控要求的政策文件`}${parks ? `；${formatValue(parks.count, 0)}个园区的准入清单纳入分区管控要求${parks.titles ? `（${parks.titles}）` : ''}` : ''}。`),
    h2('（三）执法监管衔接与典型案例'),
    ...userOrPlaceholder(d.userText.cases, '排污许可、执法监管与分区管控衔接情况及典型案例'),
  );

  // 五、环境质量与目标
  const cItems = itemsOf(d, 'C');
  const dims = [...new Set(cItems.map((i) => i.dimension))];
  children.push(
    h1(f ? '五、五年实施成效与目标完成情况' : '五、环境质量与目标完成情况'),
    ...(f ? [h2('（一）五年指标变化'), ...fiveYearIndicatorBlocks(f, f.indicators, scope, s.name, n), h2(`（二）${s.year}年度指标完成情况`)] : [h2('（一）指标完成情况')]),
    ...dims.flatMap((dim) => cItems.filter((i) => i.dimension === dim).map((i) => body(indicatorSentence(i)))),
    body(`空气质量指标按${d.editions.gb3095}、${d.editions.hj633}评价。区县值为辖区内城市点的算术平均：24小时平均浓度逐日平均，臭氧逐时平均后计算日最大8小时滑动平均；日均值须有不少于20个有效小时值，年均值须全年不少于324个、每月不少于27个（2月不少于25个）有效日均值。地表水${BELOW_DETECTION_RULE.text}。`),
    n.table(`${s.name}${s.year}年度指标完成情况`),
    table(
      [{ text: '指标', width: 24 }, { text: '单位', width: 12 }, { text: '实际值', width: 11 }, { text: '目标值', width: 11 },
        { text: '完成情况', width: 11 }, { text: '分值', width: 8 }, { text: '得分', width: 8 }, { text: '统计基数', width: 15 }],
      s.items.map((i) => [
        { text: `${i.indicator} ${i.name}` }, { text: i.unit, align: CENTER }, { text: formatValue(i.value, i.decimals), align: RIGHT },
        { text: formatValue(i.target, i.decimals), align: RIGHT }, { text: i.status, align: CENTER },
        { text: formatPoints(i.maxPoints), align: RIGHT }, { text: formatPoints(i.points), align: RIGHT },
        { text: formatValue(i.denominator, 0), align: RIGHT },
      ]),
    ),
    source(batchNote),
    monthlyChart(d),
    n.figure(`${s.name}${s.year}年各月PM2.5平均浓度`),
    h2(f ? '（三）分类型管控单元' : '（二）分类型管控单元'),
    body(`${scope}各类管控单元中，有城市点位的单元按单元内点位评价空气质量，有断面的单元按单元内断面评价地表水；无站点、无断面的单元不以区县数值代替。`),
    n.table(`${s.name}分类型管控单元环境质量（单元值范围）`),
    table(
      [{ text: '单元类型', width: 18 }, { text: '单元数', width: 10 }, { text: '有空气站点单元数', width: 14 }, { text: 'PM2.5年均浓度（微克/立方米）', width: 20 },
        { text: '有断面单元数', width: 12 }, { text: '地表水优良比例（%）', width: 26 }],
      d.unitTypes.map((t) => {
        const pm = unitRange(d, t.unitType, 'air.pm25_annual_mean');
        const wq = unitRange(d, t.unitType, 'water.good_ratio');
        return [{ text: t.typeName }, { text: String(t.count), align: RIGHT }, { text: String(pm?.n ?? 0), align: RIGHT },
          { text: pm ? `${formatValue(pm.min, 0)}～${formatValue(pm.max, 0)}` : '—', align: CENTER },
          { text: String(wq?.n ?? 0), align: RIGHT }, { text: wq ? `${formatValue(wq.min, 1)}～${formatValue(wq.max, 1)}` : '—', align: CENTER }] as CellSpec[];
      }),
    ),
    source('数据来源：各单元测算值（附件3），范围为单元值的最小值～最大值。'),
    ...unitMapFigure(d, n),
    ...(f ? [h2('（四）管控单元五年变化'), ...fiveYearUnitBlocks(f, new Map(d.unitRows.map((u) => [u.unitCode, u.unitName])), s.name, n)] : []),
  );

  // 六、污染排放与监管
  children.push(
    h1('六、污染排放与监管'),
    ...sentences(d, 'D'),
    n.table(`${s.name}${s.year}年排污单位实际排放量`),
    table(
      [{ text: '污染物', width: 25 }, { text: `${s.year}年排放量（吨）`, width: 25 }, { text: `${s.year - 1}年排放量（吨）`, width: 25 }, { text: '变化（%）', width: 25 }],
      d.emissions.map((e) => [{ text: e.pollutant }, { text: formatValue(e.actualT, 3), align: RIGHT }, { text: formatValue(e.previousT, 3), align: RIGHT },
        { text: formatValue(e.changePct, 1), align: RIGHT }]),
    ),
    source('数据来源：排污单位年度排放量（执行报告），附件7。'),
  );

  // 七、问题清单
  const problems = problemRows(d);
  children.push(
    h1('七、问题清单'),
    body(problems.length ? `经自评，${scope}存在以下问题${problems.length}项（指标未达标及预警单元），原因和责任部门待核实填写。` : `经自评，${scope}本年度计算指标均已达标，且无预警单元。`),
    n.table(`${s.name}${s.year}年度问题清单`),
    table([{ text: '序号', width: 7 }, { text: '问题', width: 38 }, { text: '涉及单元编码', width: 19 }, { text: '原因', width: 18 }, { text: '责任部门', width: 18 }], problems),
    ...userOrPlaceholder(d.userText.problems, '问题原因分析及责任部门'),
  );

  // 八、整改与下一步
  children.push(h1('八、整改措施与下一步工作'), ...userOrPlaceholder(d.userText.nextSteps, '整改措施、完成时限和下一步工作安排'),
    ...closing(ANNEXES, d.issuing));

  // 附件
  children.push(
    ...annexHeading(1, ANNEXES[0]!),
    n.table(`${s.name}${s.year}年度跟踪评估自评评分表`),
    scoreSheetAnnex(d),
    source(`说明：总分按适用指标分值折算为百分制，不适用指标不计入。计算得分为工作站按指标体系计算的得分，自评得分为计入总分的得分（人工评分项按填报），审核得分由审核单位填写，差异为审核得分减自评得分。`),
    ...annexHeading(2, ANNEXES[1]!),
    n.table(`${s.name}${s.year}年度指标数据及来源`),
    table([{ text: '指标', width: 20 }, { text: '实际值', width: 10 }, { text: '分子', width: 10 }, { text: '分母', width: 10 },
      { text: '上年值', width: 10 }, { text: '数据来源（文件·导入日期）', width: 40 }], indicatorDataRows(d)),
    source('说明：分子、分母为计算基数（空气为天数，地表水为断面数，其余为记录数）；“—”表示无数据。'),
    ...annexHeading(3, ANNEXES[2]!),
    ...unitChangeParagraphs(d),
    n.table(`${s.name}环境管控单元明细`),
    table([{ text: '单元编码', width: 21 }, { text: '单元名称', width: 23 }, { text: '类型', width: 7 },
      ...UNIT_COLUMNS.slice(0, 5).map((u) => ({ text: withUnit(u.label, u.unit), width: 49 / 5 }))], unitDetailRows(d)),
    source('数据来源：各单元测算值；“无站点”“无断面”表示单元内无城市点位或断面，不以区县数值代替。'),
    ...annexHeading(4, ANNEXES[3]!),
    ...(d.watchFlags.length === 0 ? [body('本年度无预警单元。')] : [
      n.table(`${s.name}${s.year}年度监管预警单元`),
      table([{ text: '单元编码', width: 21 }, { text: '单元名称', width: 20 }, { text: '类型', width: 7 }, { text: '预警', width: 14 }, { text: '触发条件（值/阈值）', width: 38 }], watchRows(d.watchFlags)),
      source('数据来源：监管预警清单（按指标体系预警阈值判定）。'),
    ]),
    ...annexHeading(5, ANNEXES[4]!),
    n.table(`${s.year}年数据质量检查结果`),
    table([{ text: '数据集', width: 16 }, { text: '检查项', width: 30 }, { text: '数量', width: 10 }, { text: '总数', width: 12 }, { text: '级别', width: 8 }, { text: '说明', width: 24 }], qualityRows(d.quality.checks)),
    source(`说明：检查范围为${s.name}${s.year}年的数据（辖区内的站点、断面、水源地、排污单位、案件、问题和批复）；${scope}有效日数不足的站点月${d.quality.incompleteStationMonths.length}个。`),
    ...annexHeading(6, ANNEXES[5]!),
    n.table(`${s.name}${s.year}年度佐证材料清单`),
    table([{ text: '序号', width: 8 }, { text: '事项', width: 30 }, { text: '数量', width: 10 }, { text: '佐证材料', width: 52 }], evidenceRows(d)),
    ...userOrPlaceholder(undefined, '其他佐证材料（文件名称、文号、页码）'),
    ...dataSourceAnnex(7, d, d.catalogueTitle, n),
  );

  return reportDocument({ title: reportTitle(d), subject: '自评报告', manifest: d.manifest, author: d.issuing.author, children });
}

function unitChangeParagraphs(d: DistrictReportData): Paragraph[] {
  const c = d.unitChanges;
  if (c.added.length + c.removed.length === 0) return [];
  return [
    body(`新增单元：${c.added.join('、') || '无'}。`),
    body(`撤销单元：${c.removed.join('、') || '无'}。`),
    ...(c.adjusted.length ? [body(`编码对照：${c.adjusted.map((a) => `${a.from}→${a.to}（${a.relation}）`).join('；')}。`)] : []),
  ];
}

/** The district's units on the map by type, watch-list units outlined in red (with its caption); without unit
 *  boundaries in the workspace, a sentence saying so instead. */
function unitMapFigure(d: DistrictReportData, n: ReturnType<typeof numbering>): Paragraph[] {
  const fig = districtUnitMap(d.map, d.sheet.name, new Set(d.watchFlags.map((f) => f.unitCode)));
  if (!fig) return [body(`工作空间中没有${d.sheet.name}环境管控单元的边界数据，未绘制单元分布图。`)];
  const drawn = d.map.units.length;
  const missing = d.unitRows.length - drawn;
  return [
    imageParagraph(fig.png, fig.width, fig.height, fig.alt, 590),
    n.figure(`${d.sheet.name}环境管控单元分布（${drawn}个单元按类型着色，红框为预警单元${missing > 0 ? `；另有${missing}个单元无边界数据未绘出` : ''}）`),
  ];
}

/** 附件1: computed, self and review scores side by side (domain/reports.md §8.3), totals and the veto cap. */
function scoreSheetAnnex(d: DistrictReportData): Table {
  const s = d.sheet;
  const pts = (x: number | null) => (x === null ? '' : formatPoints(x));
  const applicable = s.items.filter((i) => i.status !== '不适用');
  const sum = (xs: (number | null)[]) => Math.round(xs.reduce<number>((a, x) => a + (x ?? 0), 0) * 100) / 100;
  // one source: the self-score the total counts, so 合计 × 100 / 分值 is the 折算总分 printed beside it
  const selfTotal = sum(applicable.map(countedSelfScore));
  const reviewTotal = s.review ? sum(applicable.map((i) => i.reviewScore ?? countedSelfScore(i))) : null;
  const vetoText = s.vetoes.length ? `；否决项${s.vetoes.map((v) => v.id).join('、')}触发，等级最高为${vetoCap(s, d.grades)}` : '';
  return table(
    [{ text: '一级指标', width: 11 }, { text: '二级指标', width: 19 }, { text: '分值', width: 6 }, { text: '实际值', width: 8 },
      { text: '目标值', width: 8 }, { text: '计算得分', width: 7 }, { text: '自评得分', width: 7 }, { text: '审核得分', width: 7 },
      { text: '差异', width: 6 }, { text: '扣分说明及佐证材料', width: 21 }],
    [
      ...s.items.map((i, k) => [
        spanCell(s.items.map((x) => x.dimension), k), { text: `${i.indicator} ${i.name}` }, { text: formatPoints(i.maxPoints), align: RIGHT },
        { text: formatValue(i.value, i.decimals), align: RIGHT }, { text: formatValue(i.target, i.decimals), align: RIGHT },
        { text: pts(i.computedPoints), align: RIGHT },
        { text: i.selfScore === null && i.status !== '不适用' ? '待填写' : pts(countedSelfScore(i)), align: RIGHT },
        { text: pts(i.reviewScore), align: RIGHT },
        { text: i.reviewScore === null || countedSelfScore(i) === null ? '' : formatPoints(Math.round((i.reviewScore - countedSelfScore(i)!) * 100) / 100), align: RIGHT },
        { text: [i.explanation, submittedNote(i), i.evidence && !i.explanation.includes(i.evidence) ? `佐证材料：${i.evidence}` : ''].filter(Boolean).join('；') },
      ] as CellSpec[]),
      [{ text: '合计' }, { text: '' }, { text: formatPoints(s.applicableMax), align: RIGHT }, { text: '' }, { text: '' },
        { text: formatPoints(sum(applicable.map((i) => i.computedPoints))), align: RIGHT }, { text: formatPoints(selfTotal), align: RIGHT },
        { text: reviewTotal === null ? '待审核' : formatPoints(reviewTotal), align: RIGHT },
        { text: reviewTotal === null ? '' : formatPoints(Math.round((reviewTotal - selfTotal) * 100) / 100), align: RIGHT },
        { text: `折算总分${formatPoints(s.total)}分（满分100），等级：${s.grade}${s.review ? `；审核折算总分${formatPoints(s.review.total)}分` : ''}${vetoText}` }],
    ],
  );
}
