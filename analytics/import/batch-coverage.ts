// What an import batch covers: the years (and districts) inside which a record list is complete. A district with
// no cases is absent from the case list, so "no row" means 0 only inside the coverage, 数据缺失 outside it
// (shared/domain/indicators.md). Default: the years of the rows' dates, every district; declared at import
// (`--covers 2025`, the import args) when the file covers more or less than its dates say.
import type { Sql } from '../sql-statements.js';
import { sqlString } from '../sql.js';
import { ACTIVE_BATCH } from './active-batch.js';
import type { DatasetName } from './datasets.js';

/** Per dataset with years: the SQL giving each row's year (hour-ending times belong to the hour they end). */
export const COVERAGE_YEAR_SQL: Partial<Record<DatasetName, string[]>> = {
  air_hourly: ['year(time - INTERVAL 1 HOUR)'],
  air_daily: ['year(day)'],
  water_samples: ['year(sample_date)'],
  drinking_samples: ['year'],
  noise: ['year'],
  eqi: ['year'],
  ecology_units: ['year'],
  soil_stats: ['year'],
  statistics: ['year'],
  targets: ['year'],
  emissions_annual: ['year', 'year(report_due_on)'],
  online_hourly: ['year(time - INTERVAL 1 HOUR)'],
  inspections: ['year(date)'],
  cases: ['year(filed_on)'],
  problems: ['year(found_on)', 'year(due_on)'],
  eia_approvals: ['year(approved_on)'],
  plan_filings: ['year(published_on)', 'year(filed_on)'],
  work_items: ['year'],
};

/** What the user declares a file covers; each part left out takes its default. */
export interface DeclaredCoverage {
  years?: number[];
  /** District codes; absent = every district of the file's scope (a data package: its district). */
  districts?: string[];
}

/** The SQL of the default years of `dataset`'s rows in one batch, or undefined for registers (no years). */
function defaultYearsSql(dataset: string, table: string, batchId: number): string | undefined {
  const years = COVERAGE_YEAR_SQL[dataset as DatasetName];
  if (!years) return undefined;
  return years.map((y) => `SELECT ${y} AS year FROM ${table} WHERE batch_id = ${batchId} AND ${y} IS NOT NULL`).join(' UNION ');
}

/**
 * Records what one new batch covers (in the import's transaction). Registers cover no years and get no row.
 * `rowYears`: the years of the batch's rows when the import already knows them (the one-pass load's own grouping),
 * so that a large batch is not read once more for them.
 */
export async function recordCoverage(
  tx: Sql, batch: { id: number; dataset: string; table: string }, declared: DeclaredCoverage = {}, rowYears?: number[],
): Promise<void> {
  const yearsSql = defaultYearsSql(batch.dataset, batch.table, batch.id);
  if (!yearsSql) return;
  const listed = declared.years?.length ? declared.years : rowYears;
  const years = listed ? `SELECT unnest([${listed.map((y) => Math.trunc(y)).join(', ')}]::INTEGER[]) AS year` : yearsSql;
  const districts = declared.districts?.length ? `SELECT unnest([${declared.districts.map(sqlString).join(', ')}]) AS d` : 'SELECT NULL::VARCHAR AS d';
  await tx.run(`INSERT INTO batch_coverage (batch_id, dataset, year, district_code) SELECT DISTINCT ${batch.id}, ${sqlString(batch.dataset)}, y.year, d.d FROM (${years}) y, (${districts}) d`);
}

/** SQL (a subquery) of the years some active batch covers: the years with data. */
export const COVERED_YEARS = `(SELECT c.year FROM batch_coverage c JOIN import_batches b USING (batch_id) WHERE b.${ACTIVE_BATCH.replaceAll(' AND ', ' AND b.')})`;

/** The active coverage of one year: per dataset, the districts covered ('all' when a batch covers every one). */
export type YearCoverage = Map<string, 'all' | Set<string>>;

export async function readYearCoverage(sql: Sql, year: number): Promise<YearCoverage> {
  const rows = await sql.all<{ dataset: string; district_code: string | null }>(`
    SELECT DISTINCT c.dataset, c.district_code FROM batch_coverage c JOIN import_batches b USING (batch_id)
    WHERE c.year = $y AND b.${ACTIVE_BATCH.replaceAll(' AND ', ' AND b.')}`, { y: year });
  const out: YearCoverage = new Map();
  for (const r of rows) {
    const had = out.get(r.dataset);
    if (r.district_code === null || had === 'all') out.set(r.dataset, 'all');
    else out.set(r.dataset, new Set([...(had ?? []), r.district_code]));
  }
  return out;
}

/** Whether every dataset with years among `datasets` covers the entity (a district, or the city: any district);
 *  registers (no years) do not count. False when none of them has years. */
export function covers(coverage: YearCoverage, datasets: readonly string[], entity: string): boolean {
  const dated = datasets.filter((d) => COVERAGE_YEAR_SQL[d as DatasetName]);
  return dated.length > 0 && dated.every((d) => {
    const c = coverage.get(d);
    return c === 'all' || (c !== undefined && (entity === 'city' ? c.size > 0 : c.has(entity)));
  });
}

/** Backfill for batches imported before coverage was recorded: their default coverage (tables are named as
 *  their datasets). */
export function backfillCoverageSql(): string {
  return Object.entries(COVERAGE_YEAR_SQL).map(([table, years]) =>
    `INSERT INTO batch_coverage SELECT DISTINCT batch_id, '${table}', year, NULL FROM (${years!.map((y) => `SELECT batch_id, ${y} AS year FROM ${table}`).join(' UNION ')}) WHERE year IS NOT NULL;`,
  ).join('\n');
}
