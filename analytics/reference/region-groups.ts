// 一区两群: each district's group, by year — reference data with one home. The 2020 definition (主城都市区 21 区 =
// 中心城区 9 + 主城新区 12; 渝东北三峡库区城镇群; 渝东南武陵山区城镇群) is the group in CHONGQING_DISTRICTS; the
// 2024 国土空间总体规划 added 垫江县 to 主城都市区 (shared/domain/chongqing.md §4.3). Stored in `district_groups`
// (migration 25); queries take a year's groups through `regionGroupsOfYear`.
import { CHONGQING_DISTRICTS, type DistrictReference } from './chongqing-districts.js';

export interface RegionGroupChange {
  district: string;
  fromYear: number;
  regionGroup: DistrictReference['regionGroup'];
  subGroup: DistrictReference['subGroup'];
}

/** Changes after the 2020 definition, in force from `fromYear`. */
export const REGION_GROUP_CHANGES: readonly RegionGroupChange[] = [
  { district: '500231', fromYear: 2024, regionGroup: '主城都市区', subGroup: '主城新区' },
];

/** Every row of district_groups: the 2020 definition for all 38, then the changes. */
export function regionGroupRows(): RegionGroupChange[] {
  return [
    ...CHONGQING_DISTRICTS.map((d) => ({ district: d.code, fromYear: 2020, regionGroup: d.regionGroup, subGroup: d.subGroup })),
    ...REGION_GROUP_CHANGES,
  ];
}

/** SQL (a subquery) of each district's group in `yearExpr` (a number or a bound parameter such as $y): district_code,
 *  region_group, sub_group. Years before the first version take the first. */
export function regionGroupsOfYear(yearExpr: string | number): string {
  return `(SELECT district_code, region_group, sub_group FROM district_groups
    QUALIFY row_number() OVER (PARTITION BY district_code ORDER BY (from_year <= ${yearExpr}) DESC, CASE WHEN from_year <= ${yearExpr} THEN -from_year ELSE from_year END) = 1)`;
}
