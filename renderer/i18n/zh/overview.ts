// overview page: Chinese words (the reference locale; en/overview.ts must have the same keys).
export const overview = {
} as const;
