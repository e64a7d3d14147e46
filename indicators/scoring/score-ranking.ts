// The city ranking of the districts, best first: by grade after vetoes (a district a veto caps at 良好 ranks below
// every 优秀 one, whatever its score), then by the total of the score sheet (折算总分). Ties (same grade, same
// total) share a rank (1, 2, 2, 4) and are listed by district code so the order is stable. The grade is the sheet's,
// capped by its vetoes, which the row names. A sheet without any data (noData) is not ranked: listed last, its
// total and rank empty, its grade 无数据.
export interface ScoreRankingRow { rank: number | null; entity: string; name: string; total: number | null; grade: string; vetoes: string[] }

interface RankedSheet {
  entity: string; name: string; total: number; grade: string; noData?: boolean;
  vetoes?: readonly { id: string; name: string; maxGrade: string }[];
  /** The grade cut-offs of the sheet's catalogue: the grade's place among them orders the ranking. */
  grades?: readonly { min: number; name: string }[];
}

/** 0 for the best grade, 1 for the next…; a grade not among the cut-offs (none given) counts as equal. */
function gradeOrder(s: RankedSheet): number {
  const k = [...(s.grades ?? [])].sort((a, b) => b.min - a.min).findIndex((g) => g.name === s.grade);
  return k < 0 ? 0 : k;
}

export function scoreRanking(sheets: readonly RankedSheet[]): ScoreRankingRow[] {
  const scored = sheets.filter((s) => !s.noData).sort((a, b) => gradeOrder(a) - gradeOrder(b) || b.total - a.total || a.entity.localeCompare(b.entity));
  const unscored = sheets.filter((s) => s.noData).sort((a, b) => a.entity.localeCompare(b.entity));
  const vetoesOf = (s: RankedSheet) => (s.vetoes ?? []).map((v) => `${v.id} ${v.name}（等级最高为${v.maxGrade}）`);
  return [
    ...scored.map((s) => ({
      rank: 1 + scored.filter((x) => gradeOrder(x) < gradeOrder(s) || (gradeOrder(x) === gradeOrder(s) && x.total > s.total)).length, entity: s.entity, name: s.name, total: s.total, grade: s.grade, vetoes: vetoesOf(s),
    })),
    ...unscored.map((s) => ({ rank: null, entity: s.entity, name: s.name, total: null, grade: s.grade, vetoes: vetoesOf(s) })),
  ];
}
