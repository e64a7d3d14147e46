// 一区两群 in the city report: the districts' scores summarised by group (主城都市区 with its 中心城区 and 主城新区,
// 渝东北三峡库区城镇群, 渝东南武陵山区城镇群) and the other reporting entities, scored or stated as not scored.
import type { Paragraph, Table } from 'docx';
import type { RegionGroupsData } from '../region-group-data.js';
import type { ScoreSheet } from '../../indicators/results.js';
import { formatPoints } from '../../indicators/value-format.js';
import { CENTER, RIGHT, body, h2, table, type CellSpec } from './parts.js';

const ORDER = ['主城都市区', '中心城区', '主城新区', '渝东北三峡库区城镇群', '渝东南武陵山区城镇群'];

export function groupSummary(year: number, d: RegionGroupsData, ranked: { rank: number | null; sheet: ScoreSheet }[],
  n: { table: (title: string) => Paragraph }): (Paragraph | Table)[] {
  const byDistrict = new Map(d.groups.map((g) => [g.district, g]));
  const rows = ORDER.flatMap((group): CellSpec[][] => {
    const members = ranked.filter((r) => { const g = byDistrict.get(r.sheet.entity); return g?.regionGroup === group || g?.subGroup === group; });
    if (!members.length) return [];
    const scored = members.filter((r) => r.rank !== null);
    const mean = scored.length ? scored.reduce((t, r) => t + r.sheet.total, 0) / scored.length : null;
    const best = scored.length ? scored.reduce((a, b) => (b.sheet.total > a.sheet.total ? b : a)) : null;
    const grades = [...new Set(members.map((r) => r.sheet.grade))].map((g) => `${g}${members.filter((r) => r.sheet.grade === g).length}`).join('、');
    const sub = group === '中心城区' || group === '主城新区';
    return [[{ text: sub ? `  其中：${group}` : group }, { text: String(members.length), align: RIGHT }, { text: String(scored.length), align: RIGHT },
      { text: mean === null ? '无数据' : formatPoints(Math.round(mean * 100) / 100), align: RIGHT },
      { text: best ? `${best.sheet.name}（${formatPoints(best.sheet.total)}）` : '—' }, { text: grades, align: CENTER }]];
  });
  const unscored = d.entities.filter((e) => !e.scored);
  return [
    h2('一区两群各片区情况'),
    n.table(`${year}年度一区两群各片区评分汇总`),
    table([{ text: '片区', width: 24 }, { text: '区县数', width: 9 }, { text: '有评分', width: 9 }, { text: '平均折算总分', width: 14 }, { text: '最高（折算总分）', width: 24 }, { text: '等级分布', width: 20 }],
      rows.length ? rows : [[{ text: '无区县评分', columnSpan: 6, align: CENTER }]]),
    ...(d.entities.length ? [body(`其他报送主体：${[
      ...d.entities.filter((e) => e.scored).map((e) => `${e.name}（所在${e.hostName}）已单独评分`),
      ...(unscored.length ? [`${unscored.map((e) => `${e.name}（所在${e.hostName}）`).join('、')}本年度未单独评分`] : []),
    ].join('；')}。`)] : []),
  ];
}
