// The rules that need other rows or tables, and the insert into the canonical table — built from each
// dataset's declaration (key, references, ranges, district columns), plus the few rules only code can say.
// Everything is set-based SQL over the parsed temp table.
import type { Sql } from '../workspace.js';
import { DISTRICT_BY_NAME, type ColumnSpec, type DatasetName, type DatasetSpec } from './datasets.js';
import type { CheckRule, ParsedFile } from './parse-rows.js';
import { sqlString } from '../sql.js';
import { stageIndustryLists } from './industry-codes.js';

export type Has = (column: string) => boolean;

export interface LoadStep {
  /** Builds small helper tables the rules look up (the keys that repeat, the keys already imported). */
  prepare(sql: Sql, p: ParsedFile): Promise<void>;
  /** Rules beyond the cell-level ones. `has(column)` says whether the file has that column. */
  rules(p: ParsedFile, has: Has): CheckRule[];
  /** Inserts the parsed rows. */
  insert(sql: Sql, p: ParsedFile, batchId: number, has: Has): Promise<void>;
}

const UNIT_CODE_RE = '^ZH\\d{6}[123]\\d{4}$';

/** SQL for a row's district code: the code column if given, else looked up from the district name. */
function districtExpr(has: Has): string {
  const byName = DISTRICT_BY_NAME;
  if (has('district_code') && has('district_name')) return `coalesce(district_code, ${byName})`;
  return has('district_code') ? 'district_code' : byName;
}

function districtRules(has: Has): CheckRule[] {
  const rules: CheckRule[] = [];
  if (has('district_code')) {
    rules.push({
      column: 'district_code',
      when: 'district_code IS NOT NULL AND district_code NOT IN (SELECT district_code FROM districts)',
      reason: '未知的区县代码（不在工作空间的区县名录中）',
    });
  }
  if (has('district_name')) {
    rules.push({
      column: 'district_name',
      when: `district_name IS NOT NULL ${has('district_code') ? 'AND district_code IS NULL' : ''} AND ${districtExpr((c) => c === 'district_name')} IS NULL`,
      reason: '未知的区县名称（不在工作空间的区县名录中）',
    });
  }
  return rules;
}

/** Rules only code can say, per dataset. */
const DATASET_RULES: Partial<Record<DatasetName, (p: ParsedFile, has: Has) => CheckRule[]>> = {
  units: (_p, has) => [
    ...(has('geometry') ? [{ column: 'geometry', cell: true,
      when: `geometry IS NOT NULL AND (NOT coalesce(json_valid(geometry), false) OR json_extract_string(geometry, '$.type') NOT IN ('Polygon', 'MultiPolygon')
        OR json_array_length(json_extract(geometry, '$.coordinates')) = 0)`,
      reason: '边界应为 GeoJSON 的 Polygon 或 MultiPolygon（经纬度坐标）', value: "left(geometry, 60)" }] : []),
    { column: 'unit_code', when: `unit_code IS NOT NULL AND NOT regexp_full_match(unit_code, '${UNIT_CODE_RE}')`,
      reason: '管控单元编码格式错误（应为 ZH + 6位区县代码 + 1位类别 + 4位序号，共13位）' },
    { column: 'unit_code', when: `regexp_full_match(unit_code, '${UNIT_CODE_RE}') AND unit_type IS NOT NULL AND substr(unit_code, 9, 1)::INTEGER <> unit_type`,
      reason: '编码中的类别位与管控单元类别不一致（1 优先保护、2 重点管控、3 一般管控）' },
    { column: 'unit_code', when: `regexp_full_match(unit_code, '${UNIT_CODE_RE}') AND substr(unit_code, 3, 6) NOT IN (SELECT district_code FROM districts)`,
      reason: '编码中的区县代码不在区县名录中' },
    ...(has('district_code') ? [{ column: 'district_code', when: `regexp_full_match(unit_code, '${UNIT_CODE_RE}') AND district_code IS NOT NULL AND district_code <> substr(unit_code, 3, 6)`,
      reason: '区县代码与管控单元编码中的区县代码不一致' }] : []),
  ],
  // HJ 608: a permit number begins with the holder's USCC (holders without one use an H9… construction).
  permit_holders: (_p, has) => (has('uscc') ? [{
    column: 'uscc', cell: true, when: `uscc IS NOT NULL AND permit_no IS NOT NULL AND NOT starts_with(permit_no, 'H9') AND left(permit_no, 18) <> uscc`,
    reason: '统一社会信用代码与许可证编号前18位不一致（HJ 608：许可证编号 = 统一社会信用代码 + 3位序号 + 1位字母）',
  }] : []),
  water_samples: () => [
    { column: 'value', cell: true, when: `item = 'pH' AND (value < 0 OR value > 14)`, reason: 'pH 应在 0–14 之间' },
  ],
  // Concentrations, flows and O2 are never negative; flue-gas static pressure may be.
  online_hourly: (_p, has) => ['value', ...(has('raw_value') ? ['raw_value'] : [])].map((column) => (
    { column, cell: true, when: `${column} < 0 AND pollutant <> 'FlueGasPressure'`, reason: '数值不能为负数（仅烟气静压可为负值）' })),
  plan_filings: () => [
    { column: 'entity_code', cell: true, when: `level = '市级' AND entity_code <> 'city'`, reason: '市级方案的主体应为“全市”' },
    { column: 'entity_code', cell: true, when: `level = '区县' AND entity_code = 'city'`, reason: '区县方案的主体应为区县（代码或名称），不能是“全市”' },
  ],
  access_requirements: accessRequirementRules,
  access_features: () => [{ column: 'geometry', cell: true,
    when: `NOT coalesce(json_valid(geometry), false) OR json_extract_string(geometry, '$.type') NOT IN ('Polygon', 'MultiPolygon', 'LineString', 'MultiLineString', 'Point')`,
    reason: '几何应为 GeoJSON 的 Polygon、MultiPolygon、LineString、MultiLineString 或 Point（经纬度坐标）', value: 'left(geometry, 60)' }],
  eia_approvals: (_p, has) => (has('zoning_analysis') && has('conforms') ? [{
    column: 'conforms', cell: true, when: 'zoning_analysis = false AND conforms IS NOT NULL',
    reason: '未开展分区管控符合性分析，却填写了符合性结论：请核对“是否开展分区管控符合性分析”',
  }] : []),
};

