// Yearly figures from partner departments and supervision: ecological quality (EQI, HJ 1172-2021 classes),
// ecological red-line supervision per priority unit (绿盾), soil safe use, statistics, and noise monitoring.
// Synthetic, in the ranges Chongqing reports (EQI 66.96 in 2024, safe use of farmland ≈ 99 %).
import type { DistrictReference } from '../reference/chongqing-districts.js';
import { randomInt, seededRandom } from './random.js';
import type { SampleScale, SampleUnit } from './sample-reference.js';
import { isPast, isoDate } from './sample-calendar.js';

/** HJ 1172-2021: 一类 ≥ 70, 二类 55–70, 三类 40–55, 四类 30–40, 五类 < 30. */
const eqiClass = (v: number) => (v >= 70 ? '一类' : v >= 55 ? '二类' : v >= 40 ? '三类' : v >= 30 ? '四类' : '五类');

/** Per district (by name, as the bulletin tables write them) and the city; years not yet assessed are left out. */
export function eqiRows(seed: number, districts: DistrictReference[], years: number[]): (string | number)[][] {
  const rand = seededRandom(seed * 89 + 47);
  const base = new Map(districts.map((d) => [d.code, d.subGroup === '中心城区' ? 52 + rand() * 8 : d.regionGroup === '主城都市区' ? 58 + rand() * 8 : 66 + rand() * 10]));
  return years.filter((y) => isPast(isoDate(y + 1, 6, 30))).flatMap((y) => {
    const rows = districts.map((d) => {
      const v = Math.round((base.get(d.code)! + 0.3 * (y - 2021) + (rand() - 0.5)) * 100) / 100;
      return [d.name, y, v, eqiClass(v)];
    });
    return [...rows, ['全市', y, 66.96 + 0.2 * (y - 2024), eqiClass(66.96)]];
  });
}

/** Red-line supervision of the priority units: new human-activity patches found by remote sensing and their
 *  rectification. The red-line area of a unit holds from year to year, except in the last year: the first
 *  district loses 0.8 km² without approval (veto V2), the second 0.5 km² under an approved adjustment (see the
 *  work items), the third 0.005 km² — survey noise inside the 0.01 km² tolerance. Planted for the watch list
 *  (示例数据_说明.md): in the last year the first district's second priority unit has 5 new patches. */
export function ecologyUnitRows(seed: number, units: SampleUnit[], years: number[]): (string | number)[][] {
  const rand = seededRandom(seed * 97 + 53);
  const share = seededRandom(seed * 97 + 54);
  const priority = units.filter((u) => u.type === 1);
  const area = new Map(priority.map((u) => [u.code, Math.round(u.areaKm2 * (0.3 + share() * 0.6) * 1000) / 1000]));
  const districts = [...new Set(priority.map((u) => u.districtCode))];
  const firstOf = new Map(districts.map((d) => [priority.find((u) => u.districtCode === d)!.code, districts.indexOf(d)]));
  const firstDistrict = priority.filter((u) => u.districtCode === districts[0]);
  const loss = [0.8, 0.5, 0.005];
  const last = Math.max(...years);
  return years.flatMap((y) => priority.map((u) => {
    const planted = y === last ? firstDistrict.indexOf(u) : -1;
    // most units see none to two new patches a year
    const patches = planted === 1 ? 5 : Math.max(0, randomInt(rand, 0, 6) - 4);
    const found = Math.min(patches, randomInt(rand, 0, 3));
    const k = firstOf.get(u.code);
    const redLine = area.get(u.code)! - (y === last && k !== undefined && k < loss.length ? loss[k]! : 0);
    return [u.code, y, Math.round(redLine * 1000) / 1000, patches, Math.round(patches * rand() * 0.05 * 1000) / 1000, found, randomInt(rand, 0, found)];
  }));
}

/** Unit-level EQI where a district assesses it: the first district's general units; planted for the watch list,
 *  the first of them drops by 2.6 in the last year (the second by 0.8, which is no fault). */
export function unitEqiRows(seed: number, units: SampleUnit[], years: number[]): (string | number)[][] {
  const rand = seededRandom(seed * 109 + 71);
  const general = units.filter((u) => u.type === 3);
  const own = general.filter((u) => u.districtCode === general[0]?.districtCode).slice(0, 2);
  const assessed = years.filter((y) => isPast(isoDate(y + 1, 6, 30)));
  const lastYear = Math.max(...assessed);
  return own.flatMap((u, i) => {
    const base = 60 + rand() * 8;
    return assessed.map((y) => {
      const v = Math.round((base - (y === lastYear ? [2.6, 0.8][i]! : 0)) * 100) / 100;
      return [u.code, y, v, eqiClass(v)];
    });
  });
}

/** Farmland and construction land by district (districts by name). */
export function soilRows(seed: number, districts: DistrictReference[], years: number[]): (string | number)[][] {
  const rand = seededRandom(seed * 101 + 59);
  return years.flatMap((y) => districts.map((d) => {
    const farmland = d.subGroup === '中心城区' ? Math.round(rand() * 300) : Math.round(800 + rand() * 4000);
    const plots = randomInt(rand, 2, d.subGroup === '中心城区' ? 30 : 12);
    return [d.name, y, farmland, Math.round(farmland * (0.98 + rand() * 0.02)), plots, plots];
  }));
}

/** Partner-department statistics in the long form (metric names in Chinese, as the statistics bureau writes them). */
export function statisticsRows(seed: number, districts: DistrictReference[], years: number[]): (string | number | null)[][] {
  const rand = seededRandom(seed * 103 + 61);
  return years.flatMap((y) => districts.flatMap((d) => {
    const gdp = Math.round((d.subGroup === '中心城区' ? 1500 + rand() * 1500 : 300 + rand() * 1000) * (1 + 0.05 * (y - 2021)) * 10) / 10;
    return [
      [d.code, y, '地区生产总值', gdp, '亿元', '区统计局'],
      [d.code, y, '能源消费总量', Math.round(gdp * (0.25 + rand() * 0.2)) / 10, '万吨标准煤', '区统计局'],
      [d.code, y, '用水总量', Math.round((0.5 + rand() * 2) * 100) / 100, '亿立方米', '区水利局'],
      [d.code, y, '森林覆盖率', Math.round((d.subGroup === '中心城区' ? 30 + rand() * 15 : 50 + rand() * 15) * 10) / 10, '%', '区林业局'],
    ];
  }));
}

const NOISE_POINTS: Record<SampleScale, number> = { small: 2, city: 4, stress: 6 };
const ZONES = ['1类', '2类', '3类', '4a类', '2类', '4b类'];

/** Functional-area noise, quarterly; quarters written “第1季度”. Day and night levels in dB(A). */
export function noiseRows(seed: number, scale: SampleScale, districts: DistrictReference[], years: number[]): (string | number)[][] {
  const rand = seededRandom(seed * 107 + 67);
  const rows: (string | number)[][] = [];
  for (const y of years) {
    for (const d of districts) {
      for (let k = 0; k < NOISE_POINTS[scale]; k++) {
        const zone = ZONES[k % ZONES.length]!;
        const loud = zone.startsWith('4') ? 8 : zone === '3类' ? 5 : 0;
        for (let q = 1; q <= 4; q++) {
          if (!isPast(isoDate(y, q * 3, 28))) continue;
          rows.push([`ZS${d.code}${String(k + 1).padStart(2, '0')}`, d.name, zone, y, `第${q}季度`,
            Math.round((52 + loud + rand() * 5) * 10) / 10, Math.round((43 + loud + rand() * 5) * 10) / 10]);
        }
      }
    }
  }
  return rows;
}
