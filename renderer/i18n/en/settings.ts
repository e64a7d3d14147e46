// settings page in English.
import type { Translation } from '../translation.js';
import type { settings as zh } from '../zh/settings.js';

export const settings: Translation<typeof zh> = {
  title: 'Settings',
  intro: 'Settings are stored in the workspace (the theme and language in this browser); every change is recorded in the audit trail.',
  loading: 'Reading settings',
  user: {
    title: 'Operator',
    current: 'Current: {{user}}{{unset}}. Every audit-trail entry names its operator.',
    unset: ' (not set: the system account name is used)',
    name: 'Operator name',
    saved: 'Saved: actions from now on are recorded as "{{user}}".',
  },
  theme: {
    title: 'Theme',
    remembered: 'Remembered on this computer for next time.',
    unsupported: 'This window cannot switch themes.',
  },
  language: {
    title: 'Language',
    remembered: 'Remembered on this computer for next time. Data in the workspace (indicator names, district names, messages from the service) stays in its original language.',
  },
  edition: {
    title: 'Air-quality standard edition',
    autoLabel: 'By year (default)',
    autoHelp: 'GB 3095-2012 / HJ 633-2012 up to 2025, GB 3095-2026 / HJ 633-2026 from 2026',
    help2012: 'Every year evaluated under GB 3095-2012 / HJ 633-2012',
    help2026: 'Every year evaluated under GB 3095-2026 / HJ 633-2026',
    changed: 'Changed to "{{label}}". Results already computed keep their edition; recompute to apply the new setting.',
    note: 'Computations that name no edition follow this setting (the command line can still override it with compute --edition). Each year of a five-year evaluation always uses that year\'s edition.',
  },
  issuing: {
    title: 'Report signature',
    intro: 'Printed after the body and the annex list (GB/T 9704): the issuing body and the date of the document. Left empty, the report marks them as to be filled in.',
    issuer: 'Issuing body',
    date: 'Date of the document',
    saved: 'Saved: reports generated from now on carry the new signature.',
  },
};
