import { inspectionsExcelRoutes } from './inspections/inspections-excel.routes.ts';
import { inspectionsRoutes } from './inspections/inspections.routes.ts';
import { inspectionsPortalRoutes } from './inspections/portal/inspections-portal.routes.ts';
import path from 'node:path';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { auditRoutes } from './org/audit.routes.ts';
import { orgRoutes } from './org/org.routes.ts';
import { peopleExcelRoutes } from './org/people-excel.routes.ts';
import { powersRoutes } from './powers/power-list.routes.ts';
import { casesRoutes } from './cases/cases.routes.ts';
import { paymentRoutes } from './cases/payment.routes.ts';
import { casesWorkbenchRoutes } from './cases/cases-workbench.routes.ts';
import { reviewRoutes } from './review/review.routes.ts';
import { publicationDraftOnDecision } from './cases/publication-draft.ts';
import { serviceGuideRoutes } from './powers/service-guide.routes.ts';
import { principalForSession, principalForToken } from './org/sign-in.service.ts';
import { signInRoutes } from './org/sign-in.routes.ts';
import { systemClock, type Clock } from './platform/clock.ts';
import type { Config } from './platform/config.ts';
import type { Db } from './platform/db/database.ts';
import { PrincipalCache } from './platform/auth/principal-cache.ts';
import { buildApp, type AppDeps } from './platform/http/app.ts';
import { logRoutes } from './platform/record-log/log.routes.ts';
import { parseVerifierKey } from './platform/record-log/note.ts';
import type { StagingKey } from './platform/record-log/staging-key.ts';
import { verifyRunsRoutes } from './platform/record-log/verify-runs.routes.ts';
import { portalRoutes } from './publicity/portal/portal.routes.ts';
import { antiRobot, type AntiRobot } from './publicity/anti-robot.ts';
import { publicationsRoutes } from './publicity/publications.routes.ts';
import { publicationReportsRoutes } from './publicity/publication-reports.routes.ts';
import { publicationsPortalRoutes } from './publicity/portal/publications-portal.routes.ts';
import { calculatorPortalRoutes } from './calculator/calculator-portal.routes.ts';
import { calculatorRoutes } from './calculator/calculator.routes.ts';
import { calendarRoutes } from './platform/calendar/calendar.routes.ts';
import { avChecklistRoutes } from './records/av-checklist.routes.ts';
import { blobRootOf, localBlobStore } from './records/blob-store.ts';
import { evidenceRoutes } from './records/evidence.routes.ts';
import { documentsRoutes } from './documents/documents.routes.ts';
import { caseFileRoutes } from './case-file/case-file.routes.ts';
import { recordersRoutes } from './records/recorders.routes.ts';
import { lazyWitnessKey } from './county/witness/witness-key.ts';
import { witnessRoutes } from './county/witness/witness.routes.ts';
import { countyOutbox, type Outbox } from './exchange/outbox/outbox.service.ts';
import { lazyPushKey } from './exchange/outbox/push-key.ts';
import type { PairingKeys } from './exchange/upstream/pairing.service.ts';
import { pushKeyRoutes, upstreamRoutes } from './exchange/upstream/upstream.routes.ts';
import { AppError } from './platform/errors.ts';
import { countyPortalRoutes } from './county/portal/county-portal.routes.ts';
import { countyPagesRoutes, countyHome } from './county/portal/county-pages.routes.ts';
import { ingestRoutes } from './county/ingest/ingest.routes.ts';
import { lazyReceiptKey } from './county/registry/receipt-key.ts';
import { registryRoutes } from './county/registry/registry.routes.ts';

