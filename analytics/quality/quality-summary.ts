// The data-quality summary of a year, per dataset: what a bureau analyst checks before trusting the numbers.
// Set-based SQL; each check says how many, out of how many, and shows a few examples. Every check is counted
// per district and for the whole city in the same pass (GROUPING SETS), so a district's summary speaks of that
// district only. A computation stores the summaries of its year (quality_summaries, migration 19); reports read
// the stored one of their run, the 数据质量 page and `zonetrack quality` the stored one while no data changed since.
import type { Sql } from '../workspace.js';
import { sqlString } from '../sql.js';
import { DATASETS } from '../import/datasets.js';
import { ACTIVE_BATCH } from '../import/active-batch.js';
import { UserError } from '../errors.js';
import { MIN_HOURS_PER_DAY, monthMinimumSql, validFlagSql } from '../reference/air-validity.js';
import { referenceDateOf } from '../settings/workspace-settings.js';

export type Severity = '正常' | '提示' | '警告';

export interface QualityCheck {
  dataset: string;
  datasetLabel: string;
  check: string;
  count: number;
  total: number | null;
  severity: Severity;
  detail: string;
  examples: string[];
}

export interface StationMonth {
  station_code: string;
  station_name: string;
  district_code: string;
  month: number;
  /** The fewest valid daily means among the pollutants, and which pollutant that is. */
  valid_days: number;
  required_days: number;
  pollutant: string;
}

export interface QualitySummary {
  year: number;
  checks: QualityCheck[];
  /** Station-months short of the 27-day rule (25 in February) for some pollutant. */
  incompleteStationMonths: StationMonth[];
}

/** Robust z-score above which an hourly value is listed as an outlier (values far outside the station's month). */
export const OUTLIER_Z = 6;

/** The scope of a summary: a district code, or CITY for the whole workspace. */
export const CITY = 'city';

interface RecordCheck {
  dataset: keyof typeof DATASETS;
  check: string;
  detail: string;
  severity: Severity;
  /** One row per counted item of the year: district_code (NULL when unknown), example (a short text), ord.
   *  Deadlines are judged at the evaluation's reference date, bound as $ref (never the clock, never year end). */
  rows: (year: number) => string;
  /** Rows district_code, total: what the count is out of, per district (absent: no total). */
  totals?: (year: number) => string;
}

const yearEnd = (y: number) => `DATE '${Math.trunc(y)}-12-31'`;
/** A permit's district (permit holders may be listed by several batches). */
const PERMIT_DISTRICT = '(SELECT permit_no, any_value(district_code) AS district_code FROM permit_holders GROUP BY permit_no)';

