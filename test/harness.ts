import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createSanxiang } from '../src/app.ts';
import { loadDemo } from '../src/demo/load-demo.ts';
import { DEMO_PASSWORD } from '../src/demo/demo-data.ts';
import type { Clock } from '../src/platform/clock.ts';
import { loadConfig } from '../src/platform/config.ts';
import type { Database } from '../src/platform/db/database.ts';
import { totpCode } from '../src/platform/auth/totp.ts';
import { freshDatabase, type DatabaseKind } from './databases.ts';
import { testEnv, testStagingKey } from './test-env.ts';

/** A clock the test moves by hand. */
export class TestClock implements Clock {
  constructor(private at = new Date('2026-11-28T02:00:00Z')) {}
  now(): Date {
    return new Date(this.at);
  }
  advance(ms: number): void {
    this.at = new Date(this.at.getTime() + ms);
  }
}

export interface Harness {
  app: FastifyInstance;
  database: Database;
  clock: TestClock;
  close(): Promise<void>;
}

/**
 * A fresh migrated database of the kind, with the demo loaded, and the app on it. `env`: configuration
 * on top of the tests' (test-env.ts), e.g. tight rate limits. `serveWeb`: with the built workbench (web/dist).
 */
export async function startHarness(
  kind: DatabaseKind,
  options: { demo?: boolean; env?: Record<string, string>; serveWeb?: boolean } = {},
): Promise<Harness> {
  const database = await freshDatabase(kind);
  const clock = new TestClock();
  if (options.demo !== false) await loadDemo({ db: database.db, clock, staging: testStagingKey });
  const config = { ...loadConfig({ ...testEnv, ...options.env }), cookieSecure: true };
  const app = await createSanxiang({
    db: database.db,
    config,
    staging: testStagingKey,
    clock,
    ...(options.serveWeb ? { serveWeb: true } : {}),
  });
  return {
    app,
    database,
    clock,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

/** A signed-in browser: its cookie and CSRF token, and helpers that send them. */
export interface Client {
  get(url: string): Promise<LightMyRequestResponse>;
  send(method: 'POST' | 'PATCH' | 'PUT', url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  cookie: string;
  csrf: string;
}

export async function signIn(h: Harness, username: string, password = DEMO_PASSWORD): Promise<Client> {
  const login = (totp?: string) =>
    h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username, password, ...(totp ? { totp } : {}) },
    });
  let res = await login();
  if (res.statusCode === 401 && res.json<{ code: string }>().code === 'TOTP_REQUIRED') {
    const secret = totpSecrets.get(h)?.get(username);
    if (!secret) throw new Error(`no TOTP secret known for ${username}`);
    // A code is accepted once (RFC 6238 §5.2): a second sign-in in the same 30 s waits for the next step.
    const last = lastTotpStep.get(h)?.get(username);
    const step = Math.floor(h.clock.now().getTime() / 30_000);
    if (last !== undefined && step <= last) h.clock.advance((last - step + 1) * 30_000);
    res = await login(totpCode(secret, h.clock.now()));
    if (res.statusCode === 200) {
      const map = lastTotpStep.get(h) ?? new Map<string, number>();
      map.set(username, Math.floor(h.clock.now().getTime() / 30_000));
      lastTotpStep.set(h, map);
    }
  }
  if (res.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'sx_session');
  if (!cookie) throw new Error('no session cookie');
  const body = res.json<{ stage: string; csrfToken: string }>();
  const client = clientOf(h, `sx_session=${cookie.value}`, body.csrfToken);
  if (body.stage === 'totp_enrolment') {
    const enrol = await client.send('POST', '/api/v1/auth/totp/enrolment');
    const { secret } = enrol.json<{ secret: string }>();
    totpSecrets.set(h, (totpSecrets.get(h) ?? new Map<string, string>()).set(username, secret));
    const confirmed = await client.send('POST', '/api/v1/auth/totp/confirm', {
      code: totpCode(secret, h.clock.now()),
    });
    if (confirmed.statusCode !== 204) throw new Error(`TOTP enrolment failed: ${confirmed.body}`);
  }
  return client;
}

/** TOTP secrets enrolled so far, per harness (database) and username. */
const totpSecrets = new WeakMap<Harness, Map<string, string>>();
const lastTotpStep = new WeakMap<Harness, Map<string, number>>();

export function clientOf(h: Harness, cookie: string, csrf: string): Client {
  return {
    cookie,
    csrf,
    get: (url) => h.app.inject({ method: 'GET', url, headers: { cookie } }),
    send: (method, url, payload) =>
      h.app.inject({
        method,
        url,
        headers: { cookie, 'x-csrf-token': csrf },
        ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      }),
  };
}

/**
 * The number of audit events of the whole instance. A test's own look at the rows (or its tampering with
 * them) goes through `database.db.withoutPlugins()`: the agency-scope guard checks the app's statements,
 * and a test may look across every agency.
 */
export async function auditCount(h: Harness): Promise<number> {
  const row = await h.database.db
    .withoutPlugins()
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The TOTP secret `signIn` enrolled for a user (for tests of the second factor itself). */
export const totpSecretOf = (h: Harness, username: string): string | undefined =>
  totpSecrets.get(h)?.get(username);
