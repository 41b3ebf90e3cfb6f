import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPairingInfo } from '../../src/cli/county.ts';
import { receivePush } from '../../src/county/ingest/ingest.service.ts';
import { lazyReceiptKey } from '../../src/county/registry/receipt-key.ts';
import { listCountyAgencies, registerCountyAgency } from '../../src/county/registry/registry.service.ts';
import { lazyWitnessKey } from '../../src/county/witness/witness-key.ts';
import { addCheckpoint } from '../../src/county/witness/witness.service.ts';
import { contentHashOf, signPush, type PushBatch } from '../../src/exchange/push-envelope.ts';
import { AppError } from '../../src/platform/errors.ts';
import { parseEntry } from '../../src/platform/record-log/entry.ts';
import { inclusionProofFor } from '../../src/platform/record-log/log.service.ts';
import { generateNoteKeys, parseSignerKey, parseVerifierKey } from '../../src/platform/record-log/note.ts';
import { verifyRecordLog } from '../../src/platform/record-log/verify.service.ts';
import { databaseKinds } from '../databases.ts';
import { testStagingKey } from '../test-env.ts';
import { DOCS_ORIGIN, startDocumentsHarness, type DocumentsHarness } from '../documents/documents-harness.ts';

/**
 * The registry and the ingest as services on the database: an agency registered from its pairing-info
 * file as `sanxiang county register-agency` reads it, two deliveries of one batch at once (the agency's
 * row is locked: one stores, both get the same receipt), and `sanxiang verify` naming a received record
 * changed outside a command.
 */
const BUREAU = '11430421MB1B23456G';

