import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, sleep, startNode, stopChild, type Child } from './processes.ts';
import { fixed, median, verdict, type Table } from './table.ts';

/**
 * `npm start` on an existing data directory, to the first 200 from /healthz: the directory is prepared
 * by one start on an empty one (migrations, demo), then the server is started `runs` more times on it.
 */
export interface StartupOptions {
  runs: number;
}

const root = path.resolve(import.meta.dirname, '..');
const bin = path.join(root, 'bin', 'sanxiang.js');
const POLL_MS = 20;
const START_TIMEOUT_MS = 120_000;
const GOAL_SECONDS = 5;

async function healthy(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
}

/** Seconds from spawn to the first 200 from /healthz; the server is stopped (SIGTERM) before returning. */
async function timeStart(dataDir: string): Promise<number> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' };
  delete env.DATABASE_URL; // the embedded database, as `npm start` on a fresh checkout
  const started = performance.now();
  const child: Child = startNode([bin, 'serve', '--demo'], { cwd: root, env });
  try {
    const url = `http://127.0.0.1:${port}/healthz`;
    while (!(await healthy(url))) {
      if (child.process.exitCode !== null || child.process.signalCode !== null) {
        throw new Error(`sanxiang serve exited before /healthz answered:\n${child.output()}`);
      }
      if (performance.now() - started > START_TIMEOUT_MS) {
        throw new Error(`/healthz not 200 after ${START_TIMEOUT_MS} ms:\n${child.output()}`);
      }
      await sleep(POLL_MS);
    }
    return (performance.now() - started) / 1000;
  } finally {
    await stopChild(child);
  }
}

export async function benchStartup(options: StartupOptions): Promise<Table> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanxiang-bench-start-'));
  try {
    const first = await timeStart(dataDir);
    const times: number[] = [];
    for (let i = 0; i < options.runs; i++) times.push(await timeStart(dataDir));
    const s = (v: number) => fixed(v, 2);
    const med = median(times);
    return {
      title: '2. Start time: `npm start` (node bin/sanxiang.js serve --demo) to the first 200 from /healthz',
      columns: [
        { header: 'data directory' },
        { header: 'runs', align: 'right' },
        { header: 'min s', align: 'right' },
        { header: 'median s', align: 'right' },
        { header: 'max s', align: 'right' },
        { header: 'each s' },
      ],
      rows: [
        ['empty (migrate + demo, setup)', '1', s(first), s(first), s(first), s(first)],
        [
          'existing',
          String(times.length),
          s(Math.min(...times)),
          s(med),
          s(Math.max(...times)),
          times.map(s).join(' '),
        ],
      ],
      notes: [
        `goal (existing data directory): median < ${GOAL_SECONDS} s: ${s(med)} s ${verdict(med < GOAL_SECONDS)}; ` +
          `max ${s(Math.max(...times))} s ${verdict(Math.max(...times) < GOAL_SECONDS)}`,
        `PGlite in a temporary DATA_DIR; /healthz polled every ${POLL_MS} ms; each server stopped with SIGTERM`,
      ],
    };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
