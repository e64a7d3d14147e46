// Header mappings a user saved ("PM2.5浓度" is 浓度 of 环境空气小时数据): folded into the datasets' synonyms,
// first, so that the next file with that header is recognised without asking again.
import type { Sql } from '../workspace.js';
import { UserError } from '../errors.js';
import { DATASETS, datasetByName, type DatasetName, type DatasetSpec } from './datasets.js';
import type { HeaderContext } from './header-match.js';

export interface SavedMapping {
  dataset: DatasetName;
  header: string;
  column: string;
}

function columnsOf(spec: DatasetSpec) {
  return [...spec.columns, ...(spec.wide?.columns ?? [])];
}

export async function saveMapping(sql: Sql, m: SavedMapping): Promise<void> {
  const spec = datasetByName(m.dataset);
  if (!spec) throw new UserError('NO_DATASET', `未知的数据集“${m.dataset}”`);
  if (!columnsOf(spec).some((c) => c.name === m.column)) {
    throw new UserError('NO_COLUMN', `数据集“${spec.label}”没有列“${m.column}”（可用：${columnsOf(spec).map((c) => `${c.name}（${c.label}）`).join('、')}）`);
  }
  const header = m.header.trim();
  if (!header) throw new UserError('NO_HEADER', '表头不能为空');
  await sql.run(`INSERT OR REPLACE INTO column_mappings (dataset, header, column_name, saved_at) VALUES ($d, $h, $c, now()::TIMESTAMP)`,
    { d: m.dataset, h: header, c: m.column });
}

export async function savedMappings(sql: Sql): Promise<SavedMapping[]> {
  return sql.all<SavedMapping>('SELECT dataset, header, column_name AS column FROM column_mappings ORDER BY dataset, header');
}

/** The datasets with saved headers placed first among their columns' synonyms. */
export async function headerContext(sql: Sql, forced?: DatasetName): Promise<HeaderContext> {
  const saved = await savedMappings(sql);
  if (saved.length === 0) return { datasets: DATASETS, forced };
  const datasets = { ...DATASETS };
  for (const name of new Set(saved.map((s) => s.dataset))) {
    const spec = DATASETS[name];
    if (!spec) continue;
    const extra = (c: { name: string; synonyms: string[] }) => ({
      ...c, synonyms: [...saved.filter((s) => s.dataset === name && s.column === c.name).map((s) => s.header), ...c.synonyms],
    });
    datasets[name] = {
      ...spec,
      columns: spec.columns.map(extra),
      ...(spec.wide ? { wide: { ...spec.wide, columns: spec.wide.columns.map(extra) } } : {}),
    } as DatasetSpec;
  }
  return { datasets, forced };
}
