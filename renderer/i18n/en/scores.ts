// scores page in English.
import type { Translation } from '../translation.js';
import type { scores as zh } from '../zh/scores.js';

export const scores: Translation<typeof zh> = {
};
