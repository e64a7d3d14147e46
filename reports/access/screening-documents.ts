// The documents of a screening (准入研判): a Word 研判意见 in the look of the reports (official styles, numbered
// tables, page numbers, the manifest in the document properties) — project, units touched, the requirements by
// level and dimension with their verdicts and reasons, conclusion, basis — and an Excel detail sheet.
import { writeFile } from 'node:fs/promises';
import { Paragraph, TextRun, type Table } from 'docx';
import { packDocument } from '../docx/font-table.js';
import ExcelJS from 'exceljs';
import type { ScreeningResult, TouchedUnit } from '../../indicators/access/screen.js';
import { UNIT_TYPE_NAMES } from '../../indicators/access/screen.js';
import { planVersionsText } from '../../indicators/access/screenings.js';
import { industryLabel } from '../../analytics/reference/industries-gbt4754.js';
import { reportDocument } from '../docx/report-document.js';
import { CENTER, RIGHT, body, h1, imageParagraph, numbering, source, table, type CellSpec } from '../docx/parts.js';
import type { ReportMap } from '../report-data.js';
import { screeningMap } from '../charts/report-maps.js';
import { addTableSheet, manifestSheet } from '../xlsx/detail-sheets.js';

export interface ScreeningMeta {
  id: number;
  user: string;
  recordedAt: string;
  appVersion: string;
}

function manifest(r: ScreeningResult, m: ScreeningMeta): Record<string, string> {
  return {
    研判记录编号: String(m.id), 项目名称: r.project.name, 研判日期: r.project.date, 研判结论: r.conclusion,
    成果版本: planVersionsText(r), 操作人: m.user, 记录时间: m.recordedAt, 软件版本: `ZoneTrack ${m.appVersion}`,
  };
}

export function locationText(r: ScreeningResult): string {
  const g = r.project.location;
  if (g.type === 'Point') return `经度 ${g.coordinates[0]}，纬度 ${g.coordinates[1]}（点位）`;
  const n = g.type === 'Polygon' ? 1 : g.coordinates.length;
  return `${n} 个多边形范围（GeoJSON ${g.type}）`;
}

const amounts = (a: Record<string, number> | undefined) =>
  a && Object.keys(a).length ? Object.entries(a).map(([k, v]) => `${k} ${v} t/a`).join('，') : '未填写';

export function unitPlace(u: TouchedUnit): string {
  if (u.share !== null) return `${(u.share * 100).toFixed(1)}%`;
  return u.onBorder ? '位于单元边界' : '位于单元内';
}

function projectRows(r: ScreeningResult): [string, string][] {
  const p = r.project;
  return [
    ['项目名称', p.name],
    ...(p.approvalNo ? [['环评批复文号', p.approvalNo] as [string, string]] : []),
    ['研判日期', p.date],
    ['建设性质', p.kind],
    ['项目位置', locationText(r)],
    ['所属行业', p.industries.map(industryLabel).join('；')],
    ['是否位于合规园区', p.inPark === undefined ? '未说明' : p.inPark ? '是' : '否'],
    ['主要污染物排放量', amounts(p.emissions)],
    ['已落实削减替代量', amounts(p.offsets)],
    ...Object.entries(p.fields ?? {}).map(([k, v]): [string, string] => [k, String(v)]),
  ];
}

/** The requirement rows, the level and scope cells merged over the rows they share. */
function requirementCells(r: ScreeningResult): CellSpec[][] {
  const rows = r.requirements;
  return rows.map((q, i) => {
    const group = (k: (x: typeof q) => string) => {
      if (i > 0 && k(rows[i - 1]!) === k(q)) return null;
      let n = 1;
      while (i + n < rows.length && k(rows[i + n]!) === k(q)) n++;
      return n;
    };
    const levelSpan = group((x) => x.level);
    const scopeSpan = group((x) => `${x.level}|${x.scopeName}`);
    return [
      levelSpan === null ? null : { text: q.level, align: CENTER, rowSpan: levelSpan },
      scopeSpan === null ? null : { text: q.scopeName, rowSpan: scopeSpan },
      { text: q.dimension },
      { text: q.text + (q.condition ? `\n〔判定条件：${q.condition}〕` : '') },
      { text: q.verdict, align: CENTER },
      { text: q.reason },
    ];
  });
}

function basisText(r: ScreeningResult): string {
  const bases = [...new Set(r.requirements.map((q) => q.basis).filter((b): b is string => !!b))];
  return [
    `生态环境分区管控成果（${planVersionsText(r)}）及其市级、区（县）级和环境管控单元生态环境准入清单`,
    '《国民经济行业分类》（GB/T 4754-2017）',
    ...bases,
  ].map((b, i) => `（${i + 1}）${b}`).join('；') + '。';
}

