// An unexpected failure reaches the caller as a short INTERNAL error and the log file gets the operation,
// its arguments and the stack.
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Workspace } from '../analytics/workspace.js';
import { createService } from '../service/zonetrack-service.js';
import { fileErrorLog } from '../service/error-log.js';
import { tempDir } from './helpers/sample-workspace.js';

describe('internal errors', () => {
  it('are logged with their context and surface as INTERNAL', async () => {
    const dir = await tempDir();
    const ws = await Workspace.create(join(dir, 'broken.duckdb'));
    await ws.run('DROP TABLE compute_runs'); // a workspace damaged behind the app's back
    const logFile = join(dir, 'errors.log');
    const errorSpy = console.error;
    console.error = () => undefined;
    try {
      const env = await createService(ws, { log: fileErrorLog(logFile) }).dispatch('scores/get', { year: 2025, entity: '500103' });
      expect(env.ok).toBe(false);
      if (env.ok) return;
      expect(env.error.code).toBe('INTERNAL');
      // says where the details are: the file, by its path
      expect(env.error.message).toContain(`详情已写入日志文件：${logFile}`);
      const log = await readFile(logFile, 'utf8');
      expect(log).toContain('scores/get');
      expect(log).toContain('"entity":"500103"');
      expect(log).toMatch(/compute_runs/);
      expect(log).toContain('Error'); // the error itself, with its stack when it has one
    } finally {
      console.error = errorSpy;
      await ws.close();
    }
  });

  it('do not claim a log was written when it could not be (or when there is no log file)', async () => {
    const dir = await tempDir();
    const ws = await Workspace.create(join(dir, 'broken.duckdb'));
    await ws.run('DROP TABLE compute_runs');
    const errorSpy = console.error;
    console.error = () => undefined;
    try {
      for (const log of [fileErrorLog(join(dir, 'no-such-folder', 'errors.log')), undefined]) {
        const env = await createService(ws, log ? { log } : {}).dispatch('scores/get', { year: 2025, entity: '500103' });
        expect(env.ok).toBe(false);
        if (env.ok) continue;
        expect(env.error.code).toBe('INTERNAL');
        expect(env.error.message).not.toContain('已记录日志');
        expect(env.error.message).not.toContain('已写入日志文件');
        expect(env.error.message).toContain('未写入日志文件');
        expect(env.error.message).toContain('scores/get');
      }
    } finally {
      console.error = errorSpy;
      await ws.close();
    }
  });
});
