import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../databases.ts';
import { startHarness, type Harness } from '../harness.ts';

/** The portal's search refuses a date that is no date (newcomer walk-through: 2026-13-45 showed all 171). */
describe.each(databaseKinds)('portal search dates on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind, { demo: false });
  });
  afterAll(() => h.close());

  it('answers a browser with the search page and a Chinese message, keeping what was typed', async () => {
    const res = await h.app.inject({ url: '/publications?from=2026-13-45&to=2026-02-30' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('决定日期从：请填写有效日期，格式为 YYYY-MM-DD（如 2026-11-20）');
    expect(res.body).toContain('决定日期至：请填写有效日期');
    expect(res.body).toContain('value="2026-13-45"');
    expect(res.body).not.toContain('没有符合条件的公示信息');
  });

  it('answers a client asking for JSON with problem+json naming the field', async () => {
    const res = await h.app.inject({
      url: '/publications?from=2026-13-45',
      headers: { accept: 'application/problem+json' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ path: 'querystring.from', message: expect.stringContaining('决定日期从') as unknown }],
    });
  });

  it('refuses a span that ends before it starts, and searches a real span', async () => {
    const reversed = await h.app.inject({ url: '/publications?from=2026-11-20&to=2026-11-01' });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.body).toContain('决定日期至不能早于决定日期从');
    const fine = await h.app.inject({ url: '/publications?from=2026-11-01&to=2026-11-20' });
    expect(fine.statusCode).toBe(200);
    expect(fine.body).toContain('共 0 条');
  });
});