/** `map`: the units in force on the screening date (the 一张图 geometry); without it, or without boundaries, no figure. */
export async function writeScreeningDocx(r: ScreeningResult, m: ScreeningMeta, path: string, map?: ReportMap): Promise<void> {
  const n = numbering();
  const fig = map ? screeningMap(map, r.units.map((u) => u.code), r.project.location, r.project.name) : null;
  const children: (Paragraph | Table)[] = [
    new Paragraph({ style: 'ztTitle', children: [new TextRun('建设项目生态环境准入研判意见')] }),
    body(`根据${r.districts.map((d) => d.name).join('、')}生态环境分区管控成果和生态环境准入清单，对“${r.project.name}”`
      + `按${r.project.date}有效的管控单元和准入要求进行研判，意见如下。`),
    h1('一、项目基本情况'),
    n.table('项目基本信息'),
    table([{ text: '项目', width: 25, nowrap: true }, { text: '内容', width: 75 }], projectRows(r).map(([k, v]) => [{ text: k }, { text: v }])),
    h1('二、涉及的环境管控单元'),
    body(`项目涉及 ${r.units.length} 个环境管控单元（${r.unitPlanVersions.join('、')}年版成果），分属${r.districts.map((d) => d.name).join('、')}。`),
    n.table('项目涉及的环境管控单元'),
    table(
      [{ text: '单元编码', width: 20, nowrap: true }, { text: '单元名称', width: 28 }, { text: '单元类别', width: 16 }, { text: '区县', width: 12 },
        { text: '成果版本', width: 10 }, { text: r.project.location.type === 'Point' ? '位置' : '面积占比', width: 14 }],
      r.units.map((u) => [{ text: u.code }, { text: u.name }, { text: UNIT_TYPE_NAMES[u.type] }, { text: u.districtName },
        { text: u.planVersion, align: CENTER }, { text: unitPlace(u), align: r.project.location.type === 'Point' ? CENTER : RIGHT }]),
    ),
    ...(fig ? [imageParagraph(fig.png, fig.width, fig.height, fig.alt, 560), n.figure(`项目与环境管控单元位置关系（红色为项目${r.project.location.type === 'Point' ? '位置' : '范围'}）`)] : []),
    h1('三、生态环境准入要求符合性'),
    body(`按市级、区（县）级、单元级三级准入清单和空间布局约束、污染物排放管控、环境风险防控、资源开发效率要求四个维度，`
      + `共 ${r.requirements.length} 项要求适用于本项目：符合 ${r.counts.符合} 项，不符合 ${r.counts.不符合} 项，需人工判断 ${r.counts.需人工判断} 项。`),
    n.table('生态环境准入要求逐项研判'),
    table(
      [{ text: '层级', width: 8 }, { text: '适用范围', width: 13 }, { text: '管控维度', width: 10 }, { text: '管控要求', width: 29 },
        { text: '研判', width: 10 }, { text: '理由', width: 30 }],
      requirementCells(r),
    ),
    source('注：“需人工判断”为没有可自动判定条件的文字要求，或判定所需的项目信息、空间要素、达标判定不全，须由审批人员对照项目材料核实。'),
    h1('四、研判结论'),
    body(`研判结论：${r.conclusion}。${r.conclusionText}`),
    h1('五、研判依据'),
    body(basisText(r)),
    body(`本意见由 ZoneTrack 根据工作空间中的准入清单生成（研判记录 ${m.id}，${m.user}，${m.recordedAt}）。`),
  ];
  const doc = reportDocument({ title: `${r.project.name}生态环境准入研判意见`, subject: '准入研判', manifest: manifest(r, m), author: m.user, children });
  await writeFile(path, await packDocument(doc));
}

export async function writeScreeningWorkbook(r: ScreeningResult, m: ScreeningMeta, path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ZoneTrack';
  addTableSheet(wb, '准入要求研判', `${r.project.name}生态环境准入要求逐项研判（结论：${r.conclusion}）`, [
    { header: '条目编号' }, { header: '层级' }, { header: '适用范围' }, { header: '管控维度' }, { header: '管控要求', width: 50 },
    { header: '判定条件', width: 30 }, { header: '研判' }, { header: '理由', width: 60 }, { header: '涉及单元', width: 30 },
    { header: '清单版本' }, { header: '依据', width: 30 },
  ], r.requirements.map((q) => [q.reqId, q.level, q.scopeName, q.dimension, q.text, q.condition ?? '（文字要求）', q.verdict, q.reason,
    q.units.join('、'), q.planVersion, q.basis ?? '']));
  addTableSheet(wb, '涉及管控单元', '项目涉及的环境管控单元', [
    { header: '单元编码' }, { header: '单元名称' }, { header: '单元类别' }, { header: '区县' }, { header: '成果版本' },
    { header: '面积占比', numeric: true, numFmt: '0.0%' }, { header: '位于边界' },
  ], r.units.map((u) => [u.code, u.name, UNIT_TYPE_NAMES[u.type], u.districtName, u.planVersion, u.share, u.onBorder ? '是' : '否']));
  addTableSheet(wb, '项目信息', '项目基本信息', [{ header: '项目', width: 20 }, { header: '内容', width: 80 }], projectRows(r));
  manifestSheet(wb, manifest(r, m));
  await wb.xlsx.writeFile(path);
}
