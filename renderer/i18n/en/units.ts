// units page in English.
import type { Translation } from '../translation.js';
import type { units as zh } from '../zh/units.js';

export const units: Translation<typeof zh> = {
};
