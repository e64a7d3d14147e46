// compute, value, score: indicators and scoring sheets.
import { editionsFor, isAirEdition } from '../../indicators/standards/editions.js';
import { formatPoints, formatValue } from '../../indicators/value-format.js';
import { parse, positional, requireYear } from '../args.js';
import { UsageError, printJson, progressPrinter, textTable, type Io } from '../cli-io.js';
import { withWorkspace } from '../session.js';
import { computeFiveYearCommand } from './compute-five-year.js';
import { isEvaluationYear } from '../../indicators/five-year/evaluation.js';
import { scoreRanking } from '../../indicators/scoring/score-ranking.js';

export async function computeCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, {
    year: { type: 'string' }, cycle: { type: 'string', default: 'annual' }, edition: { type: 'string' }, json: { type: 'boolean', default: false },
    'reference-date': { type: 'string' },
  });
  const year = requireYear(values);
  const edition = values.edition as string | undefined;
  const referenceDate = values['reference-date'] as string | undefined;
  if (referenceDate !== undefined) {
    // the year's reference date is a workspace setting (kept for later computations and reports), set here first
    await withWorkspace(positional(positionals, 0, '工作空间文件 WS'), (api) => api.call('settings/set', { referenceDate: { year, date: referenceDate } }));
  }
  if (values.cycle === 'five-year') {
    if (edition !== undefined) throw new UsageError('五年评估的每个年度按该年的标准版本计算，不接受 --edition');
    return computeFiveYearCommand(positionals, year, values.json as boolean, io);
  }
  if (values.cycle !== 'annual') throw new UsageError(`--cycle 应为 annual 或 five-year，收到“${String(values.cycle)}”`);
  if (edition !== undefined && !isAirEdition(edition)) throw new UsageError('--edition 应为 2012 或 2026');
  const r = await withWorkspace(positional(positionals, 0, '工作空间文件 WS'),
    (api) => api.call('indicators/compute', { year, edition }), progressPrinter(io, values.json as boolean));
  const folded = `${year}年为五年评估年，年度跟踪应并入五年评估：zonetrack compute WS --year ${year} --cycle five-year`;
  if (values.json) printJson(io, { ok: true, ...r, ...(isEvaluationYear(year) ? { note: folded } : {}) });
  else {
    if (isEvaluationYear(year)) io.err(`提示：${folded}`);
    io.out(`已计算 ${year} 年指标：计算批次 ${r.runId}，${r.entities} 个评价对象，${r.values} 个指标值（指标体系 ${r.catalogue.id} ${r.catalogue.version}，按 ${editionsFor(year, r.edition).gb3095}/${editionsFor(year, r.edition).hj633} 评价，评估基准日 ${r.referenceDate}）。`);
  }
  return 0;
}

export async function valueCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, {
    indicator: { type: 'string' }, entity: { type: 'string' }, year: { type: 'string' }, edition: { type: 'string' }, json: { type: 'boolean', default: false },
  });
  if (!values.indicator) throw new UsageError('缺少 --indicator ID（指标编号如 C1，或测算名如 air.pm25_24h_p95）');
  if (!values.entity) throw new UsageError('缺少 --entity CODE（区县代码、管控单元编码或 city）');
  const year = requireYear(values);
  if (values.edition !== undefined) {
    if (values.edition !== 'both') throw new UsageError('value 的 --edition 只接受 both（两版标准并列）；按某一版本计算请用 compute --edition 2012|2026');
    return editionsValue(positionals, values.indicator as string, values.entity as string, year, values.json as boolean, io);
  }
  if (!/^[A-Z]\d+$/.test(values.indicator as string)) return measureValue(positionals, values.indicator as string, values.entity as string, year, values.json as boolean, io);
  const v = await withWorkspace(positional(positionals, 0, '工作空间文件 WS'),
    (api) => api.call('indicators/value', { indicator: values.indicator as string, entity: values.entity as string, year }));
  if (values.json) {
    printJson(io, {
      indicator: v.indicator, entity: v.entity, year: v.year, value: v.value, numerator: v.numerator, denominator: v.denominator,
      target: v.target, status: v.status, points: v.points, maxPoints: v.maxPoints, completeness: v.completeness,
      name: v.name, entityName: v.entityName, unit: v.unit, previous: v.previous, targetSource: v.targetSource,
      explanation: v.explanation, standardEdition: v.standardEdition, runId: v.runId, batches: v.batches,
    });
    return 0;
  }
  io.out(`${v.entityName} ${v.year}年 ${v.indicator} ${v.name}：${formatValue(v.value, v.decimals)} ${v.unit}（${v.status}）`);
  io.out(`  分子/分母：${formatValue(v.numerator, 2)} / ${formatValue(v.denominator, 0)}；数据完整率 ${(v.completeness * 100).toFixed(1)}%`);
  io.out(`  目标：${formatValue(v.target, v.decimals)}（${v.targetSource ?? ''}）；得分 ${formatPoints(v.points)} / ${formatPoints(v.maxPoints)}；${v.explanation}`);
  io.out(`  数据批次：${v.batches.map((b) => `${b.id} ${b.file}（${b.rows}行，${b.sha256.slice(0, 12)}…）`).join('；')}`);
  return 0;
}

