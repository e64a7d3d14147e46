// units page in English.
import type { Translation } from '../translation.js';
import type { units as zh } from '../zh/units.js';

export const units: Translation<typeof zh> = {
  title: 'Control units',
  loading: 'Reading the control units',
  noUnits: {
    title: 'No control units yet',
    next: 'Import the register of environmental control units on the Import page.',
    nextFormats: 'Import the register of environmental control units (CSV or Excel) on the Import page.',
    action: 'Import data',
  },
  filter: {
    type: 'Unit type',
    allTypes: 'All types',
    type1: 'Priority protection units ({{n}})',
    type2: 'Key control units ({{n}})',
    type3: 'General control units ({{n}})',
    district: 'District',
    allDistricts: 'All districts',
    search: 'Search code or name',
  },
  count: '{{shown}} / {{total}} units · plan version in force in {{year}}',
  notComputed: 'Indicators of {{year}} not computed yet, so unit values are empty; they appear once computed on the Overview page.',
  noMatch: 'No unit matches: widen the type, district or search filter.',
  exportName: 'Control units {{year}}',
  rowsPerPage: 'Rows per page',
  displayedRows: '{{from}}–{{to}} of {{count}}',
  column: {
    code: 'Unit code',
    name: 'Unit name',
    type: 'Type',
    district: 'District',
    area: 'Area (km²)',
    withUnit: '{{label}} ({{unit}})',
  },
  unit: {
    exportName: '{{name}} ({{code}}) measures {{year}}',
    back: '← Back to the unit list',
    backTo: '← Back to {{page}}',
    from: { watchlist: 'the watch list', other: 'the previous page' },
    loading: 'Reading the unit',
    heading: '{{name}} ({{code}})',
    about: '{{district}} · {{plan}} plan · area {{area}} km²',
    noValuesTitle: 'No values for this unit in {{year}}',
    noValuesNext: 'A unit without monitoring stations, sections or related records has no unit-level values; district values are never used in their place.',
    measure: 'Measure',
    value: 'Value',
    fraction: 'Numerator / denominator',
    status: 'Status',
    detail: 'Explanation',
  },
};
