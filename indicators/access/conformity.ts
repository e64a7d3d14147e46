// When an EIA approval's recorded conformity (符合性结论, what B1/B2 count) and the screening of the approval
// against the access lists disagree: recorded 符合/有条件符合 but screened 不符合, or recorded 不符合 but screened
// 符合. 需进一步论证 is not a disagreement (a person decides). One definition, for the bulk screening's list and for
// the note beside B2; neither changes the recorded values B1/B2 count.
export type RecordedConformity = '符合' | '不符合' | '有条件符合' | null;

export function disagrees(recorded: RecordedConformity, screened: string): boolean {
  return ((recorded === '符合' || recorded === '有条件符合') && screened === '不符合') || (recorded === '不符合' && screened === '符合');
}

/** SQL over an approval `a` (eia_approvals) and its screening `s` (access_screenings): the same rule. */
export const DISAGREES_SQL = (a: string, s: string) =>
  `((${a}.conforms IN ('符合', '有条件符合') AND ${s}.conclusion = '不符合') OR (${a}.conforms = '不符合' AND ${s}.conclusion = '符合'))`;

/** The source a bulk screening records for an approval (access_screenings.source). */
export const approvalSource = (approvalNo: string) => `eia:${approvalNo}`;
