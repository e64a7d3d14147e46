// scores page in English.
import type { Translation } from '../translation.js';
import type { scores as zh } from '../zh/scores.js';

export const scores: Translation<typeof zh> = {
  notComputed: {
    title: '{{year}} has not been scored yet',
    next: 'Scores come from the computed results: compute the indicators on the Overview page first.',
    action: 'Go to Overview',
  },
  loading: 'Reading the scoring sheets',
  empty: { title: 'No district has been scored', next: 'Import data, then compute the indicators again.' },
  title: 'Scoring sheet',
  total: {
    earned: 'Points {{earned}} / {{max}}, scaled ',
    grade: ' points, grade ',
  },
  partial: 'The sheet holds only the indicators computed so far; not-applicable indicators are left out of the maximum and the total is scaled to 100. Catalogue {{id}} v{{version}}.',
  col: {
    indicator: 'Indicator',
    value: 'Value',
    target: 'Target',
    rule: 'Scoring rule',
    status: 'Status',
    points: 'Points / max',
  },
  manual: {
    open: 'Self-score / N/A',
    rule: 'Scoring rule: {{rule}}; computed points {{points}} / {{max}}.',
    selfScore: 'Self-score (0–{{max}}; leave empty to use the computed points)',
    badScore: 'Points must lie between 0 and the maximum',
    evidence: 'Supporting evidence',
    reason: 'Reason for not applicable (filling it in marks the item not applicable; reports list it)',
    cancel: 'Cancel',
    save: 'Save',
    saved: 'Saved self-score: {{score}}',
    clear: 'Clear self-score',
    clearTitle: 'Clear the self-score?',
    clearBody: 'The saved self-score of {{indicator}} ({{score}}) will be cleared (the evidence stays) and the computed score used; the audit trail keeps the clearing.',
    noNotApplicable: 'This item has a computed result and the catalogue does not say it may be not applicable: it cannot be marked not applicable.',
  },
  snapshot: {
    final: 'Finalized (run {{run}})',
    draft: 'Draft (run {{run}})',
    finalize: 'Finalize',
    reopen: 'Reopen',
    finalizeTitle: 'Finalize the {{year}} computation?',
    finalizeBody: 'Score sheets and reports will read run {{run}}; later imports, layers or target changes only make new drafts and never change it; the sheet cannot be edited while finalized.',
    finalizeReason: 'Note (optional, kept in the audit trail)',
    reopenTitle: 'Reopen {{year}}?',
    reopenBody: 'Score sheets and reports will read the latest computation (a draft); run {{run}} is kept unchanged.',
    reopenReason: 'Reason (required, kept in the audit trail)',
  },
  self: 'Self',
  evidence: 'Evidence: {{text}}',
  noData: '{{year}}: no data — no item of this district has data or an entered score; not scored.',
};