describe.each(databaseKinds)('the county ingest on %s', (kind) => {
  let h: DocumentsHarness;
  const pushKeys = generateNoteKeys('hyx.example.gov.cn/push');
  let bureauId: string;
  let note: string;
  let size: number;
  const db = () => h.database.db.withoutPlugins(); // the test's own look at the platform's tables
  const receiptKey = () => lazyReceiptKey({ dataDir: h.dataDir });

  beforeAll(async () => {
    h = await startDocumentsHarness(kind);
    bureauId = (
      await db()
        .selectFrom('agencies')
        .select('id')
        .where('credit_code', '=', BUREAU)
        .executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(async () => {
    await h.close();
  });

  it('registers an agency from its pairing information, refusing a file that is not one', async () => {
    const file = path.join(h.dataDir, 'pairing-info.json');
    const info = {
      creditCode: BUREAU,
      name: '衡阳县市场监督管理局',
      agencyId: bureauId,
      baseUrl: 'https://hyx.example.gov.cn',
      logOrigin: DOCS_ORIGIN,
      logVerifierKeys: [h.verifierKey],
      pushVerifierKey: pushKeys.verifierKey,
    };
    fs.writeFileSync(file, JSON.stringify({ ...info, pushVerifierKey: 'x' }));
    expect(() => readPairingInfo(file)).toThrow(/pushVerifierKey/);
    fs.writeFileSync(file, JSON.stringify(info));
    const agency = await registerCountyAgency(h.deps, 'cli', readPairingInfo(file));
    expect(agency).toMatchObject({ creditCode: BUREAU, remoteAgencyId: bureauId, state: 'active' });
    expect(agency.pushKeys).toEqual([{ vkey: pushKeys.verifierKey }]);
    const events = await db()
      .selectFrom('audit_events')
      .select(['kind', 'via'])
      .where('kind', 'in', ['county.agency_registered', 'witness.log_registered'])
      .execute();
    expect(events).toHaveLength(2);
    expect(events.every((e) => e.via === 'cli')).toBe(true);
    expect((await listCountyAgencies(h.database.db, 'cli')).map((a) => a.creditCode)).toEqual([BUREAU]);

    size = await h.integrate();
    note = (await h.app.inject({ url: '/log/checkpoint' })).body;
    await addCheckpoint(h.deps, lazyWitnessKey({ dataDir: h.dataDir })(), `old 0\n\n${note}`);
  });

  async function envelope(first: number, last: number) {
    const rows = await db()
      .selectFrom('log_entries')
      .select(['log_index', 'entry'])
      .where('log_index', '<', size)
      .execute();
    const indexes = rows.filter((r) => parseEntry(r.entry).agency === bureauId).map((r) => r.log_index!);
    const agencyRow = await db()
      .selectFrom('agencies')
      .selectAll()
      .where('id', '=', bureauId)
      .executeTakeFirstOrThrow();
    const content = {
      id: agencyRow.id,
      name: agencyRow.name,
      shortName: agencyRow.short_name,
      creditCode: agencyRow.credit_code,
      regionCode: agencyRow.region_code,
      level: agencyRow.level,
      kind: agencyRow.kind,
      parentId: agencyRow.parent_id,
    };
    const records = [];
    const entries = [];
    for (let sequence = first; sequence <= last; sequence++) {
      const index = indexes[sequence % indexes.length]!;
      const proven = await inclusionProofFor(h.database.db, index, size);
      records.push({
        sequence,
        type: 'agency' as const,
        contentHash: contentHashOf(content),
        logIndex: index,
        content,
      });
      entries.push({
        sequence,
        entry: Buffer.from(proven.entry).toString('base64'),
        inclusion: proven.proof,
      });
    }
    const batch = {
      format: 'sanxiang-push/v1',
      agencyCreditCode: BUREAU,
      firstSequence: first,
      lastSequence: last,
      records,
    };
    return JSON.stringify(
      signPush(batch as PushBatch, { checkpoint: note, entries }, [parseSignerKey(pushKeys.signerKey)]),
    );
  }

  it('stores a batch delivered twice at once exactly once, and answers both with the same receipt', async () => {
    const body = await envelope(1, 4);
    const [a, b] = await Promise.all([
      receivePush(h.deps, receiptKey(), body),
      receivePush(h.deps, receiptKey(), body),
    ]);
    expect([a.stored, b.stored].sort()).toEqual([false, true]);
    expect(a.receipt).toEqual(b.receipt);
    const stored = await db()
      .selectFrom('county_records')
      .select(['sequence', 'type', 'subject_id'])
      .orderBy('sequence')
      .execute();
    expect(stored).toEqual(
      [1, 2, 3, 4].map((sequence) => ({ sequence, type: 'agency', subject_id: bureauId })),
    );
    expect(await db().selectFrom('county_batches').selectAll().execute()).toHaveLength(1);
  });

  it('refuses the next batch with a gap and records the refusal in a command of its own', async () => {
    const refused = await receivePush(h.deps, receiptKey(), await envelope(6, 6)).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: 'PUSH_SEQUENCE_GAP', extra: { expected: 5 } });
    const rows = await db().selectFrom('county_push_rejections').selectAll().execute();
    expect(rows).toMatchObject([{ code: 'PUSH_SEQUENCE_GAP', credit_code: BUREAU, first_sequence: 6 }]);
    const recorded = await db()
      .selectFrom('audit_events')
      .select(['subject_id', 'via'])
      .where('kind', '=', 'county.push_rejected')
      .execute();
    expect(recorded).toEqual([{ subject_id: rows[0]!.id, via: 'system' }]);
  });

  it('lets sanxiang verify name a received record changed outside a command', async () => {
    await h.integrate();
    const report = () =>
      verifyRecordLog(h.database.db, {
        verifiers: [parseVerifierKey(h.verifierKey)],
        origin: DOCS_ORIGIN,
        staging: testStagingKey,
      });
    expect((await report()).problems).toEqual([]);
    const owner = db(); // tampering as a database owner could, triggers off
    await sql`alter table county_records disable trigger user`.execute(owner);
    await sql`update county_records set content_hash = repeat('0', 64) where sequence = 2`.execute(owner);
    try {
      const problems = (await report()).problems;
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatchObject({
        table: 'county_records',
        message: expect.stringContaining('content_hash') as unknown,
      });
    } finally {
      await sql`update county_records set content_hash = (select content_hash from county_records where sequence = 1) where sequence = 2`.execute(
        owner,
      );
      await sql`alter table county_records enable trigger user`.execute(owner);
    }
    expect((await report()).problems).toEqual([]);
  });
});
