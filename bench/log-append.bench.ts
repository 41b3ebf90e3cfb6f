import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { sql } from 'kysely';
import { systemClock } from '../src/platform/clock.ts';
import { runCommand, type Actor, type CommandDeps } from '../src/platform/audit/command.ts';
import type { Db } from '../src/platform/db/database.ts';
import { newId } from '../src/platform/ids.ts';
import { startIntegrator } from '../src/platform/record-log/integrator-loop.ts';
import { cpuSpent } from './pg-cpu.ts';
import { isInterrupted } from './processes.ts';
import { benchKey, percentile, withPGlite, withPostgres, type BenchDatabase } from './log-db.ts';
import { fixed, verdict, type Table } from './table.ts';
import { benchStagingKey } from './bench-staging-key.ts';

/**
 * Figure 1 of the record-log issue: appends through the service write path. `writers` concurrent loops
 * each run `runCommand` with a tiny command that records one event (the real `ctx.record`: audit row and
 * staged entry in the command's transaction), as fast as they can, for a warm-up then `seconds` measured.
 * An entry counts once its command has committed (runCommand resolved: durable, synchronous commit). The
 * integrator loop runs beside them exactly as `sanxiang serve` runs it (src/platform/record-log/
 * integrator-loop.ts, default tick and one checkpoint a second at most, nudged after every commit).
 *
 * Checkpoint latency: each writer notes when its command resolved; the integrator's `onIntegrated` notes
 * when each signed checkpoint committed and its size. Afterwards each entry's log index is looked up (the
 * event's subject id is a fresh uuid per command) and its latency is the time from its commit to the first
 * checkpoint whose size exceeds its index. The writers stop after the measured window; the integrator is
 * then left to take what is still pending, so late entries count with their full wait.
 */
export interface LogAppendOptions {
  writers: number;
  warmupSeconds: number;
  durationSeconds: number;
  adminUrl: string;
}

const GOAL_PG = 5_000;
const GOAL_PGLITE = 2_000;
const GOAL_CHECKPOINT_P99_MS = 2_000;
/** How long the integrator may take to catch up after the writers stop before the run is declared stuck. */
const CATCH_UP_MS = 120_000;

const actor: Actor = { personId: null, agencyId: null, via: 'cli', ip: null };

interface Row {
  target: string;
  entriesPerSec: number;
  commits: number;
  commitP50: number;
  commitP99: number;
  checkpoints: number;
  cpP50: number;
  cpP99: number;
  cpMax: number;
  /** Entries still pending when the writers stopped. */
  backlog: number;
  /** Seconds the integrator needed after the writers stopped. */
  catchUp: number;
  errors: number;
  goal: number;
  /** CPU microseconds per measured entry: this process, and PostgreSQL's backends. */
  appCpu: number;
  dbCpu: number | undefined;
}

async function pendingCount(db: Db): Promise<number> {
  const r = await sql<{ n: string }>`select count(*) as n from log_entries where log_index is null`.execute(
    db,
  );
  return Number(r.rows[0]?.n ?? 0);
}

