import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { DEMO_PASSWORD } from '../src/demo/demo-data.ts';
import { backendCpu, cpuSpent, type CpuSnapshot } from './pg-cpu.ts';
import { startNode, stopChild, untilReady, type Child } from './processes.ts';
import { fixed, verdict, type Table } from './table.ts';
import type { TargetKind, TargetMessage } from './target.ts';

/**
 * Authenticated reads under load: the real app with a real session cookie (signed in through the real
 * route), on PGlite and on PostgreSQL, beside a bare Fastify route returning `{}`. Each server runs in
 * its own process; autocannon drives it from this one at a fixed concurrency for a fixed duration, after
 * a warm-up. Latencies are taken from every 2xx response (sub-millisecond, unlike autocannon's
 * whole-millisecond histogram). CPU time per answer is reported too, the server process's and (for
 * PostgreSQL) the database backends': on a shared 2-core machine it moves far less with outside load than
 * req/s does, and it says where the time goes.
 */
export interface HttpReadOptions {
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
  /** A PostgreSQL connection the bench may create and drop a database through. */
  adminUrl: string;
}

interface Measured {
  reqPerSec: number;
  p50: number;
  p99: number;
  ok: number;
  bad: number;
  /** CPU microseconds the server process spent per 2xx answer. */
  cpuPerOk: number;
  /** CPU microseconds PostgreSQL's server processes spent per 2xx answer, where measured. */
  dbCpuPerOk: number | undefined;
}

/** A running target: where it listens, and its CPU time so far. */
export interface Target {
  base: string;
  cpuMicros(): Promise<number>;
  /** The database server's processes, when they are separate from the target (PostgreSQL). */
  dbCpu?: () => Promise<CpuSnapshot>;
}

interface Row extends Measured {
  target: string;
  kind: TargetKind;
  route: string;
}

const root = path.resolve(import.meta.dirname, '..');
const targetScript = path.join(import.meta.dirname, 'target.ts');
const USERNAME = 'zhangwei';
/** Goals of the foundation issue, for the app on PostgreSQL. */
const GOAL_RATIO = 0.25;
const GOAL_P99_MS = 20;
/** Bounds the latency samples kept per run (far above what 2 cores serve in 10 s). */
const MAX_SAMPLES = 5_000_000;

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;
}

function run(
  url: string,
  connections: number,
  seconds: number,
  headers: Record<string, string>,
): Promise<Omit<Measured, 'cpuPerOk' | 'dbCpuPerOk'>> {
  const latencies: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon({ url, connections, duration: seconds, headers }, (err: unknown, result) => {
      if (err) return reject(err instanceof Error ? err : new Error('autocannon failed', { cause: err }));
      const sorted = Float64Array.from(latencies).sort();
      resolve({
        reqPerSec: result['2xx'] / result.duration,
        p50: percentile(sorted, 0.5),
        p99: percentile(sorted, 0.99),
        ok: result['2xx'],
        bad: result.non2xx + result.errors,
      });
    });
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300 && latencies.length < MAX_SAMPLES)
        latencies.push(responseTime);
    });
  });
}

async function measure(
  options: HttpReadOptions,
  target: Target,
  path: string,
  cookie?: string,
): Promise<Measured> {
  const headers: Record<string, string> = cookie ? { cookie } : {};
  const url = target.base + path;
  await run(url, options.connections, options.warmupSeconds, headers);
  const dbBefore = await target.dbCpu?.();
  const cpuBefore = await target.cpuMicros();
  const measured = await run(url, options.connections, options.durationSeconds, headers);
  const cpu = (await target.cpuMicros()) - cpuBefore;
  const dbAfter = await target.dbCpu?.();
  const dbCpu = dbBefore && dbAfter ? cpuSpent(dbBefore, dbAfter) : undefined;
  return {
    ...measured,
    cpuPerOk: cpu / measured.ok,
    dbCpuPerOk: dbCpu === undefined ? undefined : dbCpu / measured.ok,
  };
}