/** Work only code can do before the rules run (helper tables the rules and the insert read). */
const DATASET_PREPARE: Partial<Record<DatasetName, (sql: Sql, p: ParsedFile, has: Has) => Promise<void>>> = {
  access_requirements: async (sql, p, has) => {
    if (has('industries')) await stageIndustryLists(sql, p.table, 'industries');
  },
};

/** An access requirement's level: as written, else from its scope (a unit code → 单元, a district → 区县, none → 市级). */
function accessLevelExpr(has: Has): string {
  const scope = has('scope_code') ? 'scope_code' : 'NULL';
  const derived = `CASE WHEN ${scope} IS NULL OR ${scope} = 'city' THEN '市级' WHEN regexp_full_match(${scope}, '${UNIT_CODE_RE}') THEN '单元' ELSE '区县' END`;
  return has('level') ? `coalesce(level, ${derived})` : derived;
}

/** A requirement's condition lacks a parameter it needs. */
const ACCESS_CONDITION_NEEDS: [string, string[], string][] = [
  ['禁止行业', ['industries'], '判定条件为“禁止行业”时须填写行业代码（GB/T 4754-2017，如 C26）'],
  ['限制行业', ['industries'], '判定条件为“限制行业”时须填写行业代码（GB/T 4754-2017，如 C26）'],
  ['距离', ['feature', 'distance_km'], '判定条件为“距离”时须填写空间要素（图层或要素名称）和距离（km）'],
  ['重叠', ['feature'], '判定条件为“重叠”时须填写空间要素（如 生态保护红线）'],
  ['削减替代', ['pollutant', 'ratio'], '判定条件为“削减替代”时须填写污染物和替代比例'],
  ['数值限值', ['field', 'operator', 'limit_value'], '判定条件为“数值限值”时须填写项目指标、比较和限值'],
];

