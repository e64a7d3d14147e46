// Control units and air stations of the synthetic sample: per-district unit counts from the 2023 table where
// published (domain/chongqing.md §4.2), plausible ones for the seven counties whose rows were not; 2–6 city
// sites per district (more at the larger scales), each inside one of the district's key control units.
import { CHONGQING_DISTRICTS, type DistrictReference } from '../reference/chongqing-districts.js';
import { randomInt, seededRandom } from './random.js';

export type SampleScale = 'small' | 'city' | 'stress';

export interface SampleUnit {
  code: string;
  name: string;
  type: 1 | 2 | 3;
  districtCode: string;
  areaKm2: number;
}

export interface SampleStation {
  code: string;
  name: string;
  districtCode: string;
  districtName: string;
  unitCode: string;
  lon: number;
  lat: number;
  level: '国控' | '市控';
  isCitySite: boolean;
  /** Typical PM2.5 level of the site, μg/m³ (drives the generator). */
  pm25Base: number;
}

const TYPE_NAMES = { 1: '优先保护单元', 2: '重点管控单元', 3: '一般管控单元' } as const;
const STATIONS_PER_DISTRICT: Record<SampleScale, [number, number]> = { small: [2, 3], city: [3, 6], stress: [6, 10] };
const SITE_NAMES = ['监测站', '中学', '环境监测站', '区政府', '工业园', '公园', '医院', '水厂', '街道', '体育中心'];

/**
 * Where a registered place lies: a point inside the named unit (sample-geometry.ts), from two random numbers
 * of the generator; `place` (station, section or permit code) picks the 2020 part of a merged unit the way the
 * registers do, so the point lies in the unit of either plan.
 */
export type PlaceIn = (unitCode: string, place: string, a: number, b: number) => [number, number];

export function sampleDistricts(only?: string[]): DistrictReference[] {
  return CHONGQING_DISTRICTS.filter((d) => !only || only.includes(d.code));
}

export function sampleUnits(seed: number, districts: DistrictReference[]): SampleUnit[] {
  const rand = seededRandom(seed * 7919 + 1);
  const units: SampleUnit[] = [];
  for (const d of districts) {
    const counts = d.unitCounts ?? { priority: randomInt(rand, 10, 16), key: randomInt(rand, 3, 7), general: randomInt(rand, 2, 5) };
    const byType: [1 | 2 | 3, number][] = [[1, counts.priority], [2, counts.key], [3, counts.general]];
    for (const [type, n] of byType) {
      for (let k = 1; k <= n; k++) {
        units.push({
          code: `ZH${d.code}${type}${String(k).padStart(4, '0')}`,
          name: `${d.name}${TYPE_NAMES[type].replace('单元', '')}单元${String(k).padStart(2, '0')}`,
          type, districtCode: d.code,
          areaKm2: Math.round((type === 1 ? 20 + rand() * 180 : 3 + rand() * 60) * 100) / 100,
        });
      }
    }
  }
  return units;
}

export function sampleStations(seed: number, scale: SampleScale, districts: DistrictReference[], units: SampleUnit[], placeIn: PlaceIn): SampleStation[] {
  const rand = seededRandom(seed * 104729 + 2);
  const [lo, hi] = STATIONS_PER_DISTRICT[scale];
  const stations: SampleStation[] = [];
  let seq = 1800;
  districts.forEach((d, di) => {
    const n = randomInt(rand, lo, hi);
    const keyUnits = units.filter((u) => u.districtCode === d.code && u.type === 2);
    const hostUnits = keyUnits.length ? keyUnits : units.filter((u) => u.districtCode === d.code);
    // Central districts and industrial towns run higher PM2.5 than the north-east and south-east counties.
    const base = d.subGroup === '中心城区' ? 40 : d.regionGroup === '主城都市区' ? 37 : 31;
    for (let k = 0; k < n; k++) {
      seq++;
      const unitCode = hostUnits[k % hostUnits.length]!.code;
      const [lon, lat] = placeIn(unitCode, `${seq}A`, rand(), rand());
      stations.push({
        code: `${seq}A`,
        name: `${d.name.replace(/(土家族|苗族|自治县)/g, '').replace(/[区县]$/, '')}${SITE_NAMES[k % SITE_NAMES.length]}`,
        districtCode: d.code, districtName: d.name,
        unitCode, lon, lat,
        level: k === 0 ? '国控' : '市控',
        // One regional background site in a few districts: it must not count in district evaluation.
        isCitySite: !(k === n - 1 && n >= 3 && di % 5 === 0),
        pm25Base: Math.round((base + (rand() - 0.5) * 8) * 10) / 10,
      });
    }
  });
  return stations;
}

/** Short name of a district as used in document numbers and site names: 渝中, 石柱, 秀山. */
export function shortName(name: string): string {
  return name.replace(/(土家族|苗族|自治县)/g, '').replace(/[区县]$/, '');
}

export interface SamplePlan2020 {
  units: SampleUnit[];
  /** Old code → new code of the 2023 adjustment. */
  crosswalk: { oldCode: string; newCode: string; relation: string }[];
}

/** The first year the 2023 units are in force (plan version 2023: the newest version not later than the year). */
export const ADJUSTED_PLAN_YEAR = 2023;

/** A function giving a 2023 unit's code as a record of `year` writes it: from 2023 on the code itself; before,
 *  for a unit the 2023 adjustment merged, one of the 2020 units it replaced — `place` (a holder, a record
 *  number) picks which, so one place keeps one old code. Registers kept at the time wrote the codes in force. */
export function unitCodeOfYear(plan: SamplePlan2020): (code: string, year: number, place: string | number) => string {
  const before = new Map<string, string[]>();
  for (const x of plan.crosswalk) before.set(x.newCode, [...(before.get(x.newCode) ?? []), x.oldCode]);
  return (code, year, place) => {
    const old = year < ADJUSTED_PLAN_YEAR ? before.get(code) : undefined;
    if (!old) return code;
    const k = typeof place === 'number' ? place : [...place].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) >>> 0, 7);
    return old[k % old.length]!;
  };
}

/**
 * The 2020 plan the 2023 units replaced: the same units, except that each district's last key unit of 2023
 * merges two key units of 2020 (their codes carried on in the crosswalk only).
 */
export function samplePlan2020(units: SampleUnit[]): SamplePlan2020 {
  const old: SampleUnit[] = [];
  const crosswalk: SamplePlan2020['crosswalk'] = [];
  const byDistrict = new Map<string, SampleUnit[]>();
  for (const u of units) byDistrict.set(u.districtCode, [...(byDistrict.get(u.districtCode) ?? []), u]);
  for (const list of byDistrict.values()) {
    const key = list.filter((u) => u.type === 2);
    const merged = key.at(-1);
    for (const u of list) if (u !== merged) old.push(u);
    if (!merged) continue;
    for (const k of [1, 2]) {
      const seq = Number(merged.code.slice(-4)) + k;
      const code = `${merged.code.slice(0, -4)}${String(seq).padStart(4, '0')}`;
      old.push({ ...merged, code, name: `${merged.name}（原${k === 1 ? '甲' : '乙'}片）`, areaKm2: Math.round((merged.areaKm2 / 2) * 100) / 100 });
      crosswalk.push({ oldCode: code, newCode: merged.code, relation: '合并' });
    }
  }
  return { units: old, crosswalk };
}
