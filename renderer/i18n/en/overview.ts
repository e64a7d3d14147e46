// overview page in English.
import type { Translation } from '../translation.js';
import type { overview as zh } from '../zh/overview.js';

export const overview: Translation<typeof zh> = {
  title: 'Overview',
  indicator: 'Indicator',
  loading: 'Reading the overview',
  noData: {
    title: 'The workspace holds no data yet',
    next: 'Import the registers and monitoring data on the Import page first, then compute the indicators.',
    action: 'Import data',
  },
  notComputed: 'Indicators not computed yet: run zonetrack compute, or use the button below to compute the indicators of {{year}}.',
  noIndicators: 'The indicator catalogue holds no indicators; check the catalogue file',
  summary: {
    met: 'City indicators met',
    meanScore: 'Mean district score',
    grades: 'District grades',
    about: '{{year}} · catalogue {{catalogue}} v{{version}} · air standard GB 3095-{{edition}} · computed {{computedAt}}',
  },
  yoy: {
    title: 'Change on previous year ({{year}} − {{previous}})',
    none: 'No comparable values for the previous year: import and compute {{previous}} data to see the year-on-year change.',
  },
  unitTypes: {
    title: 'Spread by control-unit type (unit values)',
    noUnits: 'No control units: import the register of environmental control units on the Import page.',
    noValues: '"{{name}}" has no unit-level values: it is computed for districts and the city only (or the units hold no stations or sections), so a spread by unit type does not apply; district values are never used in place of unit values.',
    type: 'Unit type',
    units: 'Units',
    withValue: 'With value',
    mean: 'Mean',
    min: 'Min',
    max: 'Max',
  },
  tiles: {
    title: 'Districts at a glance',
    byStatus: 'By {{indicator}} status',
    byGrade: 'By overall grade',
    score: '{{total}} pts {{grade}}',
    noResult: 'No result',
    emptyTitle: 'No district results',
    emptyNext: 'Import data, then compute the indicators again.',
  },
  panel: {
    score: '{{total}} pts · {{grade}}',
    open: 'District details',
    indicator: 'Indicator',
    value: 'Value',
    target: 'Target',
    status: 'Status',
    points: 'Points',
  },
  fiveYear: {
    folded: '{{year}} is a five-year evaluation year: its annual tracking is folded into the {{from}}–{{to}} five-year evaluation (baseline {{baseline}}, computed {{computedAt}}) and no separate annual result is produced. The annual figures below are for reference only.',
    notEvaluated: '{{year}} is a five-year evaluation year: its annual tracking is folded into the {{from}}–{{to}} five-year evaluation (baseline {{baseline}}), which has not been computed yet. Run it on the Five-year evaluation page (CLI: zonetrack compute WS --year {{year}} --cycle five-year). The annual figures below are for reference only.',
    notEvaluationYear: '{{year}} is not a five-year evaluation year (evaluation years end in 0 or 5): annual tracking continues as usual.',
    open: 'Open the five-year evaluation',
    run: 'Go to the five-year evaluation',
  },
};
