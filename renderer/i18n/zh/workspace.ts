// workspace page: Chinese words (the reference locale; en/workspace.ts must have the same keys).
export const workspace = {
} as const;