function accessRequirementRules(p: ParsedFile, has: Has): CheckRule[] {
  const level = accessLevelExpr(has);
  const scope = has('scope_code') ? 'scope_code' : 'NULL';
  const rules: CheckRule[] = [
    { column: 'scope_code', cell: true, when: `${level} IN ('区县', '单元') AND ${scope} IS NULL`,
      reason: '缺少适用范围：区县级要求应写区县（代码或名称），单元级要求应写管控单元编码' },
    { column: 'scope_code', cell: true, when: `${level} = '市级' AND ${scope} IS NOT NULL AND ${scope} <> 'city'`,
      reason: '市级要求的适用范围应为“全市”或留空' },
    { column: 'scope_code', when: `${level} = '区县' AND ${scope} IS NOT NULL AND ${scope} NOT IN (SELECT district_code FROM districts)`,
      reason: '区县级要求的适用范围应为区县名录中的区县（代码或名称）' },
    { column: 'scope_code', when: `${level} = '单元' AND ${scope} IS NOT NULL AND NOT regexp_full_match(${scope}, '${UNIT_CODE_RE}')`,
      reason: '单元级要求的适用范围应为管控单元编码（ZH + 6位区县代码 + 1位类别 + 4位序号）' },
    { column: 'scope_code', when: `${level} = '单元' AND regexp_full_match(${scope}, '${UNIT_CODE_RE}')
        AND ${scope} || '|' || plan_version NOT IN (SELECT unit_code || '|' || plan_version FROM units)`,
      reason: '管控单元编码不在该成果版本的管控单元中（请先导入该版本的管控单元，或检查编码与成果版本）' },
  ];
  if (has('condition_type')) {
    for (const [type, needs, reason] of ACCESS_CONDITION_NEEDS) {
      const missing = needs.map((c) => (has(c) ? `${c} IS NULL` : 'true')).join(' OR ');
      rules.push({ column: 'condition_type', cell: true, when: `condition_type = '${type}' AND (${missing})`, reason });
    }
  }
  if (has('industries')) {
    const bad = `SELECT raw FROM ${p.table}_ind WHERE bad IS NOT NULL`;
    rules.push({ column: 'industries', guard: bad, when: `industries IN (${bad})`,
      value: `(SELECT bad FROM ${p.table}_ind i WHERE i.raw = industries)`,
      reason: '未知的行业代码（应为 GB/T 4754-2017 的门类、大类、中类或小类代码，如 C、C26、C261、C2614）' });
  }
  if (has('project_types')) {
    rules.push({ column: 'project_types', cell: true,
      when: `project_types IS NOT NULL AND NOT regexp_full_match(trim(project_types), '(新建|改建|扩建)([；;、,，/ ]+(新建|改建|扩建))*')`,
      reason: '项目类型应为 新建、改建、扩建 中的一个或几个（用顿号或分号分隔）' });
  }
  return rules;
}

/** Insert expressions that differ from "the parsed column of the same name" (`table`: the parsed table). */
const INSERT_EXPRESSIONS: Partial<Record<DatasetName, (has: Has, table: string) => Record<string, string>>> = {
  access_requirements: (has, table) => ({
    level: accessLevelExpr(has),
    scope_code: has('scope_code') ? "coalesce(scope_code, 'city')" : "'city'",
    ...(has('industries') ? { industries: `(SELECT codes FROM ${table}_ind i WHERE i.raw = industries)` } : {}),
    ...(has('project_types') ? { project_types: `regexp_replace(trim(project_types), '[；;、,，/ ]+', ';', 'g')` } : {}),
  }),
  units: (has) => ({ district_code: `coalesce(${districtExpr(has)}, substr(unit_code, 3, 6))` }),
  reporting_entities: (has) => ({ host_district_code: districtExpr(has) }),
  // The raw text survives only where the number could not be read directly: exactly the "ND"/"0.01L" cells.
  water_samples: () => ({ below_detection: 'coalesce(zt_below_detection(value__raw), false)' }),
  // ZsAvg where the file has it, the measured value where it does not (wastewater has no O2 correction).
  online_hourly: (has): Record<string, string> => (has('raw_value') ? { value: 'coalesce(value, raw_value)' } : {}),
};

