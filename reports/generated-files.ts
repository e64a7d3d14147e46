// The register of generated report files: every .docx/.xlsx a report generation writes is recorded (in the
// transaction that records the generation) with its hash, size and the snapshot it came from — the computation
// run, the five-year evaluation, the catalogue and its layers, the data batches. Listing it says which files are
// stale: the year was computed again (or a newer five-year evaluation exists), or the file is gone or changed.
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Sql } from '../analytics/workspace.js';
import { auditUser } from '../analytics/audit/audit-log.js';
import { scanFile } from '../analytics/import/file-hash.js';
import type { ReportCycle } from './five-year-data.js';
import type { WrittenReport } from './write-reports.js';

export type GeneratedKind = 'report' | 'workbook';

/** Why a listed file no longer matches what it was generated from. */
export type StaleReason = 'recomputed' | 'missing' | 'changed';

export interface GeneratedFile {
  id: number;
  kind: GeneratedKind;
  path: string;
  fileName: string;
  sha256: string;
  size: number;
  year: number;
  cycle: ReportCycle;
  entity: string;
  entityName: string;
  generatedAt: string;
  user: string;
  snapshot: {
    runId: number;
    runComputedAt: string;
    evaluationId: number | null;
    evaluationComputedAt: string | null;
    catalogueId: string;
    catalogueVersion: string;
    /** sha256 of each catalogue layer the run merged (JSON from compute_runs.layers), shortened to 12 characters. */
    layerHashes: string[];
    batchIds: number[];
  };
  stale: boolean;
  staleReasons: StaleReason[];
}

/** A file's sha256 and size, read before the recording transaction (hashing is file work, not database work). */
export interface FileFacts { path: string; sha256: string; size: number }

export async function fileFacts(path: string): Promise<FileFacts> {
  const [{ sha256 }, s] = await Promise.all([scanFile(path, { findBlankLines: false }), stat(path)]);
  return { path, sha256, size: s.size };
}

/** The facts of both files of each written report. */
export async function writtenFacts(written: WrittenReport[]): Promise<FileFacts[]> {
  return Promise.all(written.flatMap((w) => [w.docx, w.xlsx]).map(fileFacts));
}

const ints = (xs: number[]) => `[${xs.map((x) => Math.trunc(Number(x))).join(',')}]::INTEGER[]`;

/** Records the files of `written` (facts from `writtenFacts`) inside the caller's transaction. */
export async function recordGeneratedFiles(tx: Sql, written: WrittenReport[], facts: FileFacts[],
  a: { year: number; cycle: ReportCycle; at: string }): Promise<void> {
  const user = await auditUser(tx);
  for (const w of written) {
    const s = w.snapshot;
    for (const [kind, path] of [['report', w.docx], ['workbook', w.xlsx]] as const) {
      const f = facts.find((x) => x.path === path);
      if (!f) throw new Error(`报告文件“${path}”没有读取哈希`);
      await tx.run(`INSERT INTO generated_files (kind, path, file_name, sha256, size_bytes, year, cycle, entity_code, entity_name,
          generated_at, user_name, run_id, run_computed_at, evaluation_id, evaluation_computed_at, catalogue_id, catalogue_version,
          layers, batch_ids)
        SELECT $kind, $path, $name, $sha, $size, $year, $cycle, $entity, $entityName, $at::TIMESTAMP, $user,
          r.run_id, r.computed_at, e.evaluation_id, e.computed_at, r.catalogue_id, r.catalogue_version, r.layers, ${ints(s.batchIds)}
        FROM compute_runs r LEFT JOIN five_year_evaluations e ON e.evaluation_id = $ev
        WHERE r.run_id = $run`, {
        kind, path, name: basename(path), sha: f.sha256, size: f.size, year: a.year, cycle: a.cycle, entity: w.entity,
        entityName: w.name, user, at: a.at, ev: s.evaluationId ?? -1, run: s.runId,
      });
    }
  }
}

interface Row {
  file_id: number; kind: GeneratedKind; path: string; file_name: string; sha256: string; size_bytes: number | bigint;
  year: number; cycle: ReportCycle; entity_code: string; entity_name: string; generated_at: Date; user_name: string;
  run_id: number; run_computed_at: Date; evaluation_id: number | null; evaluation_computed_at: Date | null;
  catalogue_id: string; catalogue_version: string; layers: string | null; batch_ids: number[]; recomputed: boolean;
}

function layerHashes(layers: string | null): string[] {
  if (!layers) return [];
  try {
    return (JSON.parse(layers) as { sha256?: string }[]).map((l) => (l.sha256 ?? '').slice(0, 12)).filter(Boolean);
  } catch {
    return [];
  }
}

/**
 * The files generated (of one year, or all), newest first. A path written several times lists its latest
 * generation only (the earlier ones were overwritten). Each file on disk is hashed again to tell if it changed.
 */
export async function listGeneratedFiles(sql: Sql, year?: number): Promise<GeneratedFile[]> {
  const rows = await sql.all<Row>(`
    SELECT g.*,
      EXISTS (SELECT 1 FROM compute_runs r WHERE r.year = g.year AND r.run_id > g.run_id)
        OR (g.evaluation_id IS NOT NULL AND EXISTS (
          SELECT 1 FROM five_year_evaluations e WHERE e.year = g.year AND e.evaluation_id > g.evaluation_id)) AS recomputed
    FROM generated_files g
    WHERE ${year === undefined ? 'TRUE' : 'g.year = $y'}
    QUALIFY row_number() OVER (PARTITION BY g.path ORDER BY g.file_id DESC) = 1
    ORDER BY g.file_id DESC`, year === undefined ? {} : { y: year });
  return Promise.all(rows.map(async (r): Promise<GeneratedFile> => {
    const onDisk = await fileFacts(r.path).catch(() => null);
    const staleReasons: StaleReason[] = [
      ...(r.recomputed ? ['recomputed' as const] : []),
      ...(!onDisk ? ['missing' as const] : onDisk.sha256 !== r.sha256 ? ['changed' as const] : []),
    ];
    return {
      id: r.file_id, kind: r.kind, path: r.path, fileName: r.file_name, sha256: r.sha256, size: Number(r.size_bytes),
      year: r.year, cycle: r.cycle, entity: r.entity_code, entityName: r.entity_name, generatedAt: r.generated_at.toISOString(),
      user: r.user_name,
      snapshot: {
        runId: r.run_id, runComputedAt: r.run_computed_at.toISOString(), evaluationId: r.evaluation_id,
        evaluationComputedAt: r.evaluation_computed_at?.toISOString() ?? null, catalogueId: r.catalogue_id,
        catalogueVersion: r.catalogue_version, layerHashes: layerHashes(r.layers), batchIds: (r.batch_ids ?? []).map(Number),
      },
      stale: staleReasons.length > 0, staleReasons,
    };
  }));
}
