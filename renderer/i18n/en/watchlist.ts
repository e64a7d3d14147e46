// watchlist page in English.
import type { Translation } from '../translation.js';
import type { watchlist as zh } from '../zh/watchlist.js';

export const watchlist: Translation<typeof zh> = {
  notComputed: {
    title: 'Indicators for {{year}} have not been computed',
    next: 'The watch list comes from the unit-level measures of the computed results and from the problem, case and approval records: compute the indicators on the Overview page first.',
    action: 'Go to Overview',
  },
  loading: 'Reading the watch list',
  empty: {
    title: 'No control unit is on the {{year}} watch list',
    next: 'Flags come from unit-level measures (red-line area, ecological quality, PM2.5, water sections, emissions) and from problem, case and EIA approval records; import these data and compute again.',
  },
  title: 'Supervision watch list',
  district: 'District',
  allDistricts: 'All districts',
  districtOption: '{{name}} ({{n}})',
  unitTypeLabel: 'Unit type',
  allTypes: 'All types',
  typeOption: '{{type}} ({{n}})',
  unitType: { '1': 'Priority protection unit', '2': 'Key control unit', '3': 'General control unit' },
  count: '{{shown}} / {{total}} units · {{year}}',
  noneShown: 'No flagged unit in the chosen district and type: choose "All districts" or another type.',
  export: {
    button: 'Export to Excel',
    busy: 'Exporting…',
    done: 'Exported {{units}} units and {{rows}} triggered conditions: {{path}}',
  },
  groupCount: 'Units: {{n}}',
  tableExportName: '{{year}} watch list (table)',
  recordSeparator: '; ',
  col: {
    type: 'Unit type',
    code: 'Unit code',
    district: 'District',
    unit: 'Control unit',
    condition: 'Triggered condition',
    value: 'Value',
    threshold: 'Threshold',
    records: 'Related records',
  },
  districtLink: 'District details',
  fromMeasures: '(from the unit measures; see the unit page)',
  collapse: 'Show less',
  more: '{{n}} more, show all',
};
