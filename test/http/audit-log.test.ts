import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XLSX_TYPE } from '../../src/platform/excel/cells.ts';
import { databaseKinds } from '../databases.ts';
import { signIn, startHarness, type Client, type Harness } from '../harness.ts';

interface AuditPage {
  total: number;
  items: {
    kind: string;
    at: string;
    actorName: string | null;
    subjectId: string | null;
    changes: string[];
  }[];
}

describe.each(databaseKinds)('the audit trail filtered and exported on %s', (kind) => {
  let h: Harness;
  let admin: Client;
  let adminId: string;
  let personId: string;

  beforeAll(async () => {
    h = await startHarness(kind);
    // 00:30 on 29 November in China is still 28 November in UTC: the filters count China dates.
    h.clock.advance(new Date('2026-11-28T16:30:00Z').getTime() - h.clock.now().getTime());
    admin = await signIn(h, 'admin');
    adminId = (await admin.get('/api/v1/me')).json<{ personId: string }>().personId;
    const people = (await admin.get('/api/v1/people?q=张伟')).json<{ items: { id: string }[] }>();
    personId = people.items[0]!.id;
    expect((await admin.send('PATCH', `/api/v1/people/${personId}`, { post: '执法队长' })).statusCode).toBe(
      200,
    );
  });
  afterAll(() => h.close());

  const list = async (query: string) => (await admin.get(`/api/v1/audit-events?${query}`)).json<AuditPage>();

  it('filters by event kind, actor and subject', async () => {
    const all = await list('pageSize=200');
    const byKind = await list('kind=org.person_updated&pageSize=200');
    expect(byKind.total).toBeGreaterThan(0);
    expect(byKind.total).toBeLessThan(all.total);
    expect(new Set(byKind.items.map((e) => e.kind))).toEqual(new Set(['org.person_updated']));

    const byActor = await list(`actorId=${adminId}&pageSize=200`);
    expect(byActor.total).toBeGreaterThan(0);
    expect(new Set(byActor.items.map((e) => e.actorName))).toEqual(new Set(['周敏']));

    const bySubject = await list(`subjectType=person&subjectId=${personId}`);
    expect(bySubject.items[0]).toMatchObject({
      kind: 'org.person_updated',
      subjectId: personId,
      changes: ['post'],
    });
    expect(bySubject.items.every((e) => e.subjectId === personId)).toBe(true);
  });

  it('counts the date range in China dates, both ends included', async () => {
    const onThe29th = await list(
      `kind=org.person_updated&subjectId=${personId}&from=2026-11-29&to=2026-11-29`,
    );
    expect(onThe29th.total).toBe(1);
    expect(onThe29th.items[0]!.at).toBe('2026-11-28T16:30:00.000Z');
    const upToThe28th = await list(`kind=org.person_updated&subjectId=${personId}&to=2026-11-28`);
    expect(upToThe28th.total).toBe(0);
  });

  it('refuses an impossible date or a reversed range, naming the field', async () => {
    const bad = await admin.get('/api/v1/audit-events?from=2026-13-45');
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toContain(
      'querystring.from',
    );
    const reversed = await admin.get('/api/v1/audit-events/export.xlsx?from=2026-11-29&to=2026-11-01');
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json()).toMatchObject({
      errors: [{ path: 'querystring.to', message: '结束日期不能早于开始日期' }],
    });
  });

  it('exports the filtered list as Excel with Chinese headers, kinds and field names', async () => {
    const res = await admin.get(
      `/api/v1/audit-events/export.xlsx?kind=org.person_updated&subjectId=${personId}`,
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX_TYPE);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('审计日志.xlsx'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('审计日志')!;
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      '序号',
      '时间（北京时间）',
      '事件',
      '操作人',
      '途径',
      'IP 地址',
      '对象',
      '对象名称或编号',
      '变更字段',
      '记录日志序号',
    ]);
    const filtered = await list(`kind=org.person_updated&subjectId=${personId}`);
    expect(sheet.rowCount).toBe(1 + filtered.total);
    const row = sheet.getRow(2);
    expect(row.getCell(2).value).toBe('2026-11-29 00:30:00');
    expect(row.getCell(3).value).toBe('修改人员');
    expect(row.getCell(4).value).toBe('周敏');
    expect(row.getCell(5).value).toBe('网页');
    expect(row.getCell(7).value).toBe('人员');
    expect(row.getCell(9).value).toBe('职务');
  });

  it('shows a case by its case number', async () => {
    const cases = (await admin.get('/api/v1/audit-events?subjectType=case&pageSize=1')).json<{
      items: { subjectName: string | null }[];
    }>();
    expect(cases.items[0]?.subjectName).toMatch(/〔\d{4}〕\d+号$/);
  });

  it('lets only those who may read the trail export it', async () => {
    const officer = await signIn(h, 'zhangwei');
    expect((await officer.get('/api/v1/audit-events/export.xlsx')).statusCode).toBe(403);
  });
});
