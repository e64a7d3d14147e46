// Surface-water sections on Chongqing's real rivers and lakes, drinking-water sources, and their monthly
// monitoring. Section names of the national sections are the well-known ones (朱沱, 寸滩, 清溪场 …); the rest,
// all codes and every value are synthetic. Values follow each section's usual class (GB 3838-2002), with
// seasonal swings, values below the detection limit written the three ways labs write them, and a few
// deliberate faults for the quality summary (an exceedance, a month not sampled).
import type { DistrictReference } from '../reference/chongqing-districts.js';
import { randomInt, seededRandom } from './random.js';
import { shortName, type PlaceIn, type SampleScale, type SampleUnit } from './sample-reference.js';
import { isoDate, isPast } from './sample-calendar.js';

type WaterClass = 'II' | 'III' | 'IV';
/** river, 河流/湖库, section name (a national section's name where known), usual class */
type SectionPlan = [string, '河流' | '湖库', string | null, WaterClass];

const SECTIONS: Record<string, SectionPlan[]> = {
  500101: [['长江', '河流', '晒网坝', 'II'], ['苎溪河', '河流', null, 'III']],
  500102: [['长江', '河流', '清溪场', 'II'], ['乌江', '河流', null, 'II']],
  500103: [['嘉陵江', '河流', '大溪沟', 'II'], ['长江', '河流', null, 'II']],
  500104: [['长江', '河流', null, 'II']],
  500105: [['长江', '河流', '寸滩', 'II'], ['嘉陵江', '河流', null, 'II']],
  500106: [['嘉陵江', '河流', null, 'II'], ['梁滩河', '河流', null, 'IV']],
  500107: [['长江', '河流', null, 'II']],
  500108: [['长江', '河流', null, 'II']],
  500109: [['嘉陵江', '河流', null, 'II'], ['梁滩河', '河流', null, 'IV'], ['黑水滩河', '河流', null, 'III']],
  500110: [['綦河', '河流', null, 'III']],
  500111: [['濑溪河', '河流', null, 'IV'], ['玉滩水库', '湖库', null, 'III']],
  500112: [['御临河', '河流', null, 'III'], ['朝阳河', '河流', null, 'IV']],
  500113: [['长江', '河流', null, 'II'], ['花溪河', '河流', null, 'IV']],
  500114: [['阿蓬江', '河流', null, 'II'], ['小南海', '湖库', null, 'II']],
  500115: [['长江', '河流', null, 'II'], ['龙溪河', '河流', null, 'III'], ['长寿湖', '湖库', null, 'III']],
  500116: [['长江', '河流', null, 'II'], ['笋溪河', '河流', null, 'II']],
  500117: [['嘉陵江', '河流', null, 'II'], ['涪江', '河流', null, 'III'], ['渠江', '河流', null, 'III']],
  500118: [['长江', '河流', '朱沱', 'II'], ['临江河', '河流', null, 'IV']],
  500119: [['凤嘴江', '河流', null, 'III']],
  500120: [['璧南河', '河流', null, 'IV']],
  500151: [['琼江', '河流', null, 'III'], ['小安溪', '河流', null, 'III']],
  500152: [['涪江', '河流', null, 'III'], ['琼江', '河流', null, 'III']],
  500153: [['濑溪河', '河流', null, 'IV']],
  500154: [['澎溪河', '河流', null, 'III'], ['汉丰湖', '湖库', null, 'III']],
  500155: [['龙溪河', '河流', null, 'III'], ['双桂湖', '湖库', null, 'III']],
  500156: [['乌江', '河流', null, 'II'], ['芙蓉江', '河流', null, 'II']],
  500229: [['任河', '河流', null, 'II']],
  500230: [['长江', '河流', null, 'II'], ['龙河', '河流', null, 'II']],
  500231: [['龙溪河', '河流', null, 'III']],
  500233: [['长江', '河流', null, 'II'], ['汝溪河', '河流', null, 'III']],
  500235: [['长江', '河流', null, 'II'], ['澎溪河', '河流', null, 'III'], ['磨刀溪', '河流', null, 'II']],
  500236: [['长江', '河流', null, 'II'], ['梅溪河', '河流', null, 'II']],
  500237: [['长江', '河流', '培石', 'II'], ['大宁河', '河流', null, 'II']],
  500238: [['大宁河', '河流', null, 'II']],
  500240: [['龙河', '河流', null, 'II']],
  500241: [['梅江河', '河流', null, 'III'], ['酉水', '河流', null, 'II']],
  500242: [['乌江', '河流', '万木', 'II'], ['阿蓬江', '河流', null, 'II'], ['酉水', '河流', null, 'II']],
  500243: [['乌江', '河流', null, 'II'], ['郁江', '河流', null, 'II']],
};

