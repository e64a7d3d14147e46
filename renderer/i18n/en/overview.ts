// overview page in English.
import type { Translation } from '../translation.js';
import type { overview as zh } from '../zh/overview.js';

export const overview: Translation<typeof zh> = {
};
