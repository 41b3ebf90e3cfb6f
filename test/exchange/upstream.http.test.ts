import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCosignerKey, parseCosignerKey } from '../../src/county/witness/cosigner-key.ts';
import { PUSH_KEY_FILE } from '../../src/exchange/outbox/push-key.ts';
import { parseVerifierKey, generateNoteKeys } from '../../src/platform/record-log/note.ts';
import { newId } from '../../src/platform/ids.ts';
import { databaseKinds } from '../databases.ts';
import { signIn, type Client } from '../harness.ts';
import { caseClients, openPenaltyCase, step, type CaseClients } from '../cases/cases-harness.ts';
import { DOCS_ORIGIN, startDocumentsHarness, type DocumentsHarness } from '../documents/documents-harness.ts';

/**
 * The agency's side of the county push over HTTP (docs/county-push.md "Roles and keys", "Pairing", "The
 * sender"): the push key at /county/push-key, the pairing information and the pairing for the agency's
 * administrator only, the status with the platform's rejections and their Excel export, and the outbox
 * filled by the app's own commands once paired.
 */
const platform = {
  url: 'https://jiandu.example.gov.cn',
  witnessKey: parseCosignerKey(generateCosignerKey('jiandu.example.gov.cn/witness')).verifierKey,
  receiptKey: generateNoteKeys('jiandu.example.gov.cn/receipt').verifierKey,
};

