import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const script = path.resolve(import.meta.dirname, '../../bin/prepare-web.js');

describe('npm prepare (bin/prepare-web.js)', () => {
  // A package without web/dist and without vite: any build attempt fails.
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sanxiang-prepare-'));
  fs.mkdirSync(path.join(root, 'bin'));
  fs.copyFileSync(script, path.join(root, 'bin/prepare-web.js'));
  const prepare = (env: Record<string, string>) =>
    spawnSync(process.execPath, [path.join(root, 'bin/prepare-web.js')], {
      cwd: root,
      env: { ...process.env, npm_command: '', ...env },
      encoding: 'utf8',
    });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('never builds the web bundle when npx runs the CLI (npm_command "exec")', () => {
    const run = prepare({ npm_command: 'exec' });
    expect(run.status, run.stderr).toBe(0);
    expect(fs.existsSync(path.join(root, 'web/dist'))).toBe(false);
  });

  it('builds (here: tries to, and fails without vite) at the install of a checkout without a bundle', () => {
    expect(prepare({ npm_command: 'ci' }).status).not.toBe(0);
  });

  it('leaves a bundle already built alone', () => {
    fs.mkdirSync(path.join(root, 'web/dist'), { recursive: true });
    fs.writeFileSync(path.join(root, 'web/dist/index.html'), '<!doctype html>');
    expect(prepare({ npm_command: 'install' }).status).toBe(0);
  });
});
