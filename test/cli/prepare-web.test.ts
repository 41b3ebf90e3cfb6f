import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const repo = path.resolve(import.meta.dirname, '../..');
const script = path.join(repo, 'bin/prepare-web.js');

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

  it('never builds the web bundle when npx runs the CLI (npm_command "exec"), and says how to', () => {
    const run = prepare({ npm_command: 'exec' });
    expect(run.status, run.stderr).toBe(0);
    expect(fs.existsSync(path.join(root, 'web/dist'))).toBe(false);
    expect(run.stderr).toContain('执法工作台尚未构建');
    expect(run.stderr).toContain('the workbench is not built');
    expect(run.stderr.match(/npm run build:web/g)).toHaveLength(2);
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

describe('a start (npx sanxiang, npm start) never builds the web bundle', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')) as {
    bin: Record<string, string>;
    scripts: Record<string, string>;
  };

  it('npm start runs the CLI, and only `prepare` (at install) and build:web run vite', () => {
    expect(pkg.scripts.start).toMatch(/^node bin\/sanxiang\.js serve\b/);
    expect(pkg.bin.sanxiang).toBe('bin/sanxiang.js');
    const building = Object.entries(pkg.scripts)
      .filter(([, command]) => /\bvite build\b|prepare-web/.test(command))
      .map(([name]) => name);
    expect(building.sort()).toEqual(['build:web', 'prepare']);
  });

  it('no module of the server or the CLI loads vite or runs a build', () => {
    const sources = ['bin/sanxiang.js', ...listTs(path.join(repo, 'src')).map((f) => path.relative(repo, f))];
    const building = sources.filter((f) =>
      /from ['"]vite['"]|import\(['"]vite['"]\)|vite\/bin|['"]build:web['"]/.test(
        fs.readFileSync(path.join(repo, f), 'utf8'),
      ),
    );
    expect(building).toEqual([]);
  });
});

function listTs(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => path.join(dir, f));
}
