// The watch-list thresholds are data (domain/indicators.md, Watch list): a city or district may edit the JSON.
// Each threshold may be null, which switches that condition off.
import { z } from 'zod';
import { UserError } from '../../analytics/errors.js';

const limit = z.number().nullable();
const count = z.number().int().positive().nullable();
const rule = { flag: z.string().min(1), minConditions: z.number().int().positive() };

export const watchlistThresholds = z.object({
  id: z.string().min(1),
  version: z.string().min(1),
  name: z.string(),
  priority: z.object({
    ...rule,
    /** Red line smaller than last year by more than this tolerance (km²). */
    redLineAreaReductionKm2: z.number().nonnegative().nullable(),
    eqiChangeAtMost: limit,
    newPatchesAtLeast: count,
    overdueProblemsAtLeast: count,
    nonconformingApprovalsAtLeast: count,
  }).strict(),
  key: z.object({
    ...rule,
    pm25AboveTarget: z.boolean(),
    sectionsBelowTargetAtLeast: count,
    onlineExceedanceRateAbovePct: limit,
    /** Cases or fines: one condition, met by either. */
    casesAtLeast: count,
    finesCnyAtLeast: limit,
    overdueProblemsAtLeast: count,
    emissionsIncreaseAbovePct: limit,
    keyPollutants: z.array(z.enum(['COD', 'NH3-N', 'NOx', 'VOCs', 'SO2', '颗粒物'])),
  }).strict(),
  general: z.object({
    ...rule,
    pm25IncreasePctAtLeast: limit,
    goodDayRatioDropAtLeast: limit,
    sectionClassDropAtLeast: count,
    eqiChangeAtMost: limit,
  }).strict(),
}).strict();

export type WatchlistThresholds = z.infer<typeof watchlistThresholds>;

/** Validates a thresholds document; the error names the field that is wrong. */
export function parseWatchlistThresholds(doc: unknown, source: string): WatchlistThresholds {
  const parsed = watchlistThresholds.safeParse(doc);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(根)'}：${i.message}`);
    throw new UserError('WATCHLIST_INVALID', `监管预警阈值文件“${source}”有误：${issues.join('；')}`);
  }
  return parsed.data;
}
