import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  contentHashOf,
  openReceipt,
  signPush,
  type PushBatch,
  type PushReceipt,
} from '../../src/exchange/push-envelope.ts';
import { parseEntry } from '../../src/platform/record-log/entry.ts';
import { inclusionProofFor } from '../../src/platform/record-log/log.service.ts';
import {
  generateNoteKeys,
  parseSignerKey,
  parseVerifierKey,
  type NoteSigner,
} from '../../src/platform/record-log/note.ts';
import { verifyRecordLog } from '../../src/platform/record-log/verify.service.ts';
import { databaseKinds } from '../databases.ts';
import { signIn, type Client } from '../harness.ts';
import { testStagingKey } from '../test-env.ts';
import { DOCS_ORIGIN, startDocumentsHarness, type DocumentsHarness } from '../documents/documents-harness.ts';

/**
 * The county platform's registry and ingest over HTTP (docs/county-push.md), on a real agency log: the
 * demo's record log, integrated with a throwaway key, is the bureau's log; the platform (the same demo's
 * instance administrator, 监督办) registers the bureau with its log and a push key, witnesses a checkpoint
 * of the log through /witness/add-checkpoint, and the test pushes batches whose records carry real log
 * entries of the bureau with real inclusion proofs from the log's proof code, signed with the push key.
 */
const BUREAU = '11430421MB1B23456G';
const OFFICE = '11430421MB1A123455';
const UNREGISTERED = '11430421MB1C34567U';
const PUSH_NAME = 'hyx.example.gov.cn/push';

/** A batch as the test builds it, before signing: any record content (the ingest judges it). */
interface LooseRecord {
  sequence: number;
  type: string;
  contentHash: string;
  logIndex: number;
  content: Record<string, unknown>;
}
type LooseBatch = Omit<PushBatch, 'records'> & { records: LooseRecord[] };

interface Problem {
  code: string;
  status: number;
  detail?: string;
  expected?: number;
  errors?: { path: string; message: string }[];
}

