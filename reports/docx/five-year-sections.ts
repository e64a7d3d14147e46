// The five-year parts of the reports: for a district, the change of each indicator over the window (yearly
// series, change, Spearman trend, target completion) and of its units matched across plan versions; for the
// city, its own change and the districts ranked by target completion. Figures come from the stored evaluation,
// formatted by five-year-narrative.ts (the sentences use the same formatting).
import { withUnit } from '../format.js';
import type { Paragraph, Table } from 'docx';
import type { FiveYearIndicator, FiveYearReportData } from '../five-year-data.js';
import type { FiveYearItem } from '../../indicators/five-year/evaluation.js';
import { SIGNIFICANCE_NOTE, fiveYearSentence, fy, improving, worsening } from '../five-year-narrative.js';
import { UNIT_COLUMNS } from '../unit-rows.js';
import { formatPoints, formatValue } from '../../indicators/value-format.js';
import { CENTER, RIGHT, body, source, table, type CellSpec, type numbering } from './parts.js';

type Block = Paragraph | Table;
type Numbering = ReturnType<typeof numbering>;

export function fiveYearSource(f: FiveYearReportData): string {
  return `数据来源：五年评估（编号${f.evaluationId}），${f.baselineYear}—${f.toYear}年各年度计算批次${f.runIds.join('、')}；“—”表示该年无数据。`;
}

/** Yearly values (baseline first) of each indicator. */
export function seriesTable(f: FiveYearReportData, items: FiveYearIndicator[]): Table {
  return table(
    [{ text: '指标', width: 30 }, { text: '单位', width: 12 }, { text: `${f.baselineYear}年\n（基准）`, width: 10 },
      ...f.runIds.slice(1).map((_, k) => ({ text: `${f.fromYear + k}年`, width: 48 / 5 }))],
    items.map((i) => [
      { text: `${i.id} ${i.name}` }, { text: i.unit, align: CENTER }, { text: fy.value(i, i.baseline), align: RIGHT },
      ...i.values.map((v) => ({ text: fy.value(i, v.value), align: RIGHT })),
    ] as CellSpec[]),
  );
}

/** Change, trend and target completion of each indicator. */
export function changeTable(f: FiveYearReportData, items: FiveYearIndicator[]): Table {
  return table(
    [{ text: '指标', width: 27 }, { text: '变化量', width: 10 }, { text: '变化率（%）', width: 11 }, { text: '秩相关\n系数ρ', width: 10 },
      { text: '变化趋势', width: 19 }, { text: `${f.toYear}年目标值`, width: 12 }, { text: '目标完成', width: 11 }],
    items.map((i) => [
      { text: withUnit(`${i.id} ${i.name}`, i.unit) }, { text: fy.change(i), align: RIGHT }, { text: fy.changePct(i), align: RIGHT },
      { text: fy.rho(i), align: RIGHT }, { text: i.trend, align: CENTER }, { text: fy.target(i), align: RIGHT }, { text: fy.met(i), align: CENTER },
    ] as CellSpec[]),
  );
}

/** Indicators with at least one value in the window (the others have nothing to say). */
const withData = (items: FiveYearIndicator[]) => items.filter((i) => i.baseline !== null || i.values.some((v) => v.value !== null));

