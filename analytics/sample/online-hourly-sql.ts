// Synthetic hourly online-monitoring data (HJ 212 hour data, 2061) in SQL, deterministic by seed (noise is a hash
// of seed, outlet and hour). Flue-gas outlets report measured (Avg) and O2-corrected (ZsAvg) concentrations,
// wastewater outlets only the measured one. Flags as HJ 212 writes them: N normally, F on days the plant stood
// still, M/C/D/T/B now and then. One outlet exceeds its limit for a few hours (for the quality summary).
import type { SampleOutlet } from './sample-permits.js';
import { sqlString } from '../sql.js';

function outletValuesSql(outlets: SampleOutlet[]): string {
  const rows = outlets.flatMap((o, i) => o.pollutants.map((p) =>
    `(${i}, ${sqlString(o.permitNo)}, ${sqlString(o.outletCode)}, ${sqlString(o.kind)}, ${sqlString(p.code)}, ${p.level}, ${p.limit})`));
  return `(VALUES ${rows.join(', ')}) AS o(n, permit_no, outlet_code, kind, code, level, lim)`;
}

/** Rows: permit_no, outlet_code, time (hour-ending text), code, avg, zs_avg, lim, flag — up to the current hour. */
export function onlineHourlySql(outlets: SampleOutlet[], fromYear: number, toYear: number, seed: number): string {
  const u = (...k: string[]) => `((hash(${seed}, ${k.join(', ')}) % 1000000)::DOUBLE + 0.5) / 1000000`;
  const z = (...k: string[]) => `(sqrt(-2 * ln(${u(...k, "'a'")})) * cos(2 * pi() * ${u(...k, "'b'")}))`;
  return `
    WITH hours AS (
      SELECT unnest(generate_series(TIMESTAMP '${fromYear}-01-01 01:00:00', TIMESTAMP '${toYear + 1}-01-01 00:00:00', INTERVAL 1 HOUR)) AS t
    ),
    base AS (
      SELECT o.*, h.t, CAST(h.t - INTERVAL 1 HOUR AS DATE) AS d, hour(h.t - INTERVAL 1 HOUR) AS hr,
        ${u('o.outlet_code', 'o.permit_no', 'CAST(h.t - INTERVAL 1 HOUR AS DATE)::VARCHAR', "'stop'")} < 0.012 AS stopped,
        ${u('o.permit_no', 'o.outlet_code', 'h.t::VARCHAR', "'flag'")} AS uf
      FROM ${outletValuesSql(outlets)} CROSS JOIN hours h
      WHERE h.t <= now()::TIMESTAMP
    ),
    conc AS (
      SELECT *,
        CASE WHEN stopped THEN 'F' WHEN uf < 0.004 THEN 'M' WHEN uf < 0.006 THEN 'C' WHEN uf < 0.007 THEN 'D'
             WHEN uf < 0.0075 THEN 'B' WHEN uf < 0.008 THEN 'T' ELSE 'N' END AS flag,
        -- production runs higher by day; lognormal noise; the exceedance: outlet 0, 10–15 March, six hours
        level * (1 + 0.15 * cos(2 * pi() * (hr - 14) / 24)) * exp(0.18 * ${z('permit_no', 'outlet_code', 'code', 't::VARCHAR')})
          * CASE WHEN n = 0 AND month(d) = 3 AND day(d) = 10 AND hr BETWEEN 9 AND 14 THEN 2.4 * lim / level ELSE 1 END AS zs,
        -- flue gas: O2 around 9 % against the 6 % reference → corrected = measured × 15 / (21 − O2)
        8.5 + 1.5 * ${u('permit_no', 'outlet_code', 't::VARCHAR', "'o2'")} AS o2
      FROM base
    )
    SELECT permit_no, outlet_code, strftime(t, '%Y-%m-%d %H:%M') AS time, code,
      CASE WHEN flag = 'F' THEN NULL WHEN kind = 'DA' THEN round(zs * (21 - o2) / 15, 2) ELSE round(zs, 3) END AS avg,
      CASE WHEN flag = 'F' OR kind = 'DW' THEN NULL ELSE round(zs, 2) END AS zs_avg,
      lim, flag
    FROM conc
    ORDER BY t, permit_no, outlet_code, code`;
}
