import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../databases.ts';
import { signIn, startHarness, type Harness } from '../harness.ts';

/** The service hall's large screen (issue 4 item 7): power-list counts and the latest publications. */
describe.each(databaseKinds)('portal large screen on %s', (kind) => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness(kind);
  });
  afterAll(() => h.close());

  it('counts the power list in force by kind and lists the latest public publications, refreshing itself', async () => {
    const res = await h.app.inject({ url: '/screen' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['cache-control']).toBe('public, max-age=30');
    expect(res.body).toContain('<meta http-equiv="refresh" content="60" />');
    expect(res.body).not.toContain('<script');

    const legal = await signIn(h, 'wangzg');
    const published = await legal.get('/api/v1/powers/published?pageSize=1');
    const inForce = published.json<{ total: number }>().total;
    const penalties = (await legal.get('/api/v1/powers/published?kind=penalty&pageSize=1')).json<{
      total: number;
    }>().total;
    const bureau = /<th scope="row">衡阳县市场监督管理局<\/th>([\s\S]*?)<\/tr>/.exec(res.body)![1]!;
    const cells = [...bureau.matchAll(/<td class="n">(\d+)<\/td>/g)].map((m) => Number(m[1]));
    expect(cells).toHaveLength(7); // six kinds and the total
    expect(cells[1]).toBe(penalties);
    expect(cells[6]).toBe(inForce);

    // The newest public publications: masked names only, the same the portal's list shows first.
    const portal = await h.app.inject({ url: '/publications' });
    const firstTitle = /<a href="\/publications\/[0-9a-f-]+">([^<]+)<\/a>/.exec(portal.body)?.[1];
    expect(firstTitle).toBeDefined();
    expect(res.body).toContain(firstTitle!.trim());
    expect(res.body).toMatch(/最新公示（共 \d+ 条）/);
    // No full ID number, mobile number or internal record reaches the screen.
    expect(res.body).not.toMatch(/\d{17}[\dXx]/);
    expect(res.body).not.toMatch(/1[3-9]\d{9}/);
  });
});
