// Arguments are checked at the boundary: whatever a transport delivers is validated before it reaches the core.
import { z } from 'zod';
import type { OperationName } from './contract.js';
import { DATASETS, type DatasetName } from '../analytics/import/datasets.js';
import { MAX_SECTION_CHARS, REPORT_SECTION_IDS } from '../reports/user-texts.js';
import { TEMPLATE_DATASETS } from '../reports/templates/template-datasets.js';

const year = z.number().int().min(2000).max(2100);
const empty = z.object({}).strict();

export const ARG_SCHEMAS: Record<OperationName, z.ZodType> = {
  'workspace/info': empty,
  'batches/list': empty,
  'batches/remove': z.object({ id: z.number().int().positive(), reason: z.string().trim().min(1, '请说明移除原因') }).strict(),
  'import/files': z.object({
    paths: z.array(z.string().min(1)).min(1),
    dataset: z.enum(Object.keys(DATASETS) as [DatasetName, ...DatasetName[]]).optional(),
    dryRun: z.boolean().optional(),
    /** How many row problems the refusal lists (default 200; the CLI's --errors-out asks for all). */
    errorLimit: z.number().int().min(1).max(10_000_000).optional(),
    covers: z.object({
      years: z.array(z.number().int().min(2000).max(2100)).min(1).optional(),
      districts: z.array(z.string().regex(/^\d{6}$/, '区县代码应为6位数字')).min(1).optional(),
    }).strict().optional(),
  }).strict(),
  'import/save-mapping': z.object({ dataset: z.enum(Object.keys(DATASETS) as [DatasetName, ...DatasetName[]]), header: z.string().min(1), column: z.string().min(1) }).strict(),
  'indicators/compute': z.object({ year, edition: z.enum(['2012', '2026']).optional() }).strict(),
  'indicators/value': z.object({ indicator: z.string().min(1), entity: z.string().min(1), year }).strict(),
  'measures/get': z.object({ measure: z.string().min(1), entity: z.string().min(1), year }).strict(),
  'indicators/ranking': z.object({ year, indicator: z.string().min(1) }).strict(),
  'scores/get': z.object({ year, entity: z.string().optional(), draft: z.boolean().optional() }).strict(),
  'snapshots/state': z.object({ year }).strict(),
  'snapshots/finalize': z.object({ year, reason: z.string().max(2000).optional() }).strict(),
  'snapshots/reopen': z.object({ year, reason: z.string().trim().min(1, '撤销定稿须说明理由').max(2000) }).strict(),
  'snapshots/diff': z.object({ year }).strict(),
  'reports/generate': z.object({ year, entity: z.string().min(1), outDir: z.string().min(1), cycle: z.enum(['annual', 'five-year']).optional() }).strict(),
  'reports/list': z.object({ year: year.optional() }).strict(),
  'catalogue/show': empty,
  'quality/summary': z.object({ year }).strict(),
  'packages/export': z.object({ district: z.string().regex(/^\d{6}$/, '区县代码应为6位数字'), outDir: z.string().min(1) }).strict(),
  'packages/import': z.object({ dir: z.string().min(1), year: year.optional(), errorLimit: z.number().int().min(1).max(10_000_000).optional() }).strict(),
  'submissions/list': z.object({ year }).strict(),
  'filings/register': z.object({ year }).strict(),
  'submissions/transition': z.object({
    year, district: z.string().regex(/^\d{6}$/, '区县代码应为6位数字'),
    to: z.enum(['待报送', '已报送', '退回', '已审核', '定稿']),
    reason: z.string().max(2000).optional(),
    items: z.array(z.object({ item: z.string().max(200), reason: z.string().max(2000) }).strict()).max(500).optional(),
    evidence: z.array(z.string().min(1)).max(200).optional(),
  }).strict(),
  'submissions/history': z.object({ year, district: z.string().regex(/^\d{6}$/, '区县代码应为6位数字').optional() }).strict(),
  'submissions/evidence': z.object({ year, district: z.string().regex(/^\d{6}$/, '区县代码应为6位数字').optional() }).strict(),
  'audit/list': z.object({ offset: z.number().int().min(0).optional(), limit: z.number().int().min(1).max(10_000).optional() }).strict(),
  'audit/set-user': z.object({ name: z.string().trim().min(1, '请填写操作人姓名').max(100) }).strict(),
  'workspace/backups': empty,
  'workspace/backup': z.object({ keepLast: z.number().int().min(1).max(1000).optional(), keepDays: z.number().int().min(1).max(1000).optional() }).strict(),
  'workspace/restore': z.object({ id: z.string().min(1) }).strict(),
  'catalogue/layers': empty,
  'catalogue/diff': z.object({ entity: z.string().regex(/^(city|\d{6})$/, '应为 city 或6位区县代码') }).strict(),
  'catalogue/add-layer': z.object({ path: z.string().min(1) }).strict(),
  'scores/set-manual': z.object({
    year, entity: z.string().min(1), indicator: z.string().min(1), selfScore: z.number().nullable().optional(),
    evidence: z.string().max(4000).optional(), notApplicableReason: z.string().max(2000).nullable().optional(),
  }).strict(),
  'scores/set-review': z.object({
    year, entity: z.string().min(1), indicator: z.string().min(1), reviewScore: z.number().nullable(), note: z.string().max(2000).optional(),
  }).strict(),
  'review/submission': z.object({ year, path: z.string().min(1), entity: z.string().regex(/^\d{6}$/, '区县代码应为6位数字').optional() }).strict(),
  'evaluation/compute-five-year': z.object({ year }).strict(),
  'evaluation/five-year': z.object({ year, entity: z.string().min(1).optional() }).strict(),
  'watchlist/get': z.object({ year, district: z.string().regex(/^\d{6}$/, '区县代码应为6位数字').optional() }).strict(),
  'measures/editions': z.object({ measure: z.string().min(1), entity: z.string().min(1), year }).strict(),
  'workspace/folders': empty,
  'indicators/overview': z.object({ year }).strict(),
  'lineage/records': z.object({
    indicator: z.string().min(1), entity: z.string().min(1), year, batch: z.number().int().positive(),
    offset: z.number().int().min(0), limit: z.number().int().min(1).max(500),
    day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期应为 YYYY-MM-DD').optional(), pollutant: z.string().min(1).max(20).optional(),
  }).strict(),
  'units/list': z.object({ year }).strict(),
  'units/get': z.object({ unit: z.string().min(1), year }).strict(),
  'map/layers': z.object({ year, zoom: z.number().int().min(0).max(3).optional() }).strict(),
  'map/values': z.object({ year, level: z.enum(['unit', 'district', 'section']), measure: z.string().min(1).optional() }).strict(),
  'datasets/list': empty,
  'settings/get': empty,
  'settings/set': z.object({
    edition: z.enum(['auto', '2012', '2026'], { message: '标准版本应为 auto（默认按年份）、2012 或 2026' }).optional(),
    cycle: z.enum(['annual', 'five-year'], { message: '评估周期应为 annual（年度跟踪）或 five-year（五年评估）' }).optional(),
    referenceDate: z.object({ year, date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '评估基准日应写成 YYYY-MM-DD').nullable() }).strict().optional(),
    issuer: z.string().max(60, '落款（发文机关）不超过60个字').optional(),
    documentDate: z.string().max(10).optional(),
  }).strict(),
  'workspace/status': empty,
  'targets/list': z.object({ year }).strict(),
  'watchlist/export': z.object({
    year, district: z.string().regex(/^\d{6}$/, '区县代码应为6位数字').optional(),
    unitType: z.enum(['优先保护', '重点管控', '一般管控']).optional(), outDir: z.string().min(1),
  }).strict(),
  'measures/daily': z.object({ indicator: z.string().min(1), entity: z.string().min(1), year }).strict(),
  'tables/export': z.object({
    title: z.string().trim().min(1).max(200),
    columns: z.array(z.object({ header: z.string().max(200), decimals: z.number().int().min(0).max(10).optional() }).strict()).min(1).max(200),
    rows: z.array(z.array(z.union([z.string().max(10_000), z.number(), z.null()])).max(200)).max(100_000),
    outDir: z.string().min(1),
  }).strict(),
  'reports/texts-get': z.object({ year, entity: z.string().regex(/^(city|\d{6})$/, '应为 city 或6位区县代码') }).strict(),
  'reports/texts-set': z.object({
    year, entity: z.string().regex(/^(city|\d{6})$/, '应为 city 或6位区县代码'), section: z.enum(REPORT_SECTION_IDS),
    text: z.string().max(MAX_SECTION_CHARS + 1000),
  }).strict(),
  'access/screen': z.object({ project: z.record(z.string(), z.unknown()), record: z.boolean().optional(), outDir: z.string().min(1).optional() }).strict(),
  'access/screenings': z.object({ year: year.optional(), offset: z.number().int().min(0).optional(), limit: z.number().int().min(1).max(1000).optional() }).strict(),
  'access/screening': z.object({ id: z.number().int().positive() }).strict(),
  'access/documents': z.object({ id: z.number().int().positive(), outDir: z.string().min(1) }).strict(),
  'access/unit-list': z.object({ unit: z.string().min(1), year }).strict(),
  'templates/list': empty,
  'templates/write': z.object({
    dataset: z.enum(['all', ...TEMPLATE_DATASETS] as [string, ...string[]], { message: `数据集应为 all 或 ${TEMPLATE_DATASETS.join('、')} 之一（其余数据由市级掌握，没有填报模板）` }),
    district: z.string().regex(/^\d{6}$/, '区县代码应为6位数字'), year, outDir: z.string().min(1),
  }).strict(),
  'access/screen-approvals': z.object({ year }).strict(),
};

/** Which arguments of an operation are file paths, so transports serving a page can confine them (path-policy.ts). */
export const PATH_ARGS: Partial<Record<OperationName, readonly string[]>> = {
  'import/files': ['paths'],
  'reports/generate': ['outDir'],
  'packages/export': ['outDir'],
  'packages/import': ['dir'],
  'submissions/transition': ['evidence'],
  'catalogue/add-layer': ['path'],
  'review/submission': ['path'],
  'watchlist/export': ['outDir'],
  'access/screen': ['outDir'],
  'access/documents': ['outDir'],
  'tables/export': ['outDir'],
  'templates/write': ['outDir'],
};
