// reports page: Chinese words (the reference locale; en/reports.ts must have the same keys).
export const reports = {
} as const;