const nextMessage = async (child: Child): Promise<TargetMessage> => {
  const [message] = (await once(child.process, 'message')) as [TargetMessage];
  return message;
};

/** Starts a target process and hands it to `fn`; the process is stopped afterwards, always. */
export async function withTarget<T>(
  kind: TargetKind,
  env: Record<string, string>,
  fn: (target: Target) => Promise<T>,
): Promise<T> {
  // BENCH_CPU_PROF=<dir>: each target writes a V8 CPU profile there when it exits (open in Chrome DevTools).
  const profile = process.env.BENCH_CPU_PROF;
  const flags = profile ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profile)}`] : [];
  const child: Child = startNode([...flags, '--import', 'tsx', targetScript, kind], {
    cwd: root,
    env: { ...process.env, ...env },
    ipc: true,
  });
  try {
    const message = await untilReady(child, nextMessage(child), 180_000, `target ${kind}`);
    if (message.type !== 'listening') {
      throw new Error(`target ${kind} failed to start:\n${message.type === 'failed' ? message.message : ''}`);
    }
    const cpuMicros = async () => {
      const answer = nextMessage(child);
      child.process.send('cpu');
      const reply = await untilReady(child, answer, 10_000, `target ${kind} (cpu)`);
      if (reply.type !== 'cpu') throw new Error(`target ${kind}: unexpected message ${reply.type}`);
      return reply.micros;
    };
    return await fn({ base: `http://127.0.0.1:${message.port}`, cpuMicros });
  } finally {
    await stopChild(child);
  }
}

interface SignedIn {
  cookie: string;
  personId: string;
  agencyId: string;
}

