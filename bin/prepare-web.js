#!/usr/bin/env node
// npm's `prepare`: builds the workbench bundle into web/dist when a checkout is installed and has none.
// It never rebuilds: `npx sanxiang` installs the package again and runs `prepare` (npm_command "exec"),
// and a vite build then took 15 s and replaced web/dist under a running server (newcomer walk-through).
// Nor does a start (`npx sanxiang`, `npm start`) ever build: without web/dist it says how, here and in
// `sanxiang serve`'s banner (src/cli/banner.ts).
// After changing web/src, rebuild with `npm run build:web`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = existsSync(fileURLToPath(new URL('../web/dist/index.html', import.meta.url)));
if (built) process.exit(0);
if (process.env.npm_command === 'exec') {
  console.error(
    [
      'sanxiang：执法工作台尚未构建（缺少 web/dist）；npx 启动时不会构建。请在本目录运行 npm run build:web。',
      'sanxiang: the workbench is not built (web/dist is missing) and npx does not build it: run `npm run build:web` here.',
    ].join('\n'),
  );
  process.exit(0);
}
const vite = fileURLToPath(new URL('../node_modules/vite/bin/vite.js', import.meta.url));
const run = spawnSync(
  process.execPath,
  [vite, 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
process.exit(run.status ?? 1);
