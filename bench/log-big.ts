import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { systemClock } from '../src/platform/clock.ts';
import type { Db } from '../src/platform/db/database.ts';
import { newId } from '../src/platform/ids.ts';
import { SALT_SIZE, sealEvent } from '../src/platform/record-log/entry.ts';
import { MAX_BATCH, integrate, type IntegrateDeps } from '../src/platform/record-log/integrator.ts';
import { encodeBase64 } from '../src/platform/record-log/bytes.ts';
import { benchKey, withPostgres, type BenchKey } from './log-db.ts';
import type { CpuSnapshot } from './pg-cpu.ts';
import { isInterrupted } from './processes.ts';
import { fixed } from './table.ts';
import { benchStagingKey } from './bench-staging-key.ts';

/**
 * A big record log built fast, but through what the write path writes: each event is sealed with the real
 * `sealEvent` (canonical record, random salt, salted SHA-256 and SM3, RFC 8785 entry) exactly as
 * `runCommand`'s `ctx.record` seals it, and its audit row and staged entry are inserted together, many
 * thousand per statement (the same data-modifying CTE as command.ts, over unnest'ed arrays). So the audit
 * rows rebuild their entries and `sanxiang verify` must pass. Then the real integrator (integrator.ts)
 * integrates them, in batches of `integrateBatch`. Sealing the next batch overlaps inserting this one.
 */

export interface BigLog {
  size: number;
  /** Seconds: staging (seal + insert), integration, in all. */
  stageSeconds: number;
  integrateSeconds: number;
  checkpoints: number;
}

const INSERT_BATCH = 10_000;

interface Batch {
  ids: string[];
  ats: string[];
  subjects: string[];
  digests: string[];
  salts: string[];
  records: string[];
  entries: string[];
  /** The staging MAC of each entry (staging-key.ts), as command.ts stages it: the integrator refuses one without. */
  macs: string[];
}

function sealBatch(first: number, count: number, base: number): Batch {
  const batch: Batch = {
    ids: [],
    ats: [],
    subjects: [],
    digests: [],
    salts: [],
    records: [],
    entries: [],
    macs: [],
  };
  for (let n = first; n < first + count; n++) {
    const id = newId();
    const subjectId = newId();
    const time = new Date(base + n);
    const record = { n, note: 'bench' };
    const sealed = sealEvent(
      {
        id,
        kind: 'bench.append',
        time,
        agency: null,
        actor: null,
        via: 'cli',
        ip: null,
        subjectType: 'bench',
        subjectId,
        changes: [],
        fileSha256: null,
      },
      record,
      randomBytes(SALT_SIZE),
    );
    batch.ids.push(id);
    batch.ats.push(time.toISOString());
    batch.subjects.push(subjectId);
    batch.digests.push(sealed.digests.sha256);
    batch.salts.push(encodeBase64(sealed.salt));
    batch.records.push(sealed.recordJson);
    batch.entries.push(encodeBase64(sealed.entry));
    batch.macs.push(encodeBase64(benchStagingKey.mac(id, sealed.entry)));
  }
  return batch;
}

/** The audit rows and their staged entries, as command.ts writes them, one statement per batch. */
async function insertBatch(db: Db, b: Batch): Promise<void> {
  await sql`
    with audit as (
      insert into audit_events (id, kind, at, agency_id, actor_id, via, ip, subject_type, subject_id, changes,
        digest, salt, record, file_sha256)
      select u.id, 'bench.append', u.at, null, null, 'cli', null, 'bench', u.subject, '[]'::jsonb,
        u.digest, decode(u.salt, 'base64'), u.record, null
      from unnest(${b.ids}::uuid[], ${b.ats}::timestamptz[], ${b.subjects}::uuid[], ${b.digests}::text[],
        ${b.salts}::text[], ${b.records}::text[]) with ordinality as u(id, at, subject, digest, salt, record, o)
      order by u.o
      returning id
    )
    insert into log_entries (event_id, entry, mac)
    select u.id, decode(u.entry, 'base64'), decode(u.mac, 'base64')
    from unnest(${b.ids}::uuid[], ${b.entries}::text[], ${b.macs}::text[]) with ordinality as u(id, entry, mac, o)
    order by u.o`.execute(db);
}

export async function buildBigLog(
  db: Db,
  key: BenchKey,
  size: number,
  integrateBatch: number,
  onProgress?: (what: string) => void,
): Promise<BigLog> {
  const started = performance.now();
  const base = Date.now() - size; // one event per millisecond, ending now
  let inFlight: Promise<void> = Promise.resolve();
  for (let first = 0; first < size; first += INSERT_BATCH) {
    if (isInterrupted()) throw new Error('interrupted');
    const batch = sealBatch(first, Math.min(INSERT_BATCH, size - first), base);
    await inFlight;
    inFlight = insertBatch(db, batch);
    if ((first / INSERT_BATCH) % 20 === 19) onProgress?.(`staged ${first + INSERT_BATCH}`);
  }
  await inFlight;
  const staged = performance.now();
  await sql`analyze audit_events`.execute(db);
  await sql`analyze log_entries`.execute(db);

  const deps: IntegrateDeps = {
    db,
    clock: systemClock,
    signers: key.signers,
    origin: key.origin,
    staging: benchStagingKey,
  };
  let checkpoints = 0;
  let tree: number;
  for (;;) {
    if (isInterrupted()) throw new Error('interrupted');
    const run = await integrate(deps, integrateBatch);
    if (run.checkpoint !== null) checkpoints++;
    tree = run.size;
    onProgress?.(`integrated ${tree}`);
    if (run.added < integrateBatch) break;
  }
  if (tree !== size) throw new Error(`the big log has ${tree} entries, not ${size}`);
  await sql`analyze`.execute(db);
  const done = performance.now();
  return {
    size: tree,
    stageSeconds: (staged - started) / 1000,
    integrateSeconds: (done - staged) / 1000,
    checkpoints,
  };
}

export interface BigLogDatabase {
  url: string;
  /** CPU time of PostgreSQL's processes serving the big log's database (see pg-cpu.ts). */
  dbCpu: () => Promise<CpuSnapshot>;
  signerKey: string;
  verifierKey: string;
  origin: string;
}

/**
 * Builds a log of `size` entries in a fresh PostgreSQL database (bench/log-db.ts), integrated the way the
 * server takes a backlog (batches of MAX_BATCH), hands it to `fn`, and drops the database afterwards.
 * Returns the reason instead when PostgreSQL is out of reach.
 */
export async function withBigLog(
  adminUrl: string,
  size: number,
  fn: (log: BigLog, database: BigLogDatabase) => Promise<void>,
): Promise<string | undefined> {
  const key = benchKey();
  const result = await withPostgres(adminUrl, 4, async (bench) => {
    const started = performance.now();
    let last = started;
    const log = await buildBigLog(bench.database.db, key, size, MAX_BATCH, (what) => {
      // A sign of life every 10 s on stderr: the build of a million entries takes a minute or two.
      const now = performance.now();
      if (now - last < 10_000) return;
      last = now;
      console.error(`  big log: ${what} (${fixed((now - started) / 1000, 0)} s)`);
    });
    await fn(log, { url: bench.url ?? '', dbCpu: bench.dbCpu ?? (() => Promise.resolve(new Map())), ...key });
  });
  return typeof result === 'string' ? result : undefined;
}
