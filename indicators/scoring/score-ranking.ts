// The city ranking of the districts by the total of their score sheets (折算总分), best first. Ties share a
// rank (1, 2, 2, 4); equal totals are listed by district code so the order is stable.
// The grade is the sheet's, capped by its vetoes, which the row names.
export interface ScoreRankingRow { rank: number; entity: string; name: string; total: number; grade: string; vetoes: string[] }

interface RankedSheet { entity: string; name: string; total: number; grade: string; vetoes?: readonly { id: string; name: string; maxGrade: string }[] }

export function scoreRanking(sheets: readonly RankedSheet[]): ScoreRankingRow[] {
  const sorted = [...sheets].sort((a, b) => b.total - a.total || a.entity.localeCompare(b.entity));
  return sorted.map((s) => ({
    rank: 1 + sorted.filter((x) => x.total > s.total).length, entity: s.entity, name: s.name, total: s.total, grade: s.grade,
    vetoes: (s.vetoes ?? []).map((v) => `${v.id} ${v.name}（等级最高为${v.maxGrade}）`),
  }));
}
