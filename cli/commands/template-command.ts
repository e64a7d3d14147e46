// template: 数据填报模板 — the .xlsx a district fills for one dataset, or (--dataset all) its pack of every template
// as one .zip, for a district and year, written into --out.
import { resolve } from 'node:path';
import { parse, positional, requireYear } from '../args.js';
import { UsageError, printJson, textTable, type Io } from '../cli-io.js';
import { withWorkspace } from '../session.js';
import { TEMPLATE_DATASETS } from '../../reports/templates/template-datasets.js';
import type { DatasetName } from '../../analytics/import/datasets.js';

export async function templateCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, {
    dataset: { type: 'string' }, district: { type: 'string' }, year: { type: 'string' }, out: { type: 'string' },
    json: { type: 'boolean', default: false },
  });
  const ws = positional(positionals, 0, '工作空间文件 WS');
  const dataset = values.dataset as string | undefined;
  if (!dataset) throw new UsageError(`缺少 --dataset：all（全部模板打包为 .zip）或 ${TEMPLATE_DATASETS.join('、')} 之一`);
  if (dataset !== 'all' && !TEMPLATE_DATASETS.includes(dataset as DatasetName)) {
    throw new UsageError(`--dataset 应为 all 或 ${TEMPLATE_DATASETS.join('、')} 之一，收到“${dataset}”（其余数据由市级掌握，没有填报模板）`);
  }
  const district = values.district as string | undefined;
  if (!district || !/^\d{6}$/.test(district)) throw new UsageError(`--district 应为6位区县代码${district ? `，收到“${district}”` : ''}`);
  const year = requireYear(values);
  if (!values.out) throw new UsageError('缺少 --out DIR');
  const outDir = resolve(values.out as string);
  const written = await withWorkspace(ws, (api) => api.call('templates/write', { dataset: dataset as DatasetName | 'all', district, year, outDir }));
  if (values.json) {
    printJson(io, { ok: true, ...written });
    return 0;
  }
  io.out(written.pack ? `已写出模板包（${written.files.length} 个模板）：${written.path}` : `已写出模板：${written.path}`);
  io.out(textTable(['数据集', '文件', '列数'], written.files.map((f) => [f.dataset, f.name, f.columns])));
  return 0;
}
