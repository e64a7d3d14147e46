// Shared words in English.
import type { Translation } from '../translation.js';
import type { common as zh } from '../zh/common.js';

export const common: Translation<typeof zh> = {
  appTitle: 'Ecological-Environment Zoning Control Tracking Workstation',
  nav: {
    label: 'Pages',
    overview: 'Overview',
    district: 'District',
    import: 'Import',
    units: 'Control units',
    scores: 'Scoring',
    watchlist: 'Watch list',
    fiveYear: 'Five-year evaluation',
    reports: 'Reports',
    quality: 'Data quality',
    workspace: 'Workspace',
    settings: 'Settings',
  },
  year: {
    label: 'Year',
    option: '{{year}}',
    notComputed: '{{year}} (not computed)',
  },
  cycle: {
    annual: 'Annual tracking',
    fiveYear: 'Five-year evaluation',
  },
  theme: {
    toDark: 'Switch to the dark theme',
    toLight: 'Switch to the light theme',
    dark: 'Dark',
    light: 'Light',
  },
};
