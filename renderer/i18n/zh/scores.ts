// scores page: Chinese words (the reference locale; en/scores.ts must have the same keys).
export const scores = {
} as const;
