// The names a work item (work_items.item, free text entered by districts) goes by, per thing the catalogue
// counts. Matched whole after removing spaces, so a sheet may say “数据共享部门” or “共享分区管控成果的部门”.
export const WORK_ITEM_NAMES = {
  /** A3: departments sharing data with the zoning platform (发改, 自然资源, 水利, 林业, 交通运输 …). */
  dataSharingDepartments: ['共享分区管控成果的部门', '数据共享部门', '数据共享部门数', '共享数据的部门'],
  /** A4: supporting policy documents issued in the year. */
  supportingPolicies: ['配套政策文件', '配套政策文件数', '配套政策', '出台的配套政策文件'],
  /** A5: queries and access checks (准入研判) served by the platform. */
  platformUses: ['应用平台查询次数', '信息平台应用次数', '平台应用次数', '准入研判次数', '平台查询次数'],
  /** B3: plans and policies that applied the zoning results. */
  plansPoliciesApplying: ['引用分区管控要求的政策文件', '应用分区管控成果的规划和政策', '规划和政策应用数', '规划政策应用数'],
  /** B4 numerator: parks whose access list includes the zoning requirements. */
  parksWithAccessList: ['准入清单纳入分区管控要求的园区', '准入清单衔接分区管控要求的园区', '准入清单衔接园区数'],
  /** B4 denominator: industrial parks of the district. */
  parks: ['产业园区', '产业园区数', '产业园区总数', '园区总数'],
  /** V1: major (重特大) environmental incidents in the year. */
  majorIncidents: ['重特大突发环境事件', '重大突发环境事件', '特别重大突发环境事件', '重特大环境事件'],
  /** V2 exemption: approved adjustments of the red line (a reduction with approval does not veto). */
  redLineAdjustmentApproved: ['生态保护红线调整批准', '生态保护红线调整批复', '经批准的生态保护红线调整'],
  /** V2 reported directly: red-line area reduced without approval. */
  redLineReducedUnapproved: ['生态保护红线面积未经批准减少', '未经批准减少生态保护红线面积'],
} as const;

export type WorkItemKind = keyof typeof WORK_ITEM_NAMES;

/** SQL condition: the work_items row `alias` is one of the kind's names. */
export function workItemIs(kind: WorkItemKind, alias = 'w'): string {
  const names = WORK_ITEM_NAMES[kind].map((n) => `'${n}'`).join(', ');
  return `regexp_replace(${alias}.item, '\\s', '', 'g') IN (${names})`;
}
