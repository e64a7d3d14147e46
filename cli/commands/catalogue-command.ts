// catalogue lint|show: check a catalogue file (or the built-in one) and show the catalogue in force.
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { activeCatalogue } from '../../indicators/catalogue/load-catalogue.js';
import { lintCatalogue, type LintFinding } from '../../indicators/catalogue/lint-catalogue.js';
import { ruleText } from '../../indicators/scoring/score-item.js';
import { parse } from '../args.js';
import { UsageError, printJson, textTable, type Io } from '../cli-io.js';

export async function catalogueCommand(argv: string[], io: Io): Promise<number> {
  const [action, ...rest] = argv;
  const { values, positionals } = parse(rest, { json: { type: 'boolean', default: false } });
  if (action === 'show') {
    const c = activeCatalogue();
    if (values.json) printJson(io, c);
    else {
      io.out(`${c.name}（${c.id} ${c.version}）`);
      io.out(textTable(['指标', '名称', '一级指标', '测算', '分值', '评分规则'],
        c.indicators.map((i) => [i.id, i.name, c.dimensions.find((d) => d.id === i.dimension)?.name ?? i.dimension, i.measure, i.points, ruleText(i)])));
    }
    return 0;
  }
  if (action === 'lint') {
    const files = positionals.length ? positionals : [null];
    const results: { file: string; findings: LintFinding[] }[] = [];
    for (const f of files) {
      let doc: unknown;
      if (f === null) doc = activeCatalogue();
      else {
        try {
          doc = JSON.parse(await readFile(resolve(f), 'utf8'));
        } catch (e) {
          results.push({ file: basename(f), findings: [{ level: 'error', entry: '(文件)', field: '', message: `无法读取 JSON：${(e as Error).message}` }] });
          continue;
        }
      }
      results.push({ file: f === null ? '内置 default-2025' : basename(f), findings: lintCatalogue(doc).findings });
    }
    const errors = results.flatMap((r) => r.findings).filter((x) => x.level === 'error').length;
    if (values.json) printJson(io, { ok: errors === 0, results });
    else {
      for (const r of results) {
        io.out(`${r.file}：${r.findings.length === 0 ? '没有问题' : ''}`);
        if (r.findings.length) io.out(textTable(['级别', '条目', '字段', '说明'], r.findings.map((x) => [x.level === 'error' ? '错误' : '提示', x.entry, x.field, x.message])));
      }
    }
    return errors ? 2 : 0;
  }
  throw new UsageError('用法：zonetrack catalogue lint [FILE…] [--json]，或 zonetrack catalogue show [--json]');
}
