// Computes every indicator of the active catalogue for every district and the city for one year, in one
// transaction: a new compute run with its values, targets, points and the import batches behind each value.
import { INTEGER, LIST } from '@duckdb/node-api';
import type { Sql, Workspace } from '../analytics/workspace.js';
import { UserError } from '../analytics/errors.js';
import { layeredCatalogues } from './catalogue/workspace-layers.js';
import { expressionMeasure } from './catalogue/expression-measure.js';
import type { IndicatorEntry } from './catalogue/schema.js';
import { editionsFor, type AirEdition } from './standards/editions.js';
import { buildAirDaily, dropAirDaily } from './measures/air-daily.js';
import { AQI_BASED_MEASURES, INVALID_REASON, readAirAnnual, type AirMeasureId, type MeasureRow } from './measures/air-annual.js';
import { attainmentRows, readGradeOf } from './measures/air-attainment.js';
import { readWaterAnnual, waterGradeRows } from './measures/water-annual.js';
import { changeRows, readRecordMeasures, zeroCountRows } from './measures/record-measures.js';
import { applicabilityOf, registerCounter } from './measures/applicability.js';
import { covers, readYearCoverage } from '../analytics/import/batch-coverage.js';
import { unitsInForceSql } from '../analytics/units/unit-plans.js';
import { readUnitEqi, unitTrackingRows } from './measures/unit-tracking.js';
import { keyUnitEmissionRows } from './measures/key-unit-emissions.js';
import { redLineVetoRows } from './measures/red-line.js';
import { ecoBandRows } from './measures/eco-bands.js';
import { readSignedTargets, resolveEntityTarget, signedTargetSource, type SignedTarget } from './targets.js';
import { referenceDateOf } from '../analytics/settings/workspace-settings.js';
import { scoreItem } from './scoring/score-item.js';
import { APP_VERSION } from '../analytics/app-version.js';
import { datasetByName } from '../analytics/import/datasets.js';
import { appendAudit } from '../analytics/audit/audit-log.js';
import { qualitySummaries, storeQualitySummaries } from '../analytics/quality/quality-summary.js';
import { buildFilingRegister, storeFilingRegister } from './filings/filing-register.js';
import { carryScoreEntries } from './scoring/score-entries.js';

const LIST_OF_INTEGER = LIST(INTEGER);

export interface ComputeOptions {
  year: number;
  /** When the run is computed (local time, YYYY-MM-DD HH:MM:SS), taken by the service: never the clock here. */
  at: string;
  edition?: AirEdition;
  onProgress?: (p: { step: string; done: number; total: number }) => void;
}

export interface ComputeSummary {
  runId: number;
  year: number;
  edition: AirEdition;
  catalogue: { id: string; version: string; layers: { level: string; entity: string; id: string; version: string; sha256: string }[] };
  /** The evaluation's reference date deadlines were judged by (YYYY-MM-DD). */
  referenceDate: string;
  values: number;
  entities: number;
}

interface ValueRow {
  indicator: IndicatorEntry;
  entity: string;
  level: 'district' | 'city';
  measure: MeasureRow | undefined;
  previous: number | null;
  target: number | null;
  targetSource: string;
  status: string;
  points: number | null;
  explanation: string;
}

