import { UserError } from '../../analytics/errors.js';
import { catalogueFile, type Catalogue } from './schema.js';
import defaultCatalogue from './default-2025.json' with { type: 'json' };

/** Validates a catalogue document; the error names the entry and field that are wrong. */
export function parseCatalogue(doc: unknown, source: string): Catalogue {
  const parsed = catalogueFile.safeParse(doc);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(根)'}：${i.message}`);
    throw new UserError('CATALOGUE_INVALID', `指标体系文件“${source}”有误：${issues.join('；')}`);
  }
  return parsed.data;
}

/** The built-in national default (default-2025). Only the layer resolver (workspace-layers.ts: catalogueInForce,
 *  runCatalogues) and the layer checks build on it; consumers ask catalogueInForce for the catalogue in force. */
export function activeCatalogue(): Catalogue {
  return parseCatalogue(defaultCatalogue, 'default-2025.json');
}
