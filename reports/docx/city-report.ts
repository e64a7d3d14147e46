// The city summary report (全市汇总报告): all districts' scores and grades, rankings, the city's own values,
// the watch list, and self vs review scores; same official look as the district reports.
import { withUnit } from '../format.js';
import { AlignmentType, Document, Paragraph, TextRun, type Table } from 'docx';
import type { CityReportData } from '../city-report-data.js';
import { indicatorSentence } from '../narrative.js';
import { formatPoints, formatValue } from '../../indicators/value-format.js';
import { FONTS, SIZES, font } from './official-style.js';
import { CENTER, RIGHT, annexHeading, body, h1, h2, imageParagraph, numbering, source, table, userOrPlaceholder, type CellSpec } from './parts.js';
import { qualityRows, watchRows } from './annex-rows.js';
import { filingAnnex } from './filing-annex.js';
import { groupSummary } from './group-summary.js';
import { closing, dataSourceAnnex, reportDocument, snapshotWords, cycleNoticeParagraph } from './report-document.js';
import { cityFiveYearBlocks, fiveYearIndicatorBlocks, rankDistricts } from './five-year-sections.js';
import { vetoSentence } from '../../indicators/scoring/vetoes.js';
import { NO_DATA_GRADE } from '../../indicators/results.js';
import { cityGradeMap } from '../charts/report-maps.js';

/** Indicators whose full district ranking the report prints (the others are summarised in one table). */
const RANKED = ['C1', 'C2', 'C5'];

/** The annexes of the city report, in order. */
const ANNEXES = ['数据质量说明', '备案台账', '数据来源说明'];

/** 总体情况 on the vetoes: which districts, which veto, the evidence, and what it did to the grade and the rank. */
function vetoOverview(d: CityReportData): Paragraph[] {
  const fired = d.sheets.filter((s) => s.vetoes.length);
  if (fired.length === 0) return [body(`${d.year}年度各区县均未触发否决项。`)];
  return [
    body(`${fired.length}个区县触发否决项，等级按否决项封顶，排名列于更高等级的区县之后：${fired.map((s) => `${s.name}（${s.vetoes.map((v) => `${v.id} ${v.name}`).join('、')}，等级${s.grade}）`).join('；')}。`),
    ...fired.map((s) => body(`${s.name}：${vetoSentence(s, s.grades)}`)),
  ];
}

export function cityReportTitle(year: number, f?: { fromYear: number; toYear: number }): string {
  return f ? `全市${f.fromYear}—${f.toYear}年生态环境分区管控实施情况五年评估汇总报告` : `全市${year}年度生态环境分区管控跟踪评估汇总报告`;
}

/** One precision for every score the city report prints (折算总分 as the workbook shows it: 0.0). */
const score = (x: number | null) => formatValue(x, 1);

/**
 * The best and the worst district of an indicator, ties written as ties: every district sharing the best (worst)
 * value is named, and when all districts have one value the row says so instead of naming a best and a worst.
 */
export function bestAndWorst(rows: { name: string; value: number | null }[], decimals: number): { best: string; worst: string } {
  const valued = rows.filter((x) => x.value !== null);
  if (valued.length === 0) return { best: '—', worst: '—' };
  const shown = (v: number | null) => formatValue(v, decimals);
  const first = shown(valued[0]!.value), last = shown(valued.at(-1)!.value);
  if (valued.length > 1 && first === last) return { best: `各区县相同（${first}）`, worst: `各区县相同（${first}）` };
  const named = (v: string) => {
    const names = valued.filter((x) => shown(x.value) === v).map((x) => x.name);
    return `${names.length > 3 ? `${names.slice(0, 3).join('、')}等${names.length}个区县` : names.join('、')}（${v}）`;
  };
  return { best: named(first), worst: valued.length > 1 ? named(last) : '—' };
}

