// The server's enumerated words in English (see zh/words.ts).
import type { Translation } from '../translation.js';
import type { words as zh } from '../zh/words.js';

export const words: Translation<typeof zh> = {
  status: {
    met: 'Met', notMet: 'Not met', notApplicable: 'Not applicable', missing: 'Data missing', insufficient: 'Insufficient data', selfScored: 'Self-scored',
    valid: 'Valid', noStation: 'No station', noSection: 'No section', noData: 'No data',
  },
  grade: { excellent: 'Excellent', good: 'Good', pass: 'Pass', fail: 'Fail' },
  trend: {
    tooFew: 'Too few years (fewer than 4 with data)', none: 'No change', notSignificant: 'No significant trend',
    up: 'Significant rise', upWorse: 'Significant rise (worse)', upBetter: 'Significant rise (better)',
    down: 'Significant fall', downBetter: 'Significant fall (better)', downWorse: 'Significant fall (worse)',
  },
  unitType: { priority: 'Priority protection', key: 'Key control', general: 'General control' },
  batch: { superseded: 'Replaced by batch {{id}}', removed: 'Removed ({{reason}})' },
  dataset: {
    units: 'Environmental control units', reporting_entities: 'Reporting entities', unit_crosswalk: 'Control unit code crosswalk', air_stations: 'Air monitoring stations',
    water_sections: 'Surface water sections', drinking_sources: 'Drinking water sources', permit_holders: 'Pollutant permit holders', air_hourly: 'Hourly air quality',
    air_daily: 'Daily air quality', water_samples: 'Surface water samples', drinking_samples: 'Drinking water source quality', noise: 'Noise monitoring',
    eqi: 'Ecological quality index', ecology_units: 'Ecological red line supervision', soil_stats: 'Safe use of soil', statistics: 'Departmental statistics',
    targets: 'Target agreement values', emissions_annual: 'Annual emissions of permit holders', online_hourly: 'Hourly online source monitoring', inspections: 'Enforcement inspections',
    cases: 'Administrative penalty cases', problems: 'Problem rectification', eia_approvals: 'EIA approvals', plan_filings: 'Zoning plan publication and filing',
    work_items: 'Zoning control work items', access_requirements: 'Environmental access list', access_features: 'Spatial control features',
  },
};
