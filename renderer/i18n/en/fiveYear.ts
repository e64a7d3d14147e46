// fiveYear page in English.
import type { Translation } from '../translation.js';
import type { fiveYear as zh } from '../zh/fiveYear.js';

export const fiveYear: Translation<typeof zh> = {
  noData: {
    title: 'The workspace has no data yet',
    next: 'The five-year evaluation needs monitoring data of at least two years: import the data of each year on the Data import page first.',
    action: 'Go to Data import',
  },
  title: 'Five-year evaluation',
  yearLabel: 'Evaluation year',
  yearOption: '{{from}}–{{to}} (baseline {{baseline}})',
  run: { busy: 'Evaluating…', again: 'Evaluate again', first: 'Run the five-year evaluation' },
  dataYears: 'Years with data in the window: {{years}} ({{n}}/{{total}})',
  dataYearsNone: 'none',
  listSeparator: ', ',
  progress: 'Computing the indicators of each year and the five-year evaluation…',
  notEnough: {
    title: '{{from}}–{{to}} has data for only {{n}} year(s)',
    next: 'The five-year evaluation needs data for at least {{min}} years (the baseline and the final year), and the trend test needs {{trend}} or more: import more years, or choose another evaluation year.',
  },
  loading: 'Reading the five-year evaluation',
  notEvaluated: {
    title: 'The {{from}}–{{to}} five-year evaluation has not been computed',
    next: 'Click "Run the five-year evaluation": it computes the indicators of each year {{baseline}}–{{to}} (years already up to date keep their results), then the change, trend and target completion.',
  },
  noItems: 'This evaluation has no indicator results: check the imported data and evaluate again.',
  summary: {
    window: '{{from}}–{{to}} · baseline {{baseline}}',
    counts: '{{entities}} evaluated entities · {{items}} indicator results · {{significant}} significant trends',
    folds: '{{year}} ends the plan period: annual tracking is folded into the five-year evaluation',
    computed: 'Computed {{time}} · evaluation no. {{id}}',
  },
  noBaseline: 'The baseline year ({{year}}) has no monitoring data: indicators built on monitoring data have yearly values and a trend only, no change or change rate. Import the {{year}} data and evaluate again.',
  fewYears: 'The window has data for only {{n}} years: the baseline and final year can be compared, but the trend test needs at least {{trend}} valid years (with n = 5, |ρ| ≥ 0.9 is significant).',
  indicator: 'Indicator',
  entity: 'Entity',
  byEntity: '{{indicator}} {{name}} · by entity',
  byIndicator: '{{entity}} · all indicators (click a row to show that indicator)',
  chart: {
    unit: ' ({{unit}})',
    baseline: '{{year}} (baseline)',
    target: 'Target {{value}}',
  },
  col: {
    indicator: 'Indicator',
    entity: 'Entity',
    baseline: 'Baseline {{year}}',
    year: '{{year}}',
    final: 'Final {{year}}',
    change: 'Change',
    changePct: 'Change rate',
    rho: 'ρ (n)',
    trend: 'Trend',
    target: 'Target',
    targetMet: 'Target met',
  },
  rhoN: '{{rho}} ({{n}})',
  met: 'Met',
  notMet: 'Not met',
  noRows: 'No evaluation result for this item.',
};
