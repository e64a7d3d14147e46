// 一张图 (map page and the maps on other pages): Chinese words (the reference locale; en/map.ts has the same keys).
export const map = {
  title: '一张图',
  loading: '正在读取管控单元边界',
  noGeometry: {
    title: '管控单元没有边界',
    next: '请在“数据导入”页导入带边界的环境管控单元（GeoJSON）。',
    action: '去导入数据',
  },
  withoutGeometry: '{{n}} 个管控单元没有边界，未在图上显示：{{codes}}',
  plan: '{{year}}年执行 {{versions}} 版管控单元，共 {{n}} 个',
  colour: {
    label: '单元着色',
    type: '按单元类别',
    flags: '按预警状态',
    measure: '{{label}}',
  },
  district: '区县',
  allDistricts: '全市',
  layer: {
    districts: '区县边界',
    stations: '空气站点',
    sections: '地表水断面',
  },
  legend: {
    type1: '优先保护单元',
    type2: '重点管控单元',
    type3: '一般管控单元',
    flagged: '进入预警清单',
    other: '未进入清单',
    noValue: '无数值',
  },
  tip: {
    code: '编码：',
    type: '类别：',
    value: '数值：',
    station: '空气站点：',
    section: '断面：',
  },
  notComputed: '{{year}}年尚未计算，只能按单元类别着色。',
  watchTitle: '进入预警清单的管控单元（{{n}} 个）',
  listSeparator: '、',
  neighbours: '本单元及相邻单元',
};