export interface SampleSection {
  code: string;
  name: string;
  river: string;
  bodyType: '河流' | '湖库';
  districtCode: string;
  districtName: string;
  unitCode: string;
  lon: number;
  lat: number;
  level: '国考' | '市考' | '区县考';
  usualClass: WaterClass;
  /** How the file writes the target class: the same class in the many ways files write it. */
  targetText: string;
}

const TARGET_FORMS: Record<WaterClass, string[]> = { II: ['Ⅱ', 'II类', '2类', 'Ⅱ类'], III: ['Ⅲ', 'III类', '3类', '三类'], IV: ['Ⅳ', 'IV类', '4类', '四类'] };

/** Sections per district: the main ones at the small scale, all of them at the larger scales. */
const SECTIONS_PER_DISTRICT: Record<SampleScale, number> = { small: 2, city: 3, stress: 3 };

export function sampleSections(seed: number, scale: SampleScale, districts: DistrictReference[], units: SampleUnit[], placeIn: PlaceIn): SampleSection[] {
  const rand = seededRandom(seed * 31 + 11);
  const out: SampleSection[] = [];
  districts.forEach((d) => {
    const plans = (SECTIONS[d.code] ?? [['长江', '河流', null, 'II']]).slice(0, SECTIONS_PER_DISTRICT[scale]);
    const own = units.filter((u) => u.districtCode === d.code);
    const hosts = own.some((u) => u.type !== 2) ? own.filter((u) => u.type !== 2) : own;
    plans.forEach(([river, bodyType, known, cls], k) => {
      const code = `CQSW${d.code}${String(k + 1).padStart(2, '0')}`;
      const unitCode = hosts[k % hosts.length]!.code;
      const [lon, lat] = placeIn(unitCode, code, rand(), rand());
      out.push({
        code,
        name: bodyType === '湖库' ? `${river}库心` : `${river}${known ?? `${shortName(d.name)}段`}`,
        river, bodyType, districtCode: d.code, districtName: d.name,
        unitCode, lon, lat,
        level: known ? '国考' : k === 0 ? '市考' : '区县考',
        usualClass: cls,
        targetText: TARGET_FORMS[cls][randomInt(rand, 0, 3)]!,
      });
    });
  });
  return out;
}

/** GB 3838-2002 limits of the classes (DO is a minimum); lakes have stricter TP limits. */
const LIMITS: Record<WaterClass, Record<'DO' | 'CODMn' | 'COD' | 'BOD5' | 'NH3-N' | 'TP' | 'TP_lake', number>> = {
  II: { DO: 6, CODMn: 4, COD: 15, BOD5: 3, 'NH3-N': 0.5, TP: 0.1, TP_lake: 0.025 },
  III: { DO: 5, CODMn: 6, COD: 20, BOD5: 4, 'NH3-N': 1.0, TP: 0.2, TP_lake: 0.05 },
  IV: { DO: 3, CODMn: 10, COD: 30, BOD5: 6, 'NH3-N': 1.5, TP: 0.3, TP_lake: 0.1 },
};

/** The wide header of the monthly file: items as analysts' sheets title them, units in brackets. */
export const WATER_WIDE_HEADER = [
  '断面编码', '断面名称', '采样日期', '水温(℃)', 'pH(无量纲)', '溶解氧(mg/L)', '高锰酸盐指数(mg/L)', '化学需氧量(mg/L)',
  '五日生化需氧量(mg/L)', '氨氮(mg/L)', '总磷(mg/L)', '总氮(mg/L)', '氟化物(mg/L)', '砷(mg/L)', '汞(mg/L)', '镉(mg/L)',
  '六价铬(mg/L)', '铅(mg/L)',
];
const ITEM_IDS = ['WaterTemp', 'pH', 'DO', 'CODMn', 'COD', 'BOD5', 'NH3-N', 'TP', 'TN', 'F', 'As', 'Hg', 'Cd', 'Cr6+', 'Pb'];

export interface WaterSampleRow {
  section: SampleSection;
  date: string;
  /** Item id → the text the lab wrote (numbers, or ND / <0.0001 / 0.00004L). */
  values: Record<string, string>;
}

const fmt = (v: number, digits: number) => v.toFixed(digits);

