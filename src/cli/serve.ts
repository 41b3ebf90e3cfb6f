import fs from 'node:fs';
import path from 'node:path';
import { createSanxiang, webRoot } from '../app.ts';
import { startBanner } from './banner.ts';
import { demoAgenciesOf, loadDemo, type DemoProfile } from '../demo/load-demo.ts';
import { systemClock } from '../platform/clock.ts';
import type { Config } from '../platform/config.ts';
import { openDatabase } from '../platform/db/database.ts';
import { migrateToLatest } from '../platform/db/migrate.ts';
import { documentSealer } from '../documents/sealer.ts';
import { startIntegrator, type RunningIntegrator } from '../platform/record-log/integrator-loop.ts';
import { latestCheckpoint } from '../platform/record-log/log.store.ts';
import { integrateAll } from '../platform/record-log/integrator.ts';
import { continuityProblem, loadLogKey } from '../platform/record-log/signing-key.ts';
import { loadStagingKey } from '../platform/record-log/staging-key.ts';
import { blobRootOf, localBlobStore } from '../records/blob-store.ts';
import { queueCheckpointRecords } from '../exchange/sender/checkpoint-records.ts';
import { loadPushKey, type PushKey } from '../exchange/outbox/push-key.ts';
import { startSender, type RunningSender } from '../exchange/sender/sender.ts';
import {
  startCheckpointSubmitter,
  type RunningSubmitter,
} from '../exchange/witnessing/checkpoint-submitter.ts';
import { sweepPartialUploads } from '../records/blob-sweeper.ts';
import { countyOutbox } from '../exchange/outbox/outbox.service.ts';

/**
 * Opens the database, migrates, loads the demo when asked (never in production): the given profile, and
 * listens.
 */
export async function serve(config: Config, options: { demo: DemoProfile | false }): Promise<void> {
  const database = await openDatabase(config, 'sanxiang serve');
  await migrateToLatest(database.db);
  // A log with signed checkpoints never gets a new key by accident: a lost key file is an error.
  const latest = await latestCheckpoint(database.db);
  const logKey = loadLogKey(config, { create: latest === undefined });
  const staging = loadStagingKey(config, { create: true });
  // Every command of this process queues what the county must see (docs/county-push.md).
  const outbox = countyOutbox();
  const profile = config.env === 'production' ? false : options.demo;
  const demoLoaded =
    profile !== false
      ? await loadDemo(
          { db: database.db, clock: systemClock, staging, outbox: outbox.hook },
          localBlobStore(blobRootOf(config.dataDir)),
          {
            integrate: async () => {
              await integrateAll({
                db: database.db,
                clock: systemClock,
                signers: logKey.signers,
                origin: logKey.origin,
                staging,
              });
            },
          },
          profile,
        )
      : false;
  // The integrator starts once the app (its logger) exists; commits before that are picked up by its first run.
  const started: { integrator?: RunningIntegrator; submitter?: RunningSubmitter; sender?: RunningSender } =
    {};
  const app = await createSanxiang({
    db: database.db,
    config,
    staging,
    outbox,
    serveWeb: true,
    recordLog: {
      verifierKeys: logKey.verifierKeys,
      origin: logKey.origin,
      onCommit: () => {
        started.integrator?.nudge();
        started.sender?.nudge();
      },
    },
    // Logs carry no personal data: no query strings (a search may hold a name), no addresses, no cookies.
    logger: {
      level: config.logLevel,
      serializers: {
        req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url.split('?')[0] }),
      },
    },
  });
  const problem = latest && continuityProblem(latest.note, logKey);
  if (problem)
    app.log.warn(
      { problem },
      'record log: the latest checkpoint does not verify with the current key and origin',
    );
  // Uploads a crash cut off are never evidence (nothing was recorded of them): their temporary files go,
  // at every start (security sweep L5). A live upload is cut once its body stalls for the idle timeout,
  // so a file nobody wrote to for longer belongs to no upload, even of another instance on this
  // directory; a second sweep once that time has passed takes what the crash left just before this start.
  const sweep = async () => {
    const swept = await sweepPartialUploads(
      blobRootOf(config.dataDir),
      systemClock.now(),
      config.http.idleTimeoutMs,
    );
    if (swept.removed > 0) app.log.info(swept, 'removed partial uploads left by an earlier run');
  };
  await sweep();
  setTimeout(
    () => void sweep().catch((err: unknown) => app.log.warn({ err }, 'sweeping partial uploads failed')),
    config.http.idleTimeoutMs + 1000,
  ).unref();
  // Issued documents get their .docx (with the verification code of their issue entry) once integrated.
  const sealer = documentSealer(
    {
      db: database.db,
      clock: systemClock,
      staging,
      blobs: localBlobStore(blobRootOf(config.dataDir)),
      afterCommit: () => started.integrator?.nudge(),
      outbox: outbox.hook,
    },
    (err) => app.log.error({ err }, 'sealing issued documents failed; retrying after the next integration'),
  );
  const integrator = (started.integrator = startIntegrator(
    { db: database.db, clock: systemClock, signers: logKey.signers, origin: logKey.origin, staging },
    {
      onError: (err) => app.log.error({ err }, 'record log integration failed; retrying'),
      onIntegrated: () => {
        void sealer.run();
        started.submitter?.nudge();
      },
    },
  ));
  // Docking with the county platform (docs/county.md, docs/county-push.md): each new checkpoint goes to
  // the paired platform's witness, and the outbox to its /county/push. Both idle while unpaired.
  const submitter = (started.submitter = startCheckpointSubmitter(
    {
      db: database.db,
      clock: systemClock,
      onCosigned: async (cosigned) => {
        await queueCheckpointRecords({ db: database.db, clock: systemClock }, cosigned);
        started.sender?.nudge();
      },
    },
    {
      onError: (err, context) =>
        app.log.error(
          { err, witness: context.url, state: context.state },
          'county witness: checkpoint not cosigned',
        ),
    },
  ));
  let pushKey: PushKey | undefined;
  const sender = (started.sender = startSender(
    {
      db: database.db,
      clock: systemClock,
      staging,
      afterCommit: () => started.integrator?.nudge(),
      pushKey: () => (pushKey ??= loadPushKey(config, logKey.origin)),
    },
    {
      onError: (err, context) =>
        app.log.error({ err, agency: context.agencyId, sequence: context.sequence }, 'county push failed'),
    },
  ));
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await sender.stop();
    await submitter.stop();
    await integrator.stop();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  const address = await app.listen({ port: config.port, host: config.host });
  const url = address.replace('://[::1]', '://localhost');
  const where = database.kind === 'pglite' ? `内嵌数据库 ${config.dataDir}` : 'PostgreSQL';
  console.log(
    startBanner({
      url,
      where,
      logOrigin: logKey.origin,
      demo: profile !== false,
      demoLoaded,
      workbenchBuilt: fs.existsSync(path.join(webRoot, 'index.html')),
      ...(profile === false ? {} : { demoAgencies: demoAgenciesOf(profile) }),
    }).join('\n'),
  );
}
