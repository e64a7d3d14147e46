// Per dataset: the rules that need other rows or tables (codes, references, duplicates) and the insert into
// the canonical table. Everything is set-based SQL over the parsed temp table.
import type { Sql } from '../workspace.js';
import type { DatasetName } from './datasets.js';
import type { CheckRule, ParsedFile } from './parse-rows.js';

export interface LoadStep {
  /** Builds small helper tables the rules look up (e.g. the keys that repeat), before the one checking scan. */
  prepare?(sql: Sql, p: ParsedFile): Promise<void>;
  /** Rules beyond the cell-level ones. `has(column)` says whether the file has that column. */
  rules(p: ParsedFile, has: (column: string) => boolean): CheckRule[];
  /** Inserts the parsed rows; returns nothing (row counts come from the parsed table). */
  insert(sql: Sql, p: ParsedFile, batchId: number, has: (column: string) => boolean): Promise<void>;
}

const UNIT_CODE_RE = '^ZH\\d{6}[123]\\d{4}$';

/** SQL for a row's district code: the code column if given, else looked up from the district name. */
function districtExpr(has: (c: string) => boolean): string {
  const byName = `(SELECT d.district_code FROM districts d WHERE d.name = district_name OR d.name = district_name || '区' OR d.name = district_name || '县')`;
  if (has('district_code') && has('district_name')) return `coalesce(district_code, ${byName})`;
  return has('district_code') ? 'district_code' : byName;
}

function districtRules(p: ParsedFile, has: (c: string) => boolean): CheckRule[] {
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
  void p;
  return rules;
}

