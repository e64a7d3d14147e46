// Zoning work records: EIA approvals with their zoning-conformity analysis, plan publication and filing (city
// plan 2020, its 2023 adjustment published 2024-03-19 per chongqing.md §4.2, district plans after them), work
// items no system records, targets of the responsibility letters, and the reporting entities (万盛经开区 …).
// Synthetic; deliberate findings: a non-conforming approval, a district version not filed.
import type { DistrictReference } from '../reference/chongqing-districts.js';
import { randomInt, seededRandom } from './random.js';
import { shortName, type SampleScale, type SampleStation, type SampleUnit } from './sample-reference.js';
import { addDays, dayOfYear, isPast, isoDate } from './sample-calendar.js';
import type { UnitCodeOfYear } from './sample-enforcement.js';

const pick = <T>(rand: () => number, xs: readonly T[]): T => xs[randomInt(rand, 0, xs.length - 1)]!;

/** Reporting entities that are not county-level divisions, with the district whose code their units carry. */
export const REPORTING_ENTITIES: [string, string, string][] = [
  ['WSJKQ', '万盛经开区', '綦江区'],
  ['SQJKQ', '双桥经开区', '大足区'],
  ['LJXQ', '两江新区', '渝北区'],
  ['CQGXQ', '重庆高新区', '沙坪坝区'],
];

const APPROVALS_PER_DISTRICT: Record<SampleScale, [number, number]> = { small: [3, 5], city: [8, 15], stress: [20, 30] };
const PROJECTS = ['年产5万吨精细化工扩建项目', '污水处理厂提标改造工程', '汽车零部件生产线技术改造项目', '城市生活垃圾焚烧发电项目',
  '页岩气集输管线工程', '白酒酿造技改项目', '锂电池正极材料项目', '港口码头改扩建工程', '水泥窑协同处置项目', '医药中间体项目'];

export function eiaRows(seed: number, scale: SampleScale, districts: DistrictReference[], units: SampleUnit[], years: number[],
  inYear: UnitCodeOfYear = (code) => code): (string | number | null)[][] {
  const rand = seededRandom(seed * 73 + 37);
  const [lo, hi] = APPROVALS_PER_DISTRICT[scale];
  const rows: (string | number | null)[][] = [];
  let first = true;
  for (const y of years) {
    for (const d of districts) {
      const own = units.filter((u) => u.districtCode === d.code);
      const n = randomInt(rand, lo, hi);
      for (let k = 1; k <= n; k++) {
        const date = dayOfYear(rand, y);
        if (!isPast(date)) continue;
        const analysed = rand() < 0.95;
        const conforms = !analysed ? null : first ? '不符合' : rand() < 0.12 ? '有条件符合' : '符合';
        first = false;
        rows.push([`渝（${shortName(d.name)}）环准〔${y}〕${k}号`, `${shortName(d.name)}${pick(rand, PROJECTS)}`, date, d.name,
          inYear(own[randomInt(rand, 0, own.length - 1)]!.code, y, k), rand() < 0.2 ? '报告书' : '报告表', analysed ? '是' : '否', conforms]);
      }
    }
  }
  return rows;
}

/** The city plan and its adjustment; each district's plan and adjustment; a dynamic update where years reach it. */
export function planFilingRows(seed: number, districts: DistrictReference[], years: number[]): (string | null)[][] {
  const rand = seededRandom(seed * 79 + 41);
  const rows: (string | null)[][] = [
    ['市级', '全市', '2020', '发布', '2020-12-31', '2021-01-20', null],
    ['市级', '全市', '2023', '定期调整', '2024-03-19', '2024-04-10', '落实国家生态环境分区管控成果更新要求'],
  ];
  districts.forEach((d, i) => {
    const published = addDays('2021-06-01', randomInt(rand, 0, 150));
    rows.push(['区县', d.name, '2021', '发布', published, addDays(published, randomInt(rand, 10, 40)), null]);
    const adjusted = addDays('2024-05-01', randomInt(rand, 0, 120));
    // The second district has not filed its adjusted plan: a finding for the quality summary.
    rows.push(['区县', d.name, '2024', '定期调整', adjusted, i === 1 ? null : addDays(adjusted, randomInt(rand, 10, 40)), '落实全市2023年调整成果']);
    const dynamic = isoDate(Math.max(...years), randomInt(rand, 3, 9), 15);
    if (i % 3 === 0 && years.length > 0 && isPast(dynamic)) {
      rows.push(['区县', d.name, `${dynamic.slice(0, 4)}-动态`, '动态更新', dynamic, null, '工业园区边界调整']);
    }
  });
  // nothing published or filed after today
  return rows.filter((r) => isPast(r[4]!)).map((r) => (isPast(r[5] ?? null) ? r : [...r.slice(0, 5), null, r[6]!]));
}

