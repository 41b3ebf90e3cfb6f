import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { chinaDate, systemClock } from '../src/platform/clock.ts';
import { openPostgres } from '../src/platform/db/database.ts';
import { actionKinds, type ActionKind } from '../src/powers/action-kinds.ts';
import { publicSearchQueriesUnscoped } from '../src/publicity/portal/publications-portal.queries.ts';
import {
  searchPublications,
  type PublicSearch,
} from '../src/publicity/portal/publications-portal.service.ts';
import { percentile } from './log-db.ts';
import { cpuSpent } from './pg-cpu.ts';
import { startNode, stopChild, untilReady, type Child } from './processes.ts';
import type { BigPublications, PublicationsDatabase } from './publications-big.ts';
import { fixed, verdict, type Table } from './table.ts';
import type { TargetMessage } from './target.ts';

/**
 * Issue 4, Figures: portal search over the big publications table (bench/publications-big.ts, 1,000,000
 * rows by default), through the real app (bench/target.ts `publications`, its own process, the portal's
 * HTML page `GET /publications?…`) under autocannon at 64 connections, one row per kind of query — a party
 * name fragment (3–4 characters: trigram index), an exact credit code, an exact document number, a kind
 * with a month of decision dates — and a row mixing the four. Every request takes fresh random parameters
 * drawn from the public rows.
 *
 * Beside each row, the database's own time for the same queries in the same run: the service's
 * `searchPublications` (the statements the route runs: the count and the page) called
 * directly on a pool of the app's size (10), without HTTP or HTML, p95 over random parameters — once one
 * search at a time ("DB alone"), and once with 64 concurrent callers ("DB at 64"), which queue for the
 * pool's connections as the app's requests do. Then the page weight of one publication with everything
 * it loads.
 */
export interface PortalSearchOptions {
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
  /** Searches timed one at a time per query type. */
  sequential: number;
}

const GOAL_P95_MS = 100;
const GOAL_RATIO = 2;
const GOAL_PAGE_BYTES = 100 * 1024;
/** The app's pool (openPostgres's default): the direct timing queues for the same number of connections. */
const APP_POOL = 10;
const targetScript = path.join(import.meta.dirname, 'target.ts');
const root = path.resolve(import.meta.dirname, '..');

type QueryType = 'name' | 'credit' | 'document' | 'kind-date';
const QUERY_TYPES: { type: QueryType; label: string }[] = [
  { type: 'name', label: 'party name fragment (trigram)' },
  { type: 'credit', label: 'exact credit code' },
  { type: 'document', label: 'exact document number' },
  { type: 'kind-date', label: 'kind + one month of dates' },
];

interface Samples {
  fragments: string[];
  creditCodes: string[];
  documentNumbers: string[];
  /** The span of decision dates, for random months. */
  firstDay: number;
  lastDay: number;
}

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
const DAY = 86_400_000;
const isoDay = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

/**
 * Parameters drawn from the public rows (a 1 % table sample): a name fragment is 3 or 4 characters from
 * the distinctive part of a name (after 衡阳县 and the town; for a natural person, the masked name 张某某).
 */
async function drawSamples(db: PublicationsDatabase['database']['db']): Promise<Samples> {
  const { rows } = await sql<{
    party_name: string;
    party_credit_code: string | null;
    document_number: string;
  }>`
    select party_name, party_credit_code, document_number from publications tablesample system (1)
    where status = 'withdrawn' or (status = 'published' and (period_ends_on is null or period_ends_on >= current_date))
    limit 5000`.execute(db);
  const fragments = rows.map(({ party_name: name }) => {
    if (!name.startsWith('衡阳县')) return name; // 张某某
    const rest = name.slice(6);
    const length = Math.random() < 0.5 ? 3 : 4;
    const start = Math.floor(Math.random() * 2);
    return rest.slice(start, start + length);
  });
  const span = await sql<{ first: string; last: string }>`
    select min(decided_on)::text as first, max(decided_on)::text as last from publications`.execute(db);
  const { first, last } = span.rows[0]!;
  return {
    fragments,
    creditCodes: rows.flatMap((r) => (r.party_credit_code ? [r.party_credit_code] : [])),
    documentNumbers: rows.map((r) => r.document_number),
    firstDay: Math.floor(Date.parse(first) / DAY),
    lastDay: Math.floor(Date.parse(last) / DAY),
  };
}