export async function computeIndicators(ws: Workspace, options: ComputeOptions): Promise<ComputeSummary> {
  const { year } = options;
  if (!Number.isInteger(year) || year < 2000 || year > 2100) {
    throw new UserError('BAD_YEAR', `评估年份无效：${year}`);
  }
  const { edition } = editionsFor(year, options.edition);
  const progress = (step: string, done: number) => options.onProgress?.({ step, done, total: 4 });
  const summary = await ws.transaction(async (tx) => {
    // national default + the municipal layer; a district's own layer applies to that district's sheet only
    const catalogues = await layeredCatalogues(tx);
    const catalogue = catalogues.city;
    progress('按日统计站点与区县浓度', 0);
    // Targets need last year's air values under this year's edition: taken from last year's run when it used
    // the same edition and no data changed since, else computed again here.
    const previous = await reusablePreviousAir(tx, year - 1, edition);
    await buildAirDaily(tx, { fromYear: previous ? year : year - 1, toYear: year, edition });
    progress('计算年度指标', 1);
    const annual = [...(await readAirAnnual(tx)), ...(previous ?? [])];
    const gradeOf = await readGradeOf(tx);
    const referenceDate = (await referenceDateOf(tx, year)).date;
    const records = await readRecordMeasures(tx, year - 1, year, referenceDate);
    const water = await readWaterAnnual(tx, year - 1, year);
    const unitEqi = await readUnitEqi(tx, year - 1, year);
    const changes = changeRows(records, year);
    const measures = [
      ...annual, ...attainmentRows(annual, edition, gradeOf), ...water, ...waterGradeRows(water, year),
      ...records, ...changes, ...ecoBandRows([...records, ...changes], year),
      ...keyUnitEmissionRows(records, year), ...redLineVetoRows(records, year), ...unitEqi,
    ];
    measures.push(...unitTrackingRows(measures, year));
    const coverage = await readYearCoverage(tx, year);
    const districtCodes = (await tx.all<{ district_code: string }>('SELECT district_code FROM districts ORDER BY district_code')).map((d) => d.district_code);
    const unitsInForce = await tx.all<{ unit_code: string; district_code: string }>(`SELECT unit_code, district_code FROM ${unitsInForceSql(year)}`);
    measures.push(...zeroCountRows(measures, coverage, year, districtCodes, unitsInForce));
    const byKey = new Map(measures.map((m) => [`${m.measure}|${m.entity_code}|${m.year}`, m]));
    const entities: { code: string; level: 'district' | 'city' }[] = [
      ...districtCodes.map((code) => ({ code, level: 'district' as const })),
      { code: 'city', level: 'city' },
    ];
    progress('确定目标值并评分', 2);
    const signed = await readSignedTargets(tx, year);
    const rows: ValueRow[] = [];
    const countOf = registerCounter(tx);
    /** The indicator's measure row, or its expression evaluated over the entity's measure rows. */
    const measureOf = (indicator: IndicatorEntry, entity: string, level: 'district' | 'city', y: number) =>
      indicator.expression
        ? expressionMeasure(indicator.id, indicator.expression, entity, level, y, (id) => byKey.get(`${id}|${entity}|${y}`))
        : byKey.get(`${indicator.measure}|${entity}|${y}`);
    for (const e of entities) {
      for (const indicator of catalogues.forEntity(e.code).indicators) {
        if (!indicator.scope.includes(e.level)) continue;
        const found = measureOf(indicator, e.code, e.level, year);
        // Inside its datasets' coverage nothing counted is 0; outside it the data are missing, never zero.
        const covered = covers(coverage, indicator.datasets, e.code);
        const m = !found && indicator.zeroWithoutRecords && covered ? zeroCount(indicator.measure, e.code, e.level, year) : found;
        const prev = measureOf(indicator, e.code, e.level, year - 1);
        const t = resolveEntityTarget(catalogues, e.code, indicator.id, signed, {
          year, edition, previous: prev, editionSensitive: AQI_BASED_MEASURES.has(indicator.measure),
        });
        const applicable = await applicableOrMissing(indicator, m, covered, e.code, year, countOf);
        const scored = scoreItem(indicator, m?.value ?? null, t.target, {
          missing: !m || applicable.missingReason !== undefined,
          missingReason: applicable.missingReason,
          notApplicableReason: applicable.notApplicableReason,
          insufficientReason: m && !m.valid ? (INVALID_REASON[indicator.measure as AirMeasureId] ?? m.detail ?? '数据不满足统计有效性要求') : undefined,
          targetMissingReason: t.target === null ? t.source : undefined,
          items: m ? { met: m.numerator, of: m.denominator } : undefined,
        });
        rows.push({
          indicator, entity: e.code, level: e.level, measure: m, previous: prev && prev.valid ? prev.value : null, target: t.target, targetSource: t.source,
          status: scored.status, points: e.level === 'district' ? scored.points : null,
          explanation: e.level === 'district' ? scored.explanation : scored.finding, // the city is not scored
        });
      }
    }
    progress('保存结果', 3);
    const run = await tx.one<{ id: number }>("SELECT nextval('run_id_seq')::INTEGER AS id");
    const runId = run!.id;
    await tx.run(
      `INSERT INTO compute_runs (run_id, year, cycle, catalogue_id, catalogue_version, standard_edition, app_version, computed_at, layers, reference_date)
       VALUES ($run, $year, 'annual', $cid, $cver, $ed, $app, $at::TIMESTAMP, $layers, $ref::DATE)`,
      { at: options.at, run: runId, year, cid: catalogue.id, cver: catalogue.version, ed: edition, app: APP_VERSION, layers: JSON.stringify(catalogues.refs), ref: referenceDate },
    );
    // the signed targets of every entity (units too, which the run does not score) as this run used them
    await insertRunTargets(tx, runId, year, signed);
    await insertValues(tx, runId, year, rows);
    // self/review scores and the district's submission are entered against a run: the new draft starts from the
    // latest run's, copied (the earlier run keeps its own, unchanged)
    const before = (await tx.one<{ r: number | null }>('SELECT max(run_id) AS r FROM compute_runs WHERE year = $y AND run_id < $run', { y: year, run: runId }))!.r;
    const carried = before === null ? null : { fromRun: before, ...await carryScoreEntries(tx, before, runId) };
    await appendAudit(tx, { action: 'compute', target: `${year}年 计算批次 ${runId}`,
      detail: { run: runId, year, edition, referenceDate, catalogue: { id: catalogue.id, version: catalogue.version }, values: rows.length, appVersion: APP_VERSION, carriedScores: carried } });
    await insertMeasures(tx, runId, measures.filter((m) => m.year === year));
    await tx.run(`
      INSERT INTO air_entity_monthly (run_id, entity_code, year, month, pm25_mean, valid_days, good_days, heavy_days)
      SELECT ${runId}, entity_code, ${year}, m, pm25, coalesce(valid_days, 0), coalesce(good, 0), coalesce(heavy, 0)
      FROM (SELECT entity_code, month(day) AS m, avg(conc_r) AS pm25 FROM zt_entity_daily
            WHERE metric = 'PM2.5_24H' AND year(day) = ${year} GROUP BY ALL) p
      FULL JOIN (SELECT entity_code, month(day) AS m, count(*)::INTEGER AS valid_days,
                   count(*) FILTER (WHERE aqi <= 100)::INTEGER AS good, count(*) FILTER (WHERE aqi > 200)::INTEGER AS heavy
                 FROM zt_entity_aqi WHERE valid AND year(day) = ${year} GROUP BY ALL) a
      USING (entity_code, m)`);
    await dropAirDaily(tx);
    // the year's data-quality summaries (city and each district), stored so reports and the 数据质量 page read them
    await storeQualitySummaries(tx, runId, await qualitySummaries(tx, year, referenceDate));
    // the year's filing register (备案台账), judged at the same reference date as A1/A2
    await storeFilingRegister(tx, runId, await buildFilingRegister(tx, year, referenceDate));
    progress('完成', 4);
    return { runId, year, edition, catalogue: { id: catalogue.id, version: catalogue.version, layers: catalogues.refs }, referenceDate, values: rows.length, entities: entities.length };
  });
  await ws.checkpoint();
  return summary;
}

