// The data-quality summary of a year, per dataset: what a bureau analyst checks before trusting the numbers.
// Set-based SQL; each check says how many, out of how many, and shows a few examples.
import type { Sql } from '../workspace.js';
import { sqlString } from '../sql.js';
import { DATASETS } from '../import/datasets.js';
import { ACTIVE_BATCH } from '../import/active-batch.js';
import { MIN_HOURS_PER_DAY, monthMinimumSql, validFlagSql } from '../reference/air-validity.js';

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

interface RecordCheck {
  dataset: keyof typeof DATASETS;
  check: string;
  detail: string;
  severity: Severity;
  /** SELECT n, total, examples (a list of short texts) for the year. */
  sql: (year: number) => string;
}

const RECORD_CHECKS: RecordCheck[] = [
  { dataset: 'water_samples', check: '断面当年缺少月度监测', severity: '警告', detail: '缺月的断面年均值代表性不足，请补齐或说明原因',
    sql: (y) => `SELECT count(*) AS n, (SELECT count(*) FROM water_sections) AS total, list(section_code || '：' || months || '个月') AS examples FROM (
      SELECT section_code, count(DISTINCT month(sample_date)) AS months FROM water_samples WHERE year(sample_date) = ${y} GROUP BY ALL HAVING months < 12)` },
  { dataset: 'drinking_samples', check: '水源地不达标的月份', severity: '警告', detail: '全年均达标方计为达标水源地',
    sql: (y) => `SELECT count(*) AS n, NULL AS total, list(source_code || ' ' || coalesce(month::VARCHAR || '月', '')) AS examples
      FROM drinking_samples WHERE year = ${y} AND compliant = false` },
  { dataset: 'emissions_annual', check: '实际排放量超过许可排放量', severity: '警告', detail: '核对执行报告与在线监测数据',
    sql: (y) => `SELECT count(*) AS n, NULL AS total, list(permit_no || ' ' || pollutant || ' ' || actual_t || '>' || permitted_t) AS examples
      FROM emissions_annual WHERE year = ${y} AND actual_t > permitted_t` },
  { dataset: 'emissions_annual', check: '执行报告逾期或未提交', severity: '提示', detail: '以执行报告截止日期判断',
    sql: (y) => `SELECT count(DISTINCT permit_no) AS n, NULL AS total, list(DISTINCT permit_no || CASE WHEN report_submitted_on IS NULL THEN ' 未提交' ELSE ' 逾期' END) AS examples
      FROM emissions_annual WHERE year = ${y} AND (report_submitted_on IS NULL AND report_due_on < current_date OR report_submitted_on > report_due_on)` },
  { dataset: 'online_hourly', check: '在线监测无效标记小时值（F/M/S/D/C/T/B）', severity: '提示', detail: '只有 N 标记的数据参与超标率计算',
    sql: (y) => `SELECT count(*) AS n, (SELECT count(*) FROM online_hourly WHERE year(time - INTERVAL 1 HOUR) = ${y}) AS total,
      list(DISTINCT flag) AS examples FROM online_hourly WHERE year(time - INTERVAL 1 HOUR) = ${y} AND flag IS NOT NULL AND flag <> 'N'` },
  { dataset: 'online_hourly', check: '在线监测超标小时值', severity: '警告', detail: '有效（N）小时值超过排放限值',
    sql: (y) => `SELECT count(*) AS n, NULL AS total, list(permit_no || ' ' || outlet_code || ' ' || strftime(time, '%Y-%m-%d %H:%M') || ' ' || pollutant
        ORDER BY time, permit_no, outlet_code, pollutant)[1:5] AS examples
      FROM online_hourly WHERE year(time - INTERVAL 1 HOUR) = ${y} AND flag = 'N' AND value > limit_value` },
  { dataset: 'cases', check: '尚未结案的处罚案件', severity: '提示', detail: '立案后尚无结案日期',
    sql: (y) => `SELECT count(*) AS n, NULL AS total, list(case_no) AS examples FROM cases WHERE year(filed_on) = ${y} AND closed_on IS NULL` },
  { dataset: 'problems', check: '逾期未完成整改的问题', severity: '警告', detail: '整改期限已过仍未完成',
    sql: () => `SELECT count(*) AS n, NULL AS total, list(problem_id || ' 期限' || due_on) AS examples FROM problems
      WHERE due_on < current_date AND rectified_on IS NULL` },
  { dataset: 'eia_approvals', check: '分区管控符合性结论为“不符合”的批复', severity: '警告', detail: '不符合准入要求的项目不应获批',
    sql: (y) => `SELECT count(*) AS n, NULL AS total, list(approval_no) AS examples FROM eia_approvals WHERE year(approved_on) = ${y} AND conforms = '不符合'` },
  { dataset: 'plan_filings', check: '已发布未备案的方案', severity: '提示', detail: '发布后应在规定期限内备案',
    sql: () => `SELECT count(*) AS n, NULL AS total, list(entity_code || ' ' || version) AS examples FROM plan_filings WHERE filed_on IS NULL` },
];

