// quality page in English.
import type { Translation } from '../translation.js';
import type { quality as zh } from '../zh/quality.js';

export const quality: Translation<typeof zh> = {
};
