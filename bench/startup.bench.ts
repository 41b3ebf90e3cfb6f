import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, sleep, startNode, stopChild, type Child } from './processes.ts';
import { fixed, median, verdict, type Table } from './table.ts';

/**
 * `npm start` to the first 200 from /healthz, on an empty data directory (migrations, demo: a newcomer's
 * first start) and then `runs` more times on the directory it left (issue 16 item 4).
 */
export interface StartupOptions {
  runs: number;
}

const root = path.resolve(import.meta.dirname, '..');
const bin = path.join(root, 'bin', 'sanxiang.js');
const POLL_MS = 20;
const START_TIMEOUT_MS = 120_000;
/** Goals of issue 16: a first start on an empty data directory, a start on an existing one. */
const GOAL_FIRST_SECONDS = 8;
const GOAL_EXISTING_SECONDS = 3;
/** Issue 16: the script the sign-in page loads, before compression. */
const GOAL_FIRST_LOAD_KB = 300;

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
        `goal (empty data directory): < ${GOAL_FIRST_SECONDS} s: ${s(first)} s ${verdict(first < GOAL_FIRST_SECONDS)}`,
        `goal (existing data directory): median < ${GOAL_EXISTING_SECONDS} s: ${s(med)} s ` +
          `${verdict(med < GOAL_EXISTING_SECONDS)}; max ${s(Math.max(...times))} s ` +
          `${verdict(Math.max(...times) < GOAL_EXISTING_SECONDS)}`,
        `PGlite in a temporary DATA_DIR; /healthz polled every ${POLL_MS} ms; each server stopped with SIGTERM`,
      ],
    };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * The script the workbench's first load (the sign-in page) fetches: the module script and the
 * modulepreload links of web/dist/index.html, as built, and as sent (the .gz and .br the build writes
 * beside each file; the server sends one of them to a browser that accepts it).
 */
export function benchFirstLoad(webRoot = path.join(root, 'web', 'dist')): Table {
  const indexFile = path.join(webRoot, 'index.html');
  if (!fs.existsSync(indexFile)) throw new Error(`${indexFile} is missing: run \`npm run build:web\``);
  const html = fs.readFileSync(indexFile, 'utf8');
  const urls = [
    ...[...html.matchAll(/<script\b[^>]*\btype="module"[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1] ?? ''),
    ...[...html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g)].map((m) => m[1] ?? ''),
  ];
  const files = [...new Set(urls)].map((url) => path.join(webRoot, url.replace(/^\/app\//, '')));
  const size = (file: string) => (fs.existsSync(file) ? fs.statSync(file).size : Number.NaN);
  const sum = (suffix: string) => files.reduce((total, f) => total + size(f + suffix), 0);
  const raw = sum('');
  const kb = (bytes: number) => fixed(bytes / 1000, 1);
  return {
    title: '2b. Workbench first load (sign-in page): script named by web/dist/index.html',
    columns: [
      { header: 'files', align: 'right' },
      { header: 'before compression KB', align: 'right' },
      { header: 'gzip KB', align: 'right' },
      { header: 'brotli KB', align: 'right' },
    ],
    rows: [[String(files.length), kb(raw), kb(sum('.gz')), kb(sum('.br'))]],
    notes: [
      `goal: before compression < ${GOAL_FIRST_LOAD_KB} KB: ${kb(raw)} KB ${verdict(raw / 1000 < GOAL_FIRST_LOAD_KB)}`,
      `files: ${files.map((f) => path.relative(webRoot, f)).join(', ')}; KB = 1000 bytes`,
    ],
  };
}
