/**
 * `npm run bench`: the figures the foundation issue asks for, measured on this machine in one run.
 * Environment: BENCH_DATABASE_URL (a PostgreSQL connection that may create and drop databases; default
 * the local server's `test` database), BENCH_SECONDS (measured seconds per load row, default 10),
 * BENCH_ONLY (a comma list of `read`, `start`, `argon2`; default all), BENCH_CPU_PROF (a directory: the
 * read targets write V8 CPU profiles there).
 */
import os from 'node:os';
import { benchArgon2 } from './argon2.bench.ts';
import { benchHttpRead } from './http-read.bench.ts';
import { interrupt, isInterrupted, killAll } from './processes.ts';
import { benchStartup } from './startup.bench.ts';
import { printTable } from './table.ts';

const parts = ['read', 'start', 'argon2'] as const;
const only = new Set((process.env.BENCH_ONLY ?? parts.join(',')).split(',').map((p) => p.trim()));
for (const p of only) {
  if (!parts.some((known) => known === p))
    throw new Error(`BENCH_ONLY: unknown part ${p} (${parts.join(', ')})`);
}
const seconds = Number(process.env.BENCH_SECONDS ?? '10');
if (!Number.isInteger(seconds) || seconds < 1 || seconds > 120) throw new Error('BENCH_SECONDS: 1..120');

// The first Ctrl-C stops the children and lets the benches clean up (temporary directories, the bench
// database); a second one quits at once.
const onSignal = (signal: NodeJS.Signals) => {
  if (isInterrupted()) process.exit(130);
  console.error(`\n${signal}: stopping; cleaning up (${signal} again to quit at once)`);
  process.exitCode = 130;
  interrupt();
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

const cpus = os.cpus();
console.log(
  `sanxiang bench — ${new Date().toISOString()}, node ${process.version}, ${cpus.length} × ${cpus[0]?.model ?? 'cpu'}, ` +
    `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
);

const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
console.log(`load average at start: ${load()} (other work on this machine skews every figure below)`);

try {
  if (only.has('read')) {
    printTable(
      await benchHttpRead({
        connections: 32,
        warmupSeconds: 2,
        durationSeconds: seconds,
        adminUrl: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
      }),
    );
  }
  if (only.has('start')) printTable(await benchStartup({ runs: 3 }));
  if (only.has('argon2')) printTable(await benchArgon2({ runs: 10 }));
  console.log(`\nload average at end: ${load()}`);
} catch (err) {
  if (!isInterrupted()) throw err;
  console.error('interrupted');
} finally {
  killAll();
}
