import { once } from 'node:events';
import path from 'node:path';
import autocannon from 'autocannon';
import { TILE_WIDTH, entryBundlePath, tilePath } from '../src/platform/record-log/tiles.ts';
import type { BigLog } from './log-big.ts';
import type { BigLogDatabase } from './log-big.ts';
import { percentile } from './log-db.ts';
import { cpuSpent } from './pg-cpu.ts';
import { startNode, stopChild, untilReady, type Child } from './processes.ts';
import { fixed, verdict, type Table } from './table.ts';
import type { TargetMessage } from './target.ts';

/**
 * Figure 2 of the record-log issue, over the big log (bench/log-big.ts, 1,000,000 entries by default): the
 * real app (bench/target.ts `log`) in its own process on that PostgreSQL database, and
 *   - inclusion proofs of random indexes from the real route `/log/proof/inclusion?index=&size=`: one at a
 *     time (the latency a client sees: the goal's p99), then under autocannon with 32 connections;
 *   - random full level-0 tiles `/log/tile/0/…` under autocannon with 32 connections (the goal's req/s),
 *     and random full entry bundles `/log/tile/entries/…` beside them.
 * Each request gets a fresh random path (autocannon's setupRequest). Latencies from every 2xx response.
 */
export interface LogProofOptions {
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
  /** How many proofs to time one at a time. */
  sequential: number;
}

const GOAL_PROOF_P99_MS = 10;
const GOAL_TILES_PER_SEC = 10_000;
const targetScript = path.join(import.meta.dirname, 'target.ts');
const root = path.resolve(import.meta.dirname, '..');

interface Row {
  what: string;
  how: string;
  reqPerSec: number;
  p50: number;
  p99: number;
  ok: number;
  bad: number;
  /** CPU microseconds per 2xx answer: the app process, and PostgreSQL's backends. */
  appCpu?: number;
  dbCpu?: number | undefined;
}

const randomInt = (n: number): number => Math.floor(Math.random() * n);

function load(
  base: string,
  connections: number,
  seconds: number,
  nextPath: () => string,
): Promise<Omit<Row, 'what' | 'how'>> {
  const latencies: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: base,
        connections,
        duration: seconds,
        requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: nextPath() }) }],
      },
      (err: unknown, result) => {
        if (err) return reject(err instanceof Error ? err : new Error('autocannon failed', { cause: err }));
        const sorted = Float64Array.from(latencies).sort();
        resolve({
          reqPerSec: result['2xx'] / result.duration,
          p50: percentile(sorted, 0.5),
          p99: percentile(sorted, 0.99),
          ok: result['2xx'],
          bad: result.non2xx + result.errors,
        });
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    });
  });
}

async function sequential(
  base: string,
  count: number,
  nextPath: () => string,
): Promise<Omit<Row, 'what' | 'how'>> {
  const latencies: number[] = [];
  let bad = 0;
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    const res = await fetch(base + nextPath());
    await res.arrayBuffer();
    if (res.status === 200) latencies.push(performance.now() - t);
    else bad++;
  }
  const seconds = (performance.now() - started) / 1000;
  const sorted = Float64Array.from(latencies).sort();
  return {
    reqPerSec: latencies.length / seconds,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    ok: latencies.length,
    bad,
  };
}

interface LogTarget {
  base: string;
  /** The target process's CPU time so far, user + system (microseconds). */
  cpuMicros(): Promise<number>;
}

async function withLogTarget<T>(
  url: string,
  verifierKey: string,
  fn: (target: LogTarget) => Promise<T>,
): Promise<T> {
  // BENCH_CPU_PROF=<dir>: the target writes a V8 CPU profile there when it exits (as in http-read.bench.ts).
  const profile = process.env.BENCH_CPU_PROF;
  const flags = profile ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profile)}`] : [];
  const child: Child = startNode([...flags, '--import', 'tsx', targetScript, 'log'], {
    cwd: root,
    env: { ...process.env, BENCH_TARGET_URL: url, BENCH_LOG_VERIFIER_KEY: verifierKey },
    ipc: true,
  });
  try {
    const next = () => once(child.process, 'message').then(([m]) => m as TargetMessage);
    const message = await untilReady(child, next(), 120_000, 'target log');
    if (message.type !== 'listening') {
      throw new Error(`target log failed to start:\n${message.type === 'failed' ? message.message : ''}`);
    }
    const cpuMicros = async () => {
      const answer = next();
      child.process.send('cpu');
      const reply = await untilReady(child, answer, 10_000, 'target log (cpu)');
      if (reply.type !== 'cpu') throw new Error(`target log: unexpected message ${reply.type}`);
      return reply.micros;
    };
    return await fn({ base: `http://127.0.0.1:${message.port}`, cpuMicros });
  } finally {
    await stopChild(child);
  }
}

