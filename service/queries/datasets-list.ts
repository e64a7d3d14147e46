// The canonical datasets as the UI names them: dataset → Chinese label, column → Chinese label.
import { DATASETS } from '../../analytics/import/datasets.js';

export interface DatasetLabel {
  name: string;
  label: string;
  columns: { name: string; label: string }[];
}

export function datasetLabels(): DatasetLabel[] {
  return Object.values(DATASETS).map((d) => ({ name: d.name, label: d.label, columns: d.columns.map((c) => ({ name: c.name, label: c.label })) }));
}
