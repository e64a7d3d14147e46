// Every measure the engine computes, by id: what a catalogue may name as an indicator's measure.
import { DAILY_STATISTICS } from './air-annual.js';
import { WATER_MEASURE_IDS } from './water-annual.js';
import { recordMeasureIds } from './record-measures.js';
import { UNIT_TRACKING_MEASURE_IDS } from './unit-tracking.js';

export function knownMeasures(): Set<string> {
  return new Set([
    ...Object.keys(DAILY_STATISTICS), 'air.good_day_ratio', 'air.heavy_pollution_days', 'air.composite_index', 'air.attainment',
    ...WATER_MEASURE_IDS, ...recordMeasureIds(), ...UNIT_TRACKING_MEASURE_IDS,
  ]);
}
