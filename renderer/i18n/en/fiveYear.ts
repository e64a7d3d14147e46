// fiveYear page in English.
import type { Translation } from '../translation.js';
import type { fiveYear as zh } from '../zh/fiveYear.js';

export const fiveYear: Translation<typeof zh> = {
};