function randomSearch(type: QueryType, s: Samples): PublicSearch {
  const none: PublicSearch = {
    q: '',
    creditCode: '',
    documentNumber: '',
    kind: undefined,
    from: undefined,
    to: undefined,
    page: 1,
  };
  switch (type) {
    case 'name':
      return { ...none, q: pick(s.fragments) };
    case 'credit':
      return { ...none, creditCode: pick(s.creditCodes) };
    case 'document':
      return { ...none, documentNumber: pick(s.documentNumbers) };
    case 'kind-date': {
      const from = s.firstDay + Math.floor(Math.random() * (s.lastDay - s.firstDay - 30));
      const kind: ActionKind = pick(actionKinds);
      return { ...none, kind, from: isoDay(from), to: isoDay(from + 30) };
    }
  }
}

/** The portal URL of a search, as its form submits it. */
function searchPath(search: PublicSearch): string {
  const params = new URLSearchParams();
  if (search.q) params.set('q', search.q);
  if (search.creditCode) params.set('creditCode', search.creditCode);
  if (search.documentNumber) params.set('documentNumber', search.documentNumber);
  if (search.kind) params.set('kind', search.kind);
  if (search.from) params.set('from', search.from);
  if (search.to) params.set('to', search.to);
  return `/publications?${params.toString()}`;
}

interface Loaded {
  reqPerSec: number;
  p50: number;
  p95: number;
  ok: number;
  bad: number;
  appCpu: number;
  dbCpu: number | undefined;
}

function load(
  base: string,
  connections: number,
  seconds: number,
  nextPath: () => string,
): Promise<Omit<Loaded, 'appCpu' | 'dbCpu'>> {
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
          p95: percentile(sorted, 0.95),
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

interface DbTimes {
  alone: { p50: number; p95: number };
  loaded: { p50: number; p95: number; perSec: number };
}

/** `searchPublications` called directly: one at a time, then from `callers` concurrent loops. */
async function dbTimes(
  url: string,
  next: () => PublicSearch,
  sequential: number,
  callers: number,
  seconds: number,
): Promise<DbTimes> {
  const database = openPostgres(url, APP_POOL);
  try {
    const today = () => chinaDate(systemClock.now());
    const timed = async () => {
      const t = performance.now();
      await searchPublications(database.db, next(), today());
      return performance.now() - t;
    };
    for (let i = 0; i < Math.min(50, sequential); i++) await timed();
    const alone: number[] = [];
    for (let i = 0; i < sequential; i++) alone.push(await timed());
    const loaded: number[] = [];
    const until = performance.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: callers }, async () => {
        while (performance.now() < until) loaded.push(await timed());
      }),
    );
    const a = Float64Array.from(alone).sort();
    const l = Float64Array.from(loaded).sort();
    return {
      alone: { p50: percentile(a, 0.5), p95: percentile(a, 0.95) },
      loaded: { p50: percentile(l, 0.5), p95: percentile(l, 0.95), perSec: loaded.length / seconds },
    };
  } finally {
    await database.close();
  }
}