export function buildCityReport(d: CityReportData): Document {
  const y = d.year;
  const n = numbering();
  const f = d.fiveYear;
  const gradeCounts = d.grades.map((g) => ({ name: g.name, n: d.sheets.filter((s) => s.grade === g.name).length }));
  const batchNote = `数据来源：附件${ANNEXES.length}（数据来源说明）所列数据文件。`;
  const children: (Paragraph | Table)[] = [
    new Paragraph({ style: 'ztTitle', children: d.fiveYear
      ? [new TextRun(`全市${d.fiveYear.fromYear}—${d.fiveYear.toYear}年生态环境分区管控`), new TextRun({ break: 1, text: '实施情况五年评估汇总报告' })]
      : [new TextRun(`全市${y}年度生态环境分区管控`), new TextRun({ break: 1, text: '跟踪评估汇总报告' })] }),
  ];
  children.push(...cycleNoticeParagraph(d.cycleNotice));
  if (d.synthetic) {
    children.push(new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: '（本报告使用示例数据生成，数值不代表真实环境状况）', font: font(FONTS.h2), size: SIZES.body })] }));
  }
  children.push(
    h1('一、总体情况'),
    ...(f ? [body(`${f.fromYear}—${f.toYear}年全市${d.sheets.length}个区县开展生态环境分区管控实施情况五年评估，以${f.baselineYear}年为基准年；${f.toYear}年度跟踪评估并入本报告。`)] : []),
    body(`${y}年度全市${d.sheets.length}个区县开展生态环境分区管控跟踪评估自评。评分所依据的指标体系见附件${ANNEXES.length}（数据来源说明），${snapshotWords(d.manifest['快照状态'] ?? '草稿')}；${gradeCounts.map((g) => `${g.name}${g.n}个`).join('、')}。指标按${d.editions.gb3095}、${d.editions.hj633}评价。`),
    ...vetoOverview(d),
    ...d.cityValues.map((v) => body(indicatorSentence(v))),
    ...(f ? [
      h1('二、五年实施成效与目标完成情况'),
      h2('（一）全市五年指标变化'),
      ...fiveYearIndicatorBlocks(f, f.indicators, '全市', '全市', n),
      h2('（二）各区县五年目标完成情况'),
      ...cityFiveYearBlocks(f, rankDistricts(f, new Map(d.sheets.map((s) => [s.entity, s.name])), new Map(d.sheets.map((s) => [s.entity, s.total]))), n),
    ] : []),
    h1(`${f ? '三' : '二'}、区县评分与排名`),
    n.table(`${y}年度各区县自评得分与等级`),
    table(
      [{ text: '排名', width: 7 }, { text: '区县代码', width: 12 }, { text: '区县', width: 14 }, { text: '自评得分', width: 11 }, { text: '适用分值', width: 11 },
        { text: '折算总分', width: 11 }, { text: '等级', width: 10 }, { text: '否决项', width: 12 }, { text: '未达标指标数', width: 12 }],
      d.scoreRanking.map(({ rank, sheet: s }) => [
        { text: rank === null ? '—' : String(rank), align: CENTER }, { text: s.entity }, { text: s.name }, { text: score(s.earned), align: RIGHT },
        { text: score(s.applicableMax), align: RIGHT }, { text: score(s.total), align: RIGHT }, { text: s.grade, align: CENTER },
        { text: s.vetoes.length ? s.vetoes.map((v) => v.id).join('、') : '—', align: CENTER },
        { text: String(s.items.filter((i) => i.status === '未达标').length), align: RIGHT },
      ]),
    ),
    source(`${batchNote}排名先按等级（否决项封顶后），同一等级内按折算总分。`),
    ...gradeMapFigure(d, n),
    ...groupSummary(y, d.regionGroups, d.scoreRanking, n),
    h1(`${f ? '四' : '三'}、分指标完成情况`),
    n.table(`${y}年度各指标全市值与区县完成情况`),
    table(
      [{ text: '指标', width: 28 }, { text: '全市', width: 10 }, { text: '达标区县数', width: 11 }, { text: '未达标区县数', width: 11 },
        { text: '最好（值）', width: 20 }, { text: '最差（值）', width: 20 }],
      d.rankings.map((r) => {
        const { best, worst } = bestAndWorst(r.rows, r.decimals);
        return [
          { text: withUnit(`${r.indicator} ${r.name}`, r.unit) }, { text: formatValue(r.city, r.decimals), align: RIGHT },
          { text: String(r.rows.filter((x) => x.status === '达标').length), align: RIGHT },
          { text: String(r.rows.filter((x) => x.status === '未达标').length), align: RIGHT },
          { text: best }, { text: worst },
        ] as CellSpec[];
      }),
    ),
    source(batchNote),
    ...d.rankings.filter((r) => RANKED.includes(r.indicator)).flatMap((r) => [
      h2(`（${['一', '二', '三'][RANKED.indexOf(r.indicator)]}）${r.name}排名`),
      n.table(`${y}年各区县${r.name}排名`),
      table(
        [{ text: '排名', width: 9 }, { text: '区县代码', width: 14 }, { text: '区县', width: 17 }, { text: withUnit(r.name, r.unit), width: 20 },
          { text: withUnit('目标值', r.unit), width: 16 }, { text: '完成情况', width: 12 }, { text: '得分', width: 12 }],
        r.rows.map((x) => [
          { text: x.rank === null ? '—' : String(x.rank), align: CENTER }, { text: x.entity }, { text: x.name },
          { text: formatValue(x.value, r.decimals), align: RIGHT },
          // each district is judged against its own target: the column says why one value is 达标 and an equal one not
          { text: formatValue(d.sheets.find((sh) => sh.entity === x.entity)?.items.find((i) => i.indicator === r.indicator)?.target ?? null, r.decimals), align: RIGHT },
          { text: x.status, align: CENTER }, { text: formatPoints(x.points), align: RIGHT },
        ]),
      ),
      source(`数据来源：各区县计算结果；全市${formatValue(r.city, r.decimals)}${r.unit}。`),
    ]),
    h1(`${f ? '五' : '四'}、监管预警单元`),
    ...(d.watchFlags.length === 0 ? [body('本年度无预警单元。')] : [
      body(`全市共有${new Set(d.watchFlags.map((f) => f.unitCode)).size}个管控单元进入监管预警清单。`),
      n.table(`${y}年度全市监管预警单元`),
      table([{ text: '单元编码', width: 21 }, { text: '单元名称', width: 20 }, { text: '类型', width: 7 }, { text: '预警', width: 14 }, { text: '触发条件（值/阈值）', width: 38 }], watchRows(d.watchFlags)),
      source('数据来源：监管预警清单（按指标体系预警阈值判定）。'),
    ]),
    h1(`${f ? '六' : '五'}、自评与审核得分对比`),
    body(d.comparison.some((c) => c.review !== null) ? '各区县自评得分与审核得分对比如下。' : '各区县审核得分尚未录入，下表审核得分列标为“待审核”。'),
    n.table(`${y}年度各区县自评与审核得分对比`),
    table(
      [{ text: '区县代码', width: 16 }, { text: '区县', width: 24 }, { text: '自评折算总分', width: 20 }, { text: '审核得分', width: 20 }, { text: '差异', width: 20 }],
      d.comparison.map((c) => [
        { text: c.entity }, { text: c.name }, { text: score(c.self), align: RIGHT },
        { text: c.review === null ? '待审核' : score(c.review), align: RIGHT },
        { text: c.review === null ? '—' : score(c.review - c.self), align: RIGHT },
      ]),
    ),
    h1(`${f ? '七' : '六'}、存在问题与建议`),
    ...userOrPlaceholder(d.userText.problems, '全市存在的主要问题、原因分析和工作建议'),
    ...(d.userText.nextSteps ? userOrPlaceholder(d.userText.nextSteps, '下一步工作') : []),
    ...closing(ANNEXES, d.issuing),
    ...annexHeading(1, ANNEXES[0]!),
    n.table(`${y}年数据质量检查结果`),
    table([{ text: '数据集', width: 16 }, { text: '检查项', width: 30 }, { text: '数量', width: 10 }, { text: '总数', width: 12 }, { text: '级别', width: 8 }, { text: '说明', width: 24 }], qualityRows(d.quality.checks)),
    ...filingAnnex(2, d.filings, n),
    ...dataSourceAnnex(ANNEXES.length, d, d.catalogueTitle, n),
  );
  return reportDocument({ title: cityReportTitle(y, f), subject: '汇总报告', manifest: d.manifest, author: d.issuing.author, children });
}

/** The districts on the map coloured by grade (after vetoes), named; nothing when no unit has a boundary. */
function gradeMapFigure(d: CityReportData, n: ReturnType<typeof numbering>): Paragraph[] {
  const fig = cityGradeMap(d.map, d.grades.map((g) => g.name), new Map(d.sheets.map((s) => [s.entity, s.grade])), NO_DATA_GRADE);
  if (!fig) return [];
  return [imageParagraph(fig.png, fig.width, fig.height, fig.alt, 590), n.figure(`${d.year}年度各区县评估等级分布`)];
}