const WORK_ITEMS: [string, (rand: () => number) => [number, string | null]][] = [
  ['引用分区管控要求的政策文件', (r) => { const n = randomInt(r, 2, 6); return [n, Array.from({ length: n }, (_, i) => `《关于加强产业布局与生态环境分区管控衔接的通知（${i + 1}）》`).join('；')]; }],
  ['共享分区管控成果的部门', (r) => { const n = randomInt(r, 3, 9); return [n, ['发展改革委', '经济信息委', '规划自然资源局', '住房城乡建委', '农业农村委', '水利局', '林业局', '交通局', '商务委'].slice(0, n).join('、')]; }],
  ['应用平台查询次数', (r) => [randomInt(r, 40, 600), null]],
  ['准入清单纳入分区管控要求的园区', (r) => { const n = randomInt(r, 0, 3); return [n, n ? Array.from({ length: n }, (_, i) => `工业园区${i + 1}`).join('、') : null]; }],
];

/** The items above; then, from their own random stream (the items above stay as they were): supporting policies,
 *  the parks behind B4, the city's data-sharing partners, and in the last year a major incident in the third
 *  district (veto V1) and the approved red-line adjustment of the second (sample-ecology.ts). */
export function workItemRows(seed: number, districts: DistrictReference[], years: number[]): (string | number | null)[][] {
  const rand = seededRandom(seed * 83 + 43);
  const more = seededRandom(seed * 83 + 44);
  const last = Math.max(...years);
  return years.flatMap((y) => [
    ...districts.flatMap((d, i) => {
      const rows: (string | number | null)[][] = WORK_ITEMS.map(([item, make], k) => {
        const [count, titles] = make(rand);
        return [d.code, y, item, count, titles, `${y}年${d.name}${item}情况说明`, `附件${k + 1}-${item}.pdf`];
      });
      const withList = Number(rows[3]![3]);
      const policies = randomInt(more, 0, 2);
      rows.push([d.code, y, '配套政策文件', policies, policies ? Array.from({ length: policies }, (_, k) => `《${shortName(d.name)}生态环境分区管控实施细则（${k + 1}）》`).join('；') : null,
        `${y}年${d.name}配套政策文件情况说明`, policies ? '附件5-配套政策文件.pdf' : null]);
      rows.push([d.code, y, '产业园区', withList + randomInt(more, 0, 2), null, `${d.name}工业园区名录`, '附件6-园区名录.pdf']);
      if (y === last && i === 2) {
        rows.push([d.code, y, '重特大突发环境事件', 1, `${shortName(d.name)}化工企业储罐泄漏重大突发环境事件`, '事件调查报告', '附件7-事件调查报告.pdf']);
      }
      if (y === last && i === 1) {
        rows.push([d.code, y, '生态保护红线调整批准', 1, `关于同意${shortName(d.name)}生态保护红线局部调整的批复`, '自然资源部批复', '附件8-红线调整批复.pdf']);
      }
      return rows;
    }),
    ['全市', y, '共享分区管控成果的部门', 9, '发展改革委、经济信息委、规划自然资源局、住房城乡建委、农业农村委、水利局、林业局、交通局、商务委',
      `${y}年全市数据共享情况说明`, '附件2-数据共享.pdf'],
  ]);
}

/** Targets of the responsibility letters: PM2.5 (C1), good-day ratio (C2), heavy-pollution days (C3). */
export function targetRows(districts: DistrictReference[], stations: SampleStation[], years: number[]): (string | number)[][] {
  return years.flatMap((y) => districts.flatMap((d) => {
    const own = stations.filter((s) => s.districtCode === d.code);
    const base = own.length ? own.reduce((s, x) => s + x.pm25Base, 0) / own.length : 35;
    const pm25 = Math.round(base * (1 - 0.035 * (y - 2021)) * 10) / 10;
    return [[d.name, y, 'C1', pm25], [d.name, y, 'C2', d.subGroup === '中心城区' ? 88 : 90], [d.name, y, 'C3', 0]];
  }));
}
