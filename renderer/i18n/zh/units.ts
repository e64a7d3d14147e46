// units page: Chinese words (the reference locale; en/units.ts must have the same keys).
export const units = {
} as const;