/** The composition root: every area's routes on one app. A new area adds its plugin here. */
export interface SanxiangDeps {
  db: Db;
  config: Config;
  /** MACs every staged record-log entry (record-log/staging-key.ts). */
  staging: StagingKey;
  clock?: Clock;
  logger?: FastifyServerOptions['logger'];
  serveWeb?: boolean;
  /**
   * The record log: its verifier keys (served at /log/key), its origin (default: the first key's name) and
   * the integrator's wake-up after commits.
   */
  recordLog?: { verifierKeys: readonly string[]; origin?: string; onCommit?: () => void };
  /** The public correction form's anti-robot check (tests make it easy). Limits: config.rateLimits. */
  corrections?: { antiRobot?: AntiRobot };
  /** Bounds on heavy work (Excel, PDF, case files, verify runs) over the defaults in heavy-work.ts. */
  heavyWork?: AppDeps['heavyWork'];
  /**
   * The county outbox every command calls (exchange/outbox/outbox.service.ts); made here when not given.
   * `serve` gives its own so the commands it runs outside the app (the sealer, the demo) share it.
   */
  outbox?: Outbox;
  /** The county portal's requests to an agency when verifying its codes (default 5 s). */
  countyVerifyTimeoutMs?: number;
}

export const webRoot = path.resolve(import.meta.dirname, '../web/dist');

