import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { lockDataDir } from '../../src/platform/db/data-dir-lock.ts';

const run = promisify(execFile);
const bin = path.resolve(import.meta.dirname, '../../bin/sanxiang.js');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanxiang-lock-'));
/** The CLI on the embedded database in `dataDir`, whatever the test process's own environment says. */
const { DATABASE_URL: _ignored, ...inherited } = process.env;
const env = { ...inherited, DATA_DIR: dataDir };
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('the embedded database belongs to one process', () => {
  it('says plainly when a running server holds it, and exits 1', async () => {
    const lock = lockDataDir(dataDir, 'sanxiang serve');
    try {
      const failure = await run('node', [bin, 'migrate'], { env }).then(
        () => null,
        (err: { code: number; stderr: string }) => err,
      );
      expect(failure?.code).toBe(1);
      expect(failure?.stderr).toContain(`正被进程 ${process.pid}（sanxiang serve）使用`);
    } finally {
      lock.release();
    }
  });

  it('takes over a lock left by a process that is gone, and migrates', async () => {
    fs.writeFileSync(
      path.join(dataDir, 'sanxiang.lock'),
      JSON.stringify({ pid: 2 ** 22 + 7, purpose: 'gone' }),
    );
    const { stdout } = await run('node', [bin, 'migrate'], { env });
    expect(stdout).toContain('0001_org');
    expect(fs.existsSync(path.join(dataDir, 'sanxiang.lock'))).toBe(false);
  });
});
