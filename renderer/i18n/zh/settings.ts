// settings page: Chinese words (the reference locale; en/settings.ts must have the same keys).
export const settings = {
  title: '设置',
  intro: '设置保存在工作空间中（主题和界面语言保存在本机浏览器）；每次更改都记入审计记录。',
  loading: '正在读取设置',
  user: {
    title: '操作人',
    current: '当前：{{user}}{{unset}}。审计记录的每一条都写明操作人。',
    unset: '（未填写，使用系统账户名）',
    name: '操作人姓名',
    saved: '已保存：此后的操作记录为“{{user}}”。',
  },
  theme: {
    title: '界面主题',
    remembered: '保存在本机，下次打开时沿用。',
    unsupported: '此窗口不支持切换主题。',
  },
  language: {
    title: '界面语言',
    remembered: '保存在本机，下次打开时沿用。工作空间中的数据（指标名称、区县名称、服务返回的说明）保持原文。',
  },
  edition: {
    title: '空气质量标准版本',
    autoLabel: '默认按年份',
    autoHelp: '2025年及以前按 GB 3095-2012 / HJ 633-2012，2026年起按 GB 3095-2026 / HJ 633-2026',
    help2012: '所有年度按 GB 3095-2012 / HJ 633-2012 评价',
    help2026: '所有年度按 GB 3095-2026 / HJ 633-2026 评价',
    changed: '已改为“{{label}}”。已计算的结果保留计算时的版本；重新计算后按新设置评价。',
    note: '计算指标时未另行指定版本，就按此设置（命令行 compute --edition 仍可临时指定）。五年评估的每个年度始终按该年的标准版本。',
  },
  issuing: {
    title: '报告落款',
    intro: '印在报告正文和附件说明之后（GB/T 9704）：发文机关署名和成文日期。未填写时报告中标为“待填写”。',
    issuer: '发文机关（落款）',
    date: '成文日期',
    saved: '已保存，此后生成的报告使用新的落款。',
  },
} as const;
