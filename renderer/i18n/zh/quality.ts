// quality page: Chinese words (the reference locale; en/quality.ts must have the same keys).
export const quality = {
  title: '数据质量',
  about: '{{year}}年 · 计算与报告前请先处理“警告”项',
  loading: '正在检查数据质量',
  noData: {
    title: '还没有可检查的数据',
    next: '请到“数据导入”页导入数据，数据质量检查会自动列出缺测、异常值和不一致。',
    action: '去导入数据',
  },
  checks: {
    exportName: '{{year}}年数据质量检查',
    warnings: '{{n}} 项需要处理（共 {{total}} 项检查）',
    clean: '没有需要处理的问题（共 {{total}} 项检查）',
    dataset: '数据集',
    check: '检查项',
    count: '数量',
    severity: '判断',
    detail: '说明',
    examples: '示例',
    separator: '；',
  },
  heatmap: {
    title: '空气站点各月有效天数（站点 × 月）',
    allMet: '所有站点每个月的有效日均值都达到要求（每月至少 27 天，二月 25 天）。',
    intro: '只列出有月份不足的 {{n}} 个站点；格中为有效天数/要求天数，空白格为达标月份。',
    station: '{{name}}（{{code}}）',
    cell: '{{pollutant}}：有效 {{valid}} 天，要求 {{required}} 天',
  },
} as const;
