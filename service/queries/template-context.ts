// What a district's data-request template needs from the workspace (reports/templates/): the district's name, and
// the codes its rows may name — the units in force in the year, its permit holders and drinking-water sources.
import type { Sql } from '../../analytics/sql-statements.js';
import { UserError } from '../../analytics/errors.js';
import { registerInYearSql, unitsInForceSql } from '../../analytics/units/unit-plans.js';
import type { CodeChoice, TemplateContext } from '../../reports/templates/data-template.js';

export async function templateContext(sql: Sql, district: string, year: number): Promise<TemplateContext> {
  const d = await sql.one<{ name: string }>('SELECT name FROM districts WHERE district_code = $d', { d: district });
  if (!d) throw new UserError('UNKNOWN_DISTRICT', `未知的区县代码“${district}”：应为工作空间中的区县（如 500103 渝中区）`);
  const codes = (query: string) => sql.all<CodeChoice>(query, { d: district });
  const units = await codes(`SELECT unit_code AS code, unit_name AS name FROM ${unitsInForceSql(year)} WHERE district_code = $d ORDER BY unit_code`);
  const permits = await codes(`SELECT permit_no AS code, name FROM ${registerInYearSql('permit_holders', year)} WHERE district_code = $d ORDER BY permit_no`);
  const sources = await codes(`SELECT source_code AS code, name FROM ${registerInYearSql('drinking_sources', year)} WHERE district_code = $d ORDER BY source_code`);
  return { year, district: { code: district, name: d.name }, codes: { unit_code: units, permit_no: permits, source_code: sources } };
}
