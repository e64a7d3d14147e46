// One temporary root for the whole test run, removed at the end, so test files leave nothing behind in /tmp; in
// it, the cache of sample workspaces (test/helpers/sample-workspace.ts): the first test file that needs one builds
// it, the others copy it. Built on demand, not here: a run of a few files that need none does not wait for them.
// Vitest runs the global setup once per project: the first makes the root, the last to finish removes it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface TestRun { root: string; users: number }
const state = globalThis as { zonetrackTestRun?: TestRun };

export default function setup() {
  if (!state.zonetrackTestRun) {
    const root = mkdtempSync(join(tmpdir(), 'zonetrack-tests-'));
    process.env.ZT_TEST_TMP = root;
    process.env.ZT_SAMPLE_CACHE = join(root, 'samples');
    state.zonetrackTestRun = { root, users: 0 };
  }
  const run = state.zonetrackTestRun;
  run.users += 1;
  return () => {
    run.users -= 1;
    if (run.users > 0) return;
    rmSync(run.root, { recursive: true, force: true });
    delete state.zonetrackTestRun;
  };
}
