// One air value under both editions side by side (GB 3095 / HJ 633, 2012 and 2026), for the measures whose
// value depends on the edition: the AQI-based day counts and attainment. Computed on the spot from the hourly
// data into temp tables (the daily means once, the AQI per edition); nothing is stored, the runs stay as they are.
import type { Workspace } from '../../analytics/workspace.js';
import { UserError } from '../../analytics/errors.js';
import { catalogueInForce } from '../catalogue/workspace-layers.js';
import type { Catalogue } from '../catalogue/schema.js';
import { editionsFor, type AirEdition } from '../standards/editions.js';
import { buildEntityAqi, buildEntityDaily, buildStationDaily, dropAirDaily } from './air-daily.js';
import { AQI_BASED_MEASURES, INVALID_REASON, readAirAnnual, type AirMeasureId } from './air-annual.js';
import { attainmentRows, readGradeOf } from './air-attainment.js';

/** The measures whose value changes with the edition. */
export const EDITION_SENSITIVE_MEASURES: ReadonlySet<string> = new Set([...AQI_BASED_MEASURES, 'air.attainment']);

export interface EditionValue {
  edition: AirEdition;
  gb3095: string;
  hj633: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  status: '有效' | '数据不足' | '数据缺失';
  detail: string | null;
}

export interface EditionComparison {
  /** What was asked for (an indicator id such as C2, or a measure). */
  asked: string;
  measure: string;
  entity: string;
  year: number;
  editions: EditionValue[];
}

/** An indicator id (C2) stands for its measure; a measure name stands for itself. */
function measureOf(asked: string, catalogue: Catalogue): string {
  const indicator = catalogue.indicators.find((i) => i.id === asked);
  const measure = indicator?.measure ?? asked;
  if (!EDITION_SENSITIVE_MEASURES.has(measure)) {
    throw new UserError('NOT_EDITION_SENSITIVE', `“${asked}”的结果与标准版本无关：只有优良天数比例、重污染天数和达标情况（${[...EDITION_SENSITIVE_MEASURES].join('、')}）随 GB 3095/HJ 633 版本不同`);
  }
  return measure;
}

export async function bothEditions(ws: Workspace, asked: string, entity: string, year: number): Promise<EditionComparison> {
  const measure = measureOf(asked, await catalogueInForce(ws, null));
  // The temp tables live in the transaction: on failure the rollback drops them, on success they are dropped here.
  const editions = await ws.transaction(async (tx) => {
    await buildStationDaily(tx, { fromYear: year, toYear: year, edition: '2012' });
    await buildEntityDaily(tx);
    const gradeOf = await readGradeOf(tx);
    const out: EditionValue[] = [];
    for (const edition of ['2012', '2026'] as const) {
      await buildEntityAqi(tx, edition);
      const annual = (await readAirAnnual(tx)).filter((r) => r.entity_code === entity && r.year === year);
      const r = [...annual, ...attainmentRows(annual, edition, gradeOf)].find((m) => m.measure === measure);
      const { gb3095, hj633 } = editionsFor(year, edition);
      out.push({
        edition, gb3095, hj633, value: r && r.valid ? r.value : null, numerator: r?.numerator ?? null, denominator: r?.denominator ?? null,
        status: !r ? '数据缺失' : r.valid ? '有效' : '数据不足',
        detail: !r ? null : r.valid ? r.detail : INVALID_REASON[measure as AirMeasureId],
      });
    }
    await dropAirDaily(tx);
    return out;
  });
  return { asked, measure, entity, year, editions };
}