const severity = (count: number, warnAt: number): Severity => (count === 0 ? '正常' : count >= warnAt ? '警告' : '提示');

export async function qualitySummary(sql: Sql, year: number): Promise<QualitySummary> {
  const inYear = `a.time > TIMESTAMP '${year}-01-01 00:00:00' AND a.time <= TIMESTAMP '${year + 1}-01-01 00:00:00'`;
  const checks: QualityCheck[] = [];
  const air = DATASETS.air_hourly;
  const add = (c: Omit<QualityCheck, 'dataset' | 'datasetLabel'>, dataset = air) =>
    checks.push({ dataset: dataset.name, datasetLabel: dataset.label, ...c });

  // One pass over the year's hours, grouped by station-month, gives the totals, the station-months with data and
  // the stations with data; the station checks below read those instead of scanning the hours again.
  const totals = await sql.one<{ n: number; missing: number; flagged: number; flags: string[] | null; station_months: number; stations: string[] | null }>(`
    WITH sm AS (
      SELECT a.station_code, month(a.time - INTERVAL 1 HOUR) AS m, count(*) AS n, count(*) FILTER (WHERE a.value IS NULL) AS missing,
             count(*) FILTER (WHERE NOT ${validFlagSql('a.flag')}) AS flagged,
             list(DISTINCT a.flag) FILTER (WHERE a.flag IS NOT NULL) AS flags
      FROM air_hourly a WHERE ${inYear} GROUP BY ALL
    )
    SELECT coalesce(sum(n), 0) AS n, coalesce(sum(missing), 0) AS missing, coalesce(sum(flagged), 0) AS flagged,
           list_sort(list_distinct(flatten(list(flags) FILTER (WHERE flags IS NOT NULL)))) AS flags,
           count(*) AS station_months, list(DISTINCT station_code) AS stations
    FROM sm`);
  const stationList = `[${(totals?.stations ?? []).map(sqlString).join(', ')}]::VARCHAR[]`;
  const withData = (column: string) => `list_contains(${stationList}, ${column})`;
  const n = totals?.n ?? 0;
  add({ check: '缺测小时值（空值、缺测标记）', count: totals?.missing ?? 0, total: n, severity: severity(totals?.missing ?? 0, n * 0.1 || 1),
    detail: '缺测值保存为空值，不参与统计，也从不按0计', examples: [] });
  add({ check: '标记为无效的小时值', count: totals?.flagged ?? 0, total: n, severity: (totals?.flagged ?? 0) > 0 ? '提示' : '正常',
    detail: `出现的标记：${(totals?.flags ?? []).join('、') || '无'}；除 N/A/有效 外的标记按无效处理`, examples: [] });
  add({ check: '重复记录', count: 0, total: n, severity: '正常',
    detail: '同一站点、时间、污染物的重复记录在导入时即被拒绝，工作空间中不存在重复', examples: [] });

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
  add({ check: '站点月有效日数不足（每月不少于27天，2月25天）', count: incomplete.length, total: totals?.station_months ?? 0,
    severity: incomplete.length ? '警告' : '正常', detail: '不足的站点月会使年均值失去统计有效性（全年不少于324天）',
    examples: incomplete.slice(0, 5).map((m) => `${m.station_name}（${m.station_code}）${m.month}月 ${m.pollutant} ${m.valid_days}/${m.required_days}天`) });

  // Robust z-score within station × pollutant × month (seasonal-aware: a winter PM value is judged against winter).
  // One grouping pass: each group's values are kept as a list, so median and MAD come from the list instead of
  // joining the year's hourly rows back twice (the joins were most of the summary's time at city scale).
  const outliers = await sql.all<{ station_code: string; t: string; pollutant: string; value: number; z: number }>(`
    WITH g AS (
      SELECT a.station_code, a.pollutant, month(a.time - INTERVAL 1 HOUR) AS m, list(a.time) AS ts, list(a.value) AS vs
      FROM air_hourly a WHERE ${inYear} AND a.value IS NOT NULL AND ${validFlagSql('a.flag')} GROUP BY ALL
    ),
    s AS (SELECT *, list_aggregate(vs, 'median') AS med FROM g),
    d AS (SELECT *, list_aggregate(list_transform(vs, x -> abs(x - med)), 'median') AS mad FROM s),
    v AS (SELECT station_code, pollutant, med, mad, unnest(ts) AS time, unnest(vs) AS value FROM d WHERE mad > 0)
    SELECT station_code, strftime(time, '%Y-%m-%d %H:%M') AS t, pollutant, value, round(0.6745 * (value - med) / mad, 1) AS z
    FROM v WHERE abs(0.6745 * (value - med) / mad) > ${OUTLIER_Z}
    ORDER BY abs(0.6745 * (value - med) / mad) DESC, station_code, time, pollutant`);
  add({ check: `疑似异常值（站点-污染物-月内稳健Z分数>${OUTLIER_Z}）`, count: outliers.length, total: n - (totals?.missing ?? 0),
    severity: severity(outliers.length, Math.max(50, (n - (totals?.missing ?? 0)) * 0.001)), detail: '仅提示核查，不自动剔除；请与监测站核对原始记录',
    examples: outliers.slice(0, 5).map((o) => `${o.station_code} ${o.t} ${o.pollutant}=${o.value}（Z=${o.z}）`) });

  const noData = await sql.all<{ station_code: string; name: string }>(`
    SELECT station_code, name FROM air_stations s
    WHERE NOT ${withData('s.station_code')} ORDER BY station_code`);
  add({ check: '站点名录中有、当年无小时数据的站点', count: noData.length, total: null, severity: noData.length ? '提示' : '正常',
    detail: '可能是停用站点或漏导文件', examples: noData.slice(0, 5).map((s) => `${s.name}（${s.station_code}）`) }, DATASETS.air_stations);
  const noCitySite = await sql.all<{ name: string }>(`
    SELECT d.name FROM districts d WHERE NOT EXISTS (
      SELECT 1 FROM air_stations s WHERE s.district_code = d.district_code AND s.is_city_site AND ${withData('s.station_code')}) ORDER BY d.district_code`);
  add({ check: '没有城市点数据的区县', count: noCitySite.length, total: null, severity: noCitySite.length ? '警告' : '正常',
    detail: '这些区县的空气质量指标将为“数据缺失”', examples: noCitySite.slice(0, 8).map((d) => d.name) }, DATASETS.air_stations);
  const unmatchedUnits = await sql.all<{ station_code: string; unit_code: string }>(`
    SELECT station_code, unit_code FROM air_stations WHERE unit_code IS NOT NULL AND unit_code NOT IN (SELECT unit_code FROM units)`);
  add({ check: '引用了不存在的管控单元编码的站点', count: unmatchedUnits.length, total: null, severity: unmatchedUnits.length ? '警告' : '正常',
    detail: '管控单元成果更新后，站点所在单元需重新对应', examples: unmatchedUnits.slice(0, 5).map((s) => `${s.station_code} → ${s.unit_code}`) }, DATASETS.air_stations);

  // Checks of the other datasets, each a count (of a total) with examples: completeness first, then records a
  // reviewer should look at before trusting the figures built on them.
  for (const c of RECORD_CHECKS) {
    const r = await sql.one<{ n: number; total: number | null; examples: string[] | null }>(c.sql(year));
    add({ check: c.check, count: r?.n ?? 0, total: r?.total ?? null, severity: (r?.n ?? 0) === 0 ? '正常' : c.severity,
      detail: c.detail, examples: (r?.examples ?? []).slice(0, 5) }, DATASETS[c.dataset]);
  }

  // Every other dataset: how many active rows it holds (a zero where data is expected is itself a finding).
  for (const spec of Object.values(DATASETS)) {
    if (spec.name === 'air_hourly') continue;
    const r = await sql.one<{ n: number }>(
      `SELECT count(*) AS n FROM ${spec.table} t WHERE t.batch_id IN (SELECT batch_id FROM import_batches WHERE ${ACTIVE_BATCH})`);
    add({ check: '记录数', count: r?.n ?? 0, total: null, severity: (r?.n ?? 0) === 0 ? '提示' : '正常',
      detail: (r?.n ?? 0) === 0 ? '尚未导入' : '已导入', examples: [] }, spec);
  }
  return { year, checks, incompleteStationMonths: incomplete };
}
