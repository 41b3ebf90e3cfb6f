import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { integrateAll } from '../../src/platform/record-log/integrator.ts';
import { generateNoteKeys, parseSignerKey } from '../../src/platform/record-log/note.ts';
import { cellText } from '../../src/platform/excel/cells.ts';
import { databaseKinds } from '../databases.ts';
import { signIn, type Client } from '../harness.ts';
import { startRecordsHarness, type RecordsHarness } from './records-harness.ts';
import { testStagingKey } from '../test-env.ts';

interface EvidenceBody {
  id: string;
  sha256: string;
  sm3: string;
}
interface LogEvent {
  kind: string;
  at: string;
  actorName: string | null;
  changes: string[];
  logIndex: number | null;
}

describe.each(databaseKinds)('the evidence list, its Excel export and a file’s log entries on %s', (kind) => {
  let h: RecordsHarness;
  let zhangwei: Client;
  let huanglei: Client;
  let otherAgency: Client;
  let publisher: Client;
  let ids: { zhangwei: string; huanglei: string };
  let files: EvidenceBody[];

  const upload = (client: Client, query: Record<string, string>) =>
    h.app.inject({
      method: 'POST',
      url: `/api/v1/evidence?${new URLSearchParams(query).toString()}`,
      headers: { cookie: client.cookie, 'x-csrf-token': client.csrf, 'content-type': 'image/jpeg' },
      payload: randomBytes(2048),
    });
  const total = async (client: Client, query: string) => {
    const res = await client.get(`/api/v1/evidence?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ total: number }>().total;
  };

  beforeAll(async () => {
    h = await startRecordsHarness(kind);
    zhangwei = await signIn(h, 'zhangwei');
    huanglei = await signIn(h, 'huanglei');
    otherAgency = await signIn(h, 'penghui');
    publisher = await signIn(h, 'zhaoli');
    const person = async (name: string) =>
      (
        await h.database.db
          .withoutPlugins()
          .selectFrom('people')
          .select('id')
          .where('name', '=', name)
          .executeTakeFirstOrThrow()
      ).id;
    ids = { zhangwei: await person('张伟'), huanglei: await person('黄磊') };
    const device = await zhangwei.send('POST', '/api/v1/recorders', { serial: 'DSJ-0101', model: 'DSJ-V9' });
    expect(device.statusCode, device.body).toBe(201);
    const recorderId = device.json<{ id: string }>().id;
    const photo = (subjectId: string, capturedFrom: string, officerIds: string) => ({
      kind: 'photo',
      subjectType: 'case',
      subjectId,
      capturedFrom,
      capturedTo: capturedFrom,
      officerIds,
      recorderId,
      place: '衡县城关镇解放路 12 号',
      filename: `${subjectId}.jpg`,
    });
    files = [];
    for (const [client, query] of [
      [zhangwei, photo('案一', '2026-11-20T09:00:00+08:00', `${ids.zhangwei},${ids.huanglei}`)],
      [huanglei, photo('案一', '2026-11-25T23:30:00+08:00', ids.huanglei)],
      [zhangwei, photo('案二', '2026-11-26T00:10:00+08:00', ids.zhangwei)],
    ] as const) {
      const res = await upload(client, query);
      expect(res.statusCode, res.body).toBe(201);
      files.push(res.json<EvidenceBody>());
    }
  });
  afterAll(() => h.close());

  it('filters by officer and by the China date the file was made, besides subject and kind', async () => {
    expect(await total(zhangwei, '')).toBe(3);
    expect(await total(zhangwei, `officerId=${ids.huanglei}`)).toBe(2);
    expect(await total(zhangwei, `officerId=${ids.zhangwei}`)).toBe(2);
    expect(await total(zhangwei, `officerId=${ids.zhangwei}&subjectType=case&subjectId=案一`)).toBe(1);
    // 23:30 on the 25th in China is 15:30 UTC: it belongs to the 25th, and 00:10 on the 26th to the 26th.
    expect(await total(zhangwei, 'from=2026-11-25&to=2026-11-25')).toBe(1);
    expect(await total(zhangwei, 'from=2026-11-26')).toBe(1);
    expect(await total(zhangwei, 'to=2026-11-25')).toBe(2);
    expect(await total(zhangwei, 'kind=video')).toBe(0);
    // Another agency sees none of them.
    expect(await total(otherAgency, '')).toBe(0);

    const bad = await zhangwei.get('/api/v1/evidence?from=2026-13-01&officerId=nobody');
    expect(bad.statusCode).toBe(400);
    const paths = bad.json<{ errors: { path: string }[] }>().errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['querystring.from', 'querystring.officerId']));
  });

  it('exports the filtered list to Excel with officers by name and both digests', async () => {
    const res = await zhangwei.get(`/api/v1/evidence/export.xlsx?officerId=${ids.huanglei}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('证据文件清单.xlsx'));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('证据文件')!;
    const rows: string[][] = [];
    sheet.eachRow((row) => rows.push((row.values as ExcelJS.CellValue[]).slice(1).map(cellText)));
    expect(rows[0]).toEqual(expect.arrayContaining(['执法对象', '执法人员', 'SHA-256', 'SM3', '保存期限']));
    expect(rows).toHaveLength(3);
    const header = rows[0]!;
    const col = (name: string) => header.indexOf(name);
    const bySha = new Map(rows.slice(1).map((r) => [r[col('SHA-256')], r]));
    const first = bySha.get(files[0]!.sha256)!;
    expect(first[col('执法人员')]).toBe('张伟、黄磊');
    expect(first[col('SM3')]).toBe(files[0]!.sm3);
    expect(first[col('类型')]).toBe('照片');
    expect(first[col('开始时间')]).toBe('2026-11-20 09:00:00');
    expect(first[col('状态')]).toBe('在存');
    expect(first[col('记录设备')]).toBe('DSJ-0101');
    expect(bySha.has(files[2]!.sha256)).toBe(false);

    // The publicity clerk reads no evidence: the list, and so the sheet, holds none of it.
    const none = await publisher.get('/api/v1/evidence/export.xlsx');
    expect(none.statusCode).toBe(200);
    const empty = new ExcelJS.Workbook();
    await empty.xlsx.load(none.rawPayload as unknown as ArrayBuffer);
    expect(empty.getWorksheet('证据文件')!.rowCount).toBe(1);
  });

  it('lists a file’s record-log entries, with their indexes once integrated', async () => {
    const url = `/api/v1/evidence/${files[0]!.id}/log`;
    const pending = (await zhangwei.get(url)).json<{ items: LogEvent[] }>().items;
    expect(pending).toEqual([
      expect.objectContaining({ kind: 'records.evidence_uploaded', actorName: '张伟', logIndex: null }),
    ]);
    const mark = await zhangwei.send('POST', `/api/v1/evidence/${files[0]!.id}/marks`, {
      mark: 'used_as_evidence',
      reason: '作为立案证据',
    });
    expect(mark.statusCode, mark.body).toBe(200);

    const keys = generateNoteKeys('test.sanxiang.example/log');
    await integrateAll({
      db: h.database.db,
      clock: h.clock,
      signers: [parseSignerKey(keys.signerKey)],
      origin: 'test.sanxiang.example/log',
      staging: testStagingKey,
    });
    const items = (await zhangwei.get(url)).json<{ items: LogEvent[] }>().items;
    expect(items.map((e) => e.kind)).toEqual(['records.evidence_uploaded', 'records.evidence_marked']);
    expect(items[1]!.changes).toEqual(['used_as_evidence']);
    expect(items.every((e) => typeof e.logIndex === 'number')).toBe(true);
    expect(items[1]!.logIndex!).toBeGreaterThan(items[0]!.logIndex!);

    expect((await otherAgency.get(url)).statusCode).toBe(404);
    expect((await publisher.get(url)).statusCode).toBe(403);
  });
});
