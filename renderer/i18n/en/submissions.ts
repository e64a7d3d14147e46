// Submissions and filings page: English words (same keys as zh/submissions.ts).
import type { Translation } from '../translation.js';
import type { submissions as zh } from '../zh/submissions.js';

export const submissions: Translation<typeof zh> = {
  title: 'Submissions and filings',
  about: '{{year}} · each district’s submission state (pending → submitted → returned → reviewed → final), dates and what is missing; click a row for its history',
  loading: 'Reading the submissions',
  noData: {
    title: 'No year to show yet',
    next: 'Import data or district data packages on the Import page first; submissions received are recorded automatically.',
    action: 'Go to import',
  },
  states: {
    pending: 'Pending',
    submitted: 'Submitted',
    returned: 'Returned',
    reviewed: 'Reviewed',
    final: 'Final',
  },
  filter: {
    all: 'All {{n}}',
    state: '{{state}} {{n}}',
    group: 'Region group',
    allGroups: 'All groups',
  },
  col: {
    district: 'Code',
    name: 'District',
    group: 'Group',
    state: 'State',
    first: 'First submitted',
    last: 'Last submitted',
    reviewed: 'Reviewed',
    final: 'Finalized',
    evidence: 'Evidence',
    missing: 'Missing',
  },
  nothingMissing: 'Nothing',
  separator: '; ',
  exportName: 'District submissions {{year}}',
  history: {
    title: 'History of {{name}} ({{code}})',
    none: 'Nothing received yet (pending)',
    line: '{{operator}}: {{reason}}',
    items: 'Returned: {{items}}',
    item: '{{item}} ({{reason}})',
    contents: 'Contents: {{contents}}',
    dataset: '{{dataset}} {{rows}} rows',
    evidence: 'evidence {{file}} ({{sha}})',
  },
};