/** Signs in through the real route; returns the `Cookie` header value and who signed in. */
async function signIn(base: string): Promise<SignedIn> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: USERNAME, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${USERNAME} failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { stage: string };
  if (body.stage !== 'full') throw new Error(`sign-in of ${USERNAME} ended in stage ${body.stage}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .find((c) => c.startsWith('sx_session='));
  if (!cookie) throw new Error('sign-in set no sx_session cookie');
  const me = await fetch(`${base}/api/v1/me`, { headers: { cookie } });
  if (me.status !== 200) throw new Error(`GET /api/v1/me with the new session: ${me.status}`);
  const who = (await me.json()) as { personId: string; agency: { id: string } };
  return { cookie, personId: who.personId, agencyId: who.agency.id };
}

async function checkOk(url: string, cookie: string): Promise<void> {
  const res = await fetch(url, { headers: { cookie } });
  if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
}

/** The authenticated reads of the app, one row per route. */
async function appRows(
  options: HttpReadOptions,
  kind: 'pglite' | 'postgres',
  target: Target,
): Promise<Row[]> {
  const { cookie, personId, agencyId } = await signIn(target.base);
  const routes = [
    // The route the issue names: session check, then two reads (agency, account).
    { route: 'GET /api/v1/me', path: '/api/v1/me' },
    // The shape the issue describes: session check, permission check (authorize), one read.
    { route: 'GET /api/v1/agencies/:id', path: `/api/v1/agencies/${agencyId}` },
    // A heavier read: permission check on the row's agency, then person, roles, certificates.
    { route: 'GET /api/v1/people/:id', path: `/api/v1/people/${personId}` },
  ];
  const rows: Row[] = [];
  for (const r of routes) {
    await checkOk(target.base + r.path, cookie);
    const m = await measure(options, target, r.path, cookie);
    rows.push({
      target: kind === 'pglite' ? 'app on PGlite' : 'app on PostgreSQL',
      kind,
      route: r.route,
      ...m,
    });
  }
  return rows;
}

async function pgliteRows(options: HttpReadOptions): Promise<Row[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanxiang-bench-pglite-'));
  try {
    return await withTarget('pglite', { BENCH_PGLITE_DIR: dir }, (target) =>
      appRows(options, 'pglite', target),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** On a fresh database of the server, dropped at the end; the reason instead when the server is out of reach. */
async function postgresRows(options: HttpReadOptions): Promise<Row[] | string> {
  const admin = new pg.Client({ connectionString: options.adminUrl, connectionTimeoutMillis: 3000 });
  // A dropped admin connection must fail the queries that use it, not crash the bench from an event.
  admin.on('error', () => {});
  try {
    await admin.connect();
  } catch (err) {
    return `PostgreSQL unreachable at ${redact(options.adminUrl)} (${err instanceof Error ? err.message : String(err)}): PostgreSQL rows skipped`;
  }
  const name = `sanxiang_bench_${process.pid}`;
  try {
    await admin.query(`create database ${name}`);
    const url = new URL(options.adminUrl);
    url.pathname = `/${name}`;
    return await withTarget('postgres', { BENCH_TARGET_URL: url.toString() }, (target) =>
      appRows(options, 'postgres', { ...target, dbCpu: () => backendCpu(admin, name) }),
    );
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

const redact = (url: string): string => {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
};

const ms = (value: number): string => fixed(value, 2);

const bareRow = async (options: HttpReadOptions, when: string): Promise<Row> => ({
  target: `bare Fastify (${when})`,
  kind: 'bare',
  route: 'GET / -> {}',
  ...(await withTarget('bare', {}, (target) => measure(options, target, '/'))),
});

export async function benchHttpRead(options: HttpReadOptions): Promise<Table> {
  // The bare route first and last: the difference shows how much outside load moved during the run.
  const rows: Row[] = [await bareRow(options, 'first')];
  rows.push(...(await pgliteRows(options)));
  const pgResult = await postgresRows(options);
  rows.push(...(typeof pgResult === 'string' ? [] : pgResult));
  rows.push(await bareRow(options, 'last'));
  const bares = rows.filter((r) => r.kind === 'bare');
  const bare = bares.reduce((sum, r) => sum + r.reqPerSec, 0) / bares.length;

  const notes: string[] = typeof pgResult === 'string' ? [pgResult] : [];
  for (const r of rows.filter((row) => row.kind === 'postgres')) {
    const ratio = r.reqPerSec / bare;
    notes.push(
      `goal (${r.route} on PostgreSQL): throughput >= ${GOAL_RATIO * 100}% of bare: ${(ratio * 100).toFixed(1)}% ${verdict(ratio >= GOAL_RATIO)}; ` +
        `p99 < ${GOAL_P99_MS} ms: ${ms(r.p99)} ms ${verdict(r.p99 < GOAL_P99_MS)}`,
    );
  }
  if (rows.some((r) => r.bad > 0)) {
    notes.push('non-2xx or errors > 0: those rows do not measure what they claim');
  }
  notes.push(
    `${options.connections} connections, ${options.warmupSeconds} s warm-up then ${options.durationSeconds} s measured per row; ` +
      'each server in its own process on 127.0.0.1; req/s counts 2xx answers only;',
    '"x bare": ratio to the mean of the two bare rows; "app CPU": the server process (with PGlite inside it);',
    '"PG CPU": the PostgreSQL backends of the bench database (/proc, 10 ms ticks); both per 2xx answer',
  );
  return {
    title: `1. Authenticated read under load (autocannon, ${options.connections} connections)`,
    columns: [
      { header: 'target' },
      { header: 'route' },
      { header: 'req/s', align: 'right' },
      { header: 'p50 ms', align: 'right' },
      { header: 'p99 ms', align: 'right' },
      { header: 'x bare', align: 'right' },
      { header: 'app CPU us/req', align: 'right' },
      { header: 'PG CPU us/req', align: 'right' },
      { header: 'non-2xx+err', align: 'right' },
    ],
    rows: rows.map((r) => [
      r.target,
      r.route,
      fixed(r.reqPerSec, 0),
      ms(r.p50),
      ms(r.p99),
      fixed(r.reqPerSec / bare, 3),
      fixed(r.cpuPerOk, 0),
      r.dbCpuPerOk === undefined ? '-' : fixed(r.dbCpuPerOk, 0),
      String(r.bad),
    ]),
    notes,
  };
}