const RECORD_CHECKS: RecordCheck[] = [
  { dataset: 'water_samples', check: '断面当年缺少月度监测', severity: '警告', detail: '缺月的断面年均值代表性不足，请补齐或说明原因',
    rows: (y) => `SELECT any_value(w.district_code) AS district_code, s.section_code || '：' || count(DISTINCT month(s.sample_date)) || '个月' AS example, s.section_code AS ord
      FROM water_samples s LEFT JOIN water_sections w USING (section_code) WHERE year(s.sample_date) = ${y}
      GROUP BY s.section_code HAVING count(DISTINCT month(s.sample_date)) < 12`,
    totals: () => 'SELECT district_code, count(DISTINCT section_code) AS total FROM water_sections GROUP BY GROUPING SETS ((district_code), ())' },
  { dataset: 'drinking_samples', check: '水源地不达标的月份', severity: '警告', detail: '全年均达标方计为达标水源地',
    rows: (y) => `SELECT (SELECT any_value(d.district_code) FROM drinking_sources d WHERE d.source_code = s.source_code) AS district_code,
        s.source_code || ' ' || coalesce(s.month::VARCHAR || '月', '') AS example, s.source_code || lpad(coalesce(s.month, 0)::VARCHAR, 2, '0') AS ord
      FROM drinking_samples s WHERE s.year = ${y} AND s.compliant = false` },
  { dataset: 'emissions_annual', check: '实际排放量超过许可排放量', severity: '警告', detail: '核对执行报告与在线监测数据',
    rows: (y) => `SELECT p.district_code, e.permit_no || ' ' || e.pollutant || ' ' || e.actual_t || '>' || e.permitted_t AS example, e.permit_no || e.pollutant AS ord
      FROM emissions_annual e LEFT JOIN ${PERMIT_DISTRICT} p USING (permit_no) WHERE e.year = ${y} AND e.actual_t > e.permitted_t` },
  { dataset: 'emissions_annual', check: '执行报告逾期或未提交', severity: '提示', detail: '以执行报告截止日期判断；未提交指截止日期在评估基准日前已过、数据中无提交日期',
    rows: (y) => `SELECT any_value(p.district_code) AS district_code,
        e.permit_no || CASE WHEN bool_or(e.report_submitted_on IS NULL) THEN ' 未提交' ELSE ' 逾期' END AS example, e.permit_no AS ord
      FROM emissions_annual e LEFT JOIN ${PERMIT_DISTRICT} p USING (permit_no)
      WHERE e.year = ${y} AND ((e.report_submitted_on IS NULL AND (e.report_due_on IS NULL OR e.report_due_on < $ref::DATE))
        OR e.report_submitted_on > e.report_due_on) GROUP BY e.permit_no` },
  { dataset: 'online_hourly', check: '在线监测无效标记小时值（F/M/S/D/C/T/B）', severity: '提示', detail: '只有 N 标记的数据参与超标率计算',
    rows: (y) => `SELECT p.district_code, o.flag AS example, o.flag AS ord
      FROM online_hourly o LEFT JOIN ${PERMIT_DISTRICT} p USING (permit_no)
      WHERE year(o.time - INTERVAL 1 HOUR) = ${y} AND o.flag IS NOT NULL AND o.flag <> 'N'`,
    totals: (y) => `SELECT p.district_code, count(*) AS total FROM online_hourly o LEFT JOIN ${PERMIT_DISTRICT} p USING (permit_no)
      WHERE year(o.time - INTERVAL 1 HOUR) = ${y} GROUP BY GROUPING SETS ((p.district_code), ())` },
  { dataset: 'online_hourly', check: '在线监测超标小时值', severity: '警告', detail: '有效（N）小时值超过排放限值',
    rows: (y) => `SELECT p.district_code, o.permit_no || ' ' || o.outlet_code || ' ' || strftime(o.time, '%Y-%m-%d %H:%M') || ' ' || o.pollutant AS example,
        strftime(o.time, '%Y%m%d%H%M') || o.permit_no || o.outlet_code || o.pollutant AS ord
      FROM online_hourly o LEFT JOIN ${PERMIT_DISTRICT} p USING (permit_no)
      WHERE year(o.time - INTERVAL 1 HOUR) = ${y} AND o.flag = 'N' AND o.value > o.limit_value` },
  { dataset: 'cases', check: '尚未结案的处罚案件', severity: '提示', detail: '立案后尚无结案日期',
    rows: (y) => `SELECT district_code, case_no AS example, case_no AS ord FROM cases WHERE year(filed_on) = ${y} AND closed_on IS NULL` },
  { dataset: 'problems', check: '逾期未完成整改的问题', severity: '警告', detail: '整改期限在年内或之前、评估基准日前已过，到评估基准日仍未完成',
    rows: (y) => `SELECT district_code, problem_id || ' 期限' || due_on AS example, problem_id AS ord FROM problems
      WHERE due_on <= ${yearEnd(y)} AND due_on < $ref::DATE AND found_on <= ${yearEnd(y)} AND (rectified_on IS NULL OR rectified_on > $ref::DATE)` },
  { dataset: 'eia_approvals', check: '分区管控符合性结论为“不符合”的批复', severity: '警告', detail: '不符合准入要求的项目不应获批',
    rows: (y) => `SELECT district_code, approval_no AS example, approval_no AS ord FROM eia_approvals WHERE year(approved_on) = ${y} AND conforms = '不符合'` },
  { dataset: 'plan_filings', check: '已发布未备案的方案', severity: '提示', detail: '发布后应在规定期限内备案',
    rows: () => `SELECT coalesce((SELECT d.district_code FROM districts d WHERE d.district_code = f.entity_code),
          (SELECT any_value(u.district_code) FROM units u WHERE u.unit_code = f.entity_code)) AS district_code,
        f.entity_code || ' ' || f.version AS example, f.entity_code || f.version AS ord FROM plan_filings f WHERE f.filed_on IS NULL` },
];

