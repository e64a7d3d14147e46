// watchlist: the control units flagged in a year (监管预警清单), with the rule and the evidence that fired it.
import { parse, positional, requireYear } from '../args.js';
import { UsageError, printJson, type Io } from '../cli-io.js';
import { withWorkspace } from '../session.js';

export async function watchlistCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, { year: { type: 'string' }, district: { type: 'string' }, json: { type: 'boolean', default: false } });
  const year = requireYear(values);
  const district = values.district as string | undefined;
  if (district !== undefined && !/^\d{6}$/.test(district)) throw new UsageError(`--district 应为6位区县代码，收到“${district}”`);
  const { flags } = await withWorkspace(positional(positionals, 0, '工作空间文件 WS'), (api) => api.call('watchlist/get', { year, district }));
  if (values.json) {
    printJson(io, { year, flags });
    return 0;
  }
  if (flags.length === 0) {
    io.out(`${year}年没有进入监管预警清单的管控单元。`);
    return 0;
  }
  io.out(`${year}年监管预警清单：${flags.length} 个管控单元`);
  for (const f of flags) {
    io.out(`\n${f.districtName} ${f.unitCode} ${f.unitName}（${f.unitType}）—— ${f.flag}`);
    for (const e of f.evidence) {
      io.out(`  · ${e.condition}：${e.value ?? '—'}（阈值 ${e.threshold ?? '—'}）`);
      for (const r of (e.records ?? []).slice(0, 10)) io.out(`      ${r}`);
      if ((e.records?.length ?? 0) > 10) io.out(`      ……另有 ${e.records!.length - 10} 条`);
    }
  }
  return 0;
}