describe.each(databaseKinds)('pairing and push status over HTTP on %s', (kind) => {
  let h: DocumentsHarness;
  let admin: Client;
  let people: CaseClients;
  let bureau: string;
  const db = () => h.database.db.withoutPlugins(); // the test's own reads and the sender's rows it stands for
  const outbox = () =>
    db().selectFrom('push_outbox').selectAll().where('agency_id', '=', bureau).orderBy('id').execute();

  beforeAll(async () => {
    h = await startDocumentsHarness(kind);
    admin = await signIn(h, 'admin');
    people = await caseClients(h);
    bureau = (
      await db()
        .selectFrom('accounts')
        .select('agency_id')
        .where('username', '=', 'admin')
        .executeTakeFirstOrThrow()
    ).agency_id;
  });
  afterAll(() => h.close());

  it('serves the push key, made at first use in DATA_DIR with mode 0600 and named after the log', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/county/push-key' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    const vkey = res.body.trim();
    expect(parseVerifierKey(vkey).name).toBe(`${DOCS_ORIGIN}/push`);
    const file = path.join(h.dataDir, PUSH_KEY_FILE);
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect((await h.app.inject({ method: 'GET', url: '/county/push-key' })).body.trim()).toBe(vkey);
  });

  it('refuses the pairing routes to anyone but the agency’s administrator', async () => {
    for (const client of [people.zhangwei, people.juzhang]) {
      expect((await client.get('/api/v1/upstream/pairing-info')).statusCode).toBe(403);
      expect((await client.get('/api/v1/upstream/status')).statusCode).toBe(403);
      expect((await client.get('/api/v1/upstream/rejections')).statusCode).toBe(403);
      expect((await client.get('/api/v1/upstream/rejections/export.xlsx')).statusCode).toBe(403);
      expect((await client.send('PUT', '/api/v1/upstream', platform)).statusCode).toBe(403);
    }
    const anonymous = await h.app.inject({ method: 'GET', url: '/api/v1/upstream/status' });
    expect(anonymous.statusCode).toBe(401);
    expect(await db().selectFrom('upstreams').select('id').execute()).toEqual([]);
  });

  it('gives the administrator what the platform registers', async () => {
    const res = await admin.get('/api/v1/upstream/pairing-info');
    expect(res.statusCode).toBe(200);
    const pushKey = (await h.app.inject({ method: 'GET', url: '/county/push-key' })).body.trim();
    const info = res.json<{ creditCode: string }>();
    expect(info.creditCode).toMatch(/^[0-9A-Z]{18}$/);
    expect(info).toEqual({
      creditCode: info.creditCode,
      name: '衡阳县市场监督管理局',
      agencyId: bureau,
      baseUrl: null,
      logOrigin: DOCS_ORIGIN,
      logVerifierKeys: [h.verifierKey],
      pushVerifierKey: pushKey,
    });
  });

  it('refuses a pairing with a bad key, naming the field, and writes nothing', async () => {
    const res = await admin.send('PUT', '/api/v1/upstream', {
      ...platform,
      witnessKey: platform.receiptKey,
      url: 'ftp://jiandu.example.gov.cn',
    });
    expect(res.statusCode).toBe(400);
    const body = res.json<{ code: string; errors: { path: string; message: string }[] }>();
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.errors.map((e) => e.path).sort()).toEqual(['body.url', 'body.witnessKey']);
    expect(body.errors.every((e) => /[\u4e00-\u9fff]/.test(e.message))).toBe(true);
    expect(await db().selectFrom('upstreams').select('id').execute()).toEqual([]);
    expect(await outbox()).toEqual([]);
  });

  it('pairs the agency, queueing the snapshot; the status shows it queued', async () => {
    const res = await admin.send('PUT', '/api/v1/upstream', platform);
    expect(res.statusCode, res.body).toBe(200);
    const paired = res.json<{ first: boolean; queued: number; upstream: { url: string } }>();
    expect(paired).toMatchObject({ first: true, upstream: { url: platform.url } });
    expect(paired.queued).toBe((await outbox()).length);
    const status = (await admin.get('/api/v1/upstream/status')).json<Record<string, unknown>>();
    expect(status).toMatchObject({
      agencyId: bureau,
      paired: true,
      queued: paired.queued,
      waiting: 0,
      acknowledgedUpTo: 0,
      rejected: 0,
      lastRejection: null,
      lastDelivery: null,
    });
  });

  it('a case opened and a step taken after pairing queue the case summary', async () => {
    const before = (await outbox()).length;
    const created = await openPenaltyCase(people.zhangwei, people.officers);
    const summaries = async () =>
      (await outbox())
        .slice(before)
        .filter((r) => r.type === 'case_summary' && r.subject_id === created.case.id);
    expect((await summaries()).map((r) => (r.content as { state: string }).state)).toEqual(['lead']);
    await step(people.juzhang, created.case.id, 'file', { on: '2026-11-28' });
    const states = (await summaries()).map((r) => (r.content as { state: string }).state);
    expect(states.at(-1)).not.toBe('lead');
    expect(states).toHaveLength(2);
  });

  it('shows the platform’s rejections with their reasons, and exports them as Excel', async () => {
    // What the sender writes when the platform refuses a record (docs/county-push.md "The sender" step 5).
    await db()
      .updateTable('push_outbox')
      .set({ sequence: 1 })
      .where('agency_id', '=', bureau)
      .where('id', '=', (await outbox())[0]!.id)
      .execute();
    const at = h.clock.now();
    await db()
      .insertInto('push_deliveries')
      .values({
        agency_id: bureau,
        id: newId(),
        first_sequence: 1,
        last_sequence: 1,
        attempted_at: at,
        outcome: 'refused',
        http_status: 403,
        code: 'PUSH_AGENCY_SUSPENDED',
        error: '该机关已被暂停推送：待核实推送公钥',
      })
      .execute();
    await db()
      .insertInto('push_rejections')
      .values({
        agency_id: bureau,
        id: newId(),
        sequence: 1,
        code: 'PUSH_AGENCY_SUSPENDED',
        reason: '该机关已被暂停推送：待核实推送公钥',
        rejected_at: at,
      })
      .execute();
    const status = (await admin.get('/api/v1/upstream/status')).json<Record<string, unknown>>();
    expect(status).toMatchObject({
      waiting: 1,
      rejected: 1,
      lastRejection: { sequence: 1, type: 'agency', code: 'PUSH_AGENCY_SUSPENDED', resolved: false },
      lastDelivery: { outcome: 'refused', httpStatus: 403, error: '该机关已被暂停推送：待核实推送公钥' },
    });
    const list = await admin.get('/api/v1/upstream/rejections');
    expect(list.json<{ items: unknown[] }>().items).toMatchObject([
      { sequence: 1, type: 'agency', subjectId: bureau, reason: '该机关已被暂停推送：待核实推送公钥' },
    ]);
    const xlsx = await admin.get('/api/v1/upstream/rejections/export.xlsx');
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).getCell(5).value).toBe('拒收理由');
    expect(sheet.getRow(2).getCell(2).value).toBe('执法主体');
    expect(sheet.getRow(2).getCell(5).value).toBe('该机关已被暂停推送：待核实推送公钥');
  });
});