async function measure(target: string, bench: BenchDatabase, options: LogAppendOptions, goal: number) {
  const { db } = bench.database;
  const key = benchKey();
  const checkpoints: { at: number; size: number }[] = [];
  let integratorErrors = 0;
  let lastError: unknown;
  const integrator = startIntegrator(
    { db, clock: systemClock, signers: key.signers, origin: key.origin, staging: benchStagingKey },
    {
      onIntegrated: (run) => checkpoints.push({ at: performance.now(), size: run.size }),
      onError: (err) => {
        integratorErrors++;
        lastError = err;
      },
    },
  );
  const deps: CommandDeps = {
    db,
    clock: systemClock,
    staging: benchStagingKey,
    afterCommit: () => integrator.nudge(),
  };

  const start = performance.now();
  const measureFrom = start + options.warmupSeconds * 1000;
  const end = measureFrom + options.durationSeconds * 1000;
  /** Measured commits: subject id, when the command resolved, how long it took. */
  const committed: { id: string; at: number; took: number }[] = [];
  let writerErrors = 0;
  const writer = async (w: number) => {
    for (let n = 0; performance.now() < end && !isInterrupted(); n++) {
      // As between two HTTP requests: let timers and I/O run. PGlite answers on the microtask queue, so
      // writers that never yield would starve the integrator's timers (it then signs nothing until they stop).
      await yieldToLoop();
      const id = newId();
      const began = performance.now();
      try {
        await runCommand(deps, actor, (ctx) =>
          ctx.record({
            kind: 'bench.append',
            agencyId: null,
            subjectType: 'bench',
            subjectId: id,
            record: { w, n },
          }),
        );
      } catch (err) {
        writerErrors++;
        lastError = err;
        continue;
      }
      const at = performance.now();
      if (began >= measureFrom && at <= end) committed.push({ id, at, took: at - began });
    }
  };
  // CPU over the measured window: this process (writers, integrator and, for PGlite, the database) and
  // PostgreSQL's backends of the bench database.
  const cpu: { app?: number; db?: number } = {};
  const cpuWindow = (async () => {
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, measureFrom - performance.now())));
    const appBefore = process.cpuUsage();
    const dbBefore = await bench.dbCpu?.();
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, end - performance.now())));
    const app = process.cpuUsage(appBefore);
    cpu.app = app.user + app.system;
    const dbAfter = await bench.dbCpu?.();
    if (dbBefore && dbAfter) cpu.db = cpuSpent(dbBefore, dbAfter);
  })();
  try {
    await Promise.all([cpuWindow, ...Array.from({ length: options.writers }, (_, w) => writer(w))]);
    const stopped = performance.now();
    const backlog = await pendingCount(db);
    while ((await pendingCount(db)) > 0) {
      if (isInterrupted()) throw new Error('interrupted');
      if (performance.now() - stopped > CATCH_UP_MS) {
        throw new Error(`${target}: the integrator did not catch up within ${CATCH_UP_MS} ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // The last integration's checkpoint is noted after its commit: wait until the noted size covers all.
    const staged = await sql<{ n: string }>`select count(*) as n from log_entries`.execute(db);
    const total = Number(staged.rows[0]?.n ?? 0);
    while ((checkpoints.at(-1)?.size ?? 0) < total) await new Promise((resolve) => setTimeout(resolve, 20));
    const catchUp = (performance.now() - stopped) / 1000;

    const indexes = new Map<string, number>();
    const rows = await sql<{ subject_id: string; log_index: string }>`
      select a.subject_id, e.log_index from audit_events a join log_entries e on e.event_id = a.id
      where a.kind = 'bench.append'`.execute(db);
    for (const r of rows.rows) indexes.set(r.subject_id, Number(r.log_index));
    const latencies = new Float64Array(committed.length);
    committed.forEach((c, i) => {
      const index = indexes.get(c.id);
      if (index === undefined) throw new Error(`${target}: committed entry ${c.id} is not in the log`);
      // Checkpoints grow with time: the first whose size exceeds the index (binary search).
      let lo = 0;
      let hi = checkpoints.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (checkpoints[mid]!.size > index) hi = mid;
        else lo = mid + 1;
      }
      latencies[i] = Math.max(0, checkpoints[lo]!.at - c.at);
    });
    latencies.sort();
    const took = Float64Array.from(committed.map((c) => c.took)).sort();
    const row: Row = {
      target,
      entriesPerSec: committed.length / options.durationSeconds,
      commits: committed.length,
      commitP50: percentile(took, 0.5),
      commitP99: percentile(took, 0.99),
      checkpoints: checkpoints.filter((c) => c.at >= measureFrom && c.at <= end).length,
      cpP50: percentile(latencies, 0.5),
      cpP99: percentile(latencies, 0.99),
      cpMax: latencies.at(-1) ?? Number.NaN,
      backlog,
      catchUp,
      errors: writerErrors + integratorErrors,
      goal,
      appCpu: (cpu.app ?? Number.NaN) / committed.length,
      dbCpu: cpu.db === undefined ? undefined : cpu.db / committed.length,
    };
    if (row.errors > 0) console.error(`${target}: ${row.errors} errors; the last:`, lastError);
    return row;
  } finally {
    await integrator.stop();
  }
}

const ms = (v: number): string => fixed(v, 1);

export async function benchLogAppend(options: LogAppendOptions): Promise<Table> {
  const rows: Row[] = [];
  rows.push(await withPGlite((bench) => measure('PGlite', bench, options, GOAL_PGLITE)));
  // The server's pool size (openPostgres' default, as `sanxiang serve` uses it).
  const pgResult = await withPostgres(options.adminUrl, 10, (bench) =>
    measure('PostgreSQL', bench, options, GOAL_PG),
  );
  const notes: string[] = [];
  if (typeof pgResult === 'string') notes.push(pgResult);
  else rows.push(pgResult);
  for (const r of rows) {
    notes.push(
      `goal (${r.target}): >= ${r.goal} entries/s: ${fixed(r.entriesPerSec, 0)} ${verdict(r.entriesPerSec >= r.goal)}; ` +
        `commit -> signed checkpoint p99 < ${GOAL_CHECKPOINT_P99_MS} ms: ${ms(r.cpP99)} ms ${verdict(r.cpP99 < GOAL_CHECKPOINT_P99_MS)}`,
    );
  }
  if (rows.some((r) => r.errors > 0)) notes.push('errors > 0: failed commands are not counted (see stderr)');
  notes.push(
    `${options.writers} writers in one process, each: runCommand(ctx.record(one event)) in a loop; ${options.warmupSeconds} s warm-up, ` +
      `${options.durationSeconds} s measured; an entry counts when its command committed;`,
    'the integrator loop as in `sanxiang serve` (nudged after each commit, one checkpoint/s at most) in the same process;',
    '"ckpt" = from the commit to the commit of the first signed checkpoint including it; "backlog": entries pending',
    'when the writers stopped, "catch-up": seconds until all were in a checkpoint; PostgreSQL: pool of 10 connections;',
    '"app CPU": this process (writers, integrator, PGlite itself); "PG CPU": the bench database\'s backends (not WAL writer)',
  );
  return {
    title: `Record log 1. Appends through runCommand (${options.writers} writers, durable) and checkpoint latency`,
    columns: [
      { header: 'target' },
      { header: 'entries/s', align: 'right' },
      { header: 'entries', align: 'right' },
      { header: 'commit p50 ms', align: 'right' },
      { header: 'commit p99 ms', align: 'right' },
      { header: 'checkpoints', align: 'right' },
      { header: 'ckpt p50 ms', align: 'right' },
      { header: 'ckpt p99 ms', align: 'right' },
      { header: 'ckpt max ms', align: 'right' },
      { header: 'backlog', align: 'right' },
      { header: 'catch-up s', align: 'right' },
      { header: 'app CPU us/entry', align: 'right' },
      { header: 'PG CPU us/entry', align: 'right' },
      { header: 'errors', align: 'right' },
    ],
    rows: rows.map((r) => [
      r.target,
      fixed(r.entriesPerSec, 0),
      String(r.commits),
      ms(r.commitP50),
      ms(r.commitP99),
      String(r.checkpoints),
      ms(r.cpP50),
      ms(r.cpP99),
      ms(r.cpMax),
      String(r.backlog),
      fixed(r.catchUp, 1),
      fixed(r.appCpu, 0),
      r.dbCpu === undefined ? '-' : fixed(r.dbCpu, 0),
      String(r.errors),
    ]),
    notes,
  };
}
