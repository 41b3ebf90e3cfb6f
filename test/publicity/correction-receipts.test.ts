import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../databases.ts';
import { signIn, startHarness, type Client, type Harness } from '../harness.ts';

async function solved(h: Harness): Promise<string> {
  const res = await h.app.inject({ method: 'GET', url: '/api/v1/publications/anti-robot/challenge' });
  const challenge = res.json<Challenge>();
  const solution = await solveChallenge({ challenge, deriveKey });
  return Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
}

const serial = (receipt: string) => Number(receipt.slice(-6));

/** 更正申请受理编号: short, per agency and year, gap-free, and what the portal's lookup takes. */
describe.each(databaseKinds)('correction receipt numbers on %s', (kind) => {
  let h: Harness;
  let publisher: Client;
  let publicationId: string;
  let address = 0;

  beforeAll(async () => {
    h = await startHarness(kind);
    publisher = await signIn(h, 'zhaoli');
    const list = await publisher.get('/api/v1/publications?status=published&pageSize=1');
    publicationId = list.json<{ items: { id: string }[] }>().items[0]!.id;
  });
  afterAll(() => h.close());

  const request = async (content: string, altcha?: string) =>
    h.app.inject({
      method: 'POST',
      url: `/api/v1/publications/${publicationId}/corrections`,
      payload: { name: '王先生', contact: '139 0000 1234', content, altcha: altcha ?? (await solved(h)) },
      remoteAddress: `203.0.113.${++address}`,
    });

  it('gives each request the next GZ-year-serial of its agency, with no gaps, also when requests race', async () => {
    const first = await request('罚款金额有误');
    expect(first.statusCode, first.body).toBe(201);
    const receipt = first.json<{ receiptNumber: string }>().receiptNumber;
    expect(receipt).toMatch(/^GZ-2026-\d{6}$/);

    // A refused request (the anti-robot check failed) takes no number.
    expect((await request('无效', 'bm90LWEtc29sdXRpb24=')).statusCode).toBe(400);

    const raced = await Promise.all(['一', '二', '三', '四'].map((c) => request(`当事人名称有误${c}`)));
    const numbers = raced.map((r) => r.json<{ receiptNumber: string }>().receiptNumber).map(serial);
    expect(numbers.sort((a, b) => a - b)).toEqual([1, 2, 3, 4].map((n) => serial(receipt) + n));

    const listed = await publisher.get(`/api/v1/publications/corrections?publicationId=${publicationId}`);
    const receipts = listed.json<{ items: { receiptNumber: string }[] }>().items.map((c) => c.receiptNumber);
    expect(receipts).toContain(receipt);
    expect(new Set(receipts).size).toBe(receipts.length);
  });

  it('shows the receipt number, not an id, when the portal form is sent', async () => {
    const altcha = await solved(h);
    const res = await h.app.inject({
      method: 'POST',
      url: `/publications/${publicationId}/correction`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        name: '李女士',
        contact: 'li@example.cn',
        content: '日期有误',
        altcha,
      }).toString(),
      remoteAddress: `203.0.113.${++address}`,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).toMatch(/受理编号 <strong>GZ-2026-\d{6}<\/strong>/);
    expect(res.body).not.toMatch(/受理编号 [0-9a-f]{8}-/);
    expect(res.body).toContain('href="/corrections"');
  });

  it('lets the requester look the request up by its number and contact, however typed, and no one else', async () => {
    const filed = await request('文号有误');
    const receipt = filed.json<{ id: string; receiptNumber: string }>();
    const typed = receipt.receiptNumber.toLowerCase().replace(/-0+/, ' ');
    const open = await h.app.inject({
      url: `/corrections?number=${encodeURIComponent(typed)}&contact=${encodeURIComponent('13900001234')}`,
    });
    expect(open.statusCode, open.body).toBe(200);
    expect(open.headers['cache-control']).toBe('no-store');
    expect(open.body).toContain(receipt.receiptNumber);
    expect(open.body).toContain('办理中');

    const answered = await publisher.send('POST', `/api/v1/publications/corrections/${receipt.id}/answer`, {
      answer: '经核查，文号无误',
      corrected: false,
    });
    expect(answered.statusCode, answered.body).toBe(200);
    const after = await h.app.inject({
      url: `/corrections?number=${receipt.receiptNumber}&contact=${encodeURIComponent('139-0000-1234')}`,
    });
    expect(after.body).toContain('已答复');
    expect(after.body).toContain('经核查，文号无误');

    const stranger = await h.app.inject({
      url: `/corrections?number=${receipt.receiptNumber}&contact=13800000000`,
    });
    expect(stranger.statusCode).toBe(404);
    expect(stranger.body).toContain('未查到该更正申请');
    expect(stranger.body).not.toContain('经核查');

    const malformed = await h.app.inject({ url: '/corrections?number=01a237bb-d276&contact=13900001234' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.body).toContain('受理编号格式应为 GZ-年份-六位数字');
    expect((await h.app.inject({ url: '/corrections' })).statusCode).toBe(200);
  });
});
