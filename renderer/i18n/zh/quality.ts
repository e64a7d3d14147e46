// quality page: Chinese words (the reference locale; en/quality.ts must have the same keys).
export const quality = {
} as const;
