// compute --cycle five-year: the annual runs of the window and the five-year evaluation built from them.
import { positional } from '../args.js';
import { printJson, progressPrinter, type Io } from '../cli-io.js';
import { withWorkspace } from '../session.js';

export async function computeFiveYearCommand(positionals: string[], year: number, json: boolean, io: Io): Promise<number> {
  const r = await withWorkspace(positional(positionals, 0, '工作空间文件 WS'),
    (api) => api.call('evaluation/compute-five-year', { year }), progressPrinter(io, json));
  const note = r.foldsAnnual
    ? `${year}年为五年评估年：本年度的年度跟踪并入五年评估（${r.fromYear}–${r.toYear}年，基准年${r.baselineYear}年），不再单独生成年度跟踪评估；如仍生成年度报告，其首页注明已并入五年评估，报送以五年评估报告为准。`
    : `${year}年不是五年评估年（评估年为逢5、逢0的年份）：以下为截至${year}年的五年滚动评估，年度跟踪照常进行。`;
  if (json) {
    printJson(io, { ok: true, ...r, note });
    return 0;
  }
  io.out(`已完成五年评估：评估批次 ${r.evaluationId}，${r.fromYear}–${r.toYear}年（基准年${r.baselineYear}年），` +
    `${r.items} 项指标/测算序列，其中 ${r.significantTrends} 项趋势显著（Spearman秩相关，0.05）。`);
  io.out(`各年度计算批次：${r.runs.map((x) => `${x.year}年 ${x.runId}${x.reused ? '（沿用）' : ''}`).join('，')}`);
  io.out(note);
  return 0;
}
