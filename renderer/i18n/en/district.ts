// district page in English.
import type { Translation } from '../translation.js';
import type { district as zh } from '../zh/district.js';

export const district: Translation<typeof zh> = {
  title: 'District details',
  loading: 'Reading the district results',
  notComputed: {
    title: 'Indicators of {{year}} not computed yet',
    next: 'Compute the indicators on the Overview page first, then open the district details.',
    action: 'Go to the overview',
  },
  noResults: {
    title: 'No district results',
    next: 'Import data, then compute the indicators again.',
  },
  about: '{{year}} · points {{earned}}/{{max}} · normalised {{total}} · {{grade}}',
  lineageHint: 'Click a value to see where it comes from: the calculation method, the data batches (file, SHA-256, rows) and the source records behind it.',
  showLineage: 'Show data lineage',
  tableLabel: 'Indicators of {{name}}, {{year}}',
  exportName: '{{name}} {{year}} indicators',
  column: {
    indicator: 'Indicator',
    dimension: 'Dimension',
    value: 'Value',
    target: 'Target',
    status: 'Status',
    points: 'Points',
    fraction: 'Numerator / denominator',
    previous: 'Previous year',
  },
};
