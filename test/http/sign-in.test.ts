import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../../src/org/tokens.service.ts';
import { DEMO_PASSWORD } from '../../src/demo/demo-data.ts';
import { databaseKinds } from '../databases.ts';
import { auditCount, signIn, startHarness, type Harness } from '../harness.ts';

describe.each(databaseKinds)('sign-in on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind);
  });
  afterAll(() => h.close());

  const login = (username: string, password: string, totp?: string) =>
    h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username, password, ...(totp ? { totp } : {}) },
    });

  it('signs an officer in with a secure, httpOnly, SameSite cookie and answers /me', async () => {
    const res = await login('zhangwei', DEMO_PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'sx_session');
    expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict', path: '/' });
    const me = await h.app.inject({ url: '/api/v1/me', headers: { cookie: `sx_session=${cookie?.value}` } });
    expect(me.json()).toMatchObject({ username: 'zhangwei', name: '张伟', roles: ['officer', 'unit_head'] });
  });

  it('gives the same answer for an unknown user and a wrong password, and records both', async () => {
    const before = await auditCount(h);
    const unknown = await login('nobody', 'whatever123');
    const wrong = await login('huanglei', 'wrong-password-1');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
    expect(unknown.json()).toMatchObject({ code: 'LOGIN_FAILED', title: '用户名或密码错误' });
    expect(await auditCount(h)).toBe(before + 2);
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
    const deps = { db: h.database.db, clock: h.clock };
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
    const stored = await h.database.db.selectFrom('api_tokens').select('token_hash').execute();
    expect(stored.every((t) => t.token_hash !== read.token)).toBe(true);
  });
});
