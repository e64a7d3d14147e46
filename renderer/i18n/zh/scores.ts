// scores page: Chinese words (the reference locale; en/scores.ts must have the same keys).
export const scores = {
  notComputed: {
    title: '{{year}}年尚未评分',
    next: '评分来自计算结果：先在“指标总览”页计算指标。',
    action: '去指标总览',
  },
  loading: '正在读取评分表',
  empty: { title: '没有区县的评分', next: '请导入数据后重新计算指标。' },
  title: '评分表',
  total: {
    earned: '得分 {{earned}} / {{max}}，折算 ',
    grade: ' 分，等级 ',
  },
  partial: '评分表只含已接入计算的指标；不适用的指标不计入满分，总分按 100 分折算。指标体系 {{id}} v{{version}}。',
  col: {
    indicator: '指标',
    value: '数值',
    target: '目标',
    rule: '评分规则',
    status: '完成情况',
    points: '得分 / 分值',
  },
  manual: {
    open: '自评 / 不适用',
    rule: '评分规则：{{rule}}；计算得分 {{points}} / {{max}}。',
    selfScore: '自评得分（0–{{max}}，留空表示采用计算得分）',
    badScore: '得分应在 0 与分值之间',
    evidence: '佐证材料说明',
    reason: '不适用原因（填写即标记为不适用，报告中会列出）',
    cancel: '取消',
    save: '保存',
  },
} as const;