const severity = (count: number, warnAt: number): Severity => (count === 0 ? '正常' : count >= warnAt ? '警告' : '提示');

interface Counted { n: number; examples: string[] }

/** Count and first examples of a rows query, per district and for the city (key CITY). */
async function countedByScope(sql: Sql, rows: string, examples = 5, ref?: string): Promise<Map<string, Counted>> {
  const r = await sql.all<{ scope: string | null; city: number; n: number; examples: string[] | null }>(`
    SELECT district_code AS scope, grouping(district_code)::INTEGER AS city, count(*)::INTEGER AS n,
           list(example ORDER BY ord, example)[1:${examples}] AS examples
    FROM (${rows}) GROUP BY GROUPING SETS ((district_code), ())`, rows.includes('$ref') && ref ? { ref } : undefined);
  return new Map(r.filter((x) => x.city === 1 || x.scope !== null)
    .map((x) => [x.city === 1 ? CITY : x.scope!, { n: x.n, examples: x.examples ?? [] }]));
}

async function totalsByScope(sql: Sql, totals: string): Promise<Map<string, number>> {
  const r = await sql.all<{ district_code: string | null; total: number }>(`SELECT district_code, total::BIGINT AS total FROM (${totals})`);
  // the city row is the grand total (district_code NULL from the empty grouping set); a NULL district inside a
  // district grouping only happens for unattributed records, which count in the city total only
  const m = new Map<string, number>();
  for (const x of r) {
    if (x.district_code === null) m.set(CITY, Math.max(m.get(CITY) ?? 0, Number(x.total)));
    else m.set(x.district_code, Number(x.total));
  }
  return m;
}

/** The summaries of a year, for the city (key CITY) and for every district of the workspace; deadlines judged at
 *  `referenceDate` (YYYY-MM-DD: the run's, or the year's setting for a summary of data not yet computed). */
