import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/demo-data.ts';
import { totpCode } from '../../src/platform/auth/totp.ts';
import { databaseKinds } from '../databases.ts';
import { signIn, totpSecretOf } from '../harness.ts';
import { signInSuite } from './sign-in-suite.ts';

// Security sweep H3, L4, M4 (issue 10 item 5): a burst of guesses, a locked account, a replayed code.
describe.each(databaseKinds)('sign-in hardening on %s', (kind) => {
  const { h, login } = signInSuite(kind);

  it('counts 30 parallel wrong guesses one by one: the account locks, and the right password is refused', async () => {
    const guesses = await Promise.all(
      Array.from({ length: 30 }, (_, i) => login('huanglei', `wrong-${i}-Aa1`)),
    );
    expect(guesses.every((r) => r.statusCode === 401)).toBe(true);
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from audit_events e join accounts a on a.id = e.subject_id
      where a.username = 'huanglei' and e.kind = 'auth.sign_in_failed'
      and e.changes @> '["wrong_password"]'::jsonb`.execute(h.database.db.withoutPlugins());
    expect(rows[0]?.n).toBe(5); // the password was checked 5 times; the other 25 met the lock
    const right = await login('huanglei', DEMO_PASSWORD);
    expect(right.statusCode).toBe(401);
    expect(right.json()).toMatchObject({ code: 'LOGIN_FAILED' });
  });

  it('answers a locked account exactly as an unknown user', async () => {
    for (let i = 0; i < 5; i++) await login('wujing', 'bad-password-1');
    const locked = await login('wujing', DEMO_PASSWORD);
    const unknown = await login('nobody-here', DEMO_PASSWORD);
    expect(locked.statusCode).toBe(unknown.statusCode);
    expect(locked.json()).toEqual(unknown.json());
    expect(locked.headers['content-type']).toBe(unknown.headers['content-type']);
  });

  it('accepts a TOTP code once: the same code, or the step before it, is refused afterwards', async () => {
    await signIn(h, 'admin'); // enrols the second factor
    const secret = totpSecretOf(h, 'admin');
    if (!secret) throw new Error('admin was not enrolled');
    h.clock.advance(60_000);
    const code = totpCode(secret, h.clock.now());
    expect((await login('admin', DEMO_PASSWORD, code)).statusCode).toBe(200);
    const replay = await login('admin', DEMO_PASSWORD, code);
    expect(replay.statusCode).toBe(401);
    expect(replay.json()).toMatchObject({ code: 'TOTP_INVALID' });
    const previous = totpCode(secret, new Date(h.clock.now().getTime() - 30_000));
    expect((await login('admin', DEMO_PASSWORD, previous)).statusCode).toBe(401);
    h.clock.advance(30_000);
    expect((await login('admin', DEMO_PASSWORD, totpCode(secret, h.clock.now()))).statusCode).toBe(200);
  });
});
