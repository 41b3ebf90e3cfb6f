import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../databases.ts';
import { auditCount, signIn, type Client } from '../harness.ts';
import { startRecordsHarness, verifyProblems, type RecordsHarness } from './records-harness.ts';

interface RecorderBody {
  id: string;
  status: string;
  holder: { officerId: string; officerName: string } | null;
}

describe.each(databaseKinds)('recorders over HTTP on %s', (kind) => {
  let h: RecordsHarness;
  let manager: Client; // 张伟: unit head
  let officer: Client; // 黄磊
  let otherAgency: Client;
  let supervisor: Client;
  let id: string;
  let personId: (name: string) => Promise<string>;

  beforeAll(async () => {
    h = await startRecordsHarness(kind);
    manager = await signIn(h, 'zhangwei');
    officer = await signIn(h, 'huanglei');
    otherAgency = await signIn(h, 'nyadmin');
    supervisor = await signIn(h, 'jiandu');
    personId = async (name) =>
      (
        await h.database.db
          .withoutPlugins()
          .selectFrom('people')
          .select('id')
          .where('name', '=', name)
          .executeTakeFirstOrThrow()
      ).id;
  });
  afterAll(() => h.close());

  it('registers a body-worn recorder for the agency, once per serial', async () => {
    const before = await auditCount(h);
    const res = await manager.send('POST', '/api/v1/recorders', {
      serial: 'HX-DSJ-001',
      model: '海康 DSJ-X5',
    });
    expect(res.statusCode).toBe(201);
    const recorder = res.json<RecorderBody>();
    id = recorder.id;
    expect(recorder).toMatchObject({ kind: 'body_camera', status: 'in_service', holder: null });
    expect(await auditCount(h)).toBe(before + 1);
    const again = await manager.send('POST', '/api/v1/recorders', { serial: 'HX-DSJ-001', model: 'X' });
    expect(again.statusCode).toBe(409);
    expect((await officer.send('POST', '/api/v1/recorders', { serial: 'HX-2', model: 'X' })).statusCode).toBe(
      403,
    );
  });

  it('lets an officer check a device out to themselves and back in, one holder at a time', async () => {
    const out = await officer.send('POST', `/api/v1/recorders/${id}/check-out`, { note: '早班巡查' });
    expect(out.statusCode, out.body).toBe(200);
    expect(out.json<RecorderBody>().holder).toMatchObject({ officerName: '黄磊' });
    const twice = await manager.send('POST', `/api/v1/recorders/${id}/check-out`, {});
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ code: 'RECORDER_UNAVAILABLE' });
    const held = await manager.get(`/api/v1/recorders?holderId=${await personId('黄磊')}`);
    expect(held.json<{ items: { id: string }[] }>().items.map((r) => r.id)).toEqual([id]);
    // Not retired or sent for repair while someone has it.
    expect((await manager.send('PATCH', `/api/v1/recorders/${id}`, { status: 'retired' })).statusCode).toBe(
      409,
    );
    const back = await officer.send('POST', `/api/v1/recorders/${id}/check-in`, { note: '电量正常' });
    expect(back.json<RecorderBody>().holder).toBeNull();
    expect((await officer.send('POST', `/api/v1/recorders/${id}/check-in`, {})).statusCode).toBe(409);
  });

  it('lets only a manager issue a device to someone else', async () => {
    const colleague = await personId('吴静');
    expect(
      (await officer.send('POST', `/api/v1/recorders/${id}/check-out`, { officerId: colleague })).statusCode,
    ).toBe(403);
    const issued = await manager.send('POST', `/api/v1/recorders/${id}/check-out`, { officerId: colleague });
    expect(issued.json<RecorderBody>().holder).toMatchObject({ officerName: '吴静' });
    expect((await officer.send('POST', `/api/v1/recorders/${id}/check-in`, {})).statusCode).toBe(403);
    expect((await manager.send('POST', `/api/v1/recorders/${id}/check-in`, {})).statusCode).toBe(200);
    const stranger = await personId('彭辉');
    const foreign = await manager.send('POST', `/api/v1/recorders/${id}/check-out`, { officerId: stranger });
    expect(foreign.statusCode).toBe(400);
  });

  it('keeps the loan history and refuses to issue a device out of service', async () => {
    const detail = await supervisor.get(`/api/v1/recorders/${id}`);
    expect(detail.statusCode).toBe(200);
    const { loans } = detail.json<{ loans: { officerName: string; checkedInAt: string | null }[] }>();
    expect(loans.map((l) => l.officerName)).toEqual(['吴静', '黄磊']);
    expect(loans.every((l) => l.checkedInAt !== null)).toBe(true);

    expect(
      (await manager.send('PATCH', `/api/v1/recorders/${id}`, { status: 'under_repair' })).statusCode,
    ).toBe(200);
    const refused = await officer.send('POST', `/api/v1/recorders/${id}/check-out`, {});
    expect(refused.json()).toMatchObject({
      code: 'RECORDER_UNAVAILABLE',
      detail: '设备状态为“维修中”，不能领用',
    });
    expect((await manager.send('PATCH', `/api/v1/recorders/${id}`, { status: 'retired' })).statusCode).toBe(
      200,
    );
    expect(
      (await manager.send('PATCH', `/api/v1/recorders/${id}`, { status: 'in_service' })).statusCode,
    ).toBe(409);
  });

  it('hides the registry from another agency (404) and lets the supervisor read it', async () => {
    expect((await otherAgency.get(`/api/v1/recorders/${id}`)).statusCode).toBe(404);
    expect((await otherAgency.send('POST', `/api/v1/recorders/${id}/check-out`, {})).statusCode).toBe(404);
    expect((await otherAgency.send('PATCH', `/api/v1/recorders/${id}`, { model: 'x' })).statusCode).toBe(404);
    expect((await otherAgency.get('/api/v1/recorders')).json<{ total: number }>().total).toBe(0);
    expect((await supervisor.get('/api/v1/recorders')).json<{ total: number }>().total).toBe(1);
    expect((await supervisor.send('PATCH', `/api/v1/recorders/${id}`, { model: 'x' })).statusCode).toBe(404);
  });

  it('leaves every row as its commands recorded it (sanxiang verify)', async () => {
    expect(await verifyProblems(h)).toEqual([]);
  });
});
