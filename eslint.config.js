// Lint, and the layering rule of the architecture: the core (analytics, indicators, reports, service, cli) is
// plain Node and never imports Electron or React; the renderer never imports Node, DuckDB or report libraries
// and reaches the core only through the typed API (type-only imports of its contract). Inside the core each
// layer imports only the layers below it: analytics < indicators < reports < service < clients (cli, bench,
// electron, renderer). Import cycles are refused by test/layering.test.ts.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const CORE = ['analytics/**', 'indicators/**', 'reports/**', 'service/**', 'cli/**', 'bench/**'];

export const coreRestrictions = [
  { group: ['electron', 'electron/*'], message: '核心层不得引用 Electron：请把 Electron 代码放在 electron/ 中。' },
  { group: ['react', 'react/*', 'react-dom', 'react-dom/*', '@mui/*', '@emotion/*'], message: '核心层不得引用 React/MUI：界面代码属于 renderer/。' },
  { group: ['**/renderer/**', '**/electron/**'], message: '核心层不得引用 renderer/ 或 electron/。' },
];

/** The core's layers, lowest first: a file in one may import only from those before it. */
export const CORE_LAYERS = ['analytics', 'indicators', 'reports', 'service'];
const CLIENTS = ['cli', 'bench', 'electron', 'renderer'];

/** What a file in `layer` may not import, besides coreRestrictions: the layers above it and the clients. */
export function layerRestrictions(layer) {
  const above = [...CORE_LAYERS.slice(CORE_LAYERS.indexOf(layer) + 1), ...CLIENTS.filter((c) => c !== 'electron' && c !== 'renderer')];
  if (!above.length) return [];
  return [{
    group: above.map((l) => `**/${l}/**`),
    message: `${layer}/ 只能引用它下面的层（analytics < indicators < reports < service < 客户端）：不得引用 ${above.map((l) => `${l}/`).join('、')}。`,
  }];
}

export const rendererRestrictions = [
  {
    group: ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'stream', 'url', 'worker_threads',
      '@duckdb/*', 'exceljs', 'docx', 'docx/*', 'iconv-lite', '@resvg/*', 'electron', 'electron/*'],
    message: '界面层（renderer/）不得引用 Node、DuckDB、报告库或 Electron：请通过类型化 API 调用服务。',
  },
  {
    // The API contract (service/contract.ts) and the value formatting (indicators/value-format.ts) are pure
    // modules without imports: the renderer may use them at run time.
    group: ['**/analytics/**', '**/indicators/**', '!**/indicators/value-format.js', '**/reports/**', '**/service/**', '!**/service/contract.js', '**/cli/**'],
    allowTypeImports: true,
    message: '界面层只能以 import type 引用核心层的类型，运行时请通过 API 调用。',
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'tmp/**', 'demo-output/**', 'out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: CORE.map((d) => `${d}/**/*.ts`),
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: coreRestrictions }] },
  },
  // A later block's options replace an earlier one's for the same rule: each layer lists the core's restrictions too.
  ...CORE_LAYERS.map((layer) => ({
    files: [`${layer}/**/*.ts`],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [...coreRestrictions, ...layerRestrictions(layer)] }] },
  })),
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: rendererRestrictions }] },
  },
  {
    files: ['bin/**/*.js', 'scripts/**/*.js', 'eslint.config.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
