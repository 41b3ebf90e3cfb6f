import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../harness.ts';

describe('期限计算 on the portal (GET /deadlines, no JavaScript needed)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('pglite', { demo: false });
  });
  afterAll(() => h.close());

  const page = (query: string) => h.app.inject({ url: `/deadlines${query}` });

  it('shows the form, linked from the portal’s navigation', async () => {
    const res = await page('');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<form class="stack" method="get" action="/deadlines">');
    expect(res.body).toContain('作出行政许可决定');
    expect((await h.app.inject({ url: '/' })).body).toContain('href="/deadlines"');
  });

  it('answers a submitted form with the last day, its basis and each step, the form filled as sent', async () => {
    const res = await page('?period=licensing_decision&from=2026-09-21&extended=1');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('作出行政许可决定：最后一日 <time datetime="2026-11-09">2026-11-09</time>');
    expect(res.body).toContain('行政许可法 §42');
    expect(res.body).toContain('法定节假日，不计入：2026-10-01 至 2026-10-07');
    expect(res.body).toContain('value="2026-09-21"');
    expect(res.body).toMatch(/name="extended" value="1"\s+checked/);
  });

  it('deducts only what the law excludes: a suspension does not extend a seizure', async () => {
    const res = await page(
      '?period=seizure&from=2026-09-01&excludedFrom=2026-09-05&excludedTo=2026-09-24&reason=suspension',
    );
    expect(res.body).toContain('最后一日 <time datetime="2026-10-01">');
    expect(res.body).toContain('中止期间不从「查封、扣押」中扣除');
  });

  it('refuses a date that does not exist at its field, in Chinese, and computes nothing', async () => {
    const res = await page('?period=service&from=2026-02-30');
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('id="from-error" role="alert">日期应为 YYYY-MM-DD 格式的有效日期');
    expect(res.body).toContain('aria-invalid="true"');
    expect(res.body).not.toContain('最后一日 <time');
  });

  it('refuses an excluded range that ends before it starts, at its end', async () => {
    const res = await page(
      '?period=seizure&from=2026-09-01&excludedFrom=2026-09-10&excludedTo=2026-09-05&reason=testing',
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('id="excludedTo-error" role="alert">截止日期不能早于开始日期');
  });
});
