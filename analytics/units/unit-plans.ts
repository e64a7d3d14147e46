// Control units change with plan updates (2020 plans, the 2023 adjustment …). A year is evaluated against the
// units in force that year: the newest plan version not later than the year (versions are years). Units are
// matched across versions through unit_crosswalk (old code → new code) for multi-year comparisons.

/** SQL for the units in force in `year`: one row per unit of the newest plan version ≤ year (per district). */
export function unitsInForceSql(year: number): string {
  return `(
    SELECT u.* FROM units u
    WHERE TRY_CAST(u.plan_version AS INTEGER) = (
      SELECT max(TRY_CAST(v.plan_version AS INTEGER)) FROM units v
      WHERE v.district_code = u.district_code AND TRY_CAST(v.plan_version AS INTEGER) <= ${Math.trunc(year)})
  )`;
}

/**
 * SQL mapping every code ever used to its code in the plan in force in `year`: itself when unchanged,
 * else through the crosswalk (one step per plan update, followed transitively).
 */
export function unitCodeInYearSql(year: number): string {
  return `(
    WITH RECURSIVE chain(code, current, depth) AS (
      SELECT unit_code, unit_code, 0 FROM units
      UNION
      SELECT c.code, x.new_code, c.depth + 1 FROM chain c JOIN unit_crosswalk x ON x.old_code = c.current
      WHERE c.depth < 10
    )
    SELECT c.code, c.current AS code_in_year FROM chain c
    WHERE c.current IN (SELECT unit_code FROM ${unitsInForceSql(year)})
  )`;
}

/**
 * SQL for a register (air_stations, water_sections, permit_holders, drinking_sources: one row per place) with each
 * row's unit_code read as the code in force in `year`. A register kept since an older plan names its old code;
 * the crosswalk carries it to the unit that replaced it. A code with no single successor (a unit split in two)
 * or not yet in force stays as written.
 */
export function registerInYearSql(table: 'air_stations' | 'water_sections' | 'permit_holders' | 'drinking_sources', year: number): string {
  return `(
    SELECT r.* REPLACE (coalesce(m.code_in_year, r.unit_code) AS unit_code) FROM ${table} r
    LEFT JOIN (SELECT code, CASE WHEN count(DISTINCT code_in_year) = 1 THEN any_value(code_in_year) END AS code_in_year
               FROM ${unitCodeInYearSql(year)} GROUP BY code) m ON m.code = r.unit_code
  )`;
}
