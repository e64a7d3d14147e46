// Permit holders with codes in their real forms (GB 32100 USCC with its check character; HJ 608 permit number
// = USCC + 3-digit sequence + letter), their annual emissions from execution reports, and the outlets that
// send online monitoring data. Names, codes and amounts are synthetic.
import type { DistrictReference } from '../reference/chongqing-districts.js';
import { randomInt, seededRandom } from './random.js';
import { shortName, type PlaceIn, type SampleScale, type SampleUnit } from './sample-reference.js';
import { addDays, isoDate, isPast } from './sample-calendar.js';

type ManagementClass = '重点管理' | '简化管理' | '登记管理';

interface Industry {
  code: string;
  word: string;
  cls: ManagementClass;
  /** Pollutants of the execution report, with a typical permitted amount (t/a) at the small end. */
  pollutants: [string, number][];
  /** Outlet kind for online monitoring, if the class requires it. */
  outlet?: 'DA' | 'DW';
}

// GB/T 4754 codes with the management class the 2019 catalogue usually gives such plants.
const INDUSTRIES: Industry[] = [
  { code: '4411', word: '发电', cls: '重点管理', pollutants: [['SO2', 300], ['NOx', 450], ['颗粒物', 60]], outlet: 'DA' },
  { code: '3011', word: '水泥', cls: '重点管理', pollutants: [['SO2', 120], ['NOx', 600], ['颗粒物', 90]], outlet: 'DA' },
  { code: '2614', word: '化工', cls: '重点管理', pollutants: [['COD', 40], ['NH3-N', 5], ['VOCs', 30], ['NOx', 50]], outlet: 'DW' },
  { code: '4620', word: '污水处理', cls: '重点管理', pollutants: [['COD', 300], ['NH3-N', 30], ['TN', 150], ['TP', 3]], outlet: 'DW' },
  { code: '2710', word: '制药', cls: '重点管理', pollutants: [['COD', 25], ['NH3-N', 3], ['VOCs', 12]], outlet: 'DW' },
  { code: '3360', word: '表面处理', cls: '简化管理', pollutants: [['COD', 4], ['NH3-N', 0.5]] },
  { code: '3670', word: '汽车零部件', cls: '简化管理', pollutants: [['VOCs', 6], ['颗粒物', 2]] },
  { code: '1512', word: '酒业', cls: '简化管理', pollutants: [['COD', 15], ['NH3-N', 1.5]] },
  { code: '1351', word: '食品', cls: '登记管理', pollutants: [] },
  { code: '2231', word: '包装', cls: '登记管理', pollutants: [] },
  { code: '3311', word: '机械', cls: '登记管理', pollutants: [] },
];

const HOLDERS_PER_DISTRICT: Record<SampleScale, [number, number]> = { small: [4, 6], city: [20, 30], stress: [55, 65] };