/** The plan's scans for one search of each type (EXPLAIN, JSON), e.g. "count: Index Only Scan …". */
async function planNodes(db: PublicationsDatabase['database']['db'], search: PublicSearch): Promise<string> {
  const queries = publicSearchQueriesUnscoped(db, search, chinaDate(systemClock.now()));
  const describe = async (what: string, compiled: { sql: string; parameters: readonly unknown[] }) => {
    const { rows } = await sql<{ 'QUERY PLAN': unknown }>`explain (format json) ${sql.raw(
      // The compiled statement with its parameters inlined as literals (EXPLAIN takes no bind parameters).
      compiled.sql.replace(/\$(\d+)/g, (_m, n: string) => {
        const v = compiled.parameters[Number(n) - 1];
        return typeof v === 'number' ? String(v) : `'${String(v).replace(/'/g, "''")}'`;
      }),
    )}`.execute(db);
    const nodes: string[] = [];
    interface PlanNode {
      'Node Type': string;
      'Relation Name'?: string;
      'Index Name'?: string;
      Plans?: PlanNode[];
    }
    const walk = (node: PlanNode) => {
      const type = node['Node Type'];
      if (type.includes('Scan') && node['Relation Name'] !== 'agencies')
        nodes.push(node['Index Name'] ? `${type} ${node['Index Name']}` : type);
      for (const child of node.Plans ?? []) walk(child);
    };
    const plan = rows[0]!['QUERY PLAN'] as { Plan: PlanNode }[];
    walk(plan[0]!.Plan);
    return `${what}: ${nodes.join(' + ') || 'no scan'}`;
  };
  // As searchPublications runs them: a name fragment in one statement, the others in two.
  if (search.q) return describe('page with count(*) over ()', queries.pageWithTotal.compile());
  return [
    await describe('count', queries.count.compile()),
    await describe('page', queries.page.compile()),
  ].join('; ');
}

interface Target {
  base: string;
  cpuMicros(): Promise<number>;
}

async function withTarget<T>(url: string, fn: (target: Target) => Promise<T>): Promise<T> {
  // BENCH_CPU_PROF=<dir>: the target writes a V8 CPU profile there when it exits (as in http-read.bench.ts).
  const profile = process.env.BENCH_CPU_PROF;
  const flags = profile ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profile)}`] : [];
  const child: Child = startNode([...flags, '--import', 'tsx', targetScript, 'publications'], {
    cwd: root,
    env: { ...process.env, BENCH_TARGET_URL: url },
    ipc: true,
  });
  try {
    const next = () => once(child.process, 'message').then(([m]) => m as TargetMessage);
    const message = await untilReady(child, next(), 120_000, 'target publications');
    if (message.type !== 'listening') {
      throw new Error(
        `target publications failed to start:\n${message.type === 'failed' ? message.message : ''}`,
      );
    }
    const cpuMicros = async () => {
      const answer = next();
      child.process.send('cpu');
      const reply = await untilReady(child, answer, 10_000, 'target publications (cpu)');
      if (reply.type !== 'cpu') throw new Error(`target publications: unexpected message ${reply.type}`);
      return reply.micros;
    };
    return await fn({ base: `http://127.0.0.1:${message.port}`, cpuMicros });
  } finally {
    await stopChild(child);
  }
}

/** Checks a search page answers 200 with a result count, so a row cannot measure error pages. */
async function checkSearch(base: string, search: PublicSearch, mustFind: string | undefined): Promise<void> {
  const res = await fetch(base + searchPath(search));
  const body = await res.text();
  if (res.status !== 200 || !/共 \d+ 条/.test(body)) {
    throw new Error(`${searchPath(search)}: ${res.status} ${body.slice(0, 300)}`);
  }
  if (mustFind && !body.includes(mustFind)) throw new Error(`${searchPath(search)}: ${mustFind} not found`);
}

