// reports page in English.
import type { Translation } from '../translation.js';
import type { reports as zh } from '../zh/reports.js';

export const reports: Translation<typeof zh> = {
  notComputed: {
    title: 'Indicators for {{year}} have not been computed',
    next: 'Reports come from the computed results: compute the indicators on the Overview page, then generate the reports.',
    action: 'Go to Overview',
  },
  loading: 'Reading the districts',
  empty: { title: 'No district has computed results', next: 'Import data, then compute the indicators again.' },
  title: 'Reports',
  annual: {
    district: 'Generate the {{year}} self-assessment report',
    city: 'Generate the city summary report',
    all: 'All districts and the city',
    evaluationYear: '{{year}} is a five-year evaluation year: this year\'s tracking is part of the {{from}}–{{year}} five-year evaluation report. Annual reports can still be generated here; their first page says so, and the five-year report is the one to submit.',
  },
  fiveYear: {
    district: 'Generate the {{from}}–{{to}} five-year evaluation report',
    city: 'Generate the city five-year summary report',
    all: 'All districts and the city (five-year)',
    cycle: 'The evaluation cycle is "five-year evaluation": the {{from}}–{{to}} five-year reports are generated (switch back to annual tracking on the Workspace page).',
    missing: 'The {{from}}–{{to}} five-year evaluation has not been computed, so no five-year report can be generated: run it on the Five-year evaluation page first (or switch back to annual tracking on the Workspace page).',
    go: 'Go to Five-year evaluation',
  },
  progress: 'Generating reports (summarising data, drawing charts, writing Word and Excel)…',
  list: {
    title: 'Generated reports',
    loading: 'Reading the generated reports',
    none: 'No report generated for {{year}} yet. Choose a district and click "Generate", or generate every district and the city summary at once; reports are written to the zonetrack-reports folder beside the workspace.',
    annualName: '{{name}} {{year}} annual',
    fiveYearName: '{{name}} {{from}}–{{to}} five-year evaluation',
    generated: 'Generated {{time}} · {{user}}',
    source: 'From: {{year}} computation (run {{run}}, {{time}}) · catalogue {{catalogue}} {{version}}{{layers}} · {{batches}} data batches',
    layers: ' (layers {{hashes}})',
    sourceFiveYear: 'five-year evaluation no. {{id}} ({{time}}) · ',
    folder: 'Folder: {{path}}',
  },
  stale: {
    recomputed: 'Stale: computed again since',
    changed: 'File changed on disk',
    missing: 'File no longer exists',
  },
  download: {
    report: 'Download report (.docx)',
    workbook: 'Download scoring sheet (.xlsx)',
  },
  open: {
    report: 'Open report',
    workbook: 'Open scoring sheet',
    folder: 'Show in folder',
  },
  copy: {
    button: 'Copy folder path',
    done: 'Copied',
    failed: 'No clipboard access: copy the path above by hand',
  },
};
