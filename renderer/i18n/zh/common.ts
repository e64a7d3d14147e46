// Shared words: the app shell (title, page tabs, year, theme, language) and components used on several pages.
// Chinese is the reference locale; en/common.ts must have the same keys.
export const common = {
  appTitle: '生态环境分区管控跟踪评估工作站',
  nav: {
    label: '页面',
    overview: '指标总览',
    district: '区县详情',
    import: '数据导入',
    units: '管控单元',
    scores: '评分',
    watchlist: '预警清单',
    fiveYear: '五年评估',
    reports: '报告',
    quality: '数据质量',
    workspace: '工作空间',
    settings: '设置',
  },
  year: {
    label: '年度',
    option: '{{year}}年',
    notComputed: '{{year}}年（未计算）',
  },
  cycle: {
    annual: '年度跟踪',
    fiveYear: '五年评估',
  },
  theme: {
    toDark: '切换到深色主题',
    toLight: '切换到浅色主题',
    dark: '深色',
    light: '浅色',
  },
} as const;
