// Enforcement records: inspections of permit holders, the cases some of them lead to (penalties in 万元, as
// enforcement statistics sheets write them), and problems handed down for rectification. Synthetic; a few
// deliberate findings for the quality summary (a case open for over a year, overdue problems).
import type { DistrictReference } from '../reference/chongqing-districts.js';
import { randomInt, seededRandom } from './random.js';
import { shortName, type SampleUnit } from './sample-reference.js';
import type { SamplePermitHolder } from './sample-permits.js';
import { addDays, chineseDate, dayOfYear, isPast, slashDate, today } from './sample-calendar.js';
import { excelDate } from './sample-files.js';

const pick = <T>(rand: () => number, xs: readonly T[]): T => xs[randomInt(rand, 0, xs.length - 1)]!;

const INSPECTION_TYPES = ['双随机', '双随机一公开', '专项检查', '信访投诉', '自动监控预警', '督察交办', '非现场检查'] as const;
const PROBLEMS: [string, string][] = [
  ['废气超标排放', '超标排放'],
  ['污染防治设施未正常运行', '不正常运行污染防治设施'],
  ['危险废物贮存不规范', '危废违规'],
  ['未按规定提交执行报告', '执行报告不报'],
  ['自动监测数据异常', '自动监测数据弄虚作假'],
  ['环境管理台账记录不全', '其他'],
];

export interface SampleInspection {
  id: string;
  date: string;
  holder: SamplePermitHolder;
  type: string;
  problem: [string, string] | null;
}

export function sampleInspections(seed: number, holders: SamplePermitHolder[], years: number[]): SampleInspection[] {
  const rand = seededRandom(seed * 61 + 23);
  const out: SampleInspection[] = [];
  const seq = new Map<string, number>();
  for (const y of years) {
    for (const h of holders) {
      const n = randomInt(rand, h.industry.cls === '重点管理' ? 1 : 0, h.industry.cls === '重点管理' ? 3 : 1);
      for (let k = 0; k < n; k++) {
        const date = dayOfYear(rand, y);
        if (!isPast(date)) continue;
        const key = `${h.districtCode}${y}`;
        seq.set(key, (seq.get(key) ?? 0) + 1);
        out.push({
          id: `JC${h.districtCode}${y}${String(seq.get(key)).padStart(4, '0')}`, date, holder: h,
          type: pick(rand, INSPECTION_TYPES), problem: rand() < 0.25 ? pick(rand, PROBLEMS) : null,
        });
      }
    }
  }
  return out.sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
}

/** A record's unit code as written in its year (sample-reference.ts unitCodeOfYear); identity by default. */
export type UnitCodeOfYear = (code: string, year: number, place: string | number) => string;
const sameCode: UnitCodeOfYear = (code) => code;
const yearOf = (date: string) => Number(date.slice(0, 4));

/** Dates written two ways, as registers kept over years do; the unit code in force on the inspection's date. */
export function inspectionRows(inspections: SampleInspection[], inYear: UnitCodeOfYear = sameCode): (string | number | null)[][] {
  return inspections.map((x, i) => [
    x.id, i % 3 === 0 ? chineseDate(x.date) : slashDate(x.date), x.type, x.holder.permitNo, x.holder.name, x.holder.uscc,
    x.holder.districtName, inYear(x.holder.unitCode, yearOf(x.date), x.holder.permitNo), x.problem ? '发现问题' : '未发现问题', x.problem?.[0] ?? null,
  ]);
}

