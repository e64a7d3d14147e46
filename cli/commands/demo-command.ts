// demo: the whole job on the bundled sample — sample → workspace → import → compute → score → reports.
import { readdir, readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Workspace } from '../../analytics/workspace.js';
import { generateSample } from '../../analytics/sample/generate-sample.js';
import { inProcessClient } from '../../service/in-process-client.js';
import { createService } from '../../service/zonetrack-service.js';
import { formatValue } from '../../indicators/value-format.js';
import { parse } from '../args.js';
import { progressPrinter, textTable, type Io } from '../cli-io.js';

export const DEMO_YEAR = 2025;
export const DEMO_DISTRICT = '500103';

export async function demoCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parse(argv, { out: { type: 'string', default: 'demo-output' }, entity: { type: 'string', default: DEMO_DISTRICT } });
  const out = resolve(values.out as string);
  const progress = progressPrinter(io, false);
  io.err(`示例演示：输出目录 ${out}`);
  io.err('1/5 生成示例数据（合成数据，非真实监测值）');
  const files = await generateSample({ outDir: join(out, 'sample'), years: [DEMO_YEAR - 1, DEMO_YEAR], scale: 'small', seed: 2026, onProgress: progress });
  const wsPath = join(out, 'zonetrack-demo.duckdb');
  // The demo workspace is rebuilt from scratch each run: it holds nothing but the sample.
  await rm(wsPath, { force: true });
  await rm(`${wsPath}.wal`, { force: true });
  const ws = await Workspace.create(wsPath);
  try {
    const api = inProcessClient(createService(ws, { onProgress: progress }));
    io.err('2/5 导入数据');
    const imported = await api.call('import/files', { paths: files.map((f) => f.path) });
    io.err('3/5 计算指标');
    await api.call('indicators/compute', { year: DEMO_YEAR });
    io.err('4/5 评分');
    const { sheets } = await api.call('scores/get', { year: DEMO_YEAR, entity: values.entity as string });
    io.err('5/5 生成报告');
    const report = await api.call('reports/generate', { year: DEMO_YEAR, entity: values.entity as string, outDir: join(out, 'reports') });
    const ranking = await api.call('indicators/ranking', { year: DEMO_YEAR, indicator: 'C1' });
    const quality = await api.call('quality/summary', { year: DEMO_YEAR });
    // 准入研判 of one sample project (the chemical project near the river), with its 研判意见
    const projectFile = (await readdir(join(out, 'sample'))).find((f) => f.startsWith('示例数据_准入研判项目_2_'));
    const screening = projectFile
      ? await api.call('access/screen', { project: JSON.parse(await readFile(join(out, 'sample', projectFile), 'utf8')) as Record<string, unknown>, outDir: join(out, 'screenings') })
      : null;

    io.out(`\n导入 ${imported.batches.length} 个文件，共 ${imported.batches.reduce((s, b) => s + b.rows, 0).toLocaleString('zh-CN')} 行。`);
    io.out(`\n${DEMO_YEAR}年 PM2.5年均浓度 区县排名（前10，全市 ${formatValue(ranking.city, 0)} 微克/立方米）：`);
    io.out(textTable(['排名', '区县', '浓度', '完成情况'], ranking.rows.slice(0, 10).map((r) => [r.rank, r.name, formatValue(r.value, 0), r.status])));
    io.out(`\n${DEMO_YEAR}年数据质量（需关注的项）：`);
    io.out(textTable(['数据集', '检查项', '数量', '判断'], quality.checks.filter((c) => c.severity !== '正常')
      .map((c) => [c.datasetLabel, c.check, c.total !== null ? `${c.count}/${c.total}` : c.count, c.severity])));
    const s = sheets[0]!;
    io.out(`\n${s.name}评分：${s.items.map((i) => `${i.indicator} ${i.points}/${i.maxPoints}`).join('，')}；折算总分 ${s.total}，等级 ${s.grade}${s.partial ? '（仅含已接入计算的指标）' : ''}`);
    for (const v of s.vetoes) io.out(`否决项 ${v.id} ${v.name}：等级至多${v.maxGrade}（${v.evidence}）`);
    io.out(`\n工作空间：${wsPath}`);
    io.out(`自评报告：${report.files[0]!.docx}`);
    io.out(`评分表：  ${report.files[0]!.xlsx}`);
    if (screening) {
      io.out(`\n准入研判示例：${screening.result.project.name}——${screening.result.conclusion}（${screening.result.counts.不符合} 项不符合，${screening.result.counts.需人工判断} 项需人工判断）`);
      io.out(`研判意见：${screening.files!.docx}`);
    }
    io.out(`示例数据：${join(out, 'sample')}`);
    io.out(`\n浏览器查看：npx zonetrack serve ${wsPath}`);
  } finally {
    await ws.close();
  }
  return 0;
}
