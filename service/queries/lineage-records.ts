// The source records behind one computed value: the rows of one of its batches that concern the value's entity
// (a district, a unit or the city), one page at a time — LIMIT/OFFSET in DuckDB, never a whole table in memory.
import type { Sql } from '../../analytics/workspace.js';
import { UserError } from '../../analytics/errors.js';
import { sqlIdent } from '../../analytics/sql.js';
import { tableColumns } from '../../analytics/table-columns.js';
import { DATASETS, type DatasetName } from '../../analytics/import/datasets.js';
import { getValue } from '../../indicators/results.js';

export interface LineageRecordsArgs {
  indicator: string;
  entity: string;
  year: number;
  batch: number;
  offset: number;
  limit: number;
  /** Only the records of this day (YYYY-MM-DD; hourly rows by their hour-ending time) … */
  day?: string;
  /** … and of this pollutant (the daily level of a drill-down). */
  pollutant?: string;
}

export interface LineageRecords {
  batch: { id: number; dataset: string; datasetLabel: string; file: string; sha256: string; rows: number };
  /** In words, which rows of the batch are shown (e.g. 渝中区的城市点位、2025年). */
  filter: string;
  /** Columns as stored, with their Chinese labels; the first is src_row, the record's row in its file. */
  columns: { name: string; label: string }[];
  rows: (string | null)[][];
  total: number;
  offset: number;
  limit: number;
}

interface Restriction {
  where: string[];
  says: string[];
}

/** How a table's rows are tied to an entity: through its own district/unit column or a reference table. */
function entityRestriction(columns: string[], level: 'city' | 'district' | 'unit'): Restriction {
  if (level === 'city') return { where: [], says: ['全市'] };
  const has = (c: string) => columns.includes(c);
  const byRef = (col: string, table: string, key: string, extra = '') => {
    const own = level === 'district' ? 'district_code' : 'unit_code';
    return `${col} IN (SELECT ${key} FROM ${table} WHERE ${own} = $e ${extra})`;
  };
  if (level === 'unit') {
    if (has('unit_code')) return { where: ['unit_code = $e'], says: ['本单元'] };
    if (has('entity_code')) return { where: ['entity_code = $e'], says: ['本单元'] };
    if (has('station_code')) return { where: [byRef('station_code', 'air_stations', 'station_code', 'AND is_city_site')], says: ['单元内的城市点位'] };
    if (has('section_code')) return { where: [byRef('section_code', 'water_sections', 'section_code')], says: ['单元内的断面'] };
    if (has('permit_no')) return { where: [byRef('permit_no', 'permit_holders', 'permit_no')], says: ['单元内的排污单位'] };
    return { where: [], says: ['本批次全部记录'] };
  }
  if (has('district_code')) return { where: ['district_code = $e'], says: ['本区县'] };
  if (has('host_district_code')) return { where: ['host_district_code = $e'], says: ['本区县'] };
  if (has('entity_code')) {
    return { where: ['(entity_code = $e OR entity_code IN (SELECT unit_code FROM units WHERE district_code = $e))'], says: ['本区县及其管控单元'] };
  }
  // Air figures of a district are means over its city sites (HJ 663), so only those stations' rows fed it.
  if (has('station_code')) return { where: [byRef('station_code', 'air_stations', 'station_code', 'AND is_city_site')], says: ['本区县的城市点位'] };
  if (has('section_code')) return { where: [byRef('section_code', 'water_sections', 'section_code')], says: ['本区县的断面'] };
  if (has('source_code')) return { where: [byRef('source_code', 'drinking_sources', 'source_code')], says: ['本区县的水源地'] };
  if (has('permit_no')) return { where: [byRef('permit_no', 'permit_holders', 'permit_no')], says: ['本区县的排污单位'] };
  if (has('unit_code')) return { where: [byRef('unit_code', 'units', 'unit_code')], says: ['本区县的管控单元'] };
  return { where: [], says: ['本批次全部记录'] };
}

