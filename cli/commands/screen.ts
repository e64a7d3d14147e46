// screen: 准入研判 of one project against the access lists (a project file, or coordinates and industry codes
// on the command line); recorded in the workspace; the 研判意见 and detail sheet written with --out.
import { readFile } from 'node:fs/promises';
import { parse, positional } from '../args.js';
import { UsageError, printJson, type Io } from '../cli-io.js';
import { withWorkspace } from '../session.js';

export async function screenCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, {
    project: { type: 'string' }, lon: { type: 'string' }, lat: { type: 'string' }, industry: { type: 'string', multiple: true },
    name: { type: 'string' }, kind: { type: 'string' }, date: { type: 'string' }, 'in-park': { type: 'boolean' },
    out: { type: 'string' }, json: { type: 'boolean', default: false },
  });
  let project: Record<string, unknown>;
  if (values.project) {
    const file = values.project as string;
    try {
      project = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    } catch (e) {
      throw new UsageError(`无法读取项目文件“${file}”：${(e as Error).message}`);
    }
  } else {
    if (values.lon === undefined || values.lat === undefined || !values.industry) {
      throw new UsageError('请用 --project 项目.json，或 --lon 经度 --lat 纬度 --industry 行业代码（可多次）给出项目');
    }
    project = { name: values.name ?? '命令行研判项目', lon: Number(values.lon), lat: Number(values.lat), industries: values.industry };
  }
  if (values.name) project.name = values.name;
  if (values.kind) project.kind = values.kind;
  if (values.date) project.date = values.date;
  if (values['in-park'] !== undefined) project.inPark = values['in-park'];
  const outDir = values.out as string | undefined;
  const r = await withWorkspace(positional(positionals, 0, '工作空间文件 WS'), (api) => api.call('access/screen', { project, ...(outDir ? { outDir } : {}) }));
  if (values.json) {
    printJson(io, r);
    return 0;
  }
  const s = r.result;
  io.out(`准入研判 ${r.id}：${s.project.name}（${s.project.date}，${s.project.industries.join('、')}，${s.project.kind}）`);
  io.out(`涉及管控单元：${s.units.map((u) => `${u.code} ${u.name}${u.share !== null ? ` ${(u.share * 100).toFixed(1)}%` : u.onBorder ? '（边界）' : ''}`).join('；')}`);
  for (const q of s.requirements) io.out(`  [${q.verdict}] ${q.level}·${q.scopeName}·${q.dimension}：${q.text}\n      ${q.reason}`);
  io.out(`结论：${s.conclusion}。${s.conclusionText}`);
  if (r.files) io.out(`研判意见：${r.files.docx}\n明细表：${r.files.xlsx}`);
  return 0;
}
