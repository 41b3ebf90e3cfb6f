import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../databases.ts';
import { auditCount, signIn, startHarness, type Client, type Harness } from '../harness.ts';

const newPerson = (number: string, username: string) => ({
  name: '测试员',
  post: '执法队员',
  roles: ['officer'],
  account: { username, password: 'Initial2026pw' },
  certificates: [
    {
      number,
      fields: ['food', 'quality'],
      issuer: '湖南省人民政府',
      validFrom: '2026-01-01',
      validTo: '2030-12-31',
    },
  ],
});

describe.each(databaseKinds)('organisation over HTTP on %s', (kind) => {
  let h: Harness;
  let admin: Client;
  let otherAdmin: Client;
  let supervisor: Client;
  let officer: Client;
  let createdId: string;

  beforeAll(async () => {
    h = await startHarness(kind);
    admin = await signIn(h, 'admin');
    otherAdmin = await signIn(h, 'nyadmin');
    supervisor = await signIn(h, 'jiandu');
    officer = await signIn(h, 'zhangwei');
  });
  afterAll(() => h.close());

  it('lets an administrator add a person with an account, roles and a certificate, in one write', async () => {
    const res = await admin.send('POST', '/api/v1/people', newPerson('43042199000001', 'ceshiyuan'));
    expect(res.statusCode).toBe(201);
    const person = res.json<{
      id: string;
      roles: string[];
      username: string;
      certificates: { number: string; displayStatus: string }[];
    }>();
    createdId = person.id;
    expect(person).toMatchObject({ roles: ['officer'], username: 'ceshiyuan' });
    expect(person.certificates).toMatchObject([{ number: '43042199000001', displayStatus: 'valid' }]);
    const list = await admin.get('/api/v1/people?q=43042199000001');
    expect(list.json<{ items: { id: string }[] }>().items.map((p) => p.id)).toEqual([createdId]);
  });

  it('hides the person from another bureau entirely: 404, never a hint', async () => {
    expect((await otherAdmin.get(`/api/v1/people/${createdId}`)).statusCode).toBe(404);
    const list = await otherAdmin.get('/api/v1/people?q=测试员');
    expect(list.json<{ total: number }>().total).toBe(0);
    const write = await otherAdmin.send('PATCH', `/api/v1/people/${createdId}`, { post: '改' });
    expect(write.statusCode).toBe(404);
  });

  it('lets the county supervisor read the bureau below, but not change it', async () => {
    expect((await supervisor.get(`/api/v1/people/${createdId}`)).statusCode).toBe(200);
    const write = await supervisor.send('PATCH', `/api/v1/people/${createdId}`, { post: '改' });
    expect(write.statusCode).toBe(404);
    const agencies = await supervisor.get('/api/v1/agencies');
    expect(
      agencies
        .json<{ items: { shortName: string }[] }>()
        .items.map((a) => a.shortName)
        .sort(),
    ).toEqual(['衡县农业', '衡县市监', '衡县执法监督办']);
  });

  it('refuses an officer the administrator’s writes with 403', async () => {
    const res = await officer.send('POST', '/api/v1/people', newPerson('43042199000002', 'ceshier'));
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('answers a duplicate certificate number with 409 naming the field, and writes nothing', async () => {
    const before = await auditCount(h);
    const res = await admin.send('POST', '/api/v1/people', newPerson('43042199000001', 'ceshisan'));
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      code: 'DUPLICATE',
      errors: [{ path: 'body.certificates.0.number', message: '执法证号已被使用' }],
    });
    expect(await auditCount(h)).toBe(before);
    const people = await h.database.db
      .withoutPlugins()
      .selectFrom('accounts')
      .select('id')
      .where('username', '=', 'ceshisan')
      .execute();
    expect(people).toEqual([]);
  });

  it('answers bad input with problem+json, a Chinese title and the path of each bad field', async () => {
    const res = await admin.send('POST', '/api/v1/people', {
      ...newPerson('x', 'Bad Name'),
      certificates: [{ number: '1', fields: [], issuer: '', validFrom: '2026-13-01', validTo: '2026-01-01' }],
      shoeSize: 42,
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const body = res.json<{ code: string; title: string; errors: { path: string }[] }>();
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.title).toBe('提交的内容有误，请按提示修改');
    const paths = body.errors.map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'body.shoeSize',
        'body.account.username',
        'body.certificates.0.fields',
        'body.certificates.0.issuer',
        'body.certificates.0.validFrom',
      ]),
    );
  });

  it('rejects an invalid credit code with the GB 32100 reason', async () => {
    const res = await supervisor.send('POST', '/api/v1/agencies', {
      name: '衡阳县文化旅游广电体育局',
      shortName: '衡县文旅',
      creditCode: '11430421MB1D456780',
      regionCode: '430421',
      level: 'county',
      kind: 'enforcement',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      errors: [{ path: 'body.creditCode', message: '统一社会信用代码校验位不正确' }],
    });
  });

  it('lets a supervision office register a bureau below it, and refuses a second use of the credit code', async () => {
    const bureau = {
      name: '衡阳县文化旅游广电体育局',
      shortName: '衡县文旅',
      creditCode: '11430400MB0D45678K',
      regionCode: '430421',
      level: 'county',
      kind: 'enforcement',
    };
    const created = await supervisor.send('POST', '/api/v1/agencies', bureau);
    expect(created.statusCode).toBe(201);
    const again = await supervisor.send('POST', '/api/v1/agencies', bureau);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ errors: [{ path: 'body.creditCode' }] });
  });

  it('suspends, reinstates and revokes a certificate, keeping every change with its reason', async () => {
    const person = (await admin.get(`/api/v1/people/${createdId}`)).json<{
      certificates: { id: string }[];
    }>();
    const certId = person.certificates[0]?.id ?? '';
    const suspend = await admin.send('POST', `/api/v1/certificates/${certId}/suspend`, {
      reason: '涉嫌违纪',
      effectiveOn: '2026-11-28',
    });
    expect(suspend.json()).toMatchObject({ status: 'suspended', displayStatus: 'suspended' });
    const reinstateEarlier = await admin.send('POST', `/api/v1/certificates/${certId}/reinstate`, {
      reason: '调查结束',
      effectiveOn: '2026-11-01',
    });
    expect(reinstateEarlier.json()).toMatchObject({ errors: [{ path: 'body.effectiveOn' }] });
    await admin.send('POST', `/api/v1/certificates/${certId}/reinstate`, {
      reason: '调查结束',
      effectiveOn: '2026-12-01',
    });
    await admin.send('POST', `/api/v1/certificates/${certId}/revoke`, {
      reason: '调离执法岗位',
      effectiveOn: '2026-12-05',
    });
    const again = await admin.send('POST', `/api/v1/certificates/${certId}/suspend`, {
      reason: 'x',
      effectiveOn: '2026-12-06',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'CERTIFICATE_INVALID_STATE' });
    const detail = (await admin.get(`/api/v1/certificates/${certId}`)).json<{
      history: { action: string; reason: string }[];
    }>();
    expect(detail.history.map((e) => [e.action, e.reason])).toEqual([
      ['issued', '登记执法证'],
      ['suspended', '涉嫌违纪'],
      ['reinstated', '调查结束'],
      ['revoked', '调离执法岗位'],
    ]);
  });

  it('lists certificates by computed status: the demo has one expired and one suspended', async () => {
    const expired = (await admin.get('/api/v1/certificates?status=expired')).json<{
      items: { personName: string }[];
    }>();
    expect(expired.items.map((c) => c.personName)).toEqual(['郑凯']);
    const suspended = (await admin.get('/api/v1/certificates?status=suspended')).json<{
      items: { personName: string }[];
    }>();
    expect(suspended.items.map((c) => c.personName)).toEqual(['冯雪']);
  });

  it('records who changed what in the audit trail, without the values', async () => {
    const res = await admin.send('PATCH', `/api/v1/people/${createdId}`, { post: '副大队长' });
    expect(res.statusCode).toBe(200);
    const audit = (await admin.get('/api/v1/audit-events?pageSize=1')).json<{
      items: { kind: string; actorName: string; changes: string[]; subjectId: string }[];
    }>();
    expect(audit.items[0]).toMatchObject({
      kind: 'org.person_updated',
      actorName: '周敏',
      changes: ['post'],
      subjectId: createdId,
    });
    expect((await officer.get('/api/v1/audit-events')).statusCode).toBe(403);
  });
});