/** Monitoring rows carry their date; a batch may hold several years, and only the value's year fed it. */
function yearRestriction(columns: string[]): Restriction {
  if (columns.includes('time')) return { where: ['year(time - INTERVAL 1 HOUR) = $y'], says: ['$y年'] };
  for (const c of ['day', 'sample_date']) if (columns.includes(c)) return { where: [`year(${c}) = $y`], says: ['$y年'] };
  if (columns.includes('year')) return { where: ['year = $y'], says: ['$y年'] };
  return { where: [], says: [] };
}

export async function lineageRecords(sql: Sql, a: LineageRecordsArgs): Promise<LineageRecords> {
  const value = await getValue(sql, a.indicator, a.entity, a.year);
  const batch = value.batches.find((b) => b.id === a.batch);
  if (!batch) {
    throw new UserError('NOT_IN_LINEAGE', `批次${a.batch}不是指标 ${a.indicator}（${value.entityName}${a.year}年）的数据来源；可查看的批次：${value.batches.map((b) => b.id).join('、') || '无'}`);
  }
  const dataset = DATASETS[batch.dataset as DatasetName];
  if (!dataset) throw new UserError('NO_DATASET', `批次${batch.id}的数据集“${batch.dataset}”在本版本中不存在`);
  const table = dataset.table;
  const columns = (await tableColumns(sql, table)).filter((c) => c !== 'batch_id' && c !== 'src_row');
  const level = a.entity === 'city' ? 'city' : /^\d{6}$/.test(a.entity) ? 'district' : 'unit';
  const who = entityRestriction(columns, level);
  const when = yearRestriction(columns);
  const narrow: Restriction = { where: [], says: [] };
  if (a.day && columns.includes('time')) narrow.where.push('CAST(time - INTERVAL 1 HOUR AS DATE) = CAST($d AS DATE)');
  else if (a.day) for (const c of ['day', 'sample_date']) if (columns.includes(c)) { narrow.where.push(`${c} = CAST($d AS DATE)`); break; }
  if (narrow.where.length > 0) narrow.says.push(a.day!);
  if (a.pollutant && columns.includes('pollutant')) { narrow.where.push('pollutant = $p'); narrow.says.push(a.pollutant); }
  const where = ['batch_id = $b', ...who.where, ...when.where, ...narrow.where].join(' AND ');
  const params: Record<string, string | number> = { b: batch.id };
  if (where.includes('$d')) params.d = a.day!;
  if (where.includes('$p')) params.p = a.pollutant!;
  if (where.includes('$e')) params.e = a.entity;
  if (where.includes('$y')) params.y = a.year;
  const from = `FROM ${sqlIdent(table)} AS t WHERE ${where}`;
  const total = (await sql.one<{ n: number }>(`SELECT count(*) AS n ${from}`, params))?.n ?? 0;
  // One line of a wide file gives several records (one per pollutant): the other columns break the tie, so pages
  // neither overlap nor skip.
  const order = ['src_row', ...columns].map((c) => `t.${sqlIdent(c)}`).join(', ');
  const select = ['src_row', ...columns].map((c) => `t.${sqlIdent(c)}::VARCHAR AS ${sqlIdent(c)}`).join(', ');
  const rows = await sql.all<Record<string, string | null>>(
    `SELECT ${select} ${from} ORDER BY ${order} LIMIT ${Math.trunc(a.limit)} OFFSET ${Math.trunc(a.offset)}`, params);
  const names = ['src_row', ...columns];
  return {
    batch: { ...batch, datasetLabel: dataset.label },
    filter: `${value.entityName}：${[...who.says, ...when.says, ...narrow.says].map((s) => s.replace('$y', String(a.year))).join('、')}`,
    columns: names.map((name) => ({ name, label: name === 'src_row' ? '源数据行号' : dataset.columns.find((c) => c.name === name)?.label ?? name })),
    rows: rows.map((r) => names.map((c) => r[c] ?? null)),
    total,
    offset: a.offset,
    limit: a.limit,
  };
}
