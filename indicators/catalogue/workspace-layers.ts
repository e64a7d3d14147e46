// Catalogue layers stored in the workspace: adding one (checked against what lies below), the catalogue in
// force for the city and for each district, and the catalogue a past run used (rebuilt from its layer hashes).
import type { Sql, Workspace } from '../../analytics/workspace.js';
import { UserError } from '../../analytics/errors.js';
import { activeCatalogue } from './load-catalogue.js';
import { applyLayers, findingText, lintLayer, mergeLayer, sha256Of, diffCatalogues, type DiffEntry, type LayerRef } from './layers.js';
import type { Catalogue } from './schema.js';
import type { LintFinding } from './lint-catalogue.js';
import { appendAudit } from '../../analytics/audit/audit-log.js';

export interface LayerInfo {
  layerId: number;
  level: 'municipal' | 'district';
  entity: string;
  id: string;
  version: string;
  name: string;
  base: { id: string; version: string };
  sha256: string;
  file: string | null;
  importedAt: string;
  active: boolean;
}

interface LayerRow {
  layer_id: number;
  level: 'municipal' | 'district';
  entity_code: string;
  layer_key: string;
  version: string;
  name: string;
  base_id: string;
  base_version: string;
  content: string;
  sha256: string;
  file_name: string | null;
  imported_at: Date;
  replaced_at: Date | null;
}

const toInfo = (r: LayerRow): LayerInfo => ({
  layerId: r.layer_id, level: r.level, entity: r.entity_code, id: r.layer_key, version: r.version, name: r.name,
  base: { id: r.base_id, version: r.base_version }, sha256: r.sha256, file: r.file_name,
  importedAt: r.imported_at.toISOString(), active: r.replaced_at === null,
});

export async function listLayers(sql: Sql): Promise<LayerInfo[]> {
  const rows = await sql.all<LayerRow>('SELECT * FROM catalogue_layers ORDER BY layer_id');
  return rows.map(toInfo);
}

async function activeRows(sql: Sql): Promise<LayerRow[]> {
  return sql.all<LayerRow>(`SELECT * FROM catalogue_layers WHERE replaced_at IS NULL ORDER BY level DESC, entity_code`);
}

/** The catalogue in force for every entity: the default, the municipal layer, and a district's own layer. */
export interface LayeredCatalogues {
  city: Catalogue;
  forEntity(entity: string): Catalogue;
  /** Every layer in force (municipal first), as a run records them. */
  refs: LayerRef[];
  /** The layer whose target rule the entity's indicator follows (its own district layer, else the municipal
   *  layer), or null when the rule is the national default's. */
  targetLayer(entity: string, indicatorId: string): LayerRef | null;
}

function layered(rows: LayerRow[]): LayeredCatalogues {
  const municipal = rows.filter((r) => r.level === 'municipal');
  const base = activeCatalogue();
  const city = applyLayers(base, municipal.map((r) => ({ text: r.content, source: r.file_name ?? r.layer_key })));
  const districts = new Map<string, Catalogue>();
  for (const r of rows.filter((x) => x.level === 'district')) {
    districts.set(r.entity_code, applyLayers(city, [{ text: r.content, source: r.file_name ?? r.layer_key }]));
  }
  const targetOf = (c: Catalogue, id: string) => JSON.stringify(c.indicators.find((i) => i.id === id)?.target ?? null);
  return {
    city,
    forEntity: (entity) => districts.get(entity) ?? city,
    refs: [...(city.layers ?? []), ...[...districts.values()].map((c) => c.layers!.at(-1)!)],
    targetLayer: (entity, id) => {
      const own = districts.get(entity);
      if (own && targetOf(own, id) !== targetOf(city, id)) return own.layers!.at(-1)!;
      return city.layers?.length && targetOf(city, id) !== targetOf(base, id) ? city.layers.at(-1)! : null;
    },
  };
}

/** The catalogues in force now (refused, naming the layer, when a district layer no longer fits its base). */
export async function layeredCatalogues(sql: Sql): Promise<LayeredCatalogues> {
  return layered(await activeRows(sql));
}

/**
 * The catalogue in force for `entity` ('city' or a district code) in the snapshot of `run` — the national
 * default with the layers the run recorded (by hash) — or, with no run yet, with the layers in force now.
 * Every consumer outside the engine gets its catalogue here (names, units, cut-offs, vetoes, directions).
 */
export async function catalogueInForce(sql: Sql, run: { layers: string | null } | null, entity = 'city'): Promise<Catalogue> {
  return (run ? await runCatalogues(sql, run.layers) : await layeredCatalogues(sql)).forEntity(entity);
}

/** The catalogues a run used, rebuilt from the layer contents its hashes name. */
export async function runCatalogues(sql: Sql, layersJson: string | null | undefined): Promise<LayeredCatalogues> {
  const refs = layersJson ? (JSON.parse(layersJson) as LayerRef[]) : [];
  if (refs.length === 0) return layered([]);
  const rows = await sql.all<LayerRow>(
    `SELECT * FROM catalogue_layers WHERE sha256 IN (${refs.map((_, k) => `$h${k}`).join(',')})
     QUALIFY row_number() OVER (PARTITION BY sha256, level, entity_code ORDER BY layer_id DESC) = 1`,
    Object.fromEntries(refs.map((r, k) => [`h${k}`, r.sha256])));
  return layered(rows.filter((r) => refs.some((x) => x.sha256 === r.sha256 && x.level === r.level && x.entity === r.entity_code)));
}

