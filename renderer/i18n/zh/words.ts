// The server's own words that are enumerations (statuses, grades, trends, unit types, batch states, dataset names):
// the Chinese the service sends, under codes, so that the English UI can name them. The service stays Chinese;
// renderer/i18n/server-words.ts maps a Chinese word to its code and its English. Free-text messages stay Chinese.
// `dataset` must equal the data dictionary's labels (analytics/import/datasets.ts; checked by test/renderer-strings).
export const words = {
  status: {
    met: '达标', notMet: '未达标', notApplicable: '不适用', missing: '数据缺失', insufficient: '数据不足', selfScored: '已自评',
    valid: '有效', noStation: '无站点', noSection: '无断面', noData: '无数据',
  },
  grade: { excellent: '优秀', good: '良好', pass: '合格', fail: '不合格' },
  trend: {
    tooFew: '数据不足（有效年份少于4个）', none: '无变化', notSignificant: '无显著变化趋势',
    up: '显著上升', upWorse: '显著上升（变差）', upBetter: '显著上升（改善）',
    down: '显著下降', downBetter: '显著下降（改善）', downWorse: '显著下降（变差）',
  },
  unitType: { priority: '优先保护', key: '重点管控', general: '一般管控' },
  batch: { superseded: '已被批次{{id}}替换', removed: '已移除（{{reason}}）' },
  dataset: {
    units: '环境管控单元', reporting_entities: '报送主体', unit_crosswalk: '管控单元新旧编码对照', air_stations: '环境空气监测站点',
    water_sections: '地表水监测断面', drinking_sources: '集中式饮用水水源地', permit_holders: '排污许可单位', air_hourly: '环境空气小时数据',
    air_daily: '环境空气日数据', water_samples: '地表水监测数据', drinking_samples: '饮用水水源地水质', noise: '声环境监测',
    eqi: '生态质量指数', ecology_units: '生态保护红线监管', soil_stats: '土壤安全利用', statistics: '部门统计数据',
    targets: '目标责任书目标值', emissions_annual: '排污单位年度排放量', online_hourly: '污染源在线监测小时数据', inspections: '执法检查',
    cases: '行政处罚案件', problems: '问题整改', eia_approvals: '环评审批', plan_filings: '分区管控方案发布与备案',
    work_items: '分区管控工作事项', access_requirements: '生态环境准入清单', access_features: '空间管控要素',
  },
} as const;
