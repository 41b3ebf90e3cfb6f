import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const script = path.resolve(import.meta.dirname, '../../bin/prepare-web.js');

describe('npm prepare (bin/prepare-web.js)', () => {
  it('never builds the web bundle when npx runs the CLI (npm_command "exec")', () => {
    // With vite out of reach a build would fail: exit 0 shows it was not tried.
    const run = spawnSync(process.execPath, [script], {
      cwd: path.dirname(script),
      env: { ...process.env, npm_command: 'exec', PATH: '' },
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout + run.stderr).toBe('');
  });
});
