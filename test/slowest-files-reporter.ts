// Printed at the end of every run: the test files that took longest (import + hooks + tests), so a file that
// grows slow is seen the day it does. ZT_SLOWEST=N prints N files (default 10).
import { relative } from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';

export function moduleSeconds(m: TestModule): number {
  const d = m.diagnostic();
  return (d.environmentSetupDuration + d.prepareDuration + d.collectDuration + d.setupDuration + d.duration) / 1000;
}

export default class SlowestFilesReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const count = Number(process.env.ZT_SLOWEST ?? 10);
    const rows = testModules.map((m) => ({ file: relative(process.cwd(), m.moduleId), project: m.project.name, s: moduleSeconds(m) }))
      .sort((a, b) => b.s - a.s);
    if (!rows.length || count <= 0) return;
    const total = rows.reduce((sum, r) => sum + r.s, 0);
    const lines = rows.slice(0, count).map((r) => `  ${r.s.toFixed(1).padStart(7)} s  ${r.file}${r.project ? `  [${r.project}]` : ''}`);
    process.stdout.write(`\nSlowest ${Math.min(count, rows.length)} of ${rows.length} test files (file times add up to ${total.toFixed(0)} s):\n${lines.join('\n')}\n`);
  }
}
