// EQI classes and ΔEQI change bands (区域生态质量评价办法; water-soil-ecology.md §5.5). The class cut-offs for
// 一类–三类 are consistent with published values, the rest and the change bands are [M]: kept as data here so a
// configuration can replace them, never buried in the measures.
import type { MeasureRow } from './air-annual.js';

export interface EcoBands {
  /** EQI ≥ min → class, checked from the top. */
  classes: { min: number; name: string }[];
  /** |ΔEQI| ≤ max → band (the last band has no upper end). */
  change: { max: number; name: string }[];
}

export const DEFAULT_ECO_BANDS: EcoBands = {
  classes: [{ min: 70, name: '一类' }, { min: 55, name: '二类' }, { min: 40, name: '三类' }, { min: 30, name: '四类' }, { min: -Infinity, name: '五类' }],
  change: [{ max: 1, name: '基本稳定' }, { max: 2, name: '轻微' }, { max: 4, name: '一般' }, { max: Infinity, name: '明显' }],
};

export const ECO_DERIVED_IDS = ['eco.eqi_class', 'eco.eqi_change_class'];

export function eqiClass(eqi: number, bands: EcoBands = DEFAULT_ECO_BANDS): string {
  return (bands.classes.find((c) => eqi >= c.min) ?? bands.classes.at(-1)!).name;
}

/** ΔEQI in words: 基本稳定, or 轻微/一般/明显 变好/变差. */
export function eqiChangeClass(delta: number, bands: EcoBands = DEFAULT_ECO_BANDS): string {
  const band = bands.change.find((b) => Math.abs(delta) <= b.max + 1e-9) ?? bands.change.at(-1)!;
  return band === bands.change[0] ? band.name : `${band.name}${delta > 0 ? '变好' : '变差'}`;
}

/** The class of each EQI and the band of each ΔEQI of the year (value null: the words are in the detail). */
export function ecoBandRows(rows: MeasureRow[], year: number, bands: EcoBands = DEFAULT_ECO_BANDS): MeasureRow[] {
  const out: MeasureRow[] = [];
  for (const r of rows.filter((x) => x.year === year && x.value !== null && x.valid)) {
    if (r.measure === 'eco.eqi') {
      const own = eqiClass(r.value!, bands);
      out.push({ ...r, measure: 'eco.eqi_class', value: null, detail: r.detail && r.detail !== own ? `${own}（报送类别：${r.detail}）` : own });
    } else if (r.measure === 'eco.eqi_change') {
      out.push({ ...r, measure: 'eco.eqi_change_class', value: r.value, detail: eqiChangeClass(r.value!, bands) });
    }
  }
  return out;
}
