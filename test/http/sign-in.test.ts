import { describe, expect, it } from 'vitest';
import { createToken } from '../../src/org/tokens.service.ts';
import { DEMO_PASSWORD } from '../../src/demo/demo-data.ts';
import { databaseKinds } from '../databases.ts';
import { auditCount, signIn } from '../harness.ts';
import { signInSuite } from './sign-in-suite.ts';
import { testStagingKey } from '../test-env.ts';

describe.each(databaseKinds)('sign-in on %s', (kind) => {
  const { h, login } = signInSuite(kind);

  it('signs an officer in with a secure, httpOnly, SameSite cookie and answers /me', async () => {
    const res = await login('zhangwei', DEMO_PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'sx_session');
    expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict', path: '/' });
    const me = await h.app.inject({ url: '/api/v1/me', headers: { cookie: `sx_session=${cookie?.value}` } });
    expect(me.json()).toMatchObject({ username: 'zhangwei', name: '张伟', roles: ['officer', 'unit_head'] });
  });

  it('gives the same answer for an unknown user and a wrong password; records the one, counts the other', async () => {
    const before = await auditCount(h);
    const unknown = await login('nobody', 'whatever123');
    const wrong = await login('huanglei', 'wrong-password-1');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
    expect(unknown.json()).toMatchObject({ code: 'LOGIN_FAILED', title: '用户名或密码错误' });
    // The wrong password is an event on huanglei's account; the unknown name is only counted (0013).
    expect(await auditCount(h)).toBe(before + 1);
    const counted = await h.database.db
      .withoutPlugins()
      .selectFrom('sign_in_unknown_counts')
      .selectAll()
      .execute();
    expect(counted).toMatchObject([{ address: '127.0.0.1', attempts: 1 }]);
  });

  it('counts unknown usernames per client address and hour, with no audit event or log entry', async () => {
    const events = await auditCount(h);
    const entries = async () =>
      Number(
        (
          await h.database.db
            .withoutPlugins()
            .selectFrom('log_entries')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const logged = await entries();
    const hour = new Date(Math.floor(h.clock.now().getTime() / 3600_000) * 3600_000);
    for (const name of ['ghost1', 'ghost2', 'ghost3']) {
      expect((await login(name, 'whatever123', undefined, '198.51.100.9')).statusCode).toBe(401);
    }
    h.clock.advance(3600_000);
    expect((await login('ghost4', 'whatever123', undefined, '198.51.100.9')).statusCode).toBe(401);
    expect(await auditCount(h)).toBe(events);
    expect(await entries()).toBe(logged);
    const rows = await h.database.db
      .withoutPlugins()
      .selectFrom('sign_in_unknown_counts')
      .select(['hour', 'attempts'])
      .where('address', '=', '198.51.100.9')
      .orderBy('hour')
      .execute();
    expect(rows.map((r) => r.attempts)).toEqual([3, 1]);
    expect(rows[0]?.hour).toEqual(hour);
  });

  it('locks an account for 15 minutes after 5 failed attempts', async () => {
    for (let i = 0; i < 5; i++) expect((await login('wujing', 'bad-password-1')).statusCode).toBe(401);
    const locked = await login('wujing', DEMO_PASSWORD);
    expect(locked.statusCode).toBe(401);
    expect(locked.json()).toMatchObject({ code: 'LOGIN_FAILED' });
    h.clock.advance(15 * 60_000 + 1000);
    expect((await login('wujing', DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('makes an administrator enrol TOTP before anything else, then asks for the code at every sign-in', async () => {
    const first = await login('admin', DEMO_PASSWORD);
    expect(first.json()).toMatchObject({ stage: 'totp_enrolment' });
    const cookie = `sx_session=${first.cookies.find((c) => c.name === 'sx_session')?.value}`;
    const blocked = await h.app.inject({ url: '/api/v1/people', headers: { cookie } });
    expect(blocked.json()).toMatchObject({ code: 'TOTP_ENROLMENT_REQUIRED' });

    await signIn(h, 'admin'); // enrols
    const again = await login('admin', DEMO_PASSWORD);
    expect(again.statusCode).toBe(401);
    expect(again.json()).toMatchObject({ code: 'TOTP_REQUIRED' });
    const wrongCode = await login('admin', DEMO_PASSWORD, '000000');
    expect(wrongCode.json()).toMatchObject({ code: 'TOTP_INVALID' });
    const client = await signIn(h, 'admin');
    expect((await client.get('/api/v1/people')).statusCode).toBe(200);
    const reEnrol = await client.send('POST', '/api/v1/auth/totp/enrolment');
    expect(reEnrol.statusCode).toBe(409);
    expect((await login('admin', DEMO_PASSWORD)).json()).toMatchObject({ code: 'TOTP_REQUIRED' });
  });

  it('refuses a cookie-authenticated write without the CSRF token', async () => {
    const client = await signIn(h, 'admin');
    const res = await h.app.inject({
      method: 'PATCH',
      url: '/api/v1/people/00000000-0000-7000-8000-000000000000',
      headers: { cookie: client.cookie },
      payload: { post: '队员' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'CSRF_FAILED' });
  });

  it('ends the session at sign-out', async () => {
    const client = await signIn(h, 'heqiang');
    expect((await client.send('POST', '/api/v1/auth/logout')).statusCode).toBe(204);
    expect((await client.get('/api/v1/me')).json()).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('lets another system read with a bearer token, and write only with the write scope', async () => {
    const deps = { db: h.database.db, clock: h.clock, staging: testStagingKey };
    const read = await createToken(deps, {
      username: 'admin',
      name: '监督平台',
      scopes: ['read'],
      expiresAt: null,
    });
    const auth = { authorization: `Bearer ${read.token}` };
    expect((await h.app.inject({ url: '/api/v1/people', headers: auth })).statusCode).toBe(200);
    const write = await h.app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: auth,
      payload: { name: '测试' },
    });
    expect(write.statusCode).toBe(403);
    const bad = await h.app.inject({ url: '/api/v1/people', headers: { authorization: 'Bearer sxt_nope' } });
    expect(bad.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
    const stored = await h.database.db
      .withoutPlugins()
      .selectFrom('api_tokens')
      .select('token_hash')
      .execute();
    expect(stored.every((t) => t.token_hash !== read.token)).toBe(true);
  });
});
