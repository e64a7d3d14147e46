// 一区两群 for the city report: each district's group in the report's year (analytics/reference/region-groups.ts) and
// the other reporting entities of the city (万盛经开区, 两江新区 …, the reporting_entities register) with whether the
// run scored them on their own.
import type { Sql } from '../analytics/workspace.js';
import { regionGroupsOfYear } from '../analytics/reference/region-groups.js';

export interface RegionGroupsData {
  groups: { district: string; regionGroup: string; subGroup: string | null }[];
  entities: { code: string; name: string; host: string; hostName: string; scored: boolean }[];
}

export async function loadRegionGroups(sql: Sql, year: number, runId: number): Promise<RegionGroupsData> {
  const groups = await sql.all<{ district: string; regionGroup: string; subGroup: string | null }>(
    `SELECT district_code AS district, region_group AS "regionGroup", sub_group AS "subGroup" FROM ${regionGroupsOfYear(Math.trunc(year))} ORDER BY district_code`);
  const entities = await sql.all<{ code: string; name: string; host: string; hostName: string; scored: boolean }>(`
    SELECT e.entity_code AS code, any_value(e.name) AS name, any_value(e.host_district_code) AS host, coalesce(any_value(d.name), any_value(e.host_district_code)) AS "hostName",
      EXISTS (SELECT 1 FROM indicator_values v WHERE v.run_id = $r AND v.entity_code = e.entity_code) AS scored
    FROM reporting_entities e LEFT JOIN districts d ON d.district_code = e.host_district_code
    GROUP BY e.entity_code ORDER BY e.entity_code`, { r: runId });
  return { groups, entities };
}
