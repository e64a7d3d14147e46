// reports page: Chinese words (the reference locale; en/reports.ts must have the same keys).
export const reports = {
  notComputed: {
    title: '{{year}}年的指标尚未计算',
    next: '报告取自计算结果：先在“指标总览”页计算指标，再生成报告。',
    action: '去指标总览',
  },
  loading: '正在读取区县',
  empty: { title: '没有区县的计算结果', next: '请导入数据后重新计算指标。' },
  title: '报告',
  annual: {
    district: '生成{{year}}年度自评报告',
    city: '生成全市汇总报告',
    all: '全部区县和全市',
    evaluationYear: '{{year}}年为五年评估年：本年度跟踪评估并入{{from}}–{{year}}年五年评估报告。此处仍可生成年度报告，其首页注明此事，报送以五年评估报告为准。',
  },
  fiveYear: {
    district: '生成{{from}}–{{to}}年五年评估报告',
    city: '生成全市五年评估汇总报告',
    all: '全部区县和全市（五年评估）',
    cycle: '当前评估周期为“五年评估”：生成{{from}}–{{to}}年五年评估报告（在“工作空间”页可切换为年度跟踪）。',
    missing: '{{from}}–{{to}}年的五年评估尚未计算，无法生成五年评估报告：请先在“五年评估”页运行五年评估（或在“工作空间”页切换回年度跟踪）。',
    go: '去五年评估',
  },
  progress: '正在生成报告（汇总数据、绘制图表、写入 Word 和 Excel）…',
  list: {
    title: '已生成的报告',
    loading: '正在读取已生成的报告',
    none: '{{year}}年还没有生成报告。选择区县后点击“生成”，或一次生成全部区县和全市汇总报告；报告写入工作空间旁的 zonetrack-reports 文件夹。',
    annualName: '{{name}} {{year}}年度',
    fiveYearName: '{{name}} {{from}}–{{to}}年五年评估',
    generated: '生成于 {{time}} · {{user}}',
    source: '来源：{{year}}年计算（计算批次 {{run}}，{{time}}）· 指标体系 {{catalogue}} {{version}}{{layers}} · {{batches}} 个数据批次',
    layers: '（细化层 {{hashes}}）',
    sourceFiveYear: '五年评估编号 {{id}}（{{time}}）· ',
    folder: '文件夹：{{path}}',
  },
  stale: {
    recomputed: '已过期：之后重新计算过',
    changed: '文件已被修改',
    missing: '文件已不存在',
  },
  download: {
    report: '下载自评报告（.docx）',
    workbook: '下载评分表（.xlsx）',
  },
  open: {
    report: '打开自评报告',
    workbook: '打开评分表',
    folder: '打开所在文件夹',
  },
  copy: {
    button: '复制文件夹路径',
    done: '已复制',
    failed: '无法访问剪贴板，请手动复制上面的路径',
  },
} as const;
