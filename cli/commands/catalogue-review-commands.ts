// self-score and review: what people enter on a score sheet (a self-score with evidence, a 不适用 mark with its
// reason, the reviewer's score), and a district's 评分表 submission compared with the city's own computation.
import { resolve } from 'node:path';
import type { ScoreSheet } from '../../indicators/results.js';
import { formatPoints, formatValue } from '../../indicators/value-format.js';
import { parse, positional, requireYear } from '../args.js';
import { UsageError, printJson, textTable, type Io } from '../cli-io.js';
import { withWorkspace } from '../session.js';

function scoreOption(v: unknown, name: string): number | null {
  if (v === 'none') return null;
  const n = Number(v);
  if (typeof v !== 'string' || v.trim() === '' || !Number.isFinite(n)) throw new UsageError(`--${name} 应为数字（或 none 表示清除），收到“${String(v)}”`);
  return n;
}

function printItem(io: Io, sheet: ScoreSheet, indicator: string): void {
  const i = sheet.items.find((x) => x.indicator === indicator)!;
  io.out(`${sheet.name}（${sheet.entity}）${sheet.year}年 ${i.indicator} ${i.name}：${i.status}，得分 ${formatPoints(i.points)} / ${formatPoints(i.maxPoints)}；自评 ${formatPoints(i.selfScore)}，审核 ${formatPoints(i.reviewScore)}`);
  io.out(`  ${i.explanation}`);
  io.out(`合计 ${formatPoints(sheet.earned)} / ${formatPoints(sheet.applicableMax)}，折算总分 ${sheet.total}，等级 ${sheet.grade}${sheet.review ? `；审核后 ${sheet.review.total}，${sheet.review.grade}` : ''}`);
}

/** zonetrack self-score WS --year Y --entity CODE --indicator ID [--score N|none] [--evidence TEXT] [--not-applicable REASON | --applicable] */
export async function selfScoreCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, {
    year: { type: 'string' }, entity: { type: 'string' }, indicator: { type: 'string' }, score: { type: 'string' },
    evidence: { type: 'string' }, 'not-applicable': { type: 'string' }, applicable: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  });
  const year = requireYear(values);
  if (!values.entity || !values.indicator) throw new UsageError('缺少 --entity CODE 或 --indicator ID');
  if (values['not-applicable'] !== undefined && values.applicable) throw new UsageError('--not-applicable 与 --applicable 只能用一个');
  const sheet = await withWorkspace(positional(positionals, 0, '工作空间文件 WS'), (api) => api.call('scores/set-manual', {
    year, entity: values.entity as string, indicator: values.indicator as string,
    ...(values.score !== undefined ? { selfScore: scoreOption(values.score, 'score') } : {}),
    ...(values.evidence !== undefined ? { evidence: values.evidence as string } : {}),
    ...(values['not-applicable'] !== undefined ? { notApplicableReason: values['not-applicable'] as string } : values.applicable ? { notApplicableReason: null } : {}),
  }));
  if (values.json) printJson(io, { ok: true, sheet });
  else printItem(io, sheet, values.indicator as string);
  return 0;
}

/** zonetrack review WS --year Y --submission FILE.xlsx [--entity CODE], or --entity --indicator --score N [--note T]. */
export async function reviewCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, {
    year: { type: 'string' }, submission: { type: 'string' }, entity: { type: 'string' }, indicator: { type: 'string' },
    score: { type: 'string' }, note: { type: 'string' }, json: { type: 'boolean', default: false },
  });
  const year = requireYear(values);
  const ws = positional(positionals, 0, '工作空间文件 WS');
  if (values.submission === undefined) {
    if (!values.entity || !values.indicator || values.score === undefined) {
      throw new UsageError('用法：zonetrack review WS --year Y --submission 评分表.xlsx [--entity CODE]，或 --entity CODE --indicator ID --score N [--note 说明]');
    }
    const sheet = await withWorkspace(ws, (api) => api.call('scores/set-review', {
      year, entity: values.entity as string, indicator: values.indicator as string, reviewScore: scoreOption(values.score, 'score'),
      ...(values.note !== undefined ? { note: values.note as string } : {}),
    }));
    if (values.json) printJson(io, { ok: true, sheet });
    else printItem(io, sheet, values.indicator as string);
    return 0;
  }
  const r = await withWorkspace(ws, (api) => api.call('review/submission', {
    year, path: resolve(values.submission as string), ...(values.entity ? { entity: values.entity as string } : {}),
  }));
  if (values.json) {
    printJson(io, { ok: true, ...r });
    return 0;
  }
  io.out(`${r.name}（${r.entity}）${r.year}年自评表 ${r.file}：${r.items} 项；自评折算总分 ${r.selfTotal.total}，本市计算 ${r.cityTotal.total}（${r.cityTotal.grade}，计算批次 ${r.runId}）`);
  if (r.differences.length === 0) io.out('可由数据计算的指标与本市计算一致。');
  else io.out(textTable(['指标', '名称', '自评得分', '本市计算', '区县实际值', '本市实际值', '原因', '说明'], r.differences.map((d) => [
    d.indicator, d.name, formatPoints(d.selfScore), formatPoints(d.cityScore), formatValue(d.submittedValue, 2), formatValue(d.cityValue, 2),
    d.causes.join('、'), d.explanation])));
  if (r.manualItems.length) io.out(`自评项（须按佐证材料审核）：${r.manualItems.join('、')}`);
  return 0;
}
