// The city ranking of the districts by the total of their score sheets (折算总分), best first. Ties share a
// rank (1, 2, 2, 4); equal totals are listed by district code so the order is stable. The grade is the sheet's,
// capped by its vetoes, which the row names. A sheet without any data (noData) is not ranked: listed last, its
// total and rank empty, its grade 无数据.
export interface ScoreRankingRow { rank: number | null; entity: string; name: string; total: number | null; grade: string; vetoes: string[] }

interface RankedSheet {
  entity: string; name: string; total: number; grade: string; noData?: boolean;
  vetoes?: readonly { id: string; name: string; maxGrade: string }[];
}

export function scoreRanking(sheets: readonly RankedSheet[]): ScoreRankingRow[] {
  const scored = sheets.filter((s) => !s.noData).sort((a, b) => b.total - a.total || a.entity.localeCompare(b.entity));
  const unscored = sheets.filter((s) => s.noData).sort((a, b) => a.entity.localeCompare(b.entity));
  const vetoesOf = (s: RankedSheet) => (s.vetoes ?? []).map((v) => `${v.id} ${v.name}（等级最高为${v.maxGrade}）`);
  return [
    ...scored.map((s) => ({
      rank: 1 + scored.filter((x) => x.total > s.total).length, entity: s.entity, name: s.name, total: s.total, grade: s.grade, vetoes: vetoesOf(s),
    })),
    ...unscored.map((s) => ({ rank: null, entity: s.entity, name: s.name, total: null, grade: s.grade, vetoes: vetoesOf(s) })),
  ];
}
