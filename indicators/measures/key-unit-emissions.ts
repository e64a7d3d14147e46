// C14: the main pollutants (COD, NH3-N, NOx, VOCs) emitted by permit holders inside key control units —
// Σ actual_t per pollutant this year against the previous year; the indicator counts the pollutants that did
// not increase (0.75 points each).
import type { MeasureRow } from './air-annual.js';
import type { RecordMeasure } from './record-measure.js';

export const KEY_POLLUTANTS = ['COD', 'NH3-N', 'NOx', 'VOCs'] as const;

export const KEY_UNIT_EMISSION_MEASURES: RecordMeasure[] = KEY_POLLUTANTS.map((p) => ({
  id: `emissions.key_unit_actual_t.${p}`, kind: 'sum', decimals: 3,
  records: `SELECT h.district_code, h.unit_code, e.year, e.actual_t, NULL, e.batch_id, NULL
    FROM emissions_annual e JOIN zt_holders h USING (permit_no)
    WHERE e.pollutant = '${p}' AND e.actual_t IS NOT NULL AND substr(h.unit_code, 9, 1) = '2'`,
}));

export const KEY_UNIT_DERIVED_IDS = ['emissions.key_unit_pollutants_not_increased'];

/**
 * Per entity: how many of the four pollutants did not increase on last year. A pollutant with no emissions in
 * either year did not increase; one emitted this year but not last year did. Without any key-unit emissions
 * last year the comparison cannot be made (数据不足 via valid = false).
 */
export function keyUnitEmissionRows(rows: MeasureRow[], year: number): MeasureRow[] {
  const ids = KEY_POLLUTANTS.map((p) => `emissions.key_unit_actual_t.${p}`);
  const byKey = new Map(rows.filter((r) => ids.includes(r.measure)).map((r) => [`${r.measure}|${r.entity_code}|${r.year}`, r]));
  const entities = new Map(rows.filter((r) => ids.includes(r.measure) && (r.year === year || r.year === year - 1))
    .map((r) => [r.entity_code, r.entity_level]));
  const out: MeasureRow[] = [];
  for (const [code, level] of entities) {
    const cur = KEY_POLLUTANTS.map((p) => byKey.get(`emissions.key_unit_actual_t.${p}|${code}|${year}`));
    const prev = KEY_POLLUTANTS.map((p) => byKey.get(`emissions.key_unit_actual_t.${p}|${code}|${year - 1}`));
    const hasPrev = prev.some((r) => r !== undefined);
    const hasCur = cur.some((r) => r !== undefined);
    const parts = KEY_POLLUTANTS.map((p, k) => {
      const c = cur[k]?.value ?? 0, q = prev[k]?.value ?? 0;
      return { p, c, q, up: c > q + 1e-9 };
    });
    const notUp = parts.filter((x) => !x.up).length;
    out.push({
      measure: 'emissions.key_unit_pollutants_not_increased', entity_code: code, entity_level: level, year,
      value: hasPrev && hasCur ? notUp : null, numerator: hasPrev && hasCur ? notUp : null, denominator: KEY_POLLUTANTS.length, completeness: 1,
      valid: hasPrev && hasCur,
      detail: !hasPrev ? `缺少${year - 1}年重点管控单元排放量` : !hasCur ? `缺少${year}年重点管控单元排放量`
        : parts.map((x) => `${x.p} ${x.q.toFixed(3)}→${x.c.toFixed(3)}t${x.up ? '（增加）' : ''}`).join('；'),
      batches: [...new Set([...cur, ...prev].flatMap((r) => r?.batches ?? []))],
    });
  }
  return out;
}