export const LOAD_STEPS: Record<DatasetName, LoadStep> = {
  units: {
    rules: (p, has) => [
      { column: 'unit_code', when: `unit_code IS NOT NULL AND NOT regexp_full_match(unit_code, '${UNIT_CODE_RE}')`,
        reason: '管控单元编码格式错误（应为 ZH + 6位区县代码 + 1位类别 + 4位序号，共13位）' },
      { column: 'unit_code', when: `regexp_full_match(unit_code, '${UNIT_CODE_RE}') AND unit_type IS NOT NULL AND substr(unit_code, 9, 1)::INTEGER <> unit_type`,
        reason: '编码中的类别位与管控单元类别不一致（1 优先保护、2 重点管控、3 一般管控）' },
      { column: 'unit_code', when: `regexp_full_match(unit_code, '${UNIT_CODE_RE}') AND substr(unit_code, 3, 6) NOT IN (SELECT district_code FROM districts)`,
        reason: '编码中的区县代码不在区县名录中' },
      ...districtRules(p, has),
      ...(has('district_code') ? [{ column: 'district_code', when: `regexp_full_match(unit_code, '${UNIT_CODE_RE}') AND district_code IS NOT NULL AND district_code <> substr(unit_code, 3, 6)`,
        reason: '区县代码与管控单元编码中的区县代码不一致' }] : []),
      { column: 'unit_code', when: `(unit_code, plan_version) IN (SELECT (unit_code, plan_version) FROM ${p.table} GROUP BY ALL HAVING count(*) > 1)`,
        reason: '同一成果版本中管控单元编码重复' },
      { column: 'unit_code', when: `(unit_code, plan_version) IN (SELECT (unit_code, plan_version) FROM units)`,
        reason: '该成果版本的管控单元已导入过（如需更新请先移除原批次）' },
    ],
    insert: (sql, p, batchId, has) => sql.run(`INSERT INTO units
      SELECT unit_code, plan_version, unit_name, unit_type, coalesce(${districtExpr(has)}, substr(unit_code, 3, 6)),
        ${has('area_km2') ? 'area_km2' : 'NULL'}, ${batchId}, ${p.rowExpr} FROM ${p.table}`),
  },
  air_stations: {
    rules: (p, has) => [
      ...districtRules(p, has),
      ...(has('unit_code') ? [{ column: 'unit_code', when: 'unit_code IS NOT NULL AND unit_code NOT IN (SELECT unit_code FROM units)',
        reason: '管控单元编码在工作空间中不存在（请先导入管控单元）' }] : []),
      ...(has('lon') ? [{ column: 'lon', when: 'lon IS NOT NULL AND (lon < 73 OR lon > 136)', reason: '经度超出中国范围（73–136）' }] : []),
      ...(has('lat') ? [{ column: 'lat', when: 'lat IS NOT NULL AND (lat < 3 OR lat > 54)', reason: '纬度超出中国范围（3–54）' }] : []),
      { column: 'station_code', when: `station_code IN (SELECT station_code FROM ${p.table} GROUP BY ALL HAVING count(*) > 1)`,
        reason: '站点编码在文件中重复' },
      { column: 'station_code', when: 'station_code IN (SELECT station_code FROM air_stations)',
        reason: '站点已导入过（如需更新请先移除原批次）' },
    ],
    insert: (sql, p, batchId, has) => sql.run(`INSERT INTO air_stations
      SELECT station_code, name, ${districtExpr(has)}, ${has('unit_code') ? 'unit_code' : 'NULL'},
        ${has('lon') ? 'lon' : 'NULL'}, ${has('lat') ? 'lat' : 'NULL'}, ${has('level') ? 'level' : 'NULL'},
        is_city_site, ${batchId}, ${p.rowExpr} FROM ${p.table}`),
  },
  air_hourly: {
    // Keys repeated in the file, and keys already in the workspace: both usually empty, so the checks only
    // probe two tiny tables. The workspace side is limited to the file's time span (zone maps prune it).
    prepare: async (sql, p) => {
      // Grouping on one 64-bit hash of the key is several times faster than on the three columns; the rare
      // hash that repeats is then checked on the real key.
      const key = 'station_code, time, pollutant';
      await sql.run(`
        CREATE OR REPLACE TEMP TABLE ${p.table}_dup AS
          SELECT hash(${key}) AS h FROM ${p.table} WHERE station_code IS NOT NULL AND time IS NOT NULL AND pollutant IS NOT NULL
          GROUP BY h HAVING count(*) > 1;
        CREATE OR REPLACE TEMP TABLE ${p.table}_dup AS
          SELECT ${key} FROM ${p.table} WHERE hash(${key}) IN (SELECT h FROM ${p.table}_dup)
          GROUP BY ALL HAVING count(*) > 1;
        CREATE OR REPLACE TEMP TABLE ${p.table}_old AS
          SELECT a.station_code, a.time, a.pollutant, a.batch_id FROM air_hourly a
          WHERE a.time BETWEEN (SELECT min(time) FROM ${p.table}) AND (SELECT max(time) FROM ${p.table})
            AND EXISTS (SELECT 1 FROM ${p.table} f WHERE f.station_code = a.station_code AND f.time = a.time AND f.pollutant = a.pollutant);`);
    },
    rules: (p) => {
      const sameKey = (t: string) => `${t}.station_code = ${p.table}.station_code AND ${t}.time = ${p.table}.time AND ${t}.pollutant = ${p.table}.pollutant`;
      const unknownStations = `SELECT DISTINCT station_code FROM ${p.table} WHERE station_code IS NOT NULL
        AND station_code NOT IN (SELECT station_code FROM air_stations)`;
      return [
        { column: 'station_code', guard: unknownStations, when: `station_code IN (${unknownStations})`,
          reason: '未知的站点编码（请先导入空气站点名录，或检查编码）' },
        { column: 'time', cell: true, when: "time < TIMESTAMP '2000-01-01' OR time > now()::TIMESTAMP + INTERVAL 1 DAY",
          reason: '监测时间不在合理范围内（2000年以后且不晚于今天）' },
        { column: 'time', guard: `SELECT * FROM ${p.table}_dup`, when: `EXISTS (SELECT 1 FROM ${p.table}_dup d WHERE ${sameKey('d')})`,
          reason: '同一站点、时间、污染物在文件中重复' },
        { column: 'time', guard: `SELECT * FROM ${p.table}_old`, when: `EXISTS (SELECT 1 FROM ${p.table}_old o WHERE ${sameKey('o')})`,
          reason: '该站点该时刻的数据已导入过' },
      ];
    },
    insert: (sql, p, batchId, has) => sql.run(`INSERT INTO air_hourly
      SELECT station_code, time, pollutant, value, ${has('flag') ? 'flag' : 'NULL'}, ${batchId}, ${p.rowExpr} FROM ${p.table}`),
  },
};