describe.each(databaseKinds)('the county platform receives pushes, on %s', (kind) => {
  let h: DocumentsHarness;
  let admin: Client;
  let bureauId: string;
  let officeId: string;
  let countyAgencyId: string;
  let receiptKey: string;
  let witnessedNote: string;
  let witnessedSize: number;
  const pushKeys = generateNoteKeys(PUSH_NAME);
  const pushSigner = parseSignerKey(pushKeys.signerKey);
  let units: { id: string; agencyId: string; name: string; kind: string; active: boolean }[];
  /** Log indexes (in the witnessed tree) of the bureau's entries, and of the office's. */
  let bureauIndexes: number[];
  let officeIndexes: number[];

  const db = () => h.database.db.withoutPlugins(); // the test's own look across the platform's tables
  const push = (payload: unknown) =>
    h.app.inject({
      method: 'POST',
      url: '/county/push',
      headers: { 'content-type': 'application/json' },
      payload: payload as object,
    });
  const count = async (table: 'county_records' | 'county_batches' | 'county_push_rejections') =>
    Number(
      (
        await db()
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  /** The unit record of the sequence (the bureau's units in turn) with its entry and inclusion proof. */
  async function recordAt(sequence: number, options: { index?: number; size?: number } = {}) {
    const unit = units[(sequence - 1) % units.length]!;
    const index = options.index ?? bureauIndexes[(sequence - 1) % bureauIndexes.length]!;
    const proven = await inclusionProofFor(h.database.db, index, options.size ?? witnessedSize);
    return {
      record: {
        sequence,
        type: 'unit' as const,
        contentHash: contentHashOf(unit),
        logIndex: index,
        content: unit,
      },
      entry: { sequence, entry: Buffer.from(proven.entry).toString('base64'), inclusion: proven.proof },
    };
  }

  async function envelopeFor(
    first: number,
    last: number,
    options: {
      creditCode?: string;
      signer?: NoteSigner;
      checkpoint?: string;
      size?: number;
      index?: number;
      change?: (batch: LooseBatch) => LooseBatch;
    } = {},
  ) {
    const made = await Promise.all(
      Array.from({ length: last - first + 1 }, (_, i) =>
        recordAt(first + i, {
          ...(options.size ? { size: options.size } : {}),
          ...(options.index !== undefined ? { index: options.index } : {}),
        }),
      ),
    );
    const batch: LooseBatch = {
      format: 'sanxiang-push/v1',
      agencyCreditCode: options.creditCode ?? BUREAU,
      firstSequence: first,
      lastSequence: last,
      records: made.map((m) => m.record),
    };
    const proof = { checkpoint: options.checkpoint ?? witnessedNote, entries: made.map((m) => m.entry) };
    const signed = (options.change ? options.change(batch) : batch) as unknown as PushBatch;
    return signPush(signed, proof, [options.signer ?? pushSigner]);
  }

  const expectProblem = (
    res: { statusCode: number; headers: Record<string, unknown>; json: () => unknown },
    status: number,
    code: string,
  ) => {
    expect(res.statusCode).toBe(status);
    expect(String(res.headers['content-type'])).toMatch(/problem\+json/);
    const body = res.json() as Problem;
    expect(body.code).toBe(code);
    return body;
  };

  beforeAll(async () => {
    h = await startDocumentsHarness(kind);
    admin = await signIn(h, 'jiandu');
    const agencies = await db().selectFrom('agencies').select(['id', 'credit_code']).execute();
    bureauId = agencies.find((a) => a.credit_code === BUREAU)!.id;
    officeId = agencies.find((a) => a.credit_code === OFFICE)!.id;
    units = (
      await db().selectFrom('units').selectAll().where('agency_id', '=', bureauId).orderBy('id').execute()
    ).map((u) => ({ id: u.id, agencyId: u.agency_id, name: u.name, kind: u.kind, active: u.active }));
    expect(units.length).toBeGreaterThan(1);
  });
  afterAll(async () => {
    await h.close();
  });

  it('serves the receipt key, made once in DATA_DIR', async () => {
    const res = await h.app.inject({ url: '/county/receipt-key' });
    expect(res.statusCode).toBe(200);
    // Named after the witness key: sanxiang.invalid/witness/<hex> → sanxiang.invalid/receipt/<hex>.
    const witness = (await h.app.inject({ url: '/witness/key' })).body.split('+')[0]!;
    expect(res.body.split('+')[0]).toBe(witness.replace('/witness/', '/receipt/'));
    expect((await h.app.inject({ url: '/county/receipt-key' })).body).toBe(res.body);
    receiptKey = res.body.trim();
    parseVerifierKey(receiptKey);
  });

  it('registers the bureau, its log with the witness in the same command, on the administrator’s word only', async () => {
    const registration = {
      creditCode: BUREAU,
      name: '衡阳县市场监督管理局',
      remoteAgencyId: bureauId,
      baseUrl: 'https://hyx.example.gov.cn',
      logOrigin: DOCS_ORIGIN,
      logVerifierKeys: [h.verifierKey],
      pushKeys: [{ vkey: pushKeys.verifierKey }],
    };
    const bad = await admin.send('POST', '/api/v1/county/agencies', {
      ...registration,
      creditCode: '11430421MB1B23456X',
      pushKeys: [{ vkey: 'not a key' }],
    });
    const problem = expectProblem(bad, 400, 'VALIDATION_FAILED');
    expect(problem.errors?.map((e) => e.path)).toEqual(
      expect.arrayContaining(['body.creditCode', 'body.pushKeys.0.vkey']),
    );
    const officer = await signIn(h, 'wangzg');
    expectProblem(await officer.send('POST', '/api/v1/county/agencies', registration), 403, 'FORBIDDEN');
    expect(await db().selectFrom('witness_logs').selectAll().execute()).toEqual([]);

    const res = await admin.send('POST', '/api/v1/county/agencies', registration);
    expect(res.statusCode, res.body).toBe(201);
    const agency = res.json<{
      id: string;
      state: string;
      stateLabel: string;
      lastSequence: number | null;
      logVerifierKeys: string[];
    }>();
    expect(agency).toMatchObject({
      state: 'active',
      stateLabel: '正常',
      lastSequence: null,
      logVerifierKeys: [h.verifierKey],
    });
    countyAgencyId = agency.id;
    const log = await db().selectFrom('witness_logs').selectAll().executeTakeFirstOrThrow();
    expect(log.origin).toBe(DOCS_ORIGIN);
    const kinds = await db()
      .selectFrom('audit_events')
      .select(['kind', 'subject_id'])
      .where('kind', 'in', ['witness.log_registered', 'county.agency_registered'])
      .execute();
    expect(kinds.map((k) => k.kind).sort()).toEqual(['county.agency_registered', 'witness.log_registered']);
    expectProblem(await admin.send('POST', '/api/v1/county/agencies', registration), 409, 'DUPLICATE');
  });

  it('witnesses a checkpoint of the bureau’s log', async () => {
    witnessedSize = await h.integrate();
    witnessedNote = (await h.app.inject({ url: '/log/checkpoint' })).body;
    const cosigned = await h.app.inject({
      method: 'POST',
      url: '/witness/add-checkpoint',
      headers: { 'content-type': 'text/plain' },
      payload: `old 0\n\n${witnessedNote}`,
    });
    expect(cosigned.statusCode, cosigned.body).toBe(200);
    const rows = await db()
      .selectFrom('log_entries')
      .select(['log_index', 'entry'])
      .where('log_index', '<', witnessedSize)
      .execute();
    const agencyOf = (r: { entry: Uint8Array }) => parseEntry(r.entry).agency;
    bureauIndexes = rows
      .filter((r) => agencyOf(r) === bureauId)
      .map((r) => r.log_index!)
      .sort((a, b) => a - b);
    officeIndexes = rows
      .filter((r) => agencyOf(r) === officeId)
      .map((r) => r.log_index!)
      .sort((a, b) => a - b);
    expect(bureauIndexes.length).toBeGreaterThan(5);
    expect(officeIndexes.length).toBeGreaterThan(0);
  });

  let firstReceipt: PushReceipt;

  it('accepts a batch and answers with a receipt that verifies under the receipt key', async () => {
    const envelope = await envelopeFor(1, 3);
    const res = await push(envelope);
    expect(res.statusCode, res.body).toBe(200);
    firstReceipt = res.json<PushReceipt>();
    openReceipt(firstReceipt, [parseVerifierKey(receiptKey)], {
      agencyCreditCode: BUREAU,
      firstSequence: 1,
      lastSequence: 3,
      bodySha256: firstReceipt.bodySha256,
    });
    const stored = await db().selectFrom('county_records').selectAll().orderBy('sequence').execute();
    expect(stored.map((r) => [r.sequence, r.type, r.subject_id])).toEqual(
      [1, 2, 3].map((s) => [s, 'unit', units[(s - 1) % units.length]!.id]),
    );
    expect(stored.map((r) => r.content)).toEqual([1, 2, 3].map((s) => units[(s - 1) % units.length]));
    expect(await count('county_batches')).toBe(1);
    expect(
      await db()
        .selectFrom('audit_events')
        .select('kind')
        .where('kind', '=', 'county.batch_received')
        .execute(),
    ).toHaveLength(1);
  });

  it('answers the same batch again with the same stored receipt, storing nothing twice', async () => {
    const again = await push(await envelopeFor(1, 3));
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toEqual(firstReceipt);
    expect(await count('county_records')).toBe(3);
    expect(await count('county_batches')).toBe(1);
    // A part of it, held under that batch: a receipt of its own range, the same at every repeat.
    const part = await push(await envelopeFor(2, 3));
    expect(part.statusCode, part.body).toBe(200);
    expect(part.json<PushReceipt>()).toMatchObject({
      firstSequence: 2,
      lastSequence: 3,
      receivedAt: firstReceipt.receivedAt,
    });
    expect((await push(await envelopeFor(2, 3))).json()).toEqual(part.json());
    expect(await count('county_records')).toBe(3);
  });

  it('applies only the part of an overlapping batch past what it holds, after checking the overlap', async () => {
    const changed = await envelopeFor(2, 5, {
      change: (b) => ({
        ...b,
        records: b.records.map((r) =>
          r.sequence === 3
            ? {
                ...r,
                content: { ...r.content, name: '改名' },
                contentHash: contentHashOf({ ...r.content, name: '改名' }),
              }
            : r,
        ),
      }),
    });
    const refused = expectProblem(await push(changed), 422, 'PUSH_CONTENT_MISMATCH');
    expect(refused.errors?.[0]?.path).toBe('body.batch.records.1.contentHash');
    expect(await count('county_records')).toBe(3);

    const res = await push(await envelopeFor(2, 5));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<PushReceipt>()).toMatchObject({ firstSequence: 2, lastSequence: 5 });
    expect(
      (await db().selectFrom('county_records').select('sequence').orderBy('sequence').execute()).map(
        (r) => r.sequence,
      ),
    ).toEqual([1, 2, 3, 4, 5]);
  });

  it('refuses a gap with 409 and the sequence expected, and writes the refusal down', async () => {
    const body = expectProblem(await push(await envelopeFor(8, 9)), 409, 'PUSH_SEQUENCE_GAP');
    expect(body.expected).toBe(6);
    const rejection = await db()
      .selectFrom('county_push_rejections')
      .selectAll()
      .where('code', '=', 'PUSH_SEQUENCE_GAP')
      .executeTakeFirstOrThrow();
    expect(rejection).toMatchObject({
      county_agency_id: countyAgencyId,
      credit_code: BUREAU,
      first_sequence: 8,
      last_sequence: 9,
    });
  });

  it('refuses a batch not signed by a registered push key, and an unknown agency', async () => {
    const stranger = parseSignerKey(generateNoteKeys(PUSH_NAME).signerKey);
    expectProblem(await push(await envelopeFor(6, 6, { signer: stranger })), 403, 'PUSH_BAD_SIGNATURE');
    // Signed, then a record changed: the note says another batch.
    const tampered = await envelopeFor(6, 6);
    tampered.batch.records[0]!.logIndex = bureauIndexes[1]!;
    expectProblem(await push(tampered), 403, 'PUSH_BAD_SIGNATURE');

    expectProblem(
      await push(await envelopeFor(1, 1, { creditCode: UNREGISTERED })),
      404,
      'PUSH_UNKNOWN_AGENCY',
    );
    const unknown = await db()
      .selectFrom('county_push_rejections')
      .selectAll()
      .where('credit_code', '=', UNREGISTERED)
      .executeTakeFirstOrThrow();
    expect(unknown).toMatchObject({ county_agency_id: null, code: 'PUSH_UNKNOWN_AGENCY' });
    expect(await count('county_records')).toBe(5);
  });

  it('refuses a body that is not a batch (400), recording it when its credit code can be read', async () => {
    const before = await count('county_push_rejections');
    expectProblem(await push({ hello: 'world' }), 400, 'PUSH_BAD_REQUEST');
    const envelope = await envelopeFor(6, 7);
    const skipped = { ...envelope, batch: { ...envelope.batch, records: [envelope.batch.records[1]!] } };
    const body = expectProblem(await push(skipped), 400, 'PUSH_BAD_REQUEST');
    expect(body.errors?.[0]?.path).toBe('body.batch.records');
    expect(await count('county_push_rejections')).toBe(before + 1);
  });

  it('refuses a content whose hash is not its own, or that its type’s schema refuses', async () => {
    const lying = await envelopeFor(6, 6, {
      change: (b) => ({
        ...b,
        records: [{ ...b.records[0]!, content: { ...b.records[0]!.content, name: '另一名称' } }],
      }),
    });
    expectProblem(await push(lying), 422, 'PUSH_CONTENT_MISMATCH');
    const invalid = await envelopeFor(6, 6, {
      change: (b) => {
        const content = { ...b.records[0]!.content, kind: 'nonsense' };
        return {
          ...b,
          records: [{ ...b.records[0]!, content, contentHash: contentHashOf(content) }],
        };
      },
    });
    const body = expectProblem(await push(invalid), 422, 'PUSH_CONTENT_MISMATCH');
    expect(body.errors?.[0]?.path).toBe('body.batch.records.0.content.kind');
  });

  it('refuses proofs against a checkpoint the witness does not hold, and entries of another agency', async () => {
    // The log has grown with the commands above; its new checkpoint is signed but not witnessed.
    const size = await h.integrate();
    expect(size).toBeGreaterThan(witnessedSize);
    const unwitnessed = (await h.app.inject({ url: '/log/checkpoint' })).body;
    const body = expectProblem(
      await push(await envelopeFor(6, 6, { checkpoint: unwitnessed, size })),
      422,
      'PUSH_PROOF_INVALID',
    );
    expect(body.detail).toMatch(/未见证/);
    // A real entry, really in the witnessed tree, but the office's, not the bureau's.
    const foreign = expectProblem(
      await push(await envelopeFor(6, 6, { index: officeIndexes[0]! })),
      422,
      'PUSH_PROOF_INVALID',
    );
    expect(foreign.detail).toMatch(/不属于该备案机关/);
    // A checkpoint not signed by the bureau's log key.
    const forged = witnessedNote.replace(/\n\n\u2014 (\S+) (\S{10})/, '\n\n\u2014 $1 AAAAAAAAAA');
    expectProblem(await push(await envelopeFor(6, 6, { checkpoint: forged })), 422, 'PUSH_PROOF_INVALID');
    const codes = (await db().selectFrom('county_push_rejections').select('code').execute()).map(
      (r) => r.code,
    );
    expect(codes.filter((c) => c === 'PUSH_PROOF_INVALID')).toHaveLength(3);
    expect(await count('county_records')).toBe(5);
  });

  it('refuses every push of a suspended agency with the reason, until it is reinstated', async () => {
    expectProblem(
      await admin.send('POST', `/api/v1/county/agencies/${countyAgencyId}/suspend`, {}),
      400,
      'VALIDATION_FAILED',
    );
    const suspended = await admin.send('POST', `/api/v1/county/agencies/${countyAgencyId}/suspend`, {
      reason: '推送内容待核实',
    });
    expect(suspended.statusCode, suspended.body).toBe(200);
    expect(suspended.json()).toMatchObject({
      state: 'suspended',
      stateLabel: '已暂停',
      suspendedReason: '推送内容待核实',
    });
    const refused = expectProblem(await push(await envelopeFor(6, 7)), 403, 'PUSH_AGENCY_SUSPENDED');
    expect(refused.detail).toContain('推送内容待核实');
    expectProblem(
      await admin.send('POST', `/api/v1/county/agencies/${countyAgencyId}/suspend`, { reason: '再次' }),
      409,
      'CONFLICT',
    );

    const back = await admin.send('POST', `/api/v1/county/agencies/${countyAgencyId}/reinstate`, {});
    expect(back.json()).toMatchObject({ state: 'active', stateLabel: '正常', suspendedReason: null });
    const accepted = await push(await envelopeFor(6, 7));
    expect(accepted.statusCode, accepted.body).toBe(200);
  });

  it('takes pushes under the replaced keys only', async () => {
    const next = generateNoteKeys(PUSH_NAME);
    const replaced = await admin.send('PUT', `/api/v1/county/agencies/${countyAgencyId}/keys`, {
      pushKeys: [{ vkey: next.verifierKey }],
    });
    expect(replaced.statusCode, replaced.body).toBe(200);
    expectProblem(await push(await envelopeFor(8, 8)), 403, 'PUSH_BAD_SIGNATURE');
    const res = await push(await envelopeFor(8, 8, { signer: parseSignerKey(next.signerKey) }));
    expect(res.statusCode, res.body).toBe(200);
  });

  it('lists the agencies with their state and the last sequence received, and shows the events', async () => {
    const list = await admin.get('/api/v1/county/agencies');
    expect(list.statusCode).toBe(200);
    const [item] = list.json<{
      items: { creditCode: string; stateLabel: string; lastSequence: number; lastReceivedAt: string }[];
    }>().items;
    expect(item).toMatchObject({ creditCode: BUREAU, stateLabel: '正常', lastSequence: 8 });
    expect(item!.lastReceivedAt).toMatch(/^\d{4}-/);
    const detail = await admin.get(`/api/v1/county/agencies/${countyAgencyId}`);
    expect(detail.json<{ events: { kindLabel: string; reason: string | null }[] }>().events).toEqual([
      expect.objectContaining({ kindLabel: '暂停推送', reason: '推送内容待核实' }),
      expect.objectContaining({ kindLabel: '恢复推送' }),
      expect.objectContaining({ kindLabel: '更换推送密钥' }),
    ]);
    const officer = await signIn(h, 'wangzg');
    expect((await officer.get('/api/v1/county/agencies')).statusCode).toBe(403);
  });

  it('leaves a log whose platform rows all match their records (sanxiang verify)', async () => {
    await h.integrate();
    const report = await verifyRecordLog(h.database.db, {
      verifiers: [parseVerifierKey(h.verifierKey)],
      origin: DOCS_ORIGIN,
      staging: testStagingKey,
    });
    expect(report.problems).toEqual([]);
  });
});
