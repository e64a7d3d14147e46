// district page: Chinese words (the reference locale; en/district.ts must have the same keys).
export const district = {
  title: '区县详情',
  loading: '正在读取区县结果',
  notComputed: {
    title: '{{year}}年的指标尚未计算',
    next: '先在“指标总览”页计算指标，再查看区县详情。',
    action: '去指标总览',
  },
  noResults: {
    title: '没有区县的计算结果',
    next: '请导入数据后重新计算指标。',
  },
  about: '{{year}}年 · 得分 {{earned}}/{{max}} · 折算 {{total}} 分 · {{grade}}',
  lineageHint: '点击数值查看它的来源：测算方法、数据批次（文件、SHA-256、行数）和背后的原始记录。',
  showLineage: '查看数据来源',
  tableLabel: '{{name}}{{year}}年指标',
  exportName: '{{name}}{{year}}年指标',
  column: {
    indicator: '指标',
    dimension: '维度',
    value: '数值',
    target: '目标',
    status: '完成情况',
    points: '得分',
    fraction: '分子 / 分母',
    previous: '上年',
  },
} as const;
