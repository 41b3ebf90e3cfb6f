import { afterAll, beforeAll } from 'vitest';
import type { DatabaseKind } from '../databases.ts';
import { startHarness, type Harness } from '../harness.ts';

/**
 * The sign-in tests' common setup, called in a `describe`: a harness of the kind started before its tests
 * and closed after them (`h`, usable once they run), and `login`, a bare sign-in request.
 */
export function signInSuite(kind: DatabaseKind, env?: Record<string, string>) {
  let started: Harness | undefined;
  const current = (): Harness => {
    if (!started) throw new Error('the harness starts in beforeAll');
    return started;
  };
  beforeAll(async () => {
    started = await startHarness(kind, env ? { env } : {});
  });
  afterAll(() => current().close());
  const h: Harness = {
    get app() {
      return current().app;
    },
    get database() {
      return current().database;
    },
    get clock() {
      return current().clock;
    },
    close: () => current().close(),
  };
  const login = (username: string, password: string, totp?: string, remoteAddress?: string) =>
    h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username, password, ...(totp ? { totp } : {}) },
      ...(remoteAddress ? { remoteAddress } : {}),
    });
  return { h, login };
}
