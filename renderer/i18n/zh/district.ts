// district page: Chinese words (the reference locale; en/district.ts must have the same keys).
export const district = {
} as const;