/** Checks one proof answer's shape, so a row cannot measure error pages that happen to be 200. */
async function checkProof(base: string, index: number, size: number): Promise<void> {
  const res = await fetch(`${base}/log/proof/inclusion?index=${index}&size=${size}`);
  if (res.status !== 200) throw new Error(`inclusion proof of ${index}: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as {
    index: number;
    size: number;
    proof: string[];
    checkpoint: string | null;
  };
  if (body.index !== index || body.size !== size || body.proof.length === 0 || body.checkpoint === null) {
    throw new Error(`inclusion proof of ${index}: unexpected answer ${JSON.stringify(body).slice(0, 300)}`);
  }
}

export async function benchLogProof(
  log: BigLog,
  database: BigLogDatabase,
  options: LogProofOptions,
): Promise<Table> {
  const n = log.size;
  const fullTiles = Math.floor(n / TILE_WIDTH);
  if (fullTiles === 0) throw new Error(`a log of ${n} entries has no full tile`);
  const proofPath = () => `/log/proof/inclusion?index=${randomInt(n)}&size=${n}`;
  const latestProofPath = () => `/log/proof/inclusion?index=${randomInt(n)}`;
  const tile = () => `/log/${tilePath({ level: 0, index: randomInt(fullTiles), width: TILE_WIDTH })}`;
  const bundle = () => `/log/${entryBundlePath(randomInt(fullTiles), TILE_WIDTH)}`;

  const rows = await withLogTarget(database.url, database.verifierKey, async (target) => {
    const base = target.base;
    /** Runs `fn` and adds the CPU the app and PostgreSQL spent per 2xx answer. */
    const withCpu = async (m: () => Promise<Omit<Row, 'what' | 'how'>>) => {
      const dbBefore = await database.dbCpu();
      const appBefore = await target.cpuMicros();
      const r = await m();
      const app = (await target.cpuMicros()) - appBefore;
      const db = cpuSpent(dbBefore, await database.dbCpu());
      return { ...r, appCpu: app / r.ok, dbCpu: db === undefined ? undefined : db / r.ok };
    };
    await checkProof(base, 0, n);
    await checkProof(base, n - 1, n);
    const out: Row[] = [];
    // Warm-up: connections, JIT, PostgreSQL's buffers.
    await sequential(base, Math.min(500, options.sequential), proofPath);
    out.push({
      what: 'inclusion proof, size=N',
      how: 'one at a time',
      ...(await withCpu(() => sequential(base, options.sequential, proofPath))),
    });
    out.push({
      what: 'inclusion proof, latest',
      how: 'one at a time',
      ...(await withCpu(() => sequential(base, options.sequential, latestProofPath))),
    });
    const loaded = async (what: string, nextPath: () => string) => {
      await load(base, options.connections, options.warmupSeconds, nextPath);
      out.push({
        what,
        how: `autocannon, ${options.connections} conns`,
        ...(await withCpu(() => load(base, options.connections, options.durationSeconds, nextPath))),
      });
    };
    await loaded('inclusion proof, size=N', proofPath);
    await loaded('full tile /log/tile/0/…', tile);
    await loaded('entry bundle /log/tile/entries/…', bundle);
    return out;
  });

  const proof = rows[0]!;
  const tiles = rows.find((r) => r.what.startsWith('full tile'))!;
  const notes = [
    `goal: inclusion proof p99 < ${GOAL_PROOF_P99_MS} ms (one at a time, random index, ${fixed(n, 0)} entries): ` +
      `${fixed(proof.p99, 2)} ms ${verdict(proof.p99 < GOAL_PROOF_P99_MS)}`,
    `goal: tiles >= ${GOAL_TILES_PER_SEC} req/s (random full level-0 tiles, ${options.connections} connections): ` +
      `${fixed(tiles.reqPerSec, 0)} ${verdict(tiles.reqPerSec >= GOAL_TILES_PER_SEC)}`,
    ...(rows.some((r) => r.bad > 0)
      ? ['non-2xx or errors > 0: those rows do not measure what they claim']
      : []),
    `the log: built in ${fixed(log.stageSeconds + log.integrateSeconds, 1)} s — staged (sealEvent + bulk insert of audit rows and entries) ` +
      `in ${fixed(log.stageSeconds, 1)} s, integrated by integrator.ts in ${fixed(log.integrateSeconds, 1)} s (${log.checkpoints} signed checkpoints);`,
    `the real app (bench/target.ts log) on PostgreSQL in its own process; every request a fresh random index or tile;`,
    `one at a time: ${options.sequential} requests after ${Math.min(500, options.sequential)} warm-up (fetch, keep-alive); ` +
      `autocannon: ${options.warmupSeconds} s warm-up then ${options.durationSeconds} s;`,
    '"app CPU": the app process, "PG CPU": the database\'s backends (/proc, 10 ms ticks), per 2xx answer: on a shared',
    'machine these move far less than req/s and latency do (2 cores give at most 2,000,000 us of CPU a second);',
    `${fixed(fullTiles, 0)} full level-0 tiles (${fixed((fullTiles * 8) / 1024, 1)} MiB; the app keeps 64 MiB of full tiles and bundles in memory)`,
  ];
  return {
    title: `Record log 2. Inclusion proofs and tiles over a ${fixed(n, 0)}-entry log (PostgreSQL)`,
    columns: [
      { header: 'request' },
      { header: 'how' },
      { header: 'req/s', align: 'right' },
      { header: 'p50 ms', align: 'right' },
      { header: 'p99 ms', align: 'right' },
      { header: 'app CPU us/req', align: 'right' },
      { header: 'PG CPU us/req', align: 'right' },
      { header: 'non-2xx+err', align: 'right' },
    ],
    rows: rows.map((r) => [
      r.what,
      r.how,
      fixed(r.reqPerSec, 0),
      fixed(r.p50, 2),
      fixed(r.p99, 2),
      r.appCpu === undefined ? '-' : fixed(r.appCpu, 0),
      r.dbCpu === undefined ? '-' : fixed(r.dbCpu, 0),
      String(r.bad),
    ]),
    notes,
  };
}