export function fiveYearIndicatorBlocks(f: FiveYearReportData, items: FiveYearIndicator[], scope: string, title: string, n: Numbering): Block[] {
  const shown = withData(items);
  const met = shown.filter((i) => i.targetMet === true).length;
  const judged = shown.filter((i) => i.targetMet !== null).length;
  return [
    body(`${f.fromYear}—${f.toYear}年五年评估以${f.baselineYear}年为基准年、${f.toYear}年为末年，逐年值取自各年度跟踪评估计算结果。${scope}${shown.length}项有数据的指标中，`
      + `可判断目标完成情况的${judged}项，完成${met}项、未完成${judged - met}项；逐年变化呈显著改善趋势的${shown.filter(improving).length}项，`
      + `呈显著变差趋势的${shown.filter(worsening).length}项。${SIGNIFICANCE_NOTE}。`),
    ...shown.map((i) => body(fiveYearSentence(i, scope, f))),
    n.table(`${title}${f.baselineYear}—${f.toYear}年指标逐年值`),
    seriesTable(f, shown),
    source(fiveYearSource(f)),
    n.table(`${title}${f.fromYear}—${f.toYear}年指标变化、趋势与目标完成情况`),
    changeTable(f, shown),
    source(`说明：变化量、变化率为${f.toYear}年值相对${f.baselineYear}年值；${SIGNIFICANCE_NOTE}。目标值为${f.toYear}年目标（目标责任书或指标体系）。`),
  ];
}

const MEASURES = ['air.pm25_annual_mean', 'air.good_day_ratio', 'water.good_ratio'];

/** The district's units over the window, matched across plan versions through the code crosswalk. */
export function fiveYearUnitBlocks(f: FiveYearReportData, unitNames: Map<string, string>, title: string, n: Numbering): Block[] {
  // A unit's old codes over all its measures: each measure names only the old units it found records under.
  const oldCodes = new Map<string, Set<string>>();
  for (const u of f.units) for (const c of u.sourceCodes) if (c !== u.entity) oldCodes.set(u.entity, (oldCodes.get(u.entity) ?? new Set()).add(c));
  const matched = [...oldCodes].map(([entity, codes]) => ({ entity, sourceCodes: [...codes].sort() }));
  const rows = f.units.filter((u) => MEASURES.includes(u.id) && (u.baseline !== null || u.final !== null))
    .sort((a, b) => a.entity.localeCompare(b.entity) || MEASURES.indexOf(a.id) - MEASURES.indexOf(b.id));
  const col = (u: FiveYearItem) => UNIT_COLUMNS.find((c) => c.measure === u.id)!;
  return [
    body(matched.length === 0
      ? `${f.fromYear}—${f.toYear}年间，本区县管控单元编码未发生合并或调整，逐年值按同一单元编码比较。`
      : `${f.fromYear}—${f.toYear}年间分区管控方案调整，${matched.length}个现行单元按新旧编码对照表与原单元逐年匹配：`
        + `${matched.map((u) => `${u.entity}（对应原单元${u.sourceCodes.join('、')}）`).join('；')}。合并单元的计数类测算按原单元相加，比例和均值类测算不合并计算。`),
    n.table(`${title}管控单元${f.baselineYear}—${f.toYear}年主要测算变化`),
    table(
      [{ text: '单元编码', width: 19 }, { text: '单元名称', width: 19 }, { text: '测算', width: 16 }, { text: `${f.baselineYear}年`, width: 9 },
        { text: `${f.toYear}年`, width: 9 }, { text: '变化量', width: 9 }, { text: '变化趋势', width: 19 }],
      rows.map((u) => [
        { text: u.entity }, { text: unitNames.get(u.entity) ?? u.entityName }, { text: `${col(u).label}（${col(u).unit}）` },
        { text: formatValue(u.baseline, col(u).decimals), align: RIGHT }, { text: formatValue(u.final, col(u).decimals), align: RIGHT },
        { text: u.changeAbs === null ? '—' : `${u.changeAbs > 0 ? '+' : ''}${formatValue(u.changeAbs, col(u).decimals)}`, align: RIGHT },
        { text: u.trend, align: CENTER },
      ] as CellSpec[]),
    ),
    source(`${fiveYearSource(f)}单元无站点、无断面或当年未划定时无值。`),
  ];
}

export interface DistrictFiveYearRank { rank: number; entity: string; name: string; judged: number; met: number; improving: number; worsening: number; total: number | null }

