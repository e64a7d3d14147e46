// Two projects share one pool of workers: `heavy` (real browsers, crash safety with killed processes, property
// tests) starts first, and the other files fill the second worker meanwhile, so the run ends when the slowest
// files do rather than after all of them in a row. `npx vitest run --project heavy` runs only those.
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/** The slow files: a few minutes each on a 2-core machine. */
export const HEAVY_FILES = ['test/browser-*.test.ts', 'test/crash-safety.test.ts', 'test/air-properties.test.ts', 'test/reports.test.ts'];

export default defineConfig({
  test: {
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    // vitest's default leaves one core free, i.e. one worker on 2 cores; the tests wait on DuckDB, Chromium and
    // LibreOffice often enough that two keep both cores busy. ZT_TEST_WORKERS=1 runs the files one at a time (a
    // machine already loaded by other work, where the slowest files would otherwise reach their time limits).
    maxWorkers: Number(process.env.ZT_TEST_WORKERS) || Math.max(2, availableParallelism() - 1),
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default', './test/slowest-files-reporter.ts'],
    // Projects sort by name within a run: `heavy` before `main`.
    projects: [
      { extends: true, test: { name: 'heavy', include: HEAVY_FILES } },
      { extends: true, test: { name: 'main', include: ['test/**/*.test.ts'], exclude: HEAVY_FILES } },
    ],
  },
});
