// The layering rule is real: it refuses the imports the architecture forbids and allows the ones it permits.
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

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
  ])('refuses %s: %s', async (file, code) => {
    expect(await restrictedImportErrors(file, code)).toHaveLength(1);
  });

  it.each([
    ['renderer/x.ts', "import type { ScoreSheet } from '../indicators/results.js';\nexport type S = ScoreSheet;"],
    ['renderer/x.ts', "import { ApiCallError } from '../service/contract.js';\nexport const e = ApiCallError;"],
    ['renderer/x.ts', "import { formatValue } from '../indicators/value-format.js';\nexport const f = formatValue;"],
    ['analytics/x.ts', "import { readFile } from 'node:fs/promises';\nexport const r = readFile;"],
    ['electron/x.ts', "import { app } from 'electron';\nexport const a = app;"],
  ])('allows %s: %s', async (file, code) => {
    expect(await restrictedImportErrors(file, code)).toEqual([]);
  });
});