export async function createSanxiang(deps: SanxiangDeps): Promise<FastifyInstance> {
  const clock = deps.clock ?? systemClock;
  const onCommit = deps.recordLog?.onCommit;
  // Resolved credentials are remembered briefly; any committed command forgets them (see principal-cache.ts).
  const sessions = new PrincipalCache<Awaited<ReturnType<typeof principalForSession>>>();
  const tokens = new PrincipalCache<Awaited<ReturnType<typeof principalForToken>>>();
  const afterCommit = () => {
    sessions.clear();
    tokens.clear();
    onCommit?.();
  };
  const outbox = deps.outbox ?? countyOutbox();
  const commandDeps = { db: deps.db, clock, staging: deps.staging, afterCommit, outbox: outbox.hook };
  // The log's origin names the push key (`<origin>/push`, docs/county-push.md "Roles and keys").
  const logVerifierKeys = deps.recordLog?.verifierKeys ?? [];
  const logOrigin = (): string => {
    const origin = deps.recordLog?.origin ?? logVerifierKeys[0]?.split('+')[0];
    if (!origin) throw new AppError('LOG_KEY_UNAVAILABLE');
    return origin;
  };
  const pushKey = lazyPushKey(deps.config, logOrigin);
  const pairingKeys = (): PairingKeys => ({
    baseUrl: deps.config.publicUrl ?? null,
    logOrigin: logOrigin(),
    logVerifierKeys,
    pushVerifierKey: pushKey().verifierKey,
  });
  const correctionDeps = {
    ...commandDeps,
    antiRobot: deps.corrections?.antiRobot ?? antiRobot(),
    limits: deps.config.rateLimits,
  };
  const app = await buildApp({
    db: deps.db,
    clock,
    config: deps.config,
    ...(deps.logger === undefined ? {} : { logger: deps.logger }),
    ...(deps.serveWeb ? { webRoot } : {}),
    ...(deps.heavyWork ? { heavyWork: deps.heavyWork } : {}),
    auth: {
      session: async (token, ip) => {
        const now = clock.now();
        const found = await sessions.get(token, now.getTime(), () =>
          principalForSession(deps.db, token, now, null),
        );
        return (
          found && {
            principal: { ...found.principal, ip },
            sessionId: found.sessionId,
            csrfToken: found.csrfToken,
            stage: found.stage,
          }
        );
      },
      bearer: async (token, ip) => {
        const now = clock.now();
        const found = await tokens.get(token, now.getTime(), () =>
          principalForToken(deps.db, token, now, null),
        );
        return found && { ...found, ip };
      },
    },
    areas: [
      signInRoutes({
        ...commandDeps,
        sessionHours: deps.config.sessionHours,
        cookieSecure: deps.config.cookieSecure,
        limit: deps.config.rateLimits.signIn,
      }),
      orgRoutes(commandDeps),
      auditRoutes(commandDeps),
      peopleExcelRoutes(commandDeps),
      // Evidence bytes live in the content-addressed blob store under the data directory (DESIGN.md).
      evidenceRoutes({ ...commandDeps, blobs: localBlobStore(blobRootOf(deps.config.dataDir)) }),
      // Issued documents, templates and signatures share the evidence blob store (content-addressed).
      documentsRoutes({ ...commandDeps, blobs: localBlobStore(blobRootOf(deps.config.dataDir)) }),
      caseFileRoutes({
        ...commandDeps,
        blobs: localBlobStore(blobRootOf(deps.config.dataDir)),
        verifierKeys: deps.recordLog?.verifierKeys ?? [],
        origin: deps.recordLog?.origin,
      }),
      avChecklistRoutes(commandDeps),
      recordersRoutes(commandDeps),
      powersRoutes(commandDeps),
      // Decisions: the legal-review gate before (always, in src/cases/case-decision.gates.ts) and
      // publication drafts after (src/publicity/).
      casesRoutes({ ...commandDeps, afterDecision: [publicationDraftOnDecision] }),
      casesWorkbenchRoutes(commandDeps),
      paymentRoutes(commandDeps),
      reviewRoutes(commandDeps),
      publicationsRoutes(correctionDeps),
      publicationReportsRoutes(commandDeps),
      calendarRoutes({ ...commandDeps, lookupLimit: deps.config.rateLimits.lookups }),
      calculatorRoutes({ db: deps.db, lookupLimit: deps.config.rateLimits.lookups }),
      serviceGuideRoutes(commandDeps),
      upstreamRoutes({ ...commandDeps, paired: outbox.paired, keys: pairingKeys }),
      // The county platform's public portal of what its agencies pushed (docs/county.md "The county portal").
      countyPortalRoutes({
        db: deps.db,
        clock,
        lookupLimit: deps.config.rateLimits.lookups,
        ...(deps.countyVerifyTimeoutMs ? { verifyTimeoutMs: deps.countyVerifyTimeoutMs } : {}),
      }),
      registryRoutes(commandDeps),
      inspectionsRoutes(commandDeps),
      inspectionsExcelRoutes(commandDeps),
      verifyRunsRoutes({
        ...commandDeps,
        verifiers: (deps.recordLog?.verifierKeys ?? []).map(parseVerifierKey),
        origin: deps.recordLog?.origin,
      }),
    ],
  });
  // The record log lives beside the API, not under /api/v1 (C2SP tlog-tiles paths under the log prefix).
  const verifierKeys = deps.recordLog?.verifierKeys;
  await app.register(
    logRoutes({
      db: deps.db,
      lookupLimit: deps.config.rateLimits.lookups,
      ...(verifierKeys ? { verifierKeys } : {}),
    }),
    {
      prefix: '/log',
    },
  );
  // The county witness beside the API, not under /api/v1 (C2SP tlog-witness; docs/county.md).
  await app.register(
    witnessRoutes({
      ...commandDeps,
      key: lazyWitnessKey(deps.config),
      limit: deps.config.rateLimits.lookups,
    }),
    { prefix: '/witness' },
  );
  // The county platform's ingest of pushed batches, beside the API (docs/county-push.md).
  await app.register(
    ingestRoutes({
      ...commandDeps,
      receiptKey: lazyReceiptKey(deps.config),
      limit: deps.config.rateLimits.lookups,
    }),
    { prefix: '/county' },
  );
  // The agency's push key beside the API, where the county platform fetches it (docs/county-push.md).
  await app.register(pushKeyRoutes({ pushVerifierKey: () => pushKey().verifierKey }), { prefix: '/county' });
  // The public portal at / (server-rendered); the workbench is under /app/ (platform/http/app.ts).
  // On a county platform (one with registered agencies) the home is the county's (county-pages.routes.ts).
  await app.register(
    portalRoutes({
      db: deps.db,
      clock,
      lookupLimit: deps.config.rateLimits.lookups,
      home: () => countyHome({ db: deps.db, clock }),
    }),
  );
  await app.register(
    countyPagesRoutes({
      db: deps.db,
      clock,
      lookupLimit: deps.config.rateLimits.lookups,
      ...(deps.countyVerifyTimeoutMs ? { verifyTimeoutMs: deps.countyVerifyTimeoutMs } : {}),
    }),
  );
  await app.register(publicationsPortalRoutes(correctionDeps));
  await app.register(
    inspectionsPortalRoutes({ db: deps.db, clock, lookupLimit: deps.config.rateLimits.lookups }),
  );
  await app.register(calculatorPortalRoutes({ db: deps.db, lookupLimit: deps.config.rateLimits.lookups }));
  return app;
}