/** A publication page and everything it loads: scripts, styles, images, and what its scripts fetch. */
async function pageWeight(base: string, id: string): Promise<{ bytes: number; parts: string[] }> {
  const parts: string[] = [];
  let bytes = 0;
  const seen = new Set<string>();
  const get = async (p: string, what: string) => {
    if (seen.has(p)) return '';
    seen.add(p);
    const res = await fetch(base + p);
    if (res.status !== 200) throw new Error(`page weight: GET ${p}: ${res.status}`);
    const body = Buffer.from(await res.arrayBuffer());
    bytes += body.length;
    parts.push(`${what} ${p.length > 40 ? `${p.slice(0, 37)}…` : p} ${body.length} B`);
    return body.toString('utf8');
  };
  const html = await get(`/publications/${id}`, 'page');
  const refs = [
    ...html.matchAll(/<(?:script|img)[^>]*\ssrc="(\/[^"]*)"/g),
    ...html.matchAll(/<link[^>]*rel="(?:stylesheet|icon|preload|modulepreload)"[^>]*href="(\/[^"]*)"/g),
  ].map((m) => m[1]!);
  for (const ref of refs) {
    const js = await get(ref, 'loads');
    // What a script fetches or imports by absolute path (the correction form's anti-robot challenge).
    for (const m of js.matchAll(/["'`](\/(?:api|portal)\/[^"'`?#\s]+)["'`]/g)) await get(m[1]!, 'fetches');
  }
  return { bytes, parts };
}

interface Row extends Loaded {
  label: string;
  db?: DbTimes;
}

export async function benchPortalSearch(
  facts: BigPublications,
  database: PublicationsDatabase,
  options: PortalSearchOptions,
): Promise<Table> {
  const db = database.database.db;
  const samples = await drawSamples(db);
  const plans: string[] = [];
  for (const { type, label } of QUERY_TYPES) {
    plans.push(`${label}: ${await planNodes(db, randomSearch(type, samples))}`);
  }
  const loadAvg = () =>
    os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ');
  const loadBefore = loadAvg();

  const { rows, weight } = await withTarget(database.url, async (target) => {
    const base = target.base;
    const doc = pick(samples.documentNumbers);
    await checkSearch(base, randomSearch('document', samples), undefined);
    await checkSearch(base, { ...randomSearch('document', samples), documentNumber: doc }, doc);
    for (const { type } of QUERY_TYPES) await checkSearch(base, randomSearch(type, samples), undefined);

    const out: Row[] = [];
    const measure = async (label: string, nextPath: () => string): Promise<Row> => {
      await load(base, options.connections, options.warmupSeconds, nextPath);
      const dbBefore = await database.dbCpu();
      const appBefore = await target.cpuMicros();
      const r = await load(base, options.connections, options.durationSeconds, nextPath);
      const app = (await target.cpuMicros()) - appBefore;
      const pgCpu = cpuSpent(dbBefore, await database.dbCpu());
      return { label, ...r, appCpu: app / r.ok, dbCpu: pgCpu === undefined ? undefined : pgCpu / r.ok };
    };
    for (const { type, label } of QUERY_TYPES) {
      const row = await measure(label, () => searchPath(randomSearch(type, samples)));
      // The database's time for the same searches, right after the app's row (the same outside load).
      row.db = await dbTimes(
        database.url,
        () => randomSearch(type, samples),
        options.sequential,
        options.connections,
        Math.min(options.durationSeconds, 5),
      );
      out.push(row);
    }
    const mixed = () => randomSearch(pick(QUERY_TYPES).type, samples);
    const mixRow = await measure('mix of the four (equal shares)', () => searchPath(mixed()));
    mixRow.db = await dbTimes(
      database.url,
      mixed,
      options.sequential,
      options.connections,
      Math.min(options.durationSeconds, 5),
    );
    out.push(mixRow);

    const { rows: recent } = await sql<{ id: string }>`
      select id from publications where status = 'published' and period_ends_on >= current_date
      order by published_at desc limit 1`.execute(db);
    return { rows: out, weight: await pageWeight(base, recent[0]!.id) };
  });

  const met = (r: Row) => r.p95 < GOAL_P95_MS && r.p95 <= GOAL_RATIO * r.db!.loaded.p95;
  const notes = [
    ...rows.map(
      (r) =>
        `goal (${r.label}): p95 < ${GOAL_P95_MS} ms: ${fixed(r.p95, 1)} ms ${verdict(r.p95 < GOAL_P95_MS)}; ` +
        `<= ${GOAL_RATIO}x DB at ${options.connections}: ${fixed(r.p95 / r.db!.loaded.p95, 2)}x ` +
        `${verdict(r.p95 <= GOAL_RATIO * r.db!.loaded.p95)} ` +
        `(vs DB alone: ${fixed(r.p95 / r.db!.alone.p95, 1)}x)`,
    ),
    `goal: a publication page with everything it loads < ${GOAL_PAGE_BYTES / 1024} KB: ` +
      `${fixed(weight.bytes / 1024, 1)} KB ${verdict(weight.bytes < GOAL_PAGE_BYTES)} (${weight.parts.join(', ')}; uncompressed)`,
    ...(rows.some((r) => r.bad > 0)
      ? ['non-2xx or errors > 0: those rows do not measure what they claim']
      : []),
    `the table: ${fixed(facts.size, 0)} publications (${fixed(facts.publicRows, 0)} public today), ` +
      `${fixed(facts.tableBytes / 2 ** 20, 0)} MiB + ${fixed(facts.indexBytes / 2 ** 20, 0)} MiB of indexes, ` +
      (facts.reused
        ? 'reused from an earlier run (database sanxiang_bench_publications);'
        : `built now in ${fixed(facts.buildSeconds, 0)} s (kept for later runs);`),
    `the real app (bench/target.ts publications) on PostgreSQL in its own process, the portal's HTML search page; ` +
      `autocannon ${options.connections} connections, ${options.warmupSeconds} s warm-up then ${options.durationSeconds} s per row; ` +
      'every request fresh random parameters from the public rows;',
    `"DB": the service's searchPublications (the statements the route runs) called directly on a pool of ${APP_POOL} ` +
      `(the app's), no HTTP or HTML: "alone" ${options.sequential} searches one at a time, "at ${options.connections}" ` +
      `${options.connections} concurrent callers for ${Math.min(options.durationSeconds, 5)} s, right after the app's row;`,
    '"app CPU": the app process, "PG CPU": the database\'s backends (/proc, 10 ms ticks), per 2xx answer;',
    `SHARED MACHINE: ${os.cpus().length} cores, load average ${loadBefore} before and ${loadAvg()} after this part ` +
      '(other work runs here): latencies and req/s move with it, CPU per answer far less;',
    'plans (EXPLAIN of one random search of each type):',
    ...plans.map((p) => `  ${p}`),
  ];
  return {
    title: `Portal search over ${fixed(facts.size, 0)} publications (issue 4, PostgreSQL, ${options.connections} connections)`,
    columns: [
      { header: 'query' },
      { header: 'req/s', align: 'right' },
      { header: 'p50 ms', align: 'right' },
      { header: 'p95 ms', align: 'right' },
      { header: 'DB p95 alone', align: 'right' },
      { header: `DB p95 at ${options.connections}`, align: 'right' },
      { header: 'ratio', align: 'right' },
      { header: 'app CPU us/req', align: 'right' },
      { header: 'PG CPU us/req', align: 'right' },
      { header: 'non-2xx+err', align: 'right' },
      { header: 'both goals' },
    ],
    rows: rows.map((r) => [
      r.label,
      fixed(r.reqPerSec, 0),
      fixed(r.p50, 1),
      fixed(r.p95, 1),
      fixed(r.db!.alone.p95, 1),
      fixed(r.db!.loaded.p95, 1),
      `${fixed(r.p95 / r.db!.loaded.p95, 2)}x`,
      fixed(r.appCpu, 0),
      r.dbCpu === undefined ? '-' : fixed(r.dbCpu, 0),
      String(r.bad),
      verdict(met(r)),
    ]),
    notes,
  };
}
