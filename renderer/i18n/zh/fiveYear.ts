// fiveYear page: Chinese words (the reference locale; en/fiveYear.ts must have the same keys).
export const fiveYear = {
} as const;