/** Districts by share of targets completed, then by indicators improving significantly (ties share a rank). */
export function rankDistricts(f: FiveYearReportData, names: Map<string, string>, totals: Map<string, number>): DistrictFiveYearRank[] {
  const rows = [...f.districts.entries()].map(([entity, items]) => ({
    entity, name: names.get(entity) ?? entity, judged: items.filter((i) => i.targetMet !== null).length,
    met: items.filter((i) => i.targetMet === true).length, improving: items.filter(improving).length,
    worsening: items.filter(worsening).length, total: totals.get(entity) ?? null,
  }));
  const rate = (r: { judged: number; met: number }) => (r.judged ? r.met / r.judged : 0);
  const better = (a: (typeof rows)[number], b: (typeof rows)[number]) => rate(a) - rate(b) || a.improving - b.improving;
  rows.sort((a, b) => better(b, a) || a.entity.localeCompare(b.entity));
  return rows.map((r) => ({ ...r, rank: 1 + rows.filter((x) => better(x, r) > 0).length }));
}

export function cityFiveYearBlocks(f: FiveYearReportData, ranks: DistrictFiveYearRank[], n: Numbering): Block[] {
  const pm = [...f.districts.values()].map((items) => items.find((i) => i.id === 'C1')).filter((i): i is FiveYearIndicator => !!i && i.changeAbs !== null)
    .sort((a, b) => a.changeAbs! - b.changeAbs! || a.entity.localeCompare(b.entity));
  return [
    n.table(`各区县${f.fromYear}—${f.toYear}年目标完成情况排名`),
    table(
      [{ text: '排名', width: 8 }, { text: '区县代码', width: 12 }, { text: '区县', width: 14 }, { text: '可判断指标数', width: 12 }, { text: '完成数', width: 10 },
        { text: '完成率（%）', width: 11 }, { text: '显著改善', width: 10 }, { text: '显著变差', width: 10 }, { text: `${f.toYear}年自评总分`, width: 13 }],
      ranks.map((r) => [
        { text: String(r.rank), align: CENTER }, { text: r.entity }, { text: r.name }, { text: String(r.judged), align: RIGHT }, { text: String(r.met), align: RIGHT },
        { text: r.judged ? formatValue((r.met / r.judged) * 100, 1) : '—', align: RIGHT }, { text: String(r.improving), align: RIGHT },
        { text: String(r.worsening), align: RIGHT }, { text: formatPoints(r.total), align: RIGHT },
      ] as CellSpec[]),
    ),
    source(`${fiveYearSource(f)}排名按目标完成率，其次按显著改善指标数。`),
    ...(pm.length === 0 ? [] : [
      body(`${f.fromYear}—${f.toYear}年，PM2.5年均浓度较基准年下降的区县${pm.filter((i) => i.changeAbs! < 0).length}个、上升的${pm.filter((i) => i.changeAbs! > 0).length}个；`
        + `降幅最大的是${pm[0]!.entityName}（${fy.change(pm[0]!)}${pm[0]!.unit}）。`),
      n.table(`各区县${f.fromYear}—${f.toYear}年PM2.5年均浓度变化`),
      table(
        [{ text: '区县', width: 16 }, { text: `${f.baselineYear}年`, width: 11 }, { text: `${f.toYear}年`, width: 11 }, { text: '变化量', width: 11 },
          { text: '变化率（%）', width: 11 }, { text: 'ρ', width: 9 }, { text: '变化趋势', width: 17 }, { text: '目标完成', width: 14 }],
        pm.map((i) => [
          { text: i.entityName }, { text: fy.value(i, i.baseline), align: RIGHT }, { text: fy.value(i, i.final), align: RIGHT }, { text: fy.change(i), align: RIGHT },
          { text: fy.changePct(i), align: RIGHT }, { text: fy.rho(i), align: RIGHT }, { text: i.trend, align: CENTER }, { text: fy.met(i), align: CENTER },
        ] as CellSpec[]),
      ),
      source(fiveYearSource(f)),
    ]),
  ];
}
