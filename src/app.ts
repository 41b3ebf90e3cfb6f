import path from 'node:path';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { orgRoutes } from './org/org.routes.ts';
import { peopleExcelRoutes } from './org/people-excel.routes.ts';
import { powersRoutes } from './powers/power-list.routes.ts';
import { principalForSession, principalForToken } from './org/sign-in.service.ts';
import { signInRoutes } from './org/sign-in.routes.ts';
import { systemClock, type Clock } from './platform/clock.ts';
import type { Config } from './platform/config.ts';
import type { Db } from './platform/db/database.ts';
import { PrincipalCache } from './platform/auth/principal-cache.ts';
import { buildApp } from './platform/http/app.ts';
import { logRoutes } from './platform/record-log/log.routes.ts';
import { parseVerifierKey } from './platform/record-log/note.ts';
import { verifyRunsRoutes } from './platform/record-log/verify-runs.routes.ts';
import { portalRoutes } from './publicity/portal/portal.routes.ts';
import { avChecklistRoutes } from './records/av-checklist.routes.ts';
import { localBlobStore } from './records/blob-store.ts';
import { evidenceRoutes } from './records/evidence.routes.ts';
import { recordersRoutes } from './records/recorders.routes.ts';

/** The composition root: every area's routes on one app. A new area adds its plugin here. */
export interface SanxiangDeps {
  db: Db;
  config: Config;
  clock?: Clock;
  logger?: FastifyServerOptions['logger'];
  serveWeb?: boolean;
  /**
   * The record log: its verifier keys (served at /log/key), its origin (default: the first key's name) and
   * the integrator's wake-up after commits.
   */
  recordLog?: { verifierKeys: readonly string[]; origin?: string; onCommit?: () => void };
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
  const commandDeps = { db: deps.db, clock, afterCommit };
  const app = await buildApp({
    db: deps.db,
    clock,
    config: deps.config,
    ...(deps.logger === undefined ? {} : { logger: deps.logger }),
    ...(deps.serveWeb ? { webRoot } : {}),
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
      }),
      orgRoutes(commandDeps),
      peopleExcelRoutes(commandDeps),
      // Evidence bytes live in the content-addressed blob store under the data directory (DESIGN.md).
      evidenceRoutes({ ...commandDeps, blobs: localBlobStore(path.join(deps.config.dataDir, 'blobs')) }),
      avChecklistRoutes(commandDeps),
      recordersRoutes(commandDeps),
      powersRoutes(commandDeps),
      verifyRunsRoutes({
        ...commandDeps,
        verifiers: (deps.recordLog?.verifierKeys ?? []).map(parseVerifierKey),
        origin: deps.recordLog?.origin,
      }),
    ],
  });
  // The record log lives beside the API, not under /api/v1 (C2SP tlog-tiles paths under the log prefix).
  const verifierKeys = deps.recordLog?.verifierKeys;
  await app.register(logRoutes({ db: deps.db, ...(verifierKeys ? { verifierKeys } : {}) }), {
    prefix: '/log',
  });
  // The public portal at / (server-rendered); the workbench is under /app/ (platform/http/app.ts).
  await app.register(portalRoutes({ db: deps.db, clock }));
  return app;
}
