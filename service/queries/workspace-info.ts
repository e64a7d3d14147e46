// What the workspace holds at a glance (workspace/info): counts, the years with hourly air data, the years computed
// and which of those have no data at all.
import type { Workspace } from '../../analytics/workspace.js';
import type { WorkspaceInfo } from '../contract.js';
import { COVERED_YEARS } from '../../analytics/import/batch-coverage.js';

export async function workspaceInfo(ws: Workspace): Promise<WorkspaceInfo> {
  const r = await ws.one<{ districts: number; units: number; stations: number; batches: number }>(`SELECT
    (SELECT count(*) FROM districts) AS districts, (SELECT count(*) FROM units) AS units,
    (SELECT count(*) FROM air_stations) AS stations, (SELECT count(*) FROM import_batches) AS batches`);
  const years = await ws.all<{ y: number }>('SELECT DISTINCT year(time - INTERVAL 1 HOUR)::INTEGER AS y FROM air_hourly ORDER BY y');
  const computed = await ws.all<{ y: number }>('SELECT DISTINCT year AS y FROM compute_runs ORDER BY y');
  // computed years that no import batch covers: nothing to score, the year picker says 无数据
  const covered = await ws.all<{ y: number }>(`SELECT DISTINCT year AS y FROM ${COVERED_YEARS}`);
  return { path: ws.path, years: years.map((x) => x.y), computedYears: computed.map((x) => x.y),
    noDataYears: computed.map((x) => x.y).filter((y) => !covered.some((x) => x.y === y)), ...r! };
}
