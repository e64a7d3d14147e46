// Evaluation bench (issue 5): on the city-scale sample of 2020–2025 (every dataset except the online-monitoring
// hours unless --with-online: those are the import bench's subject and would take most of the time here), the
// time to compute, score and draw up the watch list for every district and unit — for the annual cycle (2025)
// and for the five-year evaluation 2021–2025 (baseline 2020). Peak RSS of the process is printed at the end.
// It also checks what issue 5 asks of the city sample: a sheet per district whose item points add up to its
// total, a ranking of every district, and the watch-list faults the generator plants found on the list.
//   node dist/bench/evaluation-bench.js [--with-online] [--keep-workspace]     (or npm run bench -- --evaluation)
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSample, plantedWatchFaults, type SampleFile } from '../analytics/sample/generate-sample.js';
import type { DatasetName } from '../analytics/import/datasets.js';
import { Workspace } from '../analytics/workspace.js';
import { importFiles } from '../analytics/import/import-files.js';
import { computeIndicators } from '../indicators/engine.js';
import { scoreSheets, type ScoreSheet } from '../indicators/results.js';
import { watchList, type WatchFlag } from '../indicators/watchlist/watchlist.js';
import { scoreRanking } from '../indicators/scoring/score-ranking.js';
import { computeFiveYear, readFiveYear } from '../indicators/five-year/evaluation.js';
import { DATASETS } from '../analytics/import/datasets.js';
import { localNow } from '../service/clock.js';

const YEARS = [2020, 2021, 2022, 2023, 2024, 2025];
const EVALUATION_YEAR = 2025;
const SEED = 2026;
/** The hourly files take most of the generation time and are kept between runs; every other dataset is small and
 *  written again each run, so the check follows the generator's current rules (unit codes in force per year,
 *  planted faults). */
const KEPT: DatasetName[] = ['air_hourly', 'online_hourly'];

/** What the checks found wrong; the bench fails at the end (after every timing is printed) if anything is here. */
const failures: string[] = [];
let districtCount = 0;

const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

/** Every sheet's applicable item points add up to its earned points and total; the ranking holds every sheet. */
function checkSheets(sheets: ScoreSheet[], year: number): string {
  const bad = sheets.filter((s) => {
    const applicable = s.items.filter((i) => i.status !== '不适用');
    const earned = applicable.reduce((t, i) => t + (i.points ?? 0), 0);
    const max = applicable.reduce((t, i) => t + (i.maxPoints ?? 0), 0);
    return Math.abs(earned - s.earned) > 0.005 || max !== s.applicableMax || s.total !== (max > 0 ? Math.round((earned / max) * 1000) / 10 : 0);
  });
  const ranking = scoreRanking(sheets);
  if (sheets.length !== districtCount) failures.push(`${year}年评分表 ${sheets.length} 张，应为 ${districtCount} 张（每个区县一张）`);
  if (bad.length) failures.push(`${year}年评分表得分合计与总分不一致：${bad.map((s) => s.entity).join('、')}`);
  if (ranking.length !== sheets.length) failures.push(`${year}年排名 ${ranking.length} 个区县，评分表 ${sheets.length} 张`);
  const top = ranking.slice(0, 3).map((r) => `${r.rank} ${r.name} ${r.total}`).join('，');
  return `${sheets.length} 张，得分合计与总分${bad.length ? `不一致 ${bad.length} 张：${bad.map((s) => s.entity).join('、')}` : '全部一致'}；` +
    `排名 ${ranking.length} 个区县（前三：${top}）`;
}

/** The planted watch-list faults (示例数据_说明.md) each found on the list with its condition. */
function checkPlanted(flags: WatchFlag[]): string {
  const planted = plantedWatchFaults({ seed: SEED, scale: 'city', years: YEARS });
  const missing = planted.filter((p) => !flags.some((f) => f.unitCode === p.unitCode && f.evidence.some((e) => e.condition.includes(p.condition))));
  if (missing.length) failures.push(`预警清单缺少预设情形：${missing.map((m) => `${m.unitCode}（${m.condition}）`).join('、')}`);
  return `${flags.length} 个单元进入清单；预设预警情形 ${planted.length - missing.length}/${planted.length} 项在清单中` +
    (missing.length ? `，缺少：${missing.map((m) => `${m.unitCode}（${m.condition}）`).join('、')}` : '');
}

async function timed<T>(label: string, fn: () => Promise<T>, describe: (r: T) => string): Promise<T> {
  const t0 = performance.now();
  const r = await fn();
  console.log(`  ${label}：${((performance.now() - t0) / 1000).toFixed(2)} s（${describe(r)}）`);
  return r;
}