export async function qualitySummaries(sql: Sql, year: number, referenceDate: string): Promise<Map<string, QualitySummary>> {
  year = Math.trunc(year);
  const inYear = `a.time > TIMESTAMP '${year}-01-01 00:00:00' AND a.time <= TIMESTAMP '${year + 1}-01-01 00:00:00'`;
  const districts = (await sql.all<{ district_code: string }>('SELECT district_code FROM districts ORDER BY district_code')).map((d) => d.district_code);
  const scopes = [CITY, ...districts];
  const checks = new Map<string, QualityCheck[]>(scopes.map((s) => [s, []]));
  const air = DATASETS.air_hourly;
  /** Adds one check to every scope, its count, total and examples for that scope. */
  const add = (dataset: (typeof DATASETS)[keyof typeof DATASETS], c: (scope: string) => Omit<QualityCheck, 'dataset' | 'datasetLabel'>) => {
    for (const s of scopes) checks.get(s)!.push({ dataset: dataset.name, datasetLabel: dataset.label, ...c(s) });
  };

  // One pass over the year's hours, grouped by station-month, gives the totals, the station-months with data and
  // the stations with data, per district and for the city; the station checks below read those instead of
  // scanning the hours again.
  const totalRows = await sql.all<{ scope: string | null; city: number; n: number; missing: number; flagged: number; flags: string[] | null; station_months: number; stations: string[] | null }>(`
    WITH sm AS (
      SELECT a.station_code, month(a.time - INTERVAL 1 HOUR) AS m, count(*) AS n, count(*) FILTER (WHERE a.value IS NULL) AS missing,
             count(*) FILTER (WHERE NOT ${validFlagSql('a.flag')}) AS flagged,
             list(DISTINCT a.flag) FILTER (WHERE a.flag IS NOT NULL) AS flags
      FROM air_hourly a WHERE ${inYear} GROUP BY ALL
    )
    SELECT s.district_code AS scope, grouping(s.district_code)::INTEGER AS city,
           coalesce(sum(sm.n), 0)::BIGINT AS n, coalesce(sum(sm.missing), 0)::BIGINT AS missing, coalesce(sum(sm.flagged), 0)::BIGINT AS flagged,
           list_sort(list_distinct(flatten(list(sm.flags) FILTER (WHERE sm.flags IS NOT NULL)))) AS flags,
           count(*)::INTEGER AS station_months, list(DISTINCT sm.station_code) AS stations
    FROM sm LEFT JOIN air_stations s USING (station_code) GROUP BY GROUPING SETS ((s.district_code), ())`);
  const totals = new Map(totalRows.filter((r) => r.city === 1 || r.scope !== null).map((r) => [r.city === 1 ? CITY : r.scope!, r]));
  const tot = (s: string) => {
    const t = totals.get(s);
    return { n: Number(t?.n ?? 0), missing: Number(t?.missing ?? 0), flagged: Number(t?.flagged ?? 0), flags: t?.flags ?? [], stationMonths: t?.station_months ?? 0 };
  };
  const stationList = `[${(totals.get(CITY)?.stations ?? []).map(sqlString).join(', ')}]::VARCHAR[]`;
  const withData = (column: string) => `list_contains(${stationList}, ${column})`;
  add(air, (s) => ({ check: '缺测小时值（空值、缺测标记）', count: tot(s).missing, total: tot(s).n, severity: severity(tot(s).missing, tot(s).n * 0.1 || 1),
    detail: '缺测值保存为空值，不参与统计，也从不按0计', examples: [] }));
  add(air, (s) => ({ check: '标记为无效的小时值', count: tot(s).flagged, total: tot(s).n, severity: tot(s).flagged > 0 ? '提示' : '正常',
    detail: `出现的标记：${tot(s).flags.join('、') || '无'}；除 N/A/有效 外的标记按无效处理`, examples: [] }));
  add(air, (s) => ({ check: '重复记录', count: 0, total: tot(s).n, severity: '正常',
    detail: '同一站点、时间、污染物的重复记录在导入时即被拒绝，工作空间中不存在重复', examples: [] }));

  const incomplete = await sql.all<StationMonth>(`
    WITH days AS (
      SELECT a.station_code, a.pollutant, CAST(a.time - INTERVAL 1 HOUR AS DATE) AS day
      FROM air_hourly a
      WHERE ${inYear} AND a.value IS NOT NULL AND ${validFlagSql('a.flag')}
      GROUP BY ALL HAVING count(*) >= ${MIN_HOURS_PER_DAY}
    ),
    grid AS (
      SELECT s.station_code, s.name AS station_name, s.district_code, m.month, p.pollutant
      FROM air_stations s, range(1, 13) m(month), (VALUES ('SO2'), ('NO2'), ('CO'), ('O3'), ('PM10'), ('PM2.5')) p(pollutant)
      WHERE ${withData('s.station_code')}
    ),
    per AS (
      SELECT g.station_code, g.station_name, g.district_code, g.month, g.pollutant, count(d.day)::INTEGER AS valid_days,
             ${monthMinimumSql('g.month')} AS required_days
      FROM grid g LEFT JOIN days d ON d.station_code = g.station_code AND d.pollutant = g.pollutant AND month(d.day) = g.month
      GROUP BY ALL
    )
    SELECT station_code, station_name, district_code, month, min(valid_days) AS valid_days, any_value(required_days) AS required_days,
           arg_min(pollutant, valid_days) AS pollutant
    FROM per GROUP BY station_code, station_name, district_code, month
    HAVING min(valid_days) < any_value(required_days)
    ORDER BY station_code, month`);
  const incompleteOf = (s: string) => (s === CITY ? incomplete : incomplete.filter((m) => m.district_code === s));
  add(air, (s) => {
    const ms = incompleteOf(s);
    return { check: '站点月有效日数不足（每月不少于27天，2月25天）', count: ms.length, total: tot(s).stationMonths,
      severity: ms.length ? '警告' : '正常', detail: '不足的站点月会使年均值失去统计有效性（全年不少于324天）',
      examples: ms.slice(0, 5).map((m) => `${m.station_name}（${m.station_code}）${m.month}月 ${m.pollutant} ${m.valid_days}/${m.required_days}天`) };
  });

  // Robust z-score within station × pollutant × month (seasonal-aware: a winter PM value is judged against winter).
  // One grouping pass: each group's values are kept as a list, so median and MAD come from the list instead of
  // joining the year's hourly rows back twice (the joins were most of the summary's time at city scale).
  const outliers = await countedByScope(sql, `
    WITH g AS (
      SELECT a.station_code, a.pollutant, month(a.time - INTERVAL 1 HOUR) AS m, list(a.time) AS ts, list(a.value) AS vs
      FROM air_hourly a WHERE ${inYear} AND a.value IS NOT NULL AND ${validFlagSql('a.flag')} GROUP BY ALL
    ),
    s AS (SELECT *, list_aggregate(vs, 'median') AS med FROM g),
    d AS (SELECT *, list_aggregate(list_transform(vs, x -> abs(x - med)), 'median') AS mad FROM s),
    v AS (SELECT station_code, pollutant, med, mad, unnest(ts) AS time, unnest(vs) AS value FROM d WHERE mad > 0),
    o AS (SELECT station_code, time, pollutant, value, round(0.6745 * (value - med) / mad, 1) AS z FROM v WHERE abs(0.6745 * (value - med) / mad) > ${OUTLIER_Z})
    SELECT st.district_code, o.station_code || ' ' || strftime(o.time, '%Y-%m-%d %H:%M') || ' ' || o.pollutant || '=' || o.value || '（Z=' || o.z || '）' AS example,
           lpad(printf('%.1f', 1e6 - abs(o.z)), 12, '0') || o.station_code || strftime(o.time, '%Y%m%d%H') || o.pollutant AS ord
    FROM o LEFT JOIN air_stations st USING (station_code)`);
  add(air, (s) => {
    const o = outliers.get(s) ?? { n: 0, examples: [] };
    const valid = tot(s).n - tot(s).missing;
    return { check: `疑似异常值（站点-污染物-月内稳健Z分数>${OUTLIER_Z}）`, count: o.n, total: valid,
      severity: severity(o.n, Math.max(50, valid * 0.001)), detail: '仅提示核查，不自动剔除；请与监测站核对原始记录', examples: o.examples };
  });

  const noData = await countedByScope(sql, `SELECT district_code, name || '（' || station_code || '）' AS example, station_code AS ord
    FROM air_stations s WHERE NOT ${withData('s.station_code')}`);
  add(DATASETS.air_stations, (s) => {
    const r = noData.get(s) ?? { n: 0, examples: [] };
    return { check: '站点名录中有、当年无小时数据的站点', count: r.n, total: null, severity: r.n ? '提示' : '正常',
      detail: '可能是停用站点或漏导文件', examples: r.examples };
  });
  const noCitySite = await countedByScope(sql, `SELECT d.district_code, d.name AS example, d.district_code AS ord FROM districts d WHERE NOT EXISTS (
      SELECT 1 FROM air_stations s WHERE s.district_code = d.district_code AND s.is_city_site AND ${withData('s.station_code')})`, 8);
  add(DATASETS.air_stations, (s) => {
    const r = noCitySite.get(s) ?? { n: 0, examples: [] };
    return s === CITY
      ? { check: '没有城市点数据的区县', count: r.n, total: null, severity: r.n ? '警告' : '正常',
        detail: '这些区县的空气质量指标将为“数据缺失”', examples: r.examples }
      : { check: '本区县没有城市点数据', count: r.n, total: null, severity: r.n ? '警告' : '正常',
        detail: r.n ? '空气质量指标将为“数据缺失”' : '有城市点数据', examples: [] };
  });
  const unmatchedUnits = await countedByScope(sql, `SELECT district_code, station_code || ' → ' || unit_code AS example, station_code AS ord
    FROM air_stations WHERE unit_code IS NOT NULL AND unit_code NOT IN (SELECT unit_code FROM units)`);
  add(DATASETS.air_stations, (s) => {
    const r = unmatchedUnits.get(s) ?? { n: 0, examples: [] };
    return { check: '引用了不存在的管控单元编码的站点', count: r.n, total: null, severity: r.n ? '警告' : '正常',
      detail: '管控单元成果更新后，站点所在单元需重新对应', examples: r.examples };
  });

  // Checks of the other datasets, each a count (of a total) with examples: completeness first, then records a
  // reviewer should look at before trusting the figures built on them.
  for (const c of RECORD_CHECKS) {
    const counted = await countedByScope(sql, c.rows(year), 5, referenceDate);
    const totalOf = c.totals ? await totalsByScope(sql, c.totals(year)) : undefined;
    add(DATASETS[c.dataset], (s) => {
      const r = counted.get(s) ?? { n: 0, examples: [] };
      return { check: c.check, count: r.n, total: totalOf ? totalOf.get(s) ?? 0 : null, severity: r.n === 0 ? '正常' : c.severity,
        detail: c.detail, examples: r.examples };
    });
  }

  // Datasets with no active rows at all: one line naming them (a zero where data is expected is a finding).
  const empty: string[] = [];
  for (const spec of Object.values(DATASETS)) {
    const r = await sql.one(`SELECT 1 FROM ${spec.table} t WHERE t.batch_id IN (SELECT batch_id FROM import_batches WHERE ${ACTIVE_BATCH}) LIMIT 1`);
    if (!r) empty.push(spec.label);
  }
  for (const s of scopes) {
    checks.get(s)!.push({ dataset: 'datasets', datasetLabel: '全部数据集', check: '尚未导入数据的数据集', count: empty.length,
      total: Object.keys(DATASETS).length, severity: empty.length ? '提示' : '正常', detail: empty.length ? '这些数据集支撑的指标将为“数据缺失”' : '各数据集均已导入',
      examples: empty });
  }
  return new Map(scopes.map((s) => [s, { year, checks: checks.get(s)!, incompleteStationMonths: incompleteOf(s) }]));
}

