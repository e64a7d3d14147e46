// workspace page in English.
import type { Translation } from '../translation.js';
import type { workspace as zh } from '../zh/workspace.js';

export const workspace: Translation<typeof zh> = {
};
