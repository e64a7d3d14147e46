// settings page in English.
import type { Translation } from '../translation.js';
import type { settings as zh } from '../zh/settings.js';

export const settings: Translation<typeof zh> = {
};
