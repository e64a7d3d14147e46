// Lint, and the layering rule of the architecture: the core (analytics, indicators, reports, service, cli) is
// plain Node and never imports Electron or React; the renderer never imports Node, DuckDB or report libraries
// and reaches the core only through the typed API (type-only imports of its contract).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const CORE = ['analytics/**', 'indicators/**', 'reports/**', 'service/**', 'cli/**', 'bench/**'];

export const coreRestrictions = [
  { group: ['electron', 'electron/*'], message: '核心层不得引用 Electron：请把 Electron 代码放在 electron/ 中。' },
  { group: ['react', 'react/*', 'react-dom', 'react-dom/*', '@mui/*', '@emotion/*'], message: '核心层不得引用 React/MUI：界面代码属于 renderer/。' },
  { group: ['**/renderer/**', '**/electron/**'], message: '核心层不得引用 renderer/ 或 electron/。' },
];

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
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: rendererRestrictions }] },
  },
  {
    files: ['bin/**/*.js', 'scripts/**/*.js', 'eslint.config.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
