// What the workspace holds at a glance (workspace/info): counts, the years with hourly air data, the years computed.
import type { Workspace } from '../../analytics/workspace.js';
import type { WorkspaceInfo } from '../contract.js';

export async function workspaceInfo(ws: Workspace): Promise<WorkspaceInfo> {
  const r = await ws.one<{ districts: number; units: number; stations: number; batches: number }>(`SELECT
    (SELECT count(*) FROM districts) AS districts, (SELECT count(*) FROM units) AS units,
    (SELECT count(*) FROM air_stations) AS stations, (SELECT count(*) FROM import_batches) AS batches`);
  const years = await ws.all<{ y: number }>('SELECT DISTINCT year(time - INTERVAL 1 HOUR)::INTEGER AS y FROM air_hourly ORDER BY y');
  const computed = await ws.all<{ y: number }>('SELECT DISTINCT year AS y FROM compute_runs ORDER BY y');
  return { path: ws.path, years: years.map((x) => x.y), computedYears: computed.map((x) => x.y), ...r! };
}
