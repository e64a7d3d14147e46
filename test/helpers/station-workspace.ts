// An empty workspace with a few 重庆 air stations imported: what importer tests feed their hourly files into.
import { join } from 'node:path';
import { Workspace } from '../../analytics/workspace.js';
import { importFiles } from '../../analytics/import/import-files.js';
import { writeCsv, type Cell } from './files.js';
import { tempDir } from './sample-workspace.js';

/** A station list as bureaus send it: two 渝中区 city sites, then a 北碚区 site that is not one. */
export const STATIONS: (string | number)[][] = [
  ['站点编码', '站点名称', '所属区县', '是否城市点', '经度', '纬度'],
  ['1801A', '解放碑', '渝中区', '是', 106.58, 29.56],
  ['1802A', '两路口', '渝中区', '是', 106.55, 29.55],
  ['1803A', '缙云山', '北碚区', '否', 106.38, 29.83],
];

/** A new workspace in a temp folder with `stations` (header first) imported from 站点.csv. */
export async function stationWorkspace(stations: Cell[][] = STATIONS): Promise<{ dir: string; ws: Workspace }> {
  const dir = await tempDir();
  const ws = await Workspace.create(join(dir, 'ws.duckdb'));
  await importFiles(ws, [await writeCsv(join(dir, '站点.csv'), stations)]);
  return { dir, ws };
}
