// The layering rule is real: it refuses the imports the architecture forbids and allows the ones it permits;
// and no module imports itself through others (a cycle), checked over the import graph of the sources.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import { importCycles, importGraph } from './helpers/import-graph.js';
import { tempDir } from './helpers/sample-workspace.js';

const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImportErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message);
}

describe('layering lint rule', () => {
  it.each([
    ['analytics/x.ts', "import { app } from 'electron';\nexport const a = app;"],
    ['indicators/x.ts', "import React from 'react';\nexport const r = React;"],
    ['reports/x.ts', "import { Button } from '@mui/material';\nexport const b = Button;"],
    ['service/x.ts', "import { x } from '../renderer/App.js';\nexport const y = x;"],
    ['analytics/import/x.ts', "import { app } from 'electron';\nexport const a = app;"],
    ['service/queries/x.ts', "import React from 'react';\nexport const r = React;"],
    ['indicators/measures/x.ts', "import { x } from '../../renderer/App.js';\nexport const y = x;"],
    ['renderer/x.ts', "import { readFile } from 'node:fs/promises';\nexport const r = readFile;"],
    ['renderer/x.ts', "import { DuckDBInstance } from '@duckdb/node-api';\nexport const d = DuckDBInstance;"],
    ['renderer/x.ts', "import { importFiles } from '../analytics/import/import-files.js';\nexport const i = importFiles;"],
    ['renderer/x.ts', "import { createService } from '../service/zonetrack-service.js';\nexport const s = createService;"],
    // inside the core, a layer imports only the layers below it
    ['indicators/x.ts', "import { writeAllReports } from '../reports/write-reports.js';\nexport const w = writeAllReports;"],
    ['indicators/scoring/x.ts', "import type { WrittenReport } from '../../reports/write-reports.js';\nexport type W = WrittenReport;"],
    ['analytics/x.ts', "import { computeIndicators } from '../indicators/engine.js';\nexport const c = computeIndicators;"],
    ['analytics/import/x.ts', "import { createService } from '../../service/zonetrack-service.js';\nexport const s = createService;"],
    ['reports/docx/x.ts', "import { createService } from '../../service/zonetrack-service.js';\nexport const s = createService;"],
    ['service/x.ts', "import { main } from '../cli/main.js';\nexport const m = main;"],
  ])('refuses %s: %s', async (file, code) => {
    expect(await restrictedImportErrors(file, code)).toHaveLength(1);
  });

  it.each([
    ['renderer/x.ts', "import type { ScoreSheet } from '../indicators/results.js';\nexport type S = ScoreSheet;"],
    ['renderer/x.ts', "import { ApiCallError } from '../service/contract.js';\nexport const e = ApiCallError;"],
    ['renderer/x.ts', "import { formatValue } from '../indicators/value-format.js';\nexport const f = formatValue;"],
    ['analytics/x.ts', "import { readFile } from 'node:fs/promises';\nexport const r = readFile;"],
    ['electron/x.ts', "import { app } from 'electron';\nexport const a = app;"],
    ['reports/x.ts', "import { scoreSheets } from '../indicators/results.js';\nexport const s = scoreSheets;"],
    ['indicators/x.ts', "import { Workspace } from '../analytics/workspace.js';\nexport const w = Workspace;"],
    ['service/x.ts', "import { writeAllReports } from '../reports/write-reports.js';\nexport const w = writeAllReports;"],
    ['cli/x.ts', "import { createService } from '../service/zonetrack-service.js';\nexport const s = createService;"],
  ])('allows %s: %s', async (file, code) => {
    expect(await restrictedImportErrors(file, code)).toEqual([]);
  });
});

describe('import cycles', () => {
  const SOURCES = ['analytics', 'indicators', 'reports', 'service', 'cli', 'bench', 'electron', 'renderer', 'test'];

  it('the sources have none (type-only imports included)', () => {
    const graph = importGraph(process.cwd(), SOURCES);
    expect(graph.size).toBeGreaterThan(200);
    expect(graph.get('analytics/import/batch-lifecycle.ts')).toContain('analytics/derived/air-station-days.ts');
    expect(importCycles(graph)).toEqual([]);
  });

  it('refuses a cycle, however long, and a type-only one', async () => {
    const root = await tempDir('zonetrack-cycle-');
    try {
      await mkdir(join(root, 'a', 'b'), { recursive: true });
      await writeFile(join(root, 'a', 'one.ts'), "import { two } from './b/two.js';\nexport const one = two + 1;\n");
      await writeFile(join(root, 'a', 'b', 'two.ts'), "import { three } from '../three.js';\nexport const two = three + 1;\n");
      await writeFile(join(root, 'a', 'three.ts'), "import type { T } from './one.js';\nexport const three = 3;\nexport type U = T;\n");
      await writeFile(join(root, 'a', 'leaf.ts'), "import { one } from './one.js';\nexport const leaf = one;\n");
      await writeFile(join(root, 'a', 'self.ts'), "export { leaf } from './leaf.js';\nexport * from './self.js';\n");
      expect(importCycles(importGraph(root, ['a']))).toEqual([['a/b/two.ts', 'a/one.ts', 'a/three.ts'], ['a/self.ts']]);
      await writeFile(join(root, 'a', 'three.ts'), 'export const three = 3;\n');
      expect(importCycles(importGraph(root, ['a']))).toEqual([['a/self.ts']]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
