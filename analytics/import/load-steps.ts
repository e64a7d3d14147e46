// The rules that need other rows or tables, and the insert into the canonical table — built from each
// dataset's declaration (key, references, ranges, district columns), plus the few rules only code can say.
// Everything is set-based SQL over the parsed temp table.
import type { Sql } from '../workspace.js';
import type { DatasetName, DatasetSpec } from './datasets.js';
import type { CheckRule, ParsedFile } from './parse-rows.js';

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
  const byName = `(SELECT d.district_code FROM districts d WHERE d.name = district_name OR d.name = district_name || '区' OR d.name = district_name || '县')`;
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
    { column: 'unit_code', when: `unit_code IS NOT NULL AND NOT regexp_full_match(unit_code, '${UNIT_CODE_RE}')`,
      reason: '管控单元编码格式错误（应为 ZH + 6位区县代码 + 1位类别 + 4位序号，共13位）' },
    { column: 'unit_code', when: `regexp_full_match(unit_code, '${UNIT_CODE_RE}') AND unit_type IS NOT NULL AND substr(unit_code, 9, 1)::INTEGER <> unit_type`,
      reason: '编码中的类别位与管控单元类别不一致（1 优先保护、2 重点管控、3 一般管控）' },
    { column: 'unit_code', when: `regexp_full_match(unit_code, '${UNIT_CODE_RE}') AND substr(unit_code, 3, 6) NOT IN (SELECT district_code FROM districts)`,
      reason: '编码中的区县代码不在区县名录中' },
    ...(has('district_code') ? [{ column: 'district_code', when: `regexp_full_match(unit_code, '${UNIT_CODE_RE}') AND district_code IS NOT NULL AND district_code <> substr(unit_code, 3, 6)`,
      reason: '区县代码与管控单元编码中的区县代码不一致' }] : []),
  ],
};

/** Insert expressions that differ from "the parsed column of the same name". */
const INSERT_EXPRESSIONS: Partial<Record<DatasetName, (has: Has) => Record<string, string>>> = {
  units: (has) => ({ district_code: `coalesce(${districtExpr(has)}, substr(unit_code, 3, 6))` }),
};

export function loadStep(spec: DatasetSpec): LoadStep {
  const keyMatch = (t: string, p: ParsedFile) => spec.key.map((k) => `${t}.${k} = ${p.table}.${k}`).join(' AND ');
  const keyLabels = () => spec.key.map((k) => spec.columns.find((c) => c.name === k)?.label ?? k).join('、');
  const reportColumn = spec.timeColumn ?? spec.key.at(-1)!;
  return {
    async prepare(sql, p) {
      // Grouping on one 64-bit hash of the key is several times faster than on its columns; the rare hash that
      // repeats is then checked on the real key. Earlier batches are searched within the file's time span.
      const key = spec.key.join(', ');
      const present = spec.key.map((k) => `${k} IS NOT NULL`).join(' AND ');
      const span = spec.timeColumn
        ? `WHERE a.${spec.timeColumn} BETWEEN (SELECT min(${spec.timeColumn}) FROM ${p.table}) AND (SELECT max(${spec.timeColumn}) FROM ${p.table})`
        : 'WHERE true';
      await sql.run(`
        CREATE OR REPLACE TEMP TABLE ${p.table}_dup AS
          SELECT hash(${key}) AS h FROM ${p.table} WHERE ${present} GROUP BY h HAVING count(*) > 1;
        CREATE OR REPLACE TEMP TABLE ${p.table}_dup AS
          SELECT ${key} FROM ${p.table} WHERE hash(${key}) IN (SELECT h FROM ${p.table}_dup) GROUP BY ALL HAVING count(*) > 1;
        CREATE OR REPLACE TEMP TABLE ${p.table}_old AS
          SELECT ${spec.key.map((k) => `a.${k}`).join(', ')} FROM ${spec.table} a ${span}
            AND EXISTS (SELECT 1 FROM ${p.table} f WHERE ${spec.key.map((k) => `f.${k} = a.${k}`).join(' AND ')});`);
    },

    rules(p, has) {
      const rules: CheckRule[] = [];
      if (has('district_code') || has('district_name')) rules.push(...districtRules(has));
      for (const ref of spec.refs ?? []) {
        if (!has(ref.column)) continue;
        const unknown = `SELECT DISTINCT ${ref.column} FROM ${p.table} WHERE ${ref.column} IS NOT NULL
          AND ${ref.column} NOT IN (SELECT ${ref.tableColumn} FROM ${ref.table})`;
        rules.push({ column: ref.column, guard: unknown, when: `${ref.column} IN (${unknown})`, reason: ref.reason });
      }
      for (const c of spec.columns) {
        if (c.range && has(c.name)) {
          const out = [c.range.min !== undefined ? `${c.name} < ${c.range.min}` : '', c.range.max !== undefined ? `${c.name} > ${c.range.max}` : '']
            .filter(Boolean).join(' OR ');
          rules.push({ column: c.name, cell: true, when: out, reason: c.range.reason });
        }
        if ((c.kind === 'time' || c.kind === 'date') && has(c.name)) {
          rules.push({ column: c.name, cell: true, when: `${c.name} < DATE '2000-01-01' OR ${c.name} > now()::TIMESTAMP + INTERVAL 1 DAY`,
            reason: `${c.label}不在合理范围内（2000年以后且不晚于今天）` });
        }
      }
      rules.push(
        { column: reportColumn, guard: `SELECT * FROM ${p.table}_dup`, when: `EXISTS (SELECT 1 FROM ${p.table}_dup d WHERE ${keyMatch('d', p)})`,
          reason: `${keyLabels()}在文件中重复` },
        { column: reportColumn, guard: `SELECT * FROM ${p.table}_old`, when: `EXISTS (SELECT 1 FROM ${p.table}_old o WHERE ${keyMatch('o', p)})`,
          reason: `该${keyLabels()}的数据已导入过（如需更新请先移除或替换原批次）` },
      );
      rules.push(...(DATASET_RULES[spec.name]?.(p, has) ?? []));
      return rules;
    },

    async insert(sql, p, batchId, has) {
      const overrides = INSERT_EXPRESSIONS[spec.name]?.(has) ?? {};
      if ((has('district_code') || has('district_name')) && !overrides.district_code) overrides.district_code = districtExpr(has);
      const stored = spec.columns.filter((c) => !c.virtual && (has(c.name) || overrides[c.name]));
      const names = [...new Set([...stored.map((c) => c.name), ...Object.keys(overrides)])];
      const exprs = names.map((n) => overrides[n] ?? n);
      await sql.run(`INSERT INTO ${spec.table} (${names.join(', ')}, batch_id, src_row)
        SELECT ${exprs.join(', ')}, ${batchId}, ${p.rowExpr} FROM ${p.table}`);
    },
  };
}

