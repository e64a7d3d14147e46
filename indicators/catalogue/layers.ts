// Layers over the national default: check a layer against what lies below it, merge it into the effective
// catalogue, and say field by field what it changed.
import { createHash } from 'node:crypto';
import { UserError } from '../../analytics/errors.js';
import { catalogueLayer, type CatalogueLayer } from './layer-schema.js';
import { lintCatalogue, type LintFinding } from './lint-catalogue.js';
import type { Catalogue, IndicatorEntry } from './schema.js';
import { fieldText } from './describe.js';

export type LayerRef = NonNullable<Catalogue['layers']>[number];

export function sha256Of(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The id and version a layer on top of `c` must name as its base: the top layer's, or the catalogue's own. */
export function topOf(c: Catalogue): { id: string; version: string; level: 'national' | 'municipal' | 'district' } {
  const top = c.layers?.at(-1);
  return top ? { id: top.id, version: top.version, level: top.level } : { id: c.id, version: c.version, level: 'national' };
}

function schemaFindings(doc: unknown): { layer?: CatalogueLayer; findings: LintFinding[] } {
  const parsed = catalogueLayer.safeParse(doc);
  if (parsed.success) return { layer: parsed.data, findings: [] };
  return {
    findings: parsed.error.issues.map((i) => {
      const path = i.path.map(String);
      const list = path[0];
      const idx = path[1];
      const named = (list === 'change' || list === 'add' || list === 'retire') && idx !== undefined
        ? (doc as Record<string, { id?: unknown }[]>)[list]?.[Number(idx)]?.id : undefined;
      return {
        level: 'error' as const,
        entry: typeof named === 'string' ? named : list === undefined ? '(根)' : idx !== undefined ? `${list}[${idx}]` : list,
        field: (idx !== undefined && /^\d+$/.test(idx) ? path.slice(2) : path.slice(1)).join('.') || (list ?? '(整体)'),
        message: i.code === 'unrecognized_keys' ? `不认识的字段：${(i as { keys?: string[] }).keys?.join('、') ?? ''}` : i.message,
      };
    }),
  };
}

/** Everything wrong with `doc` as a layer over `below`, and the merged catalogue when nothing is. */
export function lintLayer(doc: unknown, below: Catalogue): { layer?: CatalogueLayer; merged?: Catalogue; findings: LintFinding[] } {
  const { layer, findings } = schemaFindings(doc);
  if (!layer) return { findings };
  const err = (entry: string, field: string, message: string) => findings.push({ level: 'error', entry, field, message });
  const base = topOf(below);
  if (layer.base.id !== base.id || layer.base.version !== base.version) {
    err(layer.layer.id, 'base', `基础指标体系应为 ${base.id} ${base.version}，本层写的是 ${layer.base.id} ${layer.base.version}`);
  }
  if (layer.layer.level === 'municipal' && base.level !== 'national') err(layer.layer.id, 'layer.level', '市级细化层只能叠加在国家默认指标体系之上');
  if (layer.layer.level === 'district' && base.level === 'district') err(layer.layer.id, 'layer.level', '区县细化层不能叠加在另一个区县细化层之上');
  if (layer.layer.level === 'municipal' && layer.layer.entity !== 'city') err(layer.layer.id, 'layer.entity', '市级细化层的 entity 应为 city');
  if (layer.layer.level === 'district' && !/^\d{6}$/.test(layer.layer.entity)) err(layer.layer.id, 'layer.entity', '区县细化层的 entity 应为6位区县代码');
  const ids = new Set(below.indicators.map((i) => i.id));
  const touched = new Set<string>();
  layer.change.forEach((c, k) => {
    if (!ids.has(c.id)) err(c.id, `change[${k}].id`, `下层指标体系中没有指标 ${c.id}，不能修改`);
    if (Object.keys(c).length === 1) err(c.id, `change[${k}]`, '没有写要修改的字段');
    if (touched.has(c.id)) err(c.id, `change[${k}].id`, `指标 ${c.id} 在本层中重复出现`);
    touched.add(c.id);
  });
  layer.retire.forEach((r, k) => {
    if (!ids.has(r.id)) err(r.id, `retire[${k}].id`, `下层指标体系中没有指标 ${r.id}，不能停用`);
    if (touched.has(r.id)) err(r.id, `retire[${k}].id`, `指标 ${r.id} 在本层中重复出现`);
    touched.add(r.id);
  });
  layer.add.forEach((a, k) => {
    if (ids.has(a.id)) err(a.id, `add[${k}].id`, `指标 ${a.id} 已存在，请用 change 修改`);
    if (touched.has(a.id)) err(a.id, `add[${k}].id`, `指标 ${a.id} 在本层中重复出现`);
    touched.add(a.id);
  });
  if (findings.some((f) => f.level === 'error')) return { layer, findings };
  const merged = mergeLayer(below, layer, '');
  findings.push(...lintCatalogue(merged).findings);
  return { layer, merged: findings.some((f) => f.level === 'error') ? undefined : merged, findings };
}

/** `below` with `layer` applied (checked by lintLayer first). */
export function mergeLayer(below: Catalogue, layer: CatalogueLayer, sha256: string): Catalogue {
  const changes = new Map(layer.change.map((c) => [c.id, c]));
  const retired = new Set(layer.retire.map((r) => r.id));
  const indicators: IndicatorEntry[] = below.indicators.filter((i) => !retired.has(i.id)).map((i) => {
    const c = changes.get(i.id);
    if (!c) return i;
    const next: IndicatorEntry = { ...i };
    for (const [k, v] of Object.entries(c)) if (v !== undefined) (next as Record<string, unknown>)[k] = v;
    // a changed source replaces the other kind of source
    if (c.expression !== undefined && c.measure === undefined) next.measure = '';
    if (c.measure !== undefined && c.expression === undefined) delete next.expression;
    if (c.rule?.type === 'manual') {
      next.measure = '';
      delete next.expression;
    }
    return next;
  });
  const ref: LayerRef = { level: layer.layer.level, entity: layer.layer.entity, id: layer.layer.id, version: layer.layer.version, sha256 };
  return {
    ...below,
    dimensions: layer.dimensions ?? below.dimensions,
    grades: layer.grades ?? below.grades,
    indicators: [...indicators, ...layer.add],
    layers: [...(below.layers ?? []), ref],
  };
}

/** Layers (JSON text, bottom first) over a catalogue; refused with every finding when one does not fit. */
export function applyLayers(base: Catalogue, texts: { text: string; source: string }[]): Catalogue {
  let c = base;
  for (const { text, source } of texts) {
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (e) {
      throw new UserError('CATALOGUE_INVALID', `指标体系细化层“${source}”不是有效的 JSON：${(e as Error).message}`);
    }
    const { layer, merged, findings } = lintLayer(doc, c);
    const errors = findings.filter((f) => f.level === 'error');
    if (!layer || !merged || errors.length) {
      throw new UserError('CATALOGUE_INVALID', `指标体系细化层“${source}”有误：${errors.map(findingText).join('；')}`);
    }
    c = mergeLayer(c, layer, sha256Of(text));
  }
  return c;
}

/** The catalogue as reports and workbooks name it: the base id and version and every layer over it. */
export function catalogueName(c: { id: string; version: string }, layers: readonly { level: string; entity: string; id: string; version: string }[] = []): string {
  return [`${c.id} ${c.version}`, ...layers.map((l) => `${l.level === 'municipal' ? '市级细化层' : `区县细化层（${l.entity}）`} ${l.id} ${l.version}`)].join(' + ');
}

/** The catalogue in words for a document's body: its name, then each layer by id and version — no file or app
 *  versions (those go to the document properties, catalogueName). */
export function catalogueInWords(name: string, layers: readonly { level: string; entity: string; id: string; version: string }[] = []): string {
  return [`“${name}”`, ...layers.map((l) => `${l.level === 'municipal' ? '市级细化层' : `区县细化层（${l.entity}）`} ${l.id} ${l.version}`)].join(' + ');
}

export function findingText(f: LintFinding): string {
  return `${f.entry}${f.field ? ` 的 ${f.field}` : ''}：${f.message}`;
}

export interface DiffEntry {
  entry: string;
  field: string;
  change: '修改' | '新增' | '停用';
  before: unknown;
  after: unknown;
  /** The values in words where the catalogue has a wording for the field (target, scoring rule). */
  beforeText?: string;
  afterText?: string;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** What `above` changed relative to `below`, entry by entry and field by field. */
export function diffCatalogues(below: Catalogue, above: Catalogue): DiffEntry[] {
  const out: DiffEntry[] = [];
  const aboveById = new Map(above.indicators.map((i) => [i.id, i]));
  const belowIds = new Set(below.indicators.map((i) => i.id));
  for (const b of below.indicators) {
    const a = aboveById.get(b.id);
    if (!a) {
      out.push({ entry: b.id, field: '(整条)', change: '停用', before: b.name, after: null });
      continue;
    }
    const fields = new Set([...Object.keys(b), ...Object.keys(a)]) as Set<keyof IndicatorEntry>;
    for (const f of fields) {
      if (same(b[f], a[f])) continue;
      const [beforeText, afterText] = [fieldText(f, b[f]), fieldText(f, a[f])];
      out.push({ entry: b.id, field: f, change: '修改', before: b[f] ?? null, after: a[f] ?? null, ...(beforeText && { beforeText }), ...(afterText && { afterText }) });
    }
  }
  for (const a of above.indicators) if (!belowIds.has(a.id)) out.push({ entry: a.id, field: '(整条)', change: '新增', before: null, after: a });
  if (!same(below.dimensions, above.dimensions)) out.push({ entry: 'dimensions', field: 'points', change: '修改', before: below.dimensions, after: above.dimensions });
  if (!same(below.grades, above.grades)) out.push({ entry: 'grades', field: 'min', change: '修改', before: below.grades, after: above.grades });
  return out;
}
