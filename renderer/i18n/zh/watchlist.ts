// watchlist page: Chinese words (the reference locale; en/watchlist.ts must have the same keys).
export const watchlist = {
} as const;