/** `value` for a measure (not a scored indicator): the same shape, without target and points. */
async function measureValue(positionals: string[], measure: string, entity: string, year: number, json: boolean, io: Io): Promise<number> {
  const v = await withWorkspace(positional(positionals, 0, '工作空间文件 WS'), (api) => api.call('measures/get', { measure, entity, year }));
  if (json) {
    printJson(io, {
      indicator: v.measure, entity: v.entity, year: v.year, value: v.value, numerator: v.numerator, denominator: v.denominator,
      target: null, status: v.status, points: null, maxPoints: null, completeness: v.completeness, batches: v.batches,
      entityName: v.entityName, entityLevel: v.entityLevel, detail: v.detail, standardEdition: v.standardEdition, runId: v.runId,
    });
    return 0;
  }
  io.out(`${v.entityName} ${v.year}年 ${v.measure}：${v.value ?? '—'}（${v.status}）${v.detail ? `；${v.detail}` : ''}`);
  io.out(`  分子/分母：${formatValue(v.numerator, 2)} / ${formatValue(v.denominator, 0)}；数据完整率 ${(v.completeness * 100).toFixed(1)}%`);
  io.out(`  数据批次：${v.batches.map((b) => `${b.id} ${b.file}`).join('；') || '无'}`);
  return 0;
}

/** `value --edition both`: an edition-sensitive value under the 2012 and the 2026 editions, side by side. */
async function editionsValue(positionals: string[], measure: string, entity: string, year: number, json: boolean, io: Io): Promise<number> {
  const c = await withWorkspace(positional(positionals, 0, '工作空间文件 WS'), (api) => api.call('measures/editions', { measure, entity, year }));
  if (json) {
    printJson(io, c);
    return 0;
  }
  io.out(`${c.entity} ${c.year}年 ${c.asked}${c.asked === c.measure ? '' : `（${c.measure}）`}，两版标准并列：`);
  io.out(textTable(['版本', '标准', '值', '分子/分母', '状态', '说明'],
    c.editions.map((e) => [e.edition, `${e.gb3095}/${e.hj633}`, e.value === null ? '—' : String(e.value),
      `${formatValue(e.numerator, 0)} / ${formatValue(e.denominator, 0)}`, e.status, e.detail ?? ''])));
  return 0;
}

export async function scoreCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, { year: { type: 'string' }, entity: { type: 'string' }, json: { type: 'boolean', default: false } });
  const year = requireYear(values);
  const { sheets } = await withWorkspace(positional(positionals, 0, '工作空间文件 WS'),
    (api) => api.call('scores/get', { year, entity: values.entity as string | undefined }));
  if (values.json) {
    printJson(io, {
      sheets: sheets.map((s) => ({
        entity: s.entity, name: s.name, year: s.year,
        items: s.items.map((i) => ({ indicator: i.indicator, name: i.name, maxPoints: i.maxPoints, points: i.points, status: i.status, explanation: i.explanation, value: i.value, target: i.target,
          unit: i.unit, targetSource: i.targetSource, ruleText: i.ruleText, computedPoints: i.computedPoints, selfScore: i.selfScore, selfSource: i.selfSource,
          reviewScore: i.reviewScore, reviewNote: i.reviewNote, evidence: i.evidence, notApplicableReason: i.notApplicableReason })),
        earned: s.earned, applicableMax: s.applicableMax, total: s.noData ? null : s.total, grade: s.grade, noData: s.noData, gradeBeforeVetoes: s.gradeBeforeVetoes, vetoes: s.vetoes, partial: s.partial,
        runId: s.runId, snapshot: s.snapshot, catalogue: s.catalogue, layers: s.layers, review: s.review,
      })),
      // every district's sheet: the city ranking by total (one district asked for: no ranking)
      ...(values.entity === undefined ? { ranking: scoreRanking(sheets) } : {}),
    });
    return 0;
  }
  for (const s of sheets) {
    io.out(`\n${s.name}（${s.entity}）${s.year}年 评分表（${s.snapshot.state}，计算批次 ${s.snapshot.runId}）`);
    io.out(textTable(['指标', '名称', '实际值', '目标值', '分值', '得分', '状态', '说明'],
      s.items.map((i) => [i.indicator, i.name, formatValue(i.value, i.decimals), formatValue(i.target, i.decimals), formatPoints(i.maxPoints), formatPoints(i.points), i.status, i.explanation])));
    if (s.noData) io.out(`${s.year}年无数据：本区县没有任何指标有数据或填报得分，不评分`);
    else io.out(`合计 ${formatPoints(s.earned)} / ${formatPoints(s.applicableMax)}，折算总分 ${s.total}，等级 ${s.grade}${s.partial ? '（仅含已计算指标）' : ''}`);
    for (const v of s.vetoes) io.out(`否决项 ${v.id} ${v.name}：等级至多${v.maxGrade}（${v.evidence}）`);
    if (s.review) io.out(`审核得分（${s.review.reviewed}项已审核）折算总分 ${s.review.total}，等级 ${s.review.grade}`);
    if (s.layers.length) io.out(`指标体系 ${s.catalogue.id} ${s.catalogue.version}，细化层：${s.layers.map((l) => `${l.id} ${l.version}`).join('、')}`);
  }
  if (values.entity === undefined && sheets.length > 0) {
    io.out(`\n${year}年全市区县评分排名（按折算总分）`);
    io.out(textTable(['排名', '区县代码', '区县', '折算总分', '等级'], scoreRanking(sheets).map((r) => [r.rank ?? '—', r.entity, r.name, r.total ?? '—', r.grade])));
  }
  return 0;
}