/** Rules a column's declaration says: its code form, bounds, order against another column. */
function declaredColumnRules(spec: DatasetSpec, p: ParsedFile, has: Has): CheckRule[] {
  const rules: CheckRule[] = [];
  const label = (name: string) => spec.columns.find((c) => c.name === name)?.label ?? name;
  for (const c of spec.columns.filter((x) => has(x.name))) {
    if (c.pattern && !spec.refs?.some((r) => r.column === c.name)) {
      // Checked once per distinct code: a 50-million-row file has a few thousand outlet codes.
      const bad = `SELECT v FROM (SELECT DISTINCT ${c.name} AS v FROM ${p.table} WHERE ${c.name} IS NOT NULL)
        WHERE NOT regexp_full_match(v, ${sqlString(c.pattern.re)})`;
      rules.push({ column: c.name, guard: bad, when: `${c.name} IN (${bad})`, reason: c.pattern.reason });
    }
    if (c.range) {
      const out = [c.range.min !== undefined ? `${c.name} < ${c.range.min}` : '', c.range.max !== undefined ? `${c.name} > ${c.range.max}` : '']
        .filter(Boolean).join(' OR ');
      rules.push({ column: c.name, cell: true, when: out, reason: c.range.reason });
    }
    if (c.kind === 'time' || c.kind === 'date') rules.push(dateSanity(c));
    if (c.notAbove && has(c.notAbove)) {
      rules.push({ column: c.name, cell: true, when: `${c.name} > ${c.notAbove}`, reason: `${c.label}不能大于${label(c.notAbove)}` });
    }
    if (c.notBefore && has(c.notBefore)) {
      rules.push({ column: c.name, cell: true, when: `${c.name} < ${c.notBefore}`, reason: `${c.label}不能早于${label(c.notBefore)}` });
    }
  }
  return rules;
}

/** Dates after 2000; no later than today unless a deadline. */
function dateSanity(c: ColumnSpec): CheckRule {
  return c.futureAllowed
    ? { column: c.name, cell: true, when: `${c.name} < DATE '2000-01-01' OR ${c.name} > DATE '2100-12-31'`, reason: `${c.label}不在合理范围内（2000–2100年）` }
    : { column: c.name, cell: true, when: `${c.name} < DATE '2000-01-01' OR ${c.name} > now()::TIMESTAMP + INTERVAL 1 DAY`,
      reason: `${c.label}不在合理范围内（2000年以后且不晚于今天）` };
}

