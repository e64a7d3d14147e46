// What a record measure declares (the measures in record-measures.ts and its parts: red line, key units, zoning
// work): a type of its own so the parts need not import the module that gathers them.
import type { DatasetName } from '../../analytics/import/datasets.js';

export interface RecordMeasure {
  id: string;
  /** SELECT district_code, unit_code, year, num, den, batch_id, note — one row per record (or record-year). */
  records: string;
  /** 'ratio' = Σnum/Σden × 100; 'sum' = Σ num; 'shortfall' = Σden − Σnum (items of den not meeting the rule);
   *  'difference' = Σnum − Σden (e.g. an area against its baseline). */
  kind: 'ratio' | 'sum' | 'shortfall' | 'difference';
  decimals: number;
  /** The city has its own record (district_code 'city') instead of the total of the districts. */
  cityOwn?: boolean;
  /** Ratio only: a shortfall Σden − Σnum up to this much counts as none (100 %), e.g. 0.01 km² of red line. */
  tolerance?: number;
  /** A count of this dataset's records: inside the dataset's coverage an entity-year without records is 0
   *  (无记录), outside it 数据缺失 (zeroCountRows). */
  counts?: DatasetName;
}
