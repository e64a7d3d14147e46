// The canonical datasets as the UI names them: dataset → Chinese label, column → Chinese label.
import { DATASETS } from '../../analytics/import/datasets.js';

export interface DatasetLabel {
  name: string;
  label: string;
  /** required: the column must be found in a file's header (a mapping dialog asks for it). */
  columns: { name: string; label: string; required?: boolean }[];
}

export function datasetLabels(): DatasetLabel[] {
  return Object.values(DATASETS).map((d) => ({ name: d.name, label: d.label, columns: d.columns.map((c) => ({ name: c.name, label: c.label, required: c.required })) }));
}