async function insertValues(tx: Sql, runId: number, year: number, rows: ValueRow[]): Promise<void> {
  // An appender, not a statement per row: a run has a few thousand values and each statement costs a round trip.
  const appender = await tx.connection().createAppender('indicator_values');
  const double = (v: number | null | undefined) => (v === null || v === undefined ? appender.appendNull() : appender.appendDouble(v));
  const text = (v: string | null | undefined) => (v === null || v === undefined ? appender.appendNull() : appender.appendVarchar(v));
  try {
    for (const r of rows) {
      const m = r.measure;
      appender.appendInteger(runId);
      text(r.indicator.id);
      text(r.entity);
      text(r.level);
      appender.appendInteger(year);
      double(m && m.valid ? m.value : null);
      double(m?.numerator);
      double(m?.denominator);
      double(r.previous);
      double(r.target);
      text(r.targetSource);
      text(r.status);
      double(r.points);
      double(r.level === 'district' ? r.indicator.points : null);
      double(m?.completeness ?? 0);
      text(r.explanation);
      appender.appendList(m?.batches ?? [], LIST_OF_INTEGER);
      appender.endRow();
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}

async function insertRunTargets(tx: Sql, runId: number, year: number, signed: Map<string, SignedTarget>): Promise<void> {
  const appender = await tx.connection().createAppender('run_targets');
  try {
    for (const [key, t] of signed) {
      const [entity, indicator] = key.split('|') as [string, string];
      appender.appendInteger(runId);
      appender.appendVarchar(entity);
      appender.appendVarchar(indicator);
      appender.appendDouble(t.value);
      appender.appendVarchar(signedTargetSource(year, t));
      appender.endRow();
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}

/** Every measure of the year for every entity, kept with the run: the values behind indicators and reports. */
async function insertMeasures(tx: Sql, runId: number, rows: MeasureRow[]): Promise<void> {
  if (rows.length === 0) return;
  const appender = await tx.connection().createAppender('measure_values');
  try {
    for (const m of rows) {
      appender.appendInteger(runId);
      appender.appendVarchar(m.measure);
      appender.appendVarchar(m.entity_code);
      appender.appendVarchar(m.entity_level);
      appender.appendInteger(m.year);
      for (const v of [m.value, m.numerator, m.denominator, m.completeness]) {
        if (v === null || v === undefined) appender.appendNull();
        else appender.appendDouble(v);
      }
      appender.appendBoolean(m.valid);
      if (m.detail === null) appender.appendNull();
      else appender.appendVarchar(m.detail);
      appender.appendList(m.batches, LIST_OF_INTEGER);
      appender.endRow();
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}

/** The air measures of `year` from its latest run, if that run used `edition` and this app version, and no
 *  batch was imported or removed since. */
export async function reusablePreviousAir(tx: Sql, year: number, edition: AirEdition): Promise<MeasureRow[] | undefined> {
  const run = await tx.one<{ run_id: number }>(`
    SELECT r.run_id FROM compute_runs r WHERE r.year = $y AND r.standard_edition = $e AND r.app_version = $v
      AND r.computed_at >= coalesce((SELECT max(greatest(imported_at, coalesce(removed_at, imported_at))) FROM import_batches), r.computed_at)
      AND r.run_id = (SELECT max(run_id) FROM compute_runs WHERE year = $y)`, { y: year, e: edition, v: APP_VERSION });
  if (!run) return undefined;
  const rows = await tx.all<MeasureRow & { measure_id: string }>(`
    SELECT measure_id AS measure, entity_code, entity_level, year, value, numerator, denominator, completeness, valid, detail, batches
    FROM measure_values WHERE run_id = ${run.run_id} AND year = ${year} AND starts_with(measure_id, 'air.')
      AND measure_id NOT IN ('air.attainment', 'air.composite_index')`);
  return rows.length ? rows : undefined;
}

/** Within coverage, a ratio with nothing in its denominator is 不适用 for the domain reason — unless a register
 *  says the entity should have had data, or the yearly statistics lack its row: then 数据缺失, said why. Outside
 *  coverage, 数据缺失 (scoreItem: no measure). Only items the catalogue marks notApplicableWithoutRecords. */
async function applicableOrMissing(indicator: IndicatorEntry, m: MeasureRow | undefined, covered: boolean, entity: string, year: number,
  countOf: ReturnType<typeof registerCounter>): Promise<{ notApplicableReason?: string; missingReason?: string }> {
  const labels = indicator.datasets.map((d) => datasetByName(d)?.label ?? d).join('、');
  if (!covered) return m ? {} : { missingReason: `${year}年${labels}未覆盖${entity === 'city' ? '全市' : '本区县'}（未导入或导入时未声明覆盖该年）` };
  if (!indicator.notApplicableWithoutRecords || (m && m.denominator !== 0)) return {};
  const rule = applicabilityOf(indicator.measure);
  if (!m && !rule.absentIsEmpty) return { missingReason: `${labels}中无本区县${year}年数据` };
  const expected = rule.register ? await countOf(rule.register, entity) : 0;
  if (expected > 0) return { missingReason: `${rule.register!.what}有${expected}个，但${labels}中无本区县${year}年数据` };
  return { notApplicableReason: rule.nothing };
}

function zeroCount(measure: string, entity: string, level: 'district' | 'city', year: number): MeasureRow {
  return { measure, entity_code: entity, entity_level: level, year, value: 0, numerator: 0, denominator: null, completeness: 1,
    valid: true, detail: '无记录', batches: [] };
}
