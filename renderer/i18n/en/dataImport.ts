// dataImport page in English.
import type { Translation } from '../translation.js';
import type { dataImport as zh } from '../zh/dataImport.js';

export const dataImport: Translation<typeof zh> = {
};