/** Cases from half the inspections that found a problem; penalties in 万元; some 五类案件. */
export function caseRows(seed: number, inspections: SampleInspection[], inYear: UnitCodeOfYear = sameCode): (string | number | Date | null)[][] {
  const rand = seededRandom(seed * 67 + 29);
  const rows: (string | number | Date | null)[][] = [];
  const seq = new Map<string, number>();
  const withProblem = inspections.filter((x) => x.problem && x.problem[1] !== '其他');
  withProblem.forEach((x, i) => {
    if (i % 2 === 1) return;
    const filed = addDays(x.date, randomInt(rand, 3, 20));
    if (!isPast(filed)) return;
    const year = filed.slice(0, 4);
    const key = `${x.holder.districtCode}${year}`;
    seq.set(key, (seq.get(key) ?? 0) + 1);
    const decided = addDays(filed, randomInt(rand, 20, 60));
    // The first case stays open: a finding for the quality summary once it is a year old.
    const closed = i === 0 ? null : addDays(decided, randomInt(rand, 15, 90));
    const five = rand() < 0.08 ? pick(rand, ['查封、扣押', '限产、停产', '按日连续处罚']) : null;
    const penalty = Math.round((x.problem![1] === '危废违规' ? 5 + rand() * 40 : 1 + rand() * 25) * 100) / 100;
    rows.push([
      `${shortName(x.holder.districtName)}环立〔${year}〕${seq.get(key)}号`, excelDate(filed), x.holder.permitNo, x.holder.districtCode,
      inYear(x.holder.unitCode, Number(year), x.holder.permitNo), x.problem![1], five, isPast(decided) ? penalty : null,
      isPast(decided) ? excelDate(decided) : null, closed && isPast(closed) ? excelDate(closed) : null,
    ]);
  });
  return rows;
}

const PROBLEM_SOURCES = ['中央生态环境保护督察', '市级督察', '绿盾', '信访', '执法', '自查'] as const;
const PROBLEM_TEXTS = ['饮用水水源保护区内违规建筑未拆除', '工业园区污水管网混错接', '生态保护红线内违规采石', '河道岸线违规堆放建筑垃圾', '禁养区畜禽养殖场未关停'];

export function problemRows(seed: number, districts: DistrictReference[], units: SampleUnit[], years: number[],
  inYear: UnitCodeOfYear = sameCode): (string | number | null)[][] {
  const rand = seededRandom(seed * 71 + 31);
  const rows: (string | number | null)[][] = [];
  for (const y of years) {
    for (const d of districts) {
      const own = units.filter((u) => u.districtCode === d.code);
      const n = randomInt(rand, 2, 4);
      for (let k = 1; k <= n; k++) {
        const found = dayOfYear(rand, y, 1, 10);
        if (!isPast(found)) continue;
        const due = addDays(found, randomInt(rand, 90, 360));
        const done = rand() < 0.75 ? addDays(found, randomInt(rand, 30, 330)) : null;
        const rectified = done && isPast(done) ? done : null;
        const status = rectified ? '已完成' : due < today() ? '逾期' : '整改中';
        rows.push([`WT${d.code}${y}${String(k).padStart(3, '0')}`, pick(rand, PROBLEM_SOURCES), pick(rand, PROBLEM_TEXTS),
          d.name, inYear(own[randomInt(rand, 0, own.length - 1)]!.code, y, k), found, due, rectified, status]);
      }
    }
  }
  return rows;
}

/** The first district's first key control unit, where the watch-list faults of that unit type are planted. */
export function plantedKeyHolder(holders: SamplePermitHolder[]): SamplePermitHolder | undefined {
  const first = holders[0]?.districtCode;
  return holders.find((h) => h.districtCode === first && h.unitCode.charAt(8) === '2');
}

/** Planted for the watch list (示例数据_说明.md): in the last year, a case with a 62.5万元 penalty in the first
 *  district's first key unit … */
export function plantedCaseRows(holders: SamplePermitHolder[], years: number[]): (string | number | Date | null)[][] {
  const h = plantedKeyHolder(holders);
  const y = Math.max(...years);
  const filed = `${y}-02-10`, decided = `${y}-03-20`;
  if (!h || !isPast(decided)) return [];
  return [[`${shortName(h.districtName)}环立〔${y}〕900号`, excelDate(filed), h.permitNo, h.districtCode, h.unitCode, '超标排放',
    '按日连续处罚', 62.5, excelDate(decided), null]];
}

/** … and a problem there left unrectified past its deadline. */
export function plantedProblemRows(holders: SamplePermitHolder[], years: number[]): (string | number | null)[][] {
  const h = plantedKeyHolder(holders);
  const y = Math.max(...years);
  const found = `${y}-01-15`, due = `${y}-06-30`;
  if (!h || !isPast(due) || due >= today()) return [];
  return [[`WT${h.districtCode}${y}900`, '市级督察', '工业园区污水管网混错接', h.districtName, h.unitCode, found, due, null, '逾期']];
}
