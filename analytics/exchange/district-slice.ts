// Which rows of a dataset belong to a district: its own district_code or entity_code, else through the first
// reference whose table has a district (hourly air → its station, water samples → their section, …).
import type { Sql } from '../workspace.js';
import { tableColumns } from '../table-columns.js';
import { DATASETS, type DatasetSpec } from '../import/datasets.js';

/** A WHERE condition (with $district) selecting a dataset's rows of one district, or undefined if none can. */
export async function districtCondition(sql: Sql, spec: DatasetSpec): Promise<string | undefined> {
  const cols = new Set(await tableColumns(sql, spec.table));
  if (cols.has('district_code')) return 'district_code = $district';
  if (cols.has('host_district_code')) return 'host_district_code = $district';
  if (cols.has('entity_code')) return 'entity_code = $district';
  for (const ref of spec.refs ?? []) {
    const target = Object.values(DATASETS).find((d) => d.table === ref.table);
    if (!target) continue;
    const inner = await districtCondition(sql, target);
    if (inner) return `${ref.column} IN (SELECT ${ref.tableColumn} FROM ${ref.table} WHERE ${inner})`;
  }
  if (cols.has('unit_code')) return "substr(unit_code, 3, 6) = $district";
  if (cols.has('old_code')) return "(substr(old_code, 3, 6) = $district OR substr(new_code, 3, 6) = $district)";
  return undefined;
}
