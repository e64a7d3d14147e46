// 工作空间 page: what the open workspace is — its file, schema, the years it holds, what each year was last
// computed with, the catalogue and layers in force, the standard edition new computations would use, and the
// workspace's preferences.
import { stat } from 'node:fs/promises';
import type { Sql } from '../../analytics/workspace.js';
import { readSettings, type WorkspaceSettings } from '../../analytics/settings/workspace-settings.js';
import { SCHEMA_VERSION } from '../../analytics/workspace.js';
import { APP_VERSION } from '../../analytics/app-version.js';
import { layeredCatalogues, listLayers, type LayerInfo } from '../../indicators/catalogue/workspace-layers.js';
import { editionsFor } from '../../indicators/standards/editions.js';
import { isEvaluationYear } from '../../indicators/five-year/evaluation.js';

export interface YearStatus {
  year: number;
  /** Hourly air data (or other data) of this year was imported. */
  hasData: boolean;
  /** A five-year evaluation falls due in this year (…2025, 2030…). */
  evaluationYear: boolean;
  /** The edition a computation of this year would use now (the setting, else by year). */
  edition: { edition: '2012' | '2026'; gb3095: string; hj633: string; forced: boolean };
  /** The latest annual run of the year, if any. */
  lastRun: { runId: number; computedAt: string; catalogue: { id: string; version: string }; standardEdition: string; appVersion: string } | null;
  /** The latest five-year evaluation of the year, if any. */
  fiveYear: { evaluationId: number; fromYear: number; toYear: number; computedAt: string } | null;
}

export interface WorkspaceStatus {
  path: string;
  /** The workspace file (and its write-ahead log, when one is open). */
  bytes: number;
  walBytes: number;
  schemaVersion: number;
  /** The schema version this program writes. */
  appSchemaVersion: number;
  appVersion: string;
  createdAt: string | null;
  readOnly: boolean;
  years: YearStatus[];
  catalogue: { id: string; version: string; name: string; indicators: number };
  /** Layers in force (municipal first). */
  layers: LayerInfo[];
  settings: WorkspaceSettings;
}

/** DuckDB's text of a TIMESTAMPTZ ("2026-11-29 02:10:12.169981+00") as ISO, or the text as it is. */
function isoTime(text: string): string {
  const d = new Date(text.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00'));
  return Number.isNaN(d.getTime()) ? text : d.toISOString();
}

async function fileSize(path: string): Promise<number> {
  return stat(path).then((s) => s.size, () => 0);
}

export async function workspaceStatus(sql: Sql, path: string, readOnly: boolean): Promise<WorkspaceStatus> {
  const settings = await readSettings(sql);
  const schema = await sql.one<{ v: number }>('SELECT max(version)::INTEGER AS v FROM schema_migrations');
  const created = await sql.one<{ value: string }>("SELECT value FROM workspace_meta WHERE key = 'created_at'");
  const dataYears = await sql.all<{ y: number }>('SELECT DISTINCT year(time - INTERVAL 1 HOUR)::INTEGER AS y FROM air_hourly');
  const runs = await sql.all<{ year: number; run_id: number; computed_at: Date; catalogue_id: string; catalogue_version: string; standard_edition: string; app_version: string }>(
    `SELECT year, run_id, computed_at, catalogue_id, catalogue_version, standard_edition, app_version FROM compute_runs
     QUALIFY row_number() OVER (PARTITION BY year ORDER BY run_id DESC) = 1`);
  const evaluations = await sql.all<{ year: number; evaluation_id: number; from_year: number; to_year: number; computed_at: Date }>(
    `SELECT year, evaluation_id, from_year, to_year, computed_at FROM five_year_evaluations
     QUALIFY row_number() OVER (PARTITION BY year ORDER BY evaluation_id DESC) = 1`);
  const forced = settings.edition === 'auto' ? undefined : settings.edition;
  const all = [...new Set([...dataYears.map((r) => r.y), ...runs.map((r) => r.year), ...evaluations.map((r) => r.year)])].sort((a, b) => b - a);
  const years = all.map((year): YearStatus => {
    const run = runs.find((r) => r.year === year);
    const ev = evaluations.find((r) => r.year === year);
    const e = editionsFor(year, forced);
    return {
      year,
      hasData: dataYears.some((r) => r.y === year),
      evaluationYear: isEvaluationYear(year),
      edition: { edition: e.edition, gb3095: e.gb3095, hj633: e.hj633, forced: forced !== undefined },
      lastRun: run ? {
        runId: run.run_id, computedAt: run.computed_at.toISOString(), catalogue: { id: run.catalogue_id, version: run.catalogue_version },
        standardEdition: run.standard_edition, appVersion: run.app_version,
      } : null,
      fiveYear: ev ? { evaluationId: ev.evaluation_id, fromYear: ev.from_year, toYear: ev.to_year, computedAt: ev.computed_at.toISOString() } : null,
    };
  });
  const city = (await layeredCatalogues(sql)).city;
  return {
    path, bytes: await fileSize(path), walBytes: await fileSize(`${path}.wal`),
    schemaVersion: schema?.v ?? 0, appSchemaVersion: SCHEMA_VERSION, appVersion: APP_VERSION,
    createdAt: created ? isoTime(created.value) : null, readOnly, years,
    catalogue: { id: city.id, version: city.version, name: city.name, indicators: city.indicators.length },
    layers: (await listLayers(sql)).filter((l) => l.active),
    settings,
  };
}
