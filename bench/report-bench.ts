// Report generation at city scale (issue 6): every district's .docx report and .xlsx workbook plus the city
// summary report and workbook, from the `city` sample (2024–2025, computed for 2025), in one batch.
// Goals: ≤ 60 s for all, ≤ 3 s median per district report. The workspace is built once and kept in the bench
// folder (import and compute are not timed here; bench/run-bench.ts measures those).
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Workspace } from '../analytics/workspace.js';
import { importFiles } from '../analytics/import/import-files.js';
import { generateSample } from '../analytics/sample/generate-sample.js';
import { computeIndicators } from '../indicators/engine.js';
import { writeAllReports } from '../reports/write-reports.js';
import { localNow } from '../service/clock.js';

const YEAR = 2025;

async function cityWorkspace(root: string): Promise<Workspace> {
  const path = join(root, 'report-city.duckdb');
  if (existsSync(path)) return Workspace.open(path);
  console.error(`生成城市规模示例数据并计算 ${YEAR} 年指标（只在首次运行时）……`);
  const files = await generateSample({ outDir: join(root, 'report-city-sample'), years: [YEAR - 1, YEAR], scale: 'city', seed: 2026 });
  const ws = await Workspace.create(`${path}.building`);
  await importFiles(ws, files.map((f) => f.path).filter((p) => !p.endsWith('.md')));
  await computeIndicators(ws, { at: localNow(), year: YEAR });
  await ws.close();
  const { rename } = await import('node:fs/promises');
  await rename(`${path}.building`, path);
  return Workspace.open(path);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

/** Runs the report bench and prints one summary line per measure. */
export async function runReportBench(root: string): Promise<void> {
  await mkdir(root, { recursive: true });
  const ws = await cityWorkspace(root);
  const out = join(root, 'report-out');
  await rm(out, { recursive: true, force: true });
  try {
    const times: { entity: string; ms: number }[] = [];
    let last = performance.now();
    let current = '';
    const t0 = performance.now();
    const written = await writeAllReports(ws, YEAR, out, {
      onProgress: (p) => {
        const now = performance.now();
        if (current) times.push({ entity: current, ms: now - last });
        current = p.entity;
        last = now;
      },
    });
    const total = performance.now() - t0;
    const districts = times.filter((t) => t.entity !== 'city');
    const city = times.find((t) => t.entity === 'city');
    const slowest = [...districts].sort((a, b) => b.ms - a.ms)[0];
    console.log([
      `报告生成（城市规模示例，${YEAR}年）：${districts.length} 个区县报告+评分表，1 个全市汇总报告+汇总表，共 ${written.length * 2} 个文件`,
      `  合计：${(total / 1000).toFixed(1)} s（目标 ≤ 60 s；含首个报告读取数据质量汇总）`,
      `  单个区县（报告+评分表）中位数：${(median(districts.map((t) => t.ms)) / 1000).toFixed(2)} s（目标 ≤ 3 s）；最慢 ${slowest?.entity ?? '—'} ${((slowest?.ms ?? 0) / 1000).toFixed(2)} s`,
      `  全市汇总报告+汇总表：${((city?.ms ?? 0) / 1000).toFixed(2)} s`,
    ].join('\n'));
  } finally {
    await ws.close();
  }
}
