// watchlist page in English.
import type { Translation } from '../translation.js';
import type { watchlist as zh } from '../zh/watchlist.js';

export const watchlist: Translation<typeof zh> = {
};
