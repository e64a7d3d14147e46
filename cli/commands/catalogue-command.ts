// catalogue lint|show|diff [FILE…]: check layers (each against the default and the files before it), show the
// effective catalogue, diff the last layer against the one below. catalogue add WS FILE / layers WS: the layers
// stored in a workspace.
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { activeCatalogue } from '../../indicators/catalogue/load-catalogue.js';
import { lintCatalogue, type LintFinding } from '../../indicators/catalogue/lint-catalogue.js';
import { diffCatalogues, lintLayer, mergeLayer, sha256Of, type DiffEntry } from '../../indicators/catalogue/layers.js';
import { isLayerDocument } from '../../indicators/catalogue/layer-schema.js';
import type { Catalogue } from '../../indicators/catalogue/schema.js';
import { ruleText } from '../../indicators/scoring/score-item.js';
import { parse, positional } from '../args.js';
import { UsageError, printJson, textTable, type Io } from '../cli-io.js';
import { withWorkspace } from '../session.js';

const USAGE = '用法：zonetrack catalogue lint|show|diff [FILE…] [--json]；zonetrack catalogue add WS FILE [--json]；zonetrack catalogue layers WS [--json]';

interface Checked {
  file: string;
  findings: LintFinding[];
  /** The catalogue below this file, and with it applied (absent when it has errors). */
  below: Catalogue;
  result?: Catalogue;
}

/** Each file checked on top of the default and the files before it (a full catalogue file stands alone). */
async function checkStack(files: string[]): Promise<Checked[]> {
  const out: Checked[] = [];
  let below: Catalogue = activeCatalogue();
  for (const f of files) {
    let text: string;
    let doc: unknown;
    try {
      text = await readFile(resolve(f), 'utf8');
      doc = JSON.parse(text);
    } catch (e) {
      out.push({ file: basename(f), below, findings: [{ level: 'error', entry: '(文件)', field: '', message: `无法读取 JSON：${(e as Error).message}` }] });
      return out;
    }
    if (isLayerDocument(doc)) {
      const { layer, merged, findings } = lintLayer(doc, below);
      const result = layer && merged ? mergeLayer(below, layer, sha256Of(text)) : undefined;
      out.push({ file: basename(f), findings, below, result });
      if (!result) return out; // the files above cannot be checked against a broken one
      below = result;
    } else {
      const { catalogue, findings } = lintCatalogue(doc);
      const ok = catalogue && !findings.some((x) => x.level === 'error');
      out.push({ file: basename(f), findings, below, result: ok ? catalogue : undefined });
      if (!ok) return out;
      below = catalogue;
    }
  }
  return out;
}

function printFindings(io: Io, results: { file: string; findings: LintFinding[] }[]): void {
  for (const r of results) {
    io.out(`${r.file}：${r.findings.length === 0 ? '没有问题' : ''}`);
    if (r.findings.length) io.out(textTable(['级别', '条目', '字段', '说明'], r.findings.map((x) => [x.level === 'error' ? '错误' : '提示', x.entry, x.field, x.message])));
  }
}

const show = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v));

export function printDiff(io: Io, diff: DiffEntry[]): void {
  if (diff.length === 0) io.out('与下层指标体系相同，没有改动。');
  else io.out(textTable(['条目', '字段', '改动', '原值', '新值'], diff.map((d) => [d.entry, d.field, d.change,
    d.change === '新增' ? '—' : show(d.before), d.change === '新增' ? (d.after as { name?: string }).name ?? show(d.after) : show(d.after)])));
}

function printCatalogue(io: Io, c: Catalogue): void {
  io.out(`${c.name}（${c.id} ${c.version}）`);
  for (const l of c.layers ?? []) io.out(`  细化层：${l.level === 'municipal' ? '市级' : `区县 ${l.entity}`} ${l.id} ${l.version}（${l.sha256.slice(0, 12)}…）`);
  io.out(textTable(['指标', '名称', '一级指标', '测算', '分值', '评分规则'],
    c.indicators.map((i) => [i.id, i.name, c.dimensions.find((d) => d.id === i.dimension)?.name ?? i.dimension,
      i.expression ?? (i.measure || '（自评）'), i.points, ruleText(i)])));
}

export async function catalogueCommand(argv: string[], io: Io): Promise<number> {
  const [action, ...rest] = argv;
  const { values, positionals } = parse(rest, { json: { type: 'boolean', default: false } });
  const json = values.json as boolean;
  if (action === 'show' || action === 'lint' || action === 'diff') {
    const checked = positionals.length ? await checkStack(positionals) : [];
    const errors = checked.flatMap((r) => r.findings).filter((x) => x.level === 'error').length;
    if (action === 'lint') {
      const results = checked.length ? checked.map(({ file, findings }) => ({ file, findings }))
        : [{ file: '内置 default-2025', findings: lintCatalogue(activeCatalogue()).findings }];
      const total = results.flatMap((r) => r.findings).filter((x) => x.level === 'error').length;
      if (json) printJson(io, { ok: total === 0, results });
      else printFindings(io, results);
      return total ? 2 : 0;
    }
    if (errors) {
      if (json) printJson(io, { ok: false, results: checked.map(({ file, findings }) => ({ file, findings })) });
      else printFindings(io, checked);
      return 2;
    }
    const top = checked.at(-1);
    if (action === 'show') {
      const c = top?.result ?? activeCatalogue();
      if (json) printJson(io, c);
      else printCatalogue(io, c);
      return 0;
    }
    if (!top) throw new UsageError(`catalogue diff 需要细化层文件。${USAGE}`);
    const diff = diffCatalogues(top.below, top.result!);
    if (json) printJson(io, { ok: true, file: top.file, diff });
    else {
      io.out(`${top.file} 相对于下层指标体系的改动：`);
      printDiff(io, diff);
    }
    return 0;
  }
  if (action === 'add') {
    const ws = positional(positionals, 0, '工作空间文件 WS');
    const file = positional(positionals, 1, '细化层文件 FILE');
    const r = await withWorkspace(ws, (api) => api.call('catalogue/add-layer', { path: resolve(file) }));
    if (json) printJson(io, { ok: true, ...r });
    else {
      io.out(`已载入${r.layer.level === 'municipal' ? '市级' : `区县（${r.layer.entity}）`}细化层 ${r.layer.id} ${r.layer.version}${r.replaced ? `，替换 ${r.replaced.id} ${r.replaced.version}` : ''}。重新计算指标后生效。`);
      for (const s of r.setAside) io.out(`  注意：区县 ${s.entity} 的细化层 ${s.id} ${s.version} 以原市级细化层为基础，已停用，请按新的市级细化层重新编制。`);
      printDiff(io, r.diff);
      const warnings = r.findings.filter((f) => f.level === 'warning');
      if (warnings.length) printFindings(io, [{ file: basename(file), findings: warnings }]);
    }
    return 0;
  }
  if (action === 'layers') {
    const ws = positional(positionals, 0, '工作空间文件 WS');
    const layers = await withWorkspace(ws, (api) => api.call('catalogue/layers', {}));
    if (json) printJson(io, { layers });
    else if (layers.length === 0) io.out('该工作空间未载入细化层，使用内置默认指标体系。');
    else io.out(textTable(['层级', '对象', '编号', '版本', '基础', '文件', '载入时间', '状态'], layers.map((l) => [
      l.level === 'municipal' ? '市级' : '区县', l.entity, l.id, l.version, `${l.base.id} ${l.base.version}`, l.file ?? '', l.importedAt, l.active ? '在用' : '已替换'])));
    return 0;
  }
  throw new UsageError(USAGE);
}
