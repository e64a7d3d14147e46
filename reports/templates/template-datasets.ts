// Which canonical datasets the city asks districts for (数据填报模板), and why the others are not asked for.
// Every dataset of analytics/import/datasets.ts is in exactly one of the two lists (test/templates.test.ts).
import type { DatasetName } from '../../analytics/import/datasets.js';

/** Datasets a district supplies from its own records, in the order of the pack (dimension A → D of the catalogue). */
export const TEMPLATE_DATASETS: readonly DatasetName[] = [
  'plan_filings', 'work_items', 'eia_approvals', 'soil_stats', 'ecology_units', 'drinking_samples',
  'emissions_annual', 'inspections', 'problems', 'cases',
];

/** Datasets the city holds itself, by reason: said on every template's 填表说明 sheet. */
export const CITY_HELD: readonly { datasets: readonly DatasetName[]; reason: string }[] = [
  {
    datasets: ['units', 'unit_crosswalk', 'reporting_entities', 'access_requirements', 'access_features'],
    reason: '环境管控单元、新旧编码对照、报送主体、生态环境准入清单和空间管控要素是市级统一发布的分区管控成果，由市级维护，区县不另行填报',
  },
  {
    datasets: ['air_stations', 'water_sections', 'drinking_sources', 'permit_holders'],
    reason: '监测站点、断面、饮用水水源地和排污许可单位名录由市级统一维护；模板中的编码下拉列表即取自这些名录',
  },
  {
    datasets: ['air_hourly', 'air_daily', 'water_samples', 'noise', 'online_hourly', 'eqi'],
    reason: '环境空气、地表水、声环境例行监测、污染源自动监控和生态质量指数由市生态环境监测中心及监控平台统一导出或测算，不需区县手工填报',
  },
  {
    datasets: ['targets', 'statistics'],
    reason: '目标责任书目标值由市级下达，部门统计数据由市级向统计等部门统一收集',
  },
];