export async function evaluationBench(root: string, withOnline = process.argv.includes('--with-online'), keep = process.argv.includes('--keep-workspace')): Promise<void> {
  const dir = join(root, `evaluation-city-${YEARS[0]}-${YEARS.at(-1)}${withOnline ? '-online' : ''}`);
  const datasets = (Object.keys(DATASETS) as DatasetName[]).filter((d) => withOnline || d !== 'online_hourly');
  console.log(`评估基准（城市规模，${YEARS[0]}–${YEARS.at(-1)}年，${withOnline ? '含' : '不含'}在线监测小时数据）`);
  let files: SampleFile[];
  if (!existsSync(join(dir, 'files.json'))) {
    console.error(`生成城市规模示例数据到 ${dir} ……`);
    const t0 = performance.now();
    files = await generateSample({ outDir: dir, years: YEARS, scale: 'city', seed: SEED, datasets });
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(dir, 'files.json'), JSON.stringify(files));
    console.log(`  生成示例数据：${((performance.now() - t0) / 1000).toFixed(1)} s，${files.length} 个文件`);
  } else {
    const { readFile } = await import('node:fs/promises');
    const kept = (JSON.parse(await readFile(join(dir, 'files.json'), 'utf8')) as SampleFile[]).filter((f) => KEPT.includes(f.dataset));
    const small = await generateSample({ outDir: dir, years: YEARS, scale: 'city', seed: SEED, datasets: datasets.filter((d) => !KEPT.includes(d)) });
    files = [...small, ...kept];
  }
  await mkdir(join(root, 'work'), { recursive: true });
  const db = join(root, 'work', 'evaluation.duckdb');
  await rm(db, { force: true });
  await rm(`${db}.wal`, { force: true });
  const ws = await Workspace.create(db);
  try {
    await timed('导入全部文件', () => importFiles(ws, files.map((f) => f.path)), (r) => `${r.batches.length} 个批次，${r.batches.reduce((s, b) => s + b.rows, 0).toLocaleString('en-US')} 行`);
    const counts = (await ws.one<{ d: number; u: number }>(`SELECT (SELECT count(*) FROM districts)::INTEGER AS d,
      (SELECT count(DISTINCT unit_code) FROM units WHERE plan_version = '2023')::INTEGER AS u`))!;
    districtCount = counts.d;
    console.log(`  导入后进程峰值内存：${peakRssMb()} MB`);
    console.log(`  评价对象：${counts.d} 个区县、${counts.u} 个管控单元（2023版）和全市`);

    console.log(`年度跟踪（${EVALUATION_YEAR}年）`);
    await timed('计算全部指标与测算', () => computeIndicators(ws, { at: localNow(), year: EVALUATION_YEAR }), (r) => `${r.values} 个指标值`);
    await timed('评分表（全部区县）', () => scoreSheets(ws, EVALUATION_YEAR), (r) => checkSheets(r, EVALUATION_YEAR));
    await timed('监管预警清单（全部单元）', () => watchList(ws, EVALUATION_YEAR), checkPlanted);

    console.log(`五年评估（${EVALUATION_YEAR - 4}–${EVALUATION_YEAR}年，基准年${EVALUATION_YEAR - 5}年）`);
    const s = await timed('计算五年评估（含各年度计算）', () => computeFiveYear(ws, { at: localNow(), year: EVALUATION_YEAR }),
      (r) => `${r.items} 条序列，${r.significantTrends} 条趋势显著；沿用 ${r.runs.filter((x) => x.reused).length}/${r.runs.length} 个年度计算`);
    await timed('读取五年评估', () => readFiveYear(ws, EVALUATION_YEAR), (r) => `${r.items.length} 条`);
    await timed('各年度评分表（全部区县）', async () => {
      const out: string[] = [];
      for (const r of s.runs) out.push(`${r.year}年 ${checkSheets(await scoreSheets(ws, r.year), r.year)}`);
      return out;
    }, (n) => n.join('\n    '));
    await timed('各年度监管预警清单（全部单元）', async () => {
      const out: number[] = [];
      for (const r of s.runs.slice(1)) out.push((await watchList(ws, r.year)).length);
      return out;
    }, (n) => `各年进入清单的单元数 ${n.join('、')}`);
    await timed('五年评估（全部沿用年度计算）', () => computeFiveYear(ws, { at: localNow(), year: EVALUATION_YEAR }), (r) => `沿用 ${r.runs.filter((x) => x.reused).length}/${r.runs.length}`);
  } finally {
    await ws.close();
    if (keep) console.log(`  工作空间保留在 ${db}`);
    else {
      await rm(db, { force: true });
      await rm(`${db}.wal`, { force: true });
    }
  }
  console.log(`  进程峰值内存：${peakRssMb()} MB`);
  if (failures.length) throw new Error(`评估基准检查未通过：\n${failures.join('\n')}`);
  console.log('  检查通过：每个区县一张评分表且得分合计等于总分，排名完整，预设预警情形全部在清单中');
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  await evaluationBench(join(tmpdir(), 'zonetrack-bench'));
}