/** The city-wide summary of a year, computed now, at the year's reference date. */
export async function qualitySummary(sql: Sql, year: number): Promise<QualitySummary> {
  return (await qualitySummaries(sql, year, (await referenceDateOf(sql, year)).date)).get(CITY)!;
}

/** Stores the summaries of a computation (inside its transaction). */
export async function storeQualitySummaries(tx: Sql, runId: number, summaries: Map<string, QualitySummary>): Promise<void> {
  for (const [scope, q] of summaries) {
    await tx.run('INSERT INTO quality_summaries (run_id, scope, summary) VALUES ($r, $s, $q)', { r: runId, s: scope, q: JSON.stringify(q) });
  }
}

/** The summary stored with a computation for a scope (CITY or a district), or undefined (run before migration 19). */
export async function storedQualitySummary(sql: Sql, runId: number, scope: string): Promise<QualitySummary | undefined> {
  const r = await sql.one<{ summary: string }>('SELECT summary FROM quality_summaries WHERE run_id = $r AND scope = $s', { r: runId, s: scope });
  return r ? JSON.parse(r.summary) as QualitySummary : undefined;
}

/**
 * The summary of a year as it stands: the one stored with the year's latest computation while no batch was
 * imported or removed since, else computed now (data imported, not yet computed).
 */
export async function currentQualitySummary(sql: Sql, year: number, scope = CITY): Promise<QualitySummary> {
  const run = await sql.one<{ run_id: number }>(`
    SELECT r.run_id FROM compute_runs r WHERE r.year = $y
      AND r.computed_at >= coalesce((SELECT max(greatest(imported_at, coalesce(removed_at, imported_at))) FROM import_batches), r.computed_at)
    ORDER BY r.run_id DESC LIMIT 1`, { y: Math.trunc(year) });
  const stored = run ? await storedQualitySummary(sql, run.run_id, scope) : undefined;
  if (stored) return stored;
  const q = (await qualitySummaries(sql, year, (await referenceDateOf(sql, year)).date)).get(scope);
  if (!q) throw new UserError('UNKNOWN_ENTITY', `没有区县“${scope}”`);
  return q;
}
