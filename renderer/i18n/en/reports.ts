// reports page in English.
import type { Translation } from '../translation.js';
import type { reports as zh } from '../zh/reports.js';

export const reports: Translation<typeof zh> = {
};
