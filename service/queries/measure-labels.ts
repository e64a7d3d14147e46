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
  'enforcement.problems_overdue': '逾期未整改问题数',
};
const POLLUTANT_MEASURES: [RegExp, string][] = [[/^emissions\.actual_t\.(.+)$/, '$1实际排放量（吨）'], [/^emissions\.change_pct\.(.+)$/, '$1排放量变化（%）']];

export function measureLabel(id: string, catalogue: Catalogue): string {
  const indicator = catalogue.indicators.find((i) => i.measure === id);
  if (indicator) return indicator.name;
  if (NAMES[id]) return NAMES[id];
  for (const [re, name] of POLLUTANT_MEASURES) if (re.test(id)) return id.replace(re, name);
  return id;
}