/** One sample per section and month; one section skips a month (not sampled: a quality-summary finding). */
export function sampleWaterRows(seed: number, sections: SampleSection[], years: number[]): WaterSampleRow[] {
  const rand = seededRandom(seed * 37 + 13);
  const rows: WaterSampleRow[] = [];
  for (const year of years) {
    for (let month = 1; month <= 12; month++) {
      for (const [si, s] of sections.entries()) {
        if (si === 0 && month === 8) continue;
        const date = isoDate(year, month, randomInt(rand, 5, 15));
        if (!isPast(date)) continue;
        const lim = LIMITS[s.usualClass];
        const winter = Math.cos((2 * Math.PI * (month - 1)) / 12); // 1 in January, −1 in July
        const load = 0.45 + 0.3 * rand() + 0.08 * winter;
        // The deliberate exceedance: the second section's NH3-N in January, a third over its class limit.
        const spike = si === 1 && month === 1;
        const temp = 16 - 8 * winter + (rand() - 0.5) * 2;
        const v: Record<string, string> = {
          WaterTemp: fmt(temp, 1),
          pH: fmt(7.6 + (rand() - 0.5) * 0.8, 2),
          DO: fmt(Math.max(lim.DO * 1.05, 14.6 - 0.41 * temp + (rand() - 0.5)), 1),
          CODMn: fmt(lim.CODMn * load, 1),
          COD: fmt(Math.max(4, lim.COD * load), 0),
          BOD5: lim.BOD5 * load < 0.9 ? '0.5L' : fmt(lim.BOD5 * load * 0.6, 1),
          'NH3-N': spike ? fmt(lim['NH3-N'] * 1.35, 3) : lim['NH3-N'] * load * 0.5 < 0.05 ? '0.025L' : fmt(lim['NH3-N'] * load * 0.6, 3),
          TP: fmt((s.bodyType === '湖库' ? lim.TP_lake : lim.TP) * load, 3),
          TN: fmt(1.2 + rand() * 1.3, 2),
          F: fmt(0.15 + rand() * 0.25, 2),
          As: fmt(0.0005 + rand() * 0.0015, 4),
          Hg: rand() < 0.8 ? '0.00004L' : '<0.00004',
          Cd: rand() < 0.7 ? '<0.0001' : 'ND',
          'Cr6+': '0.004L',
          Pb: rand() < 0.6 ? 'ND' : fmt(0.001 + rand() * 0.002, 4),
        };
        rows.push({ section: s, date, values: v });
      }
    }
  }
  return rows;
}

export function waterWideRows(rows: WaterSampleRow[]): (string | number | null)[][] {
  return rows.filter((r) => r.section.bodyType === '河流').map((r) => [r.section.code, r.section.name, r.date, ...ITEM_IDS.map((i) => r.values[i] ?? null)]);
}

/** Lakes in the long form, dated by year and month (as reservoir bulletins often are). */
export function waterLongRows(rows: WaterSampleRow[]): (string | number | null)[][] {
  const items: [string, string][] = [['pH', 'pH'], ['DO', '溶解氧'], ['CODMn', '高锰酸盐指数'], ['NH3-N', '氨氮'], ['TP', '总磷'], ['TN', '总氮'], ['Hg', '汞']];
  return rows.filter((r) => r.section.bodyType === '湖库').flatMap((r) => {
    const [y, m] = r.date.split('-').map(Number);
    return items.map(([id, name]) => [r.section.code, y!, m!, name, r.values[id]!]);
  });
}

export interface SampleDrinkingSource {
  code: string;
  name: string;
  type: '河流' | '湖库' | '地下水';
  level: '城市' | '乡镇';
  districtCode: string;
  unitCode: string;
}

/** A city-level source on the district's main river or lake, and a township groundwater source in counties. */
export function sampleDrinkingSources(districts: DistrictReference[], sections: SampleSection[], units: SampleUnit[]): SampleDrinkingSource[] {
  const out: SampleDrinkingSource[] = [];
  for (const d of districts) {
    const priority = units.filter((u) => u.districtCode === d.code && u.type === 1);
    const host = (priority.length ? priority : units.filter((u) => u.districtCode === d.code))[0]!.code;
    const own = sections.filter((s) => s.districtCode === d.code);
    const lake = own.find((s) => s.bodyType === '湖库');
    const short = shortName(d.name);
    const main = lake ?? own[0];
    out.push({
      code: `YY${d.code}01`, name: `${short}${main?.river ?? '长江'}${lake ? '' : '取水口'}饮用水水源地`,
      type: lake ? '湖库' : '河流', level: '城市', districtCode: d.code, unitCode: host,
    });
    if (d.kind !== '区') {
      out.push({ code: `YY${d.code}02`, name: `${short}县城郊镇地下水水源地`, type: '地下水', level: '乡镇', districtCode: d.code, unitCode: host });
    }
  }
  return out;
}

/** Monthly compliance (是/否); one source fails one month (a quality-summary finding). */
export function drinkingRows(sources: SampleDrinkingSource[], years: number[]): (string | number)[][] {
  const rows: (string | number)[][] = [];
  for (const y of years) {
    for (let m = 1; m <= 12; m++) {
      if (!isPast(isoDate(y, m, 20))) continue;
      sources.forEach((s, i) => rows.push([s.code, y, m, i === 0 && m === 7 ? '否' : '是']));
    }
  }
  return rows;
}
