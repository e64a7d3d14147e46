// 一张图 (map page and the maps on other pages) in English.
import type { Translation } from '../translation.js';
import type { map as zh } from '../zh/map.js';

export const map: Translation<typeof zh> = {
  title: 'Map',
  loading: 'Reading the unit boundaries',
  noGeometry: {
    title: 'The control units have no boundaries',
    next: 'Import the control units with their boundaries (GeoJSON) on the Import page.',
    action: 'Import data',
  },
  withoutGeometry: '{{n}} control units have no boundary and are not drawn: {{codes}}',
  plan: 'In {{year}} the {{versions}} plan is in force: {{n}} units',
  colour: {
    label: 'Colour units',
    type: 'By unit type',
    flags: 'By watch-list status',
    measure: '{{label}}',
  },
  district: 'District',
  allDistricts: 'Whole city',
  layer: {
    districts: 'District borders',
    stations: 'Air stations',
    sections: 'Water sections',
    features: 'Rivers, red line and parks',
  },
  section: {
    attained: 'class {{cls}}, target {{target}}: attained',
    failed: 'class {{cls}}, target {{target}}: not attained',
    noTarget: 'class {{cls}}, no target',
    noResult: 'no assessment this year',
    legendAttained: 'Section attains its target',
    legendFailed: 'Section fails its target',
    legendNone: 'Section without result or target',
  },
  legend: {
    type1: 'Priority protection',
    type2: 'Key control',
    type3: 'General control',
    flagged: 'On the watch list',
    other: 'Not on the list',
    noValue: 'No value',
  },
  tip: {
    code: 'Code: ',
    type: 'Type: ',
    value: 'Value: ',
    station: 'Air station: ',
    section: 'Section: ',
  },
  notComputed: '{{year}} is not computed yet: units can only be coloured by type.',
  watchTitle: 'Control units on the watch list ({{n}})',
  listSeparator: ', ',
  neighbours: 'The unit and its neighbours',
};
