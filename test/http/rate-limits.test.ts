import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { createSanxiang } from '../../src/app.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { databaseKinds } from '../databases.ts';
import { testEnv, testStagingKey } from '../test-env.ts';
import { signInSuite } from './sign-in-suite.ts';

// Issue 10 item 5 (security sweep H3): limits per client address, counted in the database.
const env = { RATE_LIMIT_SIGN_IN: '3/10min', RATE_LIMIT_LOOKUPS: '4/1min' };

function expectLimited(res: LightMyRequestResponse): void {
  expect(res.statusCode).toBe(429);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.json()).toMatchObject({ code: 'RATE_LIMITED', status: 429, title: '请求过于频繁，请稍后再试' });
  expect(res.json<{ detail: string }>().detail).toMatch(/^同一来源的请求过于频繁，请 \d+ 秒后再试$/);
  expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
}

describe.each(databaseKinds)('rate limits per client address on %s', (kind) => {
  const { h, login } = signInSuite(kind, env);
  const lookup = (url: string, remoteAddress: string) => h.app.inject({ url, remoteAddress });

  it('refuses sign-ins over the limit before checking the password, and starts again after the window', async () => {
    const ip = '203.0.113.21';
    for (let i = 0; i < 3; i++)
      expect((await login('huanglei', 'wrong-1-Aa', undefined, ip)).statusCode).toBe(401);
    const limited = await login('huanglei', 'wrong-1-Aa', undefined, ip);
    expectLimited(limited);
    // The refused attempt never reached the account: 3 failures counted, not 4.
    const account = await h.database.db
      .withoutPlugins()
      .selectFrom('accounts')
      .select('failed_count')
      .where('username', '=', 'huanglei')
      .executeTakeFirstOrThrow();
    expect(account.failed_count).toBe(3);
    // Another address has its own count.
    expect((await login('nobody', 'x-Aa1', undefined, '203.0.113.22')).statusCode).toBe(401);
    h.clock.advance(10 * 60_000);
    expect((await login('nobody', 'x-Aa1', undefined, ip)).statusCode).toBe(401);
  });

  it('counts parallel requests one by one: of 12 at once, exactly 4 are answered', async () => {
    const ip = '203.0.113.31';
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => lookup(`/verify?code=SX-${i}-0`, ip)),
    );
    expect(answers.filter((r) => r.statusCode === 200)).toHaveLength(4);
    const refused = answers.filter((r) => r.statusCode === 429);
    expect(refused).toHaveLength(8);
    for (const res of refused) expectLimited(res);
  });

  it('counts every public lookup together: certificates, codes, the log, publication and power search, working days', async () => {
    const ip = '203.0.113.41';
    const urls = [
      '/certificates/14430421001',
      '/log/lookup?code=SX-1-0',
      '/publications?q=公司',
      '/api/v1/calendar/working-days?from=2026-12-01&add=5',
    ];
    for (const url of urls) expect((await lookup(url, ip)).statusCode).not.toBe(429);
    for (const url of [...urls, '/verify?code=SX-1-0', '/certificates?number=1']) {
      expectLimited(await lookup(url, ip));
    }
    // What is not a lookup is not limited.
    expect((await lookup('/', ip)).statusCode).toBe(200);
    expect((await lookup('/healthz', ip)).statusCode).toBe(200);
  });

  it('limits the public deadline calculator like the other lookups: its API and its portal page', async () => {
    const ip = '203.0.113.61';
    const ask = (path: string, payload: Record<string, unknown>, remoteAddress = ip) =>
      h.app.inject({ method: 'POST', url: `/api/v1/rules/${path}`, payload, remoteAddress });
    const service = { period: 'service', from: '2026-09-28' };
    for (let i = 0; i < 4; i++) {
      const res = await ask('periods', service);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<{ lastDay: string }>().lastDay).toBe('2026-10-13');
    }
    const questions: [string, Record<string, unknown>][] = [
      ['periods', service],
      ['surcharge', { fineFen: 100_000, receivedOn: '2026-09-22', paidOn: '2026-10-10' }],
      ['summary-procedure', { party: { type: 'person' }, sanctions: [{ kind: 'warning' }], officers: 2 }],
      ['hearing-right', { party: { type: 'person' }, sanctions: [{ kind: 'fine', amountFen: 1_000_000 }] }],
      [
        'publicity',
        { party: { type: 'organisation' }, sanctions: [{ kind: 'warning' }], publishedOn: '2026-09-28' },
      ],
      ['time-bar', { actEndedOn: '2024-02-29', discoveredOn: '2026-03-01', harm: false }],
    ];
    for (const [path, payload] of questions) expectLimited(await ask(path, payload));
    expectLimited(await lookup('/deadlines?period=service&from=2026-09-28', ip));
    // Another address has its own count.
    expect((await ask('periods', service, '203.0.113.62')).statusCode).toBe(200);
  });

  it('holds across instances: a second app on the same database sees the count', async () => {
    const ip = '203.0.113.51';
    for (let i = 0; i < 4; i++) expect((await lookup('/verify?code=SX-2-0', ip)).statusCode).toBe(200);
    const config = { ...loadConfig({ ...testEnv, ...env }), cookieSecure: true };
    const other = await createSanxiang({
      db: h.database.db,
      config,
      staging: testStagingKey,
      clock: h.clock,
    });
    try {
      expectLimited(await other.inject({ url: '/verify?code=SX-2-0', remoteAddress: ip }));
      expect(
        (await other.inject({ url: '/verify?code=SX-2-0', remoteAddress: '203.0.113.52' })).statusCode,
      ).toBe(200);
    } finally {
      await other.close();
    }
  });
});
