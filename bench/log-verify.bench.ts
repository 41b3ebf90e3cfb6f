import { once } from 'node:events';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { BigLog, BigLogDatabase } from './log-big.ts';
import { cpuSpent, type CpuSnapshot } from './pg-cpu.ts';
import { sleep, startNode, type Child } from './processes.ts';
import { fixed, verdict, type Table } from './table.ts';

/**
 * Figure 3 of the record-log issue: the real CLI, `node bin/sanxiang.js verify`, over the big log
 * (bench/log-big.ts) on PostgreSQL, timed from spawn to exit. It must exit 0: the big log was written the
 * way the write path writes it, so every audit row rebuilds its entry. Peak memory is the child's VmHWM,
 * read from /proc while it runs (Linux; '-' elsewhere).
 */

const GOAL_SECONDS = 60;
const TIMEOUT_MS = 15 * 60_000;
const root = path.resolve(import.meta.dirname, '..');
const bin = path.join(root, 'bin', 'sanxiang.js');

async function peakKiB(pid: number): Promise<number | undefined> {
  try {
    const status = await fs.readFile(`/proc/${pid}/status`, 'utf8');
    const match = /^VmHWM:\s+(\d+) kB/m.exec(status);
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** The process's CPU time so far, user + system, in microseconds (10 ms ticks), or undefined. */
async function cpuMicros(pid: number): Promise<number | undefined> {
  try {
    const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8');
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(rest[11]) + Number(rest[12])) * 10_000;
  } catch {
    return undefined;
  }
}

export async function benchLogVerify(log: BigLog, database: BigLogDatabase): Promise<Table> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    LOG_SIGNING_KEY: database.signerKey,
    LOG_ORIGIN: database.origin,
    LOG_LEVEL: 'warn',
  };
  const started = performance.now();
  const child: Child = startNode([bin, 'verify'], { cwd: root, env });
  const exited = once(child.process, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  let peak: number | undefined;
  let cliCpu: number | undefined;
  // The verify process's backends come and go with it: keep the last reading of each.
  const dbBefore = await database.dbCpu();
  const dbSeen: CpuSnapshot = new Map(dbBefore);
  let done = false;
  void exited.then(() => (done = true));
  const watch = (async () => {
    while (!done) {
      const pid = child.process.pid;
      const kib = pid === undefined ? undefined : await peakKiB(pid);
      if (kib !== undefined) peak = Math.max(peak ?? 0, kib);
      const micros = pid === undefined ? undefined : await cpuMicros(pid);
      if (micros !== undefined) cliCpu = micros;
      for (const [backend, used] of await database.dbCpu()) dbSeen.set(backend, used);
      await sleep(200);
    }
  })();
  const timer = setTimeout(() => child.process.kill('SIGKILL'), TIMEOUT_MS);
  const [code, signal] = await exited;
  clearTimeout(timer);
  await watch;
  const seconds = (performance.now() - started) / 1000;
  const output = child.output().trim();
  const summary =
    output
      .split('\n')
      .filter((l) => l.trim() !== '')
      .at(-1) ?? '';
  const ok = code === 0;
  const dbCpu = cpuSpent(dbBefore, dbSeen);
  const notes = [
    `goal: verify ${fixed(log.size, 0)} entries in < ${GOAL_SECONDS} s: ${fixed(seconds, 1)} s ${verdict(seconds < GOAL_SECONDS)}; ` +
      `exit 0 (the log verifies): ${ok ? 'yes' : `NO (${code ?? signal})`}`,
    `its last line: ${summary}`,
    'wall time from spawn (tsx start-up, migration check, every entry, tile, bundle and checkpoint) to exit; PostgreSQL;',
    "CPU: the CLI process and the database's PostgreSQL backends, user + system, sampled every 200 ms from /proc",
    '(the last 200 ms may be missed); their sum against 2 cores bounds the time on an idle machine;',
    'peak RSS: the CLI process (VmHWM), PostgreSQL not included',
  ];
  if (!ok) notes.push(`its output:\n${output}`);
  return {
    title: `Record log 3. \`sanxiang verify\` over ${fixed(log.size, 0)} entries (node bin/sanxiang.js verify)`,
    columns: [
      { header: 'entries', align: 'right' },
      { header: 'seconds', align: 'right' },
      { header: 'entries/s', align: 'right' },
      { header: 'CLI CPU s', align: 'right' },
      { header: 'PG CPU s', align: 'right' },
      { header: 'peak RSS MiB', align: 'right' },
      { header: 'exit', align: 'right' },
    ],
    rows: [
      [
        fixed(log.size, 0),
        fixed(seconds, 1),
        fixed(log.size / seconds, 0),
        cliCpu === undefined ? '-' : fixed(cliCpu / 1e6, 1),
        dbCpu === undefined ? '-' : fixed(dbCpu / 1e6, 1),
        peak === undefined ? '-' : fixed(peak / 1024, 0),
        String(code ?? signal),
      ],
    ],
    notes,
  };
}
