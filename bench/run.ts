/**
 * `npm run bench`: the figures the foundation issue asks for, measured on this machine in one run.
 * Environment: BENCH_DATABASE_URL (a PostgreSQL connection that may create and drop databases; default
 * the local server's `test` database), BENCH_SECONDS (measured seconds per load row, default 10),
 * BENCH_ONLY (a comma list of `read`, `start`, `argon2`; default all), BENCH_CPU_PROF (a directory: the
 * read targets write V8 CPU profiles there).
 * Record log: BENCH_ONLY parts `log-append`, `log-proof`, `log-verify` (`log`: all three);
 * BENCH_LOG_SIZE (entries in the big log of `log-proof` and `log-verify`, default 1000000).
 * Evidence: BENCH_ONLY part `upload` (a 1 GiB upload through `sanxiang serve`; needs ~3 GiB of temporary disk).
 * Documents: BENCH_ONLY part `documents` (documents generated per second on one core, issue 5).
 * Cases: BENCH_ONLY part `cases` (16 officers, a penalty case through 10 steps each with a document, issue 5).
 * Legal review: BENCH_ONLY part `review` (pre-checks of a full case package, p99, issue 6).
 * Case file: BENCH_ONLY part `case-file` (export of the demo's complete penalty case, cold and warm, issue 12).
 * Portal search: BENCH_ONLY part `search` (issue 4) over BENCH_PUBLICATIONS_SIZE publications (default
 * 1000000) in a database `sanxiang_bench_publications` that is kept between runs (bench/publications-big.ts).
 * Every figure a bench gives as data (Table.figures) is written with its same-run baseline to bench/results.json.
 * County platform: BENCH_ONLY part `county` (issue 14 item 7: 20 agencies pushing signed, proven batches to
 * the platform's POST /county/push at once, beside pgbench one-row inserts at 20 clients).
 */
import os from 'node:os';
import { benchArgon2 } from './argon2.bench.ts';
import { benchCaseFile } from './case-file.bench.ts';
import { benchCountyIngest } from './county-ingest.bench.ts';
import { benchCases } from './cases.bench.ts';
import { benchDocuments } from './documents.bench.ts';
import { benchReviewPrechecks } from './review-prechecks.bench.ts';
import { benchPortalSearch } from './portal-search.bench.ts';
import { withBigPublications } from './publications-big.ts';
import { benchHttpRead } from './http-read.bench.ts';
import { benchLogAppend } from './log-append.bench.ts';
import { withBigLog } from './log-big.ts';
import { benchLogProof } from './log-proof.bench.ts';
import { benchLogVerify } from './log-verify.bench.ts';
import { interrupt, isInterrupted, killAll } from './processes.ts';
import { benchFirstLoad, benchStartup } from './startup.bench.ts';
import { benchUpload } from './upload.bench.ts';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { printTable, printedFigures } from './table.ts';

const parts = [
  'read',
  'start',
  'argon2',
  'log',
  'log-append',
  'log-proof',
  'log-verify',
  'upload',
  'documents',
  'cases',
  'review',
  'case-file',
  'search',
  'county',
] as const;
const only = new Set((process.env.BENCH_ONLY ?? parts.join(',')).split(',').map((p) => p.trim()));
for (const p of only) {
  if (!parts.some((known) => known === p))
    throw new Error(`BENCH_ONLY: unknown part ${p} (${parts.join(', ')})`);
}
const seconds = Number(process.env.BENCH_SECONDS ?? '10');
if (!Number.isInteger(seconds) || seconds < 1 || seconds > 120) throw new Error('BENCH_SECONDS: 1..120');
const logSize = Number(process.env.BENCH_LOG_SIZE ?? '1000000');
if (!Number.isInteger(logSize) || logSize < 1000 || logSize > 10_000_000)
  throw new Error('BENCH_LOG_SIZE: 1000..10000000');
const publicationsSize = Number(process.env.BENCH_PUBLICATIONS_SIZE ?? '1000000');
if (!Number.isInteger(publicationsSize) || publicationsSize < 1000 || publicationsSize > 10_000_000)
  throw new Error('BENCH_PUBLICATIONS_SIZE: 1000..10000000');
const logPart = (p: 'log-append' | 'log-proof' | 'log-verify') => only.has('log') || only.has(p);

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
  if (only.has('start')) {
    printTable(await benchStartup({ runs: 3 }));
    printTable(benchFirstLoad());
  }
  if (only.has('argon2')) printTable(await benchArgon2({ runs: 10 }));
  const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  if (logPart('log-append')) {
    printTable(await benchLogAppend({ writers: 32, warmupSeconds: 2, durationSeconds: seconds, adminUrl }));
  }
  if (logPart('log-proof') || logPart('log-verify')) {
    const skipped = await withBigLog(adminUrl, logSize, async (log, database) => {
      if (logPart('log-proof')) {
        const proofOptions = {
          connections: 32,
          warmupSeconds: 2,
          durationSeconds: seconds,
          sequential: 2000,
        };
        printTable(await benchLogProof(log, database, proofOptions));
      }
      if (logPart('log-verify')) printTable(await benchLogVerify(log, database));
    });
    if (skipped) console.log(`\n== Record log 2, 3: ${skipped}`);
  }
  if (only.has('upload')) printTable(await benchUpload({ runs: 3, sizeBytes: 2 ** 30 }));
  if (only.has('documents')) printTable(await benchDocuments({ durationSeconds: seconds }));
  if (only.has('cases')) {
    printTable(await benchCases({ officers: 16, warmupSeconds: 3, durationSeconds: seconds, adminUrl }));
  }
  if (only.has('review')) {
    const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
    printTable(await benchReviewPrechecks({ adminUrl, warmup: 20, runs: 300 }));
  }
  if (only.has('case-file')) printTable(await benchCaseFile({ warmRuns: 3 }));
  if (only.has('search')) {
    const skipped = await withBigPublications(adminUrl, publicationsSize, async (facts, database) => {
      const searchOptions = { connections: 64, warmupSeconds: 2, durationSeconds: seconds, sequential: 300 };
      printTable(await benchPortalSearch(facts, database, searchOptions));
    });
    if (skipped) console.log(`\n== Portal search: ${skipped}`);
  }
  if (only.has('county')) {
    printTable(
      await benchCountyIngest({
        agencies: 20,
        batchSizes: [500, 10],
        // Enough for the row's seconds at well above the rate measured so far; the row ends when time is up.
        recordsPerAgency: (size) => (size >= 100 ? 250 : 25) * seconds,
        warmupBatches: 3,
        durationSeconds: seconds,
        adminUrl,
      }),
    );
  }
  console.log(`\nload average at end: ${load()}`);
  writeResults();
} catch (err) {
  if (!isInterrupted()) throw err;
  console.error('interrupted');
} finally {
  killAll();
}

/**
 * bench/results.json (issue 16 item 5): every figure printed with its same-run baseline, the commit and
 * the machine, so that runs on different commits can be compared.
 */
function writeResults(): void {
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    // not a git checkout
  }
  const file = new URL('./results.json', import.meta.url);
  const results = {
    at: new Date().toISOString(),
    commit,
    node: process.version,
    cpus: `${cpus.length} × ${cpus[0]?.model ?? 'cpu'}`,
    parts: [...only],
    loadAverage: os.loadavg(),
    figures: printedFigures,
  };
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`figures written to bench/results.json (${printedFigures.length})`);
}
