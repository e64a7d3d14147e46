// district page in English.
import type { Translation } from '../translation.js';
import type { district as zh } from '../zh/district.js';

export const district: Translation<typeof zh> = {
};