export interface SamplePermitHolder {
  permitNo: string;
  uscc: string;
  name: string;
  industry: Industry;
  districtCode: string;
  districtName: string;
  unitCode: string;
  lon: number;
  lat: number;
  park: string | null;
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** GB 32100-2015: 91 (enterprise) + the district's code + 9 characters + the check character. */
export function uscc(rand: () => number, districtCode: string): string {
  let body = `91${districtCode}`;
  for (let i = 0; i < 9; i++) body += USCC_CHARS[randomInt(rand, 0, i === 8 ? 9 : 30)]!;
  const sum = [...body].reduce((s, ch, i) => s + USCC_CHARS.indexOf(ch) * USCC_WEIGHTS[i]!, 0);
  return body + USCC_CHARS[(31 - (sum % 31)) % 31]!;
}

const NAME_PARTS = ['渝兴', '长江', '嘉信', '川维', '华峰', '建峰', '鑫源', '天友', '金科', '永荣', '宏达', '三峡', '山城', '巴渝', '恒通', '立信'];

export function samplePermitHolders(seed: number, scale: SampleScale, districts: DistrictReference[], units: SampleUnit[], placeIn: PlaceIn): SamplePermitHolder[] {
  const rand = seededRandom(seed * 53 + 17);
  const [lo, hi] = HOLDERS_PER_DISTRICT[scale];
  const out: SamplePermitHolder[] = [];
  districts.forEach((d) => {
    const own = units.filter((u) => u.districtCode === d.code);
    const key = own.filter((u) => u.type === 2);
    const hosts = key.length ? key : own;
    const n = randomInt(rand, lo, hi);
    for (let k = 0; k < n; k++) {
      // the first holders of a district are the heavy ones (every district has outlets to monitor); no power
      // plants, cement kilns or chemical works in the central districts
      const heavy = d.subGroup === '中心城区' ? INDUSTRIES.filter((x) => x.outlet && !['4411', '3011', '2614'].includes(x.code)) : INDUSTRIES.filter((x) => x.outlet);
      const light = d.subGroup === '中心城区' ? INDUSTRIES.filter((x) => !['4411', '3011', '2614'].includes(x.code)) : INDUSTRIES;
      const industry = k < 2 ? heavy[randomInt(rand, 0, heavy.length - 1)]! : light[randomInt(rand, 0, light.length - 1)]!;
      const code = uscc(rand, d.code);
      // HJ 608 identifier letter: P for permits; registrations shown with W here [I].
      const letter = industry.cls === '登记管理' ? 'W' : 'P';
      const permitNo = `${code}001${letter}`;
      const name = `重庆${NAME_PARTS[randomInt(rand, 0, NAME_PARTS.length - 1)]}${industry.word}有限公司${shortName(d.name)}${k + 1}厂`;
      const unitCode = hosts[k % hosts.length]!.code;
      const [lon, lat] = placeIn(unitCode, permitNo, rand(), rand());
      out.push({
        permitNo, uscc: code, name, industry,
        districtCode: d.code,
        districtName: d.name,
        unitCode, lon, lat,
        park: industry.cls === '登记管理' || rand() < 0.4 ? null : `${shortName(d.name)}工业园区`,
      });
    }
  });
  return out;
}

/**
 * Execution-report amounts per holder, year and pollutant. Reports are due on 15 January of the next year;
 * deliberate faults for the quality summary: one holder over its permitted amount, one report late, one missing.
 */
export function emissionRows(seed: number, holders: SamplePermitHolder[], years: number[]): (string | number | null)[][] {
  const rand = seededRandom(seed * 59 + 19);
  const rows: (string | number | null)[][] = [];
  const reporting = holders.filter((h) => h.industry.pollutants.length > 0);
  for (const y of years) {
    const due = isoDate(y + 1, 1, 15);
    reporting.forEach((h, i) => {
      const size = 0.5 + rand() * 2;
      let submitted: string | null = addDays(isoDate(y + 1, 1, 2), randomInt(rand, 0, 12));
      if (i === 1) submitted = addDays(due, 20);
      if (i === 2 && y === years.at(-1)) submitted = null;
      if (!isPast(submitted)) submitted = null;
      for (const [p, permitted] of h.industry.pollutants) {
        const allowed = Math.round(permitted * size * 100) / 100;
        const use = i === 0 ? 1.08 : 0.45 + rand() * 0.45;
        rows.push([h.permitNo, y, p, submitted === null ? null : Math.round(allowed * use * 1000) / 1000, allowed, submitted, due]);
      }
    });
  }
  return rows;
}

export interface SampleOutlet {
  permitNo: string;
  outletCode: string;
  kind: 'DA' | 'DW';
  /** HJ 212 codes of the three pollutants monitored, their usual level and their limit. */
  pollutants: { code: string; level: number; limit: number }[];
}

const MONITORED: Record<'DA' | 'DW', { code: string; level: number; limit: number }[]> = {
  // flue gas, mg/m³ (ultra-low emission limits of coal-fired units)
  DA: [{ code: 'a21026', level: 18, limit: 35 }, { code: 'a21002', level: 32, limit: 50 }, { code: 'a34013', level: 4, limit: 10 }],
  // wastewater, mg/L (GB 18918 grade 1A)
  DW: [{ code: 'w01018', level: 22, limit: 50 }, { code: 'w21003', level: 1.2, limit: 5 }, { code: 'w21011', level: 0.2, limit: 0.5 }],
};

/** Outlets with online monitoring: a handful at the small scale (a demo), every key holder's at city scale, more beyond. */
const OUTLETS: Record<SampleScale, { maxOutlets: number; perHolder: number }> = {
  small: { maxOutlets: 6, perHolder: 1 },
  city: { maxOutlets: Infinity, perHolder: 1 },
  stress: { maxOutlets: Infinity, perHolder: 2 },
};

export function sampleOutlets(scale: SampleScale, holders: SamplePermitHolder[]): SampleOutlet[] {
  const { maxOutlets, perHolder } = OUTLETS[scale];
  const out: SampleOutlet[] = [];
  for (const h of holders) {
    const kind = h.industry.outlet;
    if (!kind) continue;
    for (let k = 1; k <= perHolder && out.length < maxOutlets; k++) {
      out.push({ permitNo: h.permitNo, outletCode: `${kind}${String(k).padStart(3, '0')}`, kind, pollutants: MONITORED[kind] });
    }
  }
  return out;
}