export interface AddLayerResult {
  layer: LayerInfo;
  replaced: LayerInfo | null;
  findings: LintFinding[];
  diff: DiffEntry[];
  /** District layers that named the replaced municipal layer as their base: set aside, to be re-issued. */
  setAside: LayerInfo[];
}

const layerRow = (sql: Sql, id: number) => sql.one<LayerRow>('SELECT * FROM catalogue_layers WHERE layer_id = $id', { id });

/** Checks a layer file's text against the layers below it in this workspace and stores it, replacing the
 *  layer of the same level and entity (kept for the runs that used it). One transaction. */
export async function addLayer(ws: Workspace, text: string, fileName: string, at: string): Promise<AddLayerResult> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new UserError('CATALOGUE_INVALID', `指标体系细化层“${fileName}”不是有效的 JSON：${(e as Error).message}`);
  }
  return ws.transaction(async (tx) => {
    const rows = await activeRows(tx);
    const level = (doc as { layer?: { level?: unknown } }).layer?.level;
    const below = level === 'district' ? layered(rows.filter((r) => r.level === 'municipal')).city : activeCatalogue();
    const { layer, merged, findings } = lintLayer(doc, below);
    const errors = findings.filter((f) => f.level === 'error');
    if (!layer || !merged || errors.length) {
      throw new UserError('CATALOGUE_INVALID', `指标体系细化层“${fileName}”未载入：${errors.map(findingText).join('；')}`,
        errors.map((f) => ({ file: fileName, row: 0, column: `${f.entry}${f.field ? `.${f.field}` : ''}`, value: null, reason: f.message })));
    }
    if (layer.layer.level === 'district') {
      const d = await tx.one('SELECT 1 FROM districts WHERE district_code = $c', { c: layer.layer.entity });
      if (!d) throw new UserError('CATALOGUE_INVALID', `指标体系细化层“${fileName}”的 layer.entity：没有区县“${layer.layer.entity}”`);
    }
    const sha256 = sha256Of(text);
    const old = rows.find((r) => r.level === layer.layer.level && r.entity_code === layer.layer.entity) ?? null;
    if (old) await tx.run('UPDATE catalogue_layers SET replaced_at = $at::TIMESTAMP WHERE layer_id = $id', { at, id: old.layer_id });
    const id = (await tx.one<{ id: number }>("SELECT nextval('catalogue_layer_id_seq')::INTEGER AS id"))!.id;
    await tx.run(`INSERT INTO catalogue_layers VALUES ($id, $level, $entity, $key, $version, $name, $bid, $bver, $content, $sha, $file, $at::TIMESTAMP, NULL)`, {
      at, id, level: layer.layer.level, entity: layer.layer.entity, key: layer.layer.id, version: layer.layer.version, name: layer.layer.name,
      bid: layer.base.id, bver: layer.base.version, content: text, sha: sha256, file: fileName,
    });
    // District layers above a replaced municipal layer no longer fit (their base names the old version): they
    // are set aside, said so in the answer, rather than scoring districts against a base they did not refine.
    const setAside: LayerInfo[] = [];
    if (layer.layer.level === 'municipal') {
      for (const r of (await activeRows(tx)).filter((x) => x.level === 'district')) {
        if (r.base_id !== layer.layer.id || r.base_version !== layer.layer.version) {
          await tx.run('UPDATE catalogue_layers SET replaced_at = $at::TIMESTAMP WHERE layer_id = $id', { at, id: r.layer_id });
          setAside.push(toInfo((await layerRow(tx, r.layer_id))!));
        }
      }
    }
    layered(await activeRows(tx));
    await appendAudit(tx, { action: 'catalogue/layer', target: `${layer.layer.level === 'municipal' ? '市级' : `区县 ${layer.layer.entity}`}细化层 ${layer.layer.id} ${layer.layer.version}`,
      detail: { file: fileName, sha256, replaced: old?.layer_id ?? null, setAside: setAside.map((l) => l.id) } });
    const stored = (await layerRow(tx, id))!;
    return { layer: toInfo(stored), replaced: old ? toInfo((await layerRow(tx, old.layer_id))!) : null, findings, diff: diffCatalogues(below, mergeLayer(below, layer, sha256)), setAside };
  });
}

/** What the layer in force for `entity` (city → municipal layer, a district code → its layer) changed. */
export async function diffLayer(sql: Sql, entity: string): Promise<{ layer: LayerInfo | null; diff: DiffEntry[] }> {
  const rows = await activeRows(sql);
  const level = entity === 'city' ? 'municipal' : 'district';
  const row = rows.find((r) => r.level === level && r.entity_code === entity);
  if (!row) return { layer: null, diff: [] };
  const all = layered(rows);
  const below = level === 'municipal' ? activeCatalogue() : all.city;
  return { layer: toInfo(row), diff: diffCatalogues(below, level === 'municipal' ? all.city : all.forEntity(entity)) };
}
