/**
 * One HTTP target for the read bench, run as its own process so that autocannon (in the parent) and the
 * server do not share an event loop. `bare`: a minimal Fastify returning `{}`. `pglite` / `postgres`:
 * the real app (createSanxiang) on a migrated database with the demo loaded. `log`: the real app over
 * the record-log bench's big log (bench/log-big.ts), as it is. `publications`: the real app, serving the
 * portal and its scripts (web/dist), over the portal-search bench's big publications table
 * (bench/publications-big.ts), as it is. `county`: the real app as a county platform on a fresh migrated
 * database (bench/county-ingest.bench.ts registers the agencies), its witness and receipt keys in
 * BENCH_DATA_DIR, with the record-log integrator running beside it as `sanxiang serve` runs it. Listens on 127.0.0.1 at a random port and
 * reports it to the parent over IPC; SIGTERM closes it.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { createSanxiang } from '../src/app.ts';
import { loadDemo } from '../src/demo/load-demo.ts';
import { systemClock } from '../src/platform/clock.ts';
import { loadConfig } from '../src/platform/config.ts';
import { openPGlite, openPostgres, type Database } from '../src/platform/db/database.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import { startIntegrator, type RunningIntegrator } from '../src/platform/record-log/integrator-loop.ts';
import { benchStagingKey } from './bench-staging-key.ts';
import { benchKey } from './log-db.ts';

export type TargetKind = 'bare' | 'pglite' | 'postgres' | 'log' | 'publications' | 'county';

export type TargetMessage =
  | { type: 'listening'; port: number }
  | { type: 'failed'; message: string }
  /** The answer to the parent's `'cpu'`: this process's CPU time so far, user + system. */
  | { type: 'cpu'; micros: number };

function report(message: TargetMessage): Promise<void> {
  const send = process.send?.bind(process);
  if (!send) throw new Error('bench/target.ts runs as a child of bench/run.ts (no IPC channel)');
  return new Promise((resolve, reject) =>
    send(message, (err: Error | null) => (err ? reject(err) : resolve())),
  );
}

// An orphan target would hold a port (and the PGlite directory): leave with the parent.
process.on('disconnect', () => process.exit(0));
process.on('message', (message) => {
  if (message !== 'cpu') return;
  const used = process.cpuUsage();
  void report({ type: 'cpu', micros: used.user + used.system });
});

async function openTarget(kind: 'pglite' | 'postgres'): Promise<Database> {
  if (kind === 'pglite') {
    const dataDir = process.env.BENCH_PGLITE_DIR;
    if (!dataDir) throw new Error('BENCH_PGLITE_DIR is not set');
    return openPGlite({ dataDir });
  }
  const url = process.env.BENCH_TARGET_URL;
  if (!url) throw new Error('BENCH_TARGET_URL is not set');
  return openPostgres(url);
}

/**
 * Production settings, but the load generator (one address) is not held to the per-address limits: the
 * largest count the format takes (nine digits, src/platform/config.ts) per second.
 */
const unlimited = '999999999/1s';
const benchEnv = {
  NODE_ENV: 'production',
  LOG_LEVEL: 'silent',
  RATE_LIMIT_SIGN_IN: unlimited,
  RATE_LIMIT_CORRECTIONS: unlimited,
  RATE_LIMIT_LOOKUPS: unlimited,
};

async function start(kind: TargetKind): Promise<{ app: FastifyInstance; database?: Database }> {
  if (kind === 'bare') {
    const app = Fastify({ logger: false });
    app.get('/', () => ({}));
    return { app };
  }
  if (kind === 'log') {
    // The real app over an existing record log (bench/log-big.ts): no migration, no demo.
    const database = await openTarget('postgres');
    const verifierKey = process.env.BENCH_LOG_VERIFIER_KEY;
    if (!verifierKey) throw new Error('BENCH_LOG_VERIFIER_KEY is not set');
    const config = loadConfig(benchEnv);
    const app = await createSanxiang({
      db: database.db,
      config,
      staging: benchStagingKey,
      recordLog: { verifierKeys: [verifierKey] },
    });
    return { app, database };
  }
  if (kind === 'county') {
    const database = await openTarget('postgres');
    await migrateToLatest(database.db);
    const dataDir = process.env.BENCH_DATA_DIR;
    if (!dataDir) throw new Error('BENCH_DATA_DIR is not set');
    const config = loadConfig({ ...benchEnv, DATA_DIR: dataDir });
    const key = benchKey();
    const integrator: RunningIntegrator = startIntegrator(
      {
        db: database.db,
        clock: systemClock,
        signers: key.signers,
        origin: key.origin,
        staging: benchStagingKey,
      },
      { onError: (err) => console.error('record log integration failed; retrying', err) },
    );
    const app = await createSanxiang({
      db: database.db,
      config,
      staging: benchStagingKey,
      recordLog: { verifierKeys: [key.verifierKey], origin: key.origin, onCommit: () => integrator.nudge() },
    });
    app.addHook('onClose', () => integrator.stop());
    return { app, database };
  }
  if (kind === 'publications') {
    // The real app over the big publications table (bench/publications-big.ts): migrated there, no demo.
    const database = await openTarget('postgres');
    const config = loadConfig(benchEnv);
    const app = await createSanxiang({ db: database.db, config, staging: benchStagingKey, serveWeb: true });
    return { app, database };
  }
  const database = await openTarget(kind);
  await migrateToLatest(database.db);
  await loadDemo({ db: database.db, clock: systemClock, staging: benchStagingKey });
  const config = loadConfig(benchEnv);
  const app = await createSanxiang({ db: database.db, config, staging: benchStagingKey });
  return { app, database };
}

const kind = process.argv[2];
if (
  kind !== 'bare' &&
  kind !== 'pglite' &&
  kind !== 'postgres' &&
  kind !== 'log' &&
  kind !== 'publications' &&
  kind !== 'county'
) {
  throw new Error(`unknown target ${String(kind)}: bare | pglite | postgres | log | publications | county`);
}

try {
  const { app, database } = await start(kind);
  process.once('SIGTERM', () => {
    void (async () => {
      await app.close();
      await database?.close();
      process.exit(0);
    })();
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  await report({ type: 'listening', port: address.port });
} catch (err) {
  await report({ type: 'failed', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  process.exit(1);
}
