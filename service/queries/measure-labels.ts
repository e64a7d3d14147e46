// Chinese names of measures for tables that list them (a unit's page): the catalogue's indicator name where an
// indicator uses the measure, else a name from this list; an unknown id is shown as it is.
import type { Catalogue } from '../../indicators/catalogue/schema.js';

const NAMES: Record<string, string> = {
  'air.so2_annual_mean': 'SO2年均浓度', 'air.no2_annual_mean': 'NO2年均浓度', 'air.pm10_annual_mean': 'PM10年均浓度',
  'air.so2_24h_p98': 'SO2日均值第98百分位', 'air.no2_24h_p98': 'NO2日均值第98百分位', 'air.pm10_24h_p95': 'PM10日均值第95百分位',
  'air.pm25_24h_p95': 'PM2.5日均值第95百分位', 'air.co_24h_p95': 'CO日均值第95百分位', 'air.composite_index': '环境空气质量综合指数',
  'air.attainment': '六项污染物达标情况', 'water.grade': '水质类别', 'water.section_class': '断面水质类别',
  'water.target_attainment': '断面水质目标达标率', 'water.failing_sections': '未达目标断面数', 'water.good_ratio_change': '水质优良比例变化',
  'drinking.compliance_rate': '饮用水水源地达标率', 'eco.red_line_area_km2': '生态保护红线面积', 'eco.human_activity_patches': '新增人类活动图斑',
  'enforcement.cases': '环境违法案件数', 'enforcement.fines_cny': '罚没金额（元）', 'enforcement.five_category_cases': '五类案件数',
  'enforcement.problems_overdue': '未按期整改问题数',
  'drinking.noncompliant_sources': '未达标水源地数', 'eco.eqi': '生态质量指数（EQI）', 'eco.human_activity_area_km2': '新增人类活动面积',
  'eco.problems_found': '生态问题发现数', 'eco.problems_rectified': '生态问题整改数', 'eco.red_line_area_change_km2': '生态保护红线面积变化',
  'eco.red_line_retention_rate': '生态保护红线面积保有率', 'emissions.holders_over_permit': '超许可排放量的排污单位数',
  'emissions.holders_reporting': '报送排放量的排污单位数', 'emissions.reports_late': '逾期提交执行报告数',
  'enforcement.inspections': '执法检查次数', 'enforcement.inspections_with_findings': '发现问题的检查次数',
  'enforcement.key_polluter_inspection_coverage_all_units': '重点排污单位检查覆盖率（全部单元）', 'enforcement.priority_unit_cases': '优先保护单元内案件数',
  'enforcement.problems_due': '到期问题数', 'enforcement.problems_found': '发现问题数', 'enforcement.problems_rectified_on_time': '按期整改问题数',
  'enforcement.problems_open': '未整改问题数', 'online.exceedance_rate': '在线监测超标率', 'zoning.eia_approvals': '环评审批数',
  'zoning.eia_with_zoning_analysis': '开展分区管控符合性分析的环评数', 'water.worse_than_v_ratio': '劣Ⅴ类断面比例',
  'water.main_pollutants': '主要污染指标', 'unit.eqi': '单元生态质量指数', 'unit.eqi_change': '单元生态质量指数变化',
  'unit.red_line_area_change': '单元红线面积变化', 'unit.pm25_change_pct': '单元PM2.5浓度变化率', 'unit.good_day_ratio_change': '单元优良天数比例变化',
  'water.section_class_change': '断面水质类别变化', 'air.heavy_pollution_days': '重污染天数', 'air.good_day_ratio': '优良天数比例',
  'air.pm25_annual_mean': 'PM2.5年均浓度', 'water.good_ratio': '水质优良比例',
};

/** Units of measures (shown beside their names); rates in %, counts by what they count. */
const UNITS: [RegExp, string][] = [
  [/^air\.(so2|no2|pm10|pm25)_(annual_mean|24h_p\d+)$|^air\.o3_8h_p90$/, '微克/立方米'], [/^air\.co_24h_p95$/, '毫克/立方米'],
  [/_(rate|ratio)$|_pct$|^air\.good_day_ratio_change$|^water\.good_ratio_change$/, '%'], [/_days$/, '天'], [/_km2$|^eco\.red_line_area_change_km2$/, '平方千米'],
  [/_cny$/, '元'], [/^emissions\.actual_t\.|^emissions\.permitted_t\./, '吨'], [/(cases|inspections|inspections_with_findings)$/, '件'],
  [/(problems_\w+|problems_found|problems_rectified|sources|approvals|reports_late|holders_\w+|patches|failing_sections|eia_with_zoning_analysis)$/, '个'],
];

/** The unit a measure is written in ('' for indices, classes and texts). */
export function measureUnit(id: string, catalogue: Catalogue): string {
  const indicator = catalogue.indicators.find((i) => i.measure === id);
  if (indicator?.unit) return indicator.unit;
  return UNITS.find(([re]) => re.test(id))?.[1] ?? '';
}
const POLLUTANT_MEASURES: [RegExp, string][] = [[/^emissions\.actual_t\.(.+)$/, '$1实际排放量（吨）'], [/^emissions\.change_pct\.(.+)$/, '$1排放量变化（%）']];

export function measureLabel(id: string, catalogue: Catalogue): string {
  const indicator = catalogue.indicators.find((i) => i.measure === id);
  if (indicator) return indicator.name;
  if (NAMES[id]) return NAMES[id];
  for (const [re, name] of POLLUTANT_MEASURES) if (re.test(id)) return id.replace(re, name);
  return id;
}
