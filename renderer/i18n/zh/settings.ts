// settings page: Chinese words (the reference locale; en/settings.ts must have the same keys).
export const settings = {
} as const;