export function loadStep(spec: DatasetSpec): LoadStep {
  // An optional key column (the month of an annual figure) may be empty, or absent from the file: empty equals
  // empty. Key columns the file lacks are empty in every row, so only the ones it has are compared.
  // (A column of a one-of group, such as the district code, is required in effect: never empty in a good row.)
  const optional = new Set(spec.key.filter((k) => !spec.columns.find((c) => c.name === k)?.required && !spec.oneOf?.flat().includes(k)));
  const eq = (a: string, b: string, k: string) => `${a}.${k} ${optional.has(k) ? 'IS NOT DISTINCT FROM' : '='} ${b}.${k}`;
  const inFile = (p: ParsedFile) => spec.key.filter((k) => p.columns.some((c) => c.name === k));
  const keyMatch = (t: string, p: ParsedFile) => inFile(p).map((k) => eq(t, p.table, k)).join(' AND ');
  const keyLabels = () => spec.key.map((k) => spec.columns.find((c) => c.name === k)?.label ?? k).join('、');
  const reportColumn = (p: ParsedFile) => [spec.timeColumn, ...[...spec.key].reverse()].find((k) => k && inFile(p).includes(k))!;
  return {
    async prepare(sql, p) {
      await DATASET_PREPARE[spec.name]?.(sql, p, (c) => p.columns.some((x) => x.name === c));
      // Grouping on one 64-bit hash of the key is several times faster than on its columns; the rare hash that
      // repeats is then checked on the real key. Earlier batches are searched within the file's time span.
      const keys = inFile(p);
      const key = keys.join(', ');
      const present = keys.filter((k) => !optional.has(k)).map((k) => `${k} IS NOT NULL`).join(' AND ') || 'true';
      const absent = spec.key.filter((k) => !keys.includes(k)).map((k) => ` AND a.${k} IS NULL`).join('')
        // Rows loaded in one pass are already in the table: they are not "imported before".
        + (p.batchId !== undefined ? ` AND a.batch_id NOT IN (${p.batchId}, ${-p.batchId})` : '');
      const span = spec.timeColumn
        ? `WHERE a.${spec.timeColumn} BETWEEN (SELECT min(${spec.timeColumn}) FROM ${p.table}) AND (SELECT max(${spec.timeColumn}) FROM ${p.table})`
        : 'WHERE true';
      let repeated = 0;
      if (p.keysUnique !== true) {
        await sql.run(`CREATE OR REPLACE TEMP TABLE ${p.table}_dup AS
            SELECT hash(${key}) AS h FROM ${p.table} WHERE ${present} GROUP BY h HAVING count(*) > 1`);
        // A good file has no repeated hash: the second scan of a large file is then only the table's shape.
        repeated = Number((await sql.one<{ n: number }>(`SELECT count(*) AS n FROM ${p.table}_dup`))?.n ?? 0);
      }
      await sql.run(`
        CREATE OR REPLACE TEMP TABLE ${p.table}_dup AS
          SELECT ${key} FROM ${p.table} WHERE ${repeated ? `hash(${key}) IN (SELECT h FROM ${p.table}_dup)` : 'false'} GROUP BY ALL HAVING count(*) > 1;
        CREATE OR REPLACE TEMP TABLE ${p.table}_old AS
          SELECT ${keys.map((k) => `a.${k}`).join(', ')} FROM ${spec.table} a ${span}${absent}
            AND EXISTS (SELECT 1 FROM ${p.table} f WHERE ${keys.map((k) => eq('f', 'a', k)).join(' AND ')});`);
    },

    rules(p, has) {
      const rules: CheckRule[] = [];
      if (has('district_code') || has('district_name')) rules.push(...districtRules(has));
      for (const ref of spec.refs ?? []) {
        if (!has(ref.column)) continue;
        const unknown = `SELECT DISTINCT ${ref.column} FROM ${p.table} WHERE ${ref.column} IS NOT NULL
          AND ${ref.column} NOT IN (SELECT ${ref.tableColumn} FROM ${ref.table})`;
        // A code of the wrong form is told so, not that it is unknown. Codes the referenced table holds were
        // checked when it was imported: only unknown ones can be malformed (one guard serves both rules).
        const pattern = spec.columns.find((c) => c.name === ref.column)?.pattern;
        const wellFormed = pattern ? `regexp_full_match(${ref.column}, ${sqlString(pattern.re)})` : 'true';
        if (pattern) rules.push({ column: ref.column, guard: unknown, when: `${ref.column} IN (${unknown}) AND NOT ${wellFormed}`, reason: pattern.reason });
        rules.push({ column: ref.column, guard: unknown, when: `${ref.column} IN (${unknown}) AND ${wellFormed}`, reason: ref.reason });
      }
      rules.push(...declaredColumnRules(spec, p, has));
      rules.push(
        { column: reportColumn(p), guard: `SELECT * FROM ${p.table}_dup`, when: `EXISTS (SELECT 1 FROM ${p.table}_dup d WHERE ${keyMatch('d', p)})`,
          reason: `${keyLabels()}在文件中重复` },
        { column: reportColumn(p), guard: `SELECT * FROM ${p.table}_old`, when: `EXISTS (SELECT 1 FROM ${p.table}_old o WHERE ${keyMatch('o', p)})`,
          reason: `该${keyLabels()}的数据已导入过（如需更新请先移除或替换原批次）` },
      );
      rules.push(...(DATASET_RULES[spec.name]?.(p, has) ?? []));
      return rules;
    },

    async insert(sql, p, batchId, has) {
      const { names, exprs } = insertColumns(spec, has, p.table);
      await sql.run(`INSERT INTO ${spec.table} (${names.join(', ')}, batch_id, src_row)
        SELECT ${exprs.join(', ')}, ${batchId}, ${p.rowExpr} FROM ${p.table}`);
    },
  };
}

/** The canonical table's columns an import writes (besides batch_id, src_row) and the SQL over parsed columns for each. */
export function insertColumns(spec: DatasetSpec, has: Has, table = ''): { names: string[]; exprs: string[] } {
  const overrides = INSERT_EXPRESSIONS[spec.name]?.(has, table) ?? {};
  const storesDistrict = spec.columns.some((c) => c.name === 'district_code' && !c.virtual);
  if (storesDistrict && (has('district_code') || has('district_name')) && !overrides.district_code) overrides.district_code = districtExpr(has);
  const stored = spec.columns.filter((c) => !c.virtual && (has(c.name) || overrides[c.name]));
  const names = [...new Set([...stored.map((c) => c.name), ...Object.keys(overrides)])];
  return { names, exprs: names.map((n) => overrides[n] ?? n) };
}

