import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../databases.ts';
import { signIn, startHarness, type Client, type Harness } from '../harness.ts';

/** A phone of "abc" and a latitude of 200 are refused at the schema, naming the field (newcomer walk-through). */
describe.each(databaseKinds)('phones and coordinates on %s', (kind) => {
  let h: Harness;
  let admin: Client;
  let officer: Client;

  beforeAll(async () => {
    h = await startHarness(kind);
    admin = await signIn(h, 'admin');
    officer = await signIn(h, 'zhangwei');
  });
  afterAll(() => h.close());

  const paths = (res: { json: <T>() => T }) =>
    res.json<{ errors: { path: string; message: string }[] }>().errors.map((e) => e.path);

  it('refuses a person whose phone is not a phone, and takes one written with +86 and spaces', async () => {
    const bad = await admin.send('POST', '/api/v1/people', { name: '测试人员', phone: 'abc' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ errors: { path: string; message: string }[] }>().errors).toEqual([
      {
        path: 'body.phone',
        message: '电话号码格式不正确，应为手机号码或带区号的固定电话（如 13812345678、0734-8212345）',
      },
    ]);
    const good = await admin.send('POST', '/api/v1/people', { name: '测试人员', phone: '+86 138 1234 5678' });
    expect(good.statusCode, good.body).toBe(201);
  });

  it('refuses a party whose phone is not a phone', async () => {
    const res = await officer.send('POST', '/api/v1/cases', {
      kind: 'penalty_ordinary',
      title: '涉嫌销售过期食品',
      field: 'food',
      source: '投诉举报',
      parties: [{ type: 'person', name: '王小明', idNumber: null, phone: 'abc', address: null }],
    });
    expect(res.statusCode).toBe(400);
    expect(paths(res)).toContain('body.parties.0.phone');
  });

  it('refuses evidence taken at latitude 200', async () => {
    const query = new URLSearchParams({
      kind: 'photo',
      subjectType: 'case',
      subjectId: 'C-2026-0042',
      latitude: '200',
      longitude: '112.5',
    });
    const res = await h.app.inject({
      method: 'POST',
      url: `/api/v1/evidence?${query.toString()}`,
      headers: { cookie: officer.cookie, 'x-csrf-token': officer.csrf, 'content-type': 'image/jpeg' },
      payload: Buffer.from('not really a photo'),
    });
    expect(res.statusCode).toBe(400);
    expect(paths(res)).toEqual(['querystring.latitude']);
  });

  it('refuses a correction request whose contact is neither a phone nor an e-mail address', async () => {
    const { id } = await h.database.db
      .withoutPlugins()
      .selectFrom('publications')
      .select('id')
      .where('status', '=', 'published')
      .executeTakeFirstOrThrow();
    const res = await h.app.inject({
      method: 'POST',
      url: `/publications/${id}/correction`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        name: '王先生',
        contact: 'not-a-phone',
        content: '罚款金额有误',
      }).toString(),
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('联系方式应为电话号码或电子邮箱');
  });
});
