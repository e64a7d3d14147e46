// dataImport page: Chinese words (the reference locale; en/dataImport.ts must have the same keys).
export const dataImport = {
} as const;
