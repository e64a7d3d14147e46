// One temporary root for the whole test run, removed at the end, so test files leave nothing behind in /tmp.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup() {
  const root = mkdtempSync(join(tmpdir(), 'zonetrack-tests-'));
  process.env.ZT_TEST_TMP = root;
  return () => rmSync(root, { recursive: true, force: true });
}
