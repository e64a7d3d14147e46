// Spearman rank correlation of a series against time, set-based in SQL (the trend test of the five-year
// evaluation, domain/indicators.md). Ties take their average rank; ρ is then the Pearson correlation of the
// ranks, which is Spearman's ρ with the tie correction. Significance: one-sided 0.05 critical values of the
// Spearman (Daniel) trend test — n = 5 → 0.900 as the spec says.

/** n → the smallest |ρ| significant at 0.05. Fewer than 4 values cannot show a significant trend. */
export const SPEARMAN_CRITICAL_005: Readonly<Record<number, number>> = {
  4: 1.0, 5: 0.9, 6: 0.829, 7: 0.714, 8: 0.643, 9: 0.6, 10: 0.564, 11: 0.523, 12: 0.497, 13: 0.475, 14: 0.457, 15: 0.441, 16: 0.425,
};

/**
 * SQL over `series` (a table or subquery with the columns in `keys`, `year` and `value`; rows with a NULL value
 * are ignored): per key, n, ρ rounded to 4 decimals (NULL when the values do not vary), and whether it is significant.
 */
export function spearmanSql(series: string, keys: string[]): string {
  const k = keys.join(', ');
  const critical = Object.entries(SPEARMAN_CRITICAL_005).map(([n, c]) => `WHEN ${n} THEN ${c}`).join(' ');
  return `(
    WITH ranked AS (
      SELECT ${k}, year, value,
             rank() OVER (PARTITION BY ${k} ORDER BY year) AS ry,
             rank() OVER (PARTITION BY ${k} ORDER BY value) + (count(*) OVER (PARTITION BY ${k}, value) - 1) / 2.0 AS rv
      FROM ${series} WHERE value IS NOT NULL
    ),
    rho AS (
      SELECT ${k}, count(*)::INTEGER AS n,
             CASE WHEN var_pop(rv) > 0 AND count(*) >= 3 THEN round(corr(ry, rv), 4) END AS rho
      FROM ranked GROUP BY ${k}
    )
    SELECT *, CASE WHEN rho IS NULL THEN false
                   ELSE abs(rho) >= coalesce(CASE n ${critical} END, CASE WHEN n > 16 THEN 1.645 / sqrt(n - 1) END, 2) END AS significant
    FROM rho
  )`;
}

/** The trend in words: 显著上升 / 显著下降 / 无显著变化趋势, with 改善/变差 where the indicator has a direction. */
export function trendWordsSql(rho: string, significant: string, n: string, direction: string): string {
  return `CASE WHEN ${n} < 4 THEN '数据不足（有效年份少于4个）'
    WHEN ${rho} IS NULL THEN '无变化'
    WHEN NOT ${significant} THEN '无显著变化趋势'
    WHEN ${rho} > 0 THEN '显著上升' || CASE ${direction} WHEN 'lower_better' THEN '（变差）' WHEN 'higher_better' THEN '（改善）' ELSE '' END
    ELSE '显著下降' || CASE ${direction} WHEN 'lower_better' THEN '（改善）' WHEN 'higher_better' THEN '（变差）' ELSE '' END END`;
}
