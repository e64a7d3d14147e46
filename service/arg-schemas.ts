// Arguments are checked at the boundary: whatever a transport delivers is validated before it reaches the core.
import { z } from 'zod';
import type { OperationName } from './contract.js';
import { DATASETS, type DatasetName } from '../analytics/import/datasets.js';

const year = z.number().int().min(2000).max(2100);
const empty = z.object({}).strict();

/** Operations of the contract that another branch implements; until then the service answers “未知的操作”. */
type PendingOperation = 'scores/set-manual';

export const ARG_SCHEMAS: Record<Exclude<OperationName, PendingOperation>, z.ZodType> & Partial<Record<PendingOperation, z.ZodType>> = {
  'workspace/info': empty,
  'batches/list': empty,
  'batches/remove': z.object({ id: z.number().int().positive(), reason: z.string().trim().min(1, '请说明移除原因') }).strict(),
  'import/files': z.object({
    paths: z.array(z.string().min(1)).min(1),
    dataset: z.enum(Object.keys(DATASETS) as [DatasetName, ...DatasetName[]]).optional(),
    dryRun: z.boolean().optional(),
  }).strict(),
  'import/save-mapping': z.object({ dataset: z.enum(Object.keys(DATASETS) as [DatasetName, ...DatasetName[]]), header: z.string().min(1), column: z.string().min(1) }).strict(),
  'indicators/compute': z.object({ year, edition: z.enum(['2012', '2026']).optional() }).strict(),
  'indicators/value': z.object({ indicator: z.string().min(1), entity: z.string().min(1), year }).strict(),
  'measures/get': z.object({ measure: z.string().min(1), entity: z.string().min(1), year }).strict(),
  'indicators/ranking': z.object({ year, indicator: z.string().min(1) }).strict(),
  'scores/get': z.object({ year, entity: z.string().optional() }).strict(),
  'reports/generate': z.object({ year, entity: z.string().min(1), outDir: z.string().min(1) }).strict(),
  'catalogue/show': empty,
  'quality/summary': z.object({ year }).strict(),
  'packages/export': z.object({ district: z.string().regex(/^\d{6}$/, '区县代码应为6位数字'), outDir: z.string().min(1) }).strict(),
  'packages/import': z.object({ dir: z.string().min(1) }).strict(),
  'workspace/folders': empty,
  'progress/latest': empty,
  'indicators/overview': z.object({ year }).strict(),
  'lineage/records': z.object({
    indicator: z.string().min(1), entity: z.string().min(1), year, batch: z.number().int().positive(),
    offset: z.number().int().min(0), limit: z.number().int().min(1).max(500),
  }).strict(),
  'units/list': z.object({ year }).strict(),
  'units/get': z.object({ unit: z.string().min(1), year }).strict(),
  'datasets/list': empty,
};
