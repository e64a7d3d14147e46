// quality page in English.
import type { Translation } from '../translation.js';
import type { quality as zh } from '../zh/quality.js';

export const quality: Translation<typeof zh> = {
  title: 'Data quality',
  about: '{{year}} · resolve the items marked 警告 (warning) before computing and reporting',
  loading: 'Checking data quality',
  noData: {
    title: 'No data to check yet',
    next: 'Import data on the Import page; the quality checks then list missing values, outliers and inconsistencies.',
    action: 'Import data',
  },
  checks: {
    exportName: 'Data quality checks {{year}}',
    warnings: '{{n}} to resolve ({{total}} checks)',
    clean: 'Nothing to resolve ({{total}} checks)',
    dataset: 'Dataset',
    check: 'Check',
    count: 'Count',
    severity: 'Severity',
    detail: 'Explanation',
    examples: 'Examples',
    separator: '; ',
  },
  heatmap: {
    title: 'Valid days per month at air stations (station × month)',
    allMet: 'Every station has enough valid daily means in every month (at least 27 days, 25 in February).',
    intro: 'Only the {{n}} stations with a short month are listed; each cell shows valid days / required days, blank cells are months that met the rule.',
    station: '{{name}} ({{code}})',
    cell: '{{pollutant}}: {{valid}} valid days, {{required}} required',
  },
};
