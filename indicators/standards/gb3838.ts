// GB 3838-2002 table 1 limits (mg/L unless noted) for the items of the single-factor section evaluation
// (《地表水环境质量评价办法（试行）》: the 21 basic items without water temperature, total nitrogen and faecal
// coliform). Classes I…V; worse than V is 劣V. Source: domain/water-soil-ecology.md §5.2.1.

export const WATER_CLASSES = ['I', 'II', 'III', 'IV', 'V', '劣V'] as const;
export type WaterClassName = (typeof WATER_CLASSES)[number];

/** Class number 1…6 (6 = 劣V) → its name, and the qualitative grade a report prints. */
export const CLASS_GRADE: Record<number, string> = { 1: '优', 2: '优', 3: '良好', 4: '轻度污染', 5: '中度污染', 6: '重度污染' };

export interface ItemLimits {
  /** 'max': the value must not exceed the limit; 'min': must reach it (DO); 'range': pH 6–9 in every class. */
  kind: 'max' | 'min' | 'range';
  limits: [number, number, number, number, number];
  /** Lakes and reservoirs have their own limits for some items (TP). */
  lake?: [number, number, number, number, number];
}

export const GB3838_LIMITS: Record<string, ItemLimits> = {
  pH: { kind: 'range', limits: [6, 6, 6, 6, 6] },
  DO: { kind: 'min', limits: [7.5, 6, 5, 3, 2] },
  CODMn: { kind: 'max', limits: [2, 4, 6, 10, 15] },
  COD: { kind: 'max', limits: [15, 15, 20, 30, 40] },
  BOD5: { kind: 'max', limits: [3, 3, 4, 6, 10] },
  'NH3-N': { kind: 'max', limits: [0.15, 0.5, 1.0, 1.5, 2.0] },
  TP: { kind: 'max', limits: [0.02, 0.1, 0.2, 0.3, 0.4], lake: [0.01, 0.025, 0.05, 0.1, 0.2] },
  Cu: { kind: 'max', limits: [0.01, 1.0, 1.0, 1.0, 1.0] },
  Zn: { kind: 'max', limits: [0.05, 1.0, 1.0, 2.0, 2.0] },
  F: { kind: 'max', limits: [1.0, 1.0, 1.0, 1.5, 1.5] },
  Se: { kind: 'max', limits: [0.01, 0.01, 0.01, 0.02, 0.02] },
  As: { kind: 'max', limits: [0.05, 0.05, 0.05, 0.1, 0.1] },
  Hg: { kind: 'max', limits: [0.00005, 0.00005, 0.0001, 0.001, 0.001] },
  Cd: { kind: 'max', limits: [0.001, 0.005, 0.005, 0.005, 0.01] },
  'Cr6+': { kind: 'max', limits: [0.01, 0.05, 0.05, 0.05, 0.1] },
  Pb: { kind: 'max', limits: [0.01, 0.01, 0.05, 0.05, 0.1] },
  CN: { kind: 'max', limits: [0.005, 0.05, 0.2, 0.2, 0.2] },
  Phenols: { kind: 'max', limits: [0.002, 0.002, 0.005, 0.01, 0.1] },
  Petroleum: { kind: 'max', limits: [0.05, 0.05, 0.05, 0.5, 1.0] },
  LAS: { kind: 'max', limits: [0.2, 0.2, 0.2, 0.3, 0.3] },
  Sulfide: { kind: 'max', limits: [0.05, 0.1, 0.2, 0.5, 1.0] },
};

/** SQL VALUES of the limits: (item, water_body, class, kind, limit). water_body 'river' or 'lake'. */
export function gb3838ValuesSql(): string {
  const rows: string[] = [];
  for (const [item, l] of Object.entries(GB3838_LIMITS)) {
    for (const body of ['river', 'lake'] as const) {
      const limits = body === 'lake' && l.lake ? l.lake : l.limits;
      limits.forEach((v, i) => rows.push(`('${item}', '${body}', ${i + 1}, '${l.kind}', ${v})`));
    }
  }
  return `(VALUES ${rows.join(', ')}) AS lim(item, water_body, class, kind, limit_value)`;
}
