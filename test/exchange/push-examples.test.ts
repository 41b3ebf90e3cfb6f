import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import canonicalize from 'canonicalize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../src/cases/case-view.ts';
import { pushSchemaPath } from '../../src/exchange/build-push-schemas.ts';
import {
  caseSummaryOf,
  checkpointRecordOf,
  inspectionResultOf,
  officerRecordOf,
  publicationWithdrawalOf,
} from '../../src/exchange/push-records.ts';
import {
  pushRecordTypes,
  pushSchemas,
  type PushRecordType,
  type PushSchemaName,
} from '../../src/exchange/push.schema.ts';
import type { Person } from '../../src/org/org.schema.ts';
import type { PublicationDetail } from '../../src/publicity/publications.schema.ts';
import { integrateAll } from '../../src/platform/record-log/integrator.ts';
import { generateNoteKeys, parseSignerKey } from '../../src/platform/record-log/note.ts';
import { testStagingKey } from '../test-env.ts';
import { signIn, startHarness, type Client, type Harness } from '../harness.ts';

/**
 * A real record of each push type, built from the demo on a fresh database through the same HTTP views
 * the workbench reads, is valid under its committed JSON Schema (schemas/push/v1, Ajv's draft 2020-12
 * validator) — and so is a batch of all of them.
 */
const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats.default(ajv);
ajv.addFormat('base64', /^[A-Za-z0-9+/]*={0,2}$/);
const validator = (name: PushSchemaName) =>
  ajv.compile(JSON.parse(fs.readFileSync(pushSchemaPath(name), 'utf8')) as object);

describe('push records of the demo against schemas/push/v1', () => {
  let h: Harness;
  let admin: Client;
  const examples = new Map<PushRecordType, unknown>();
  beforeAll(async () => {
    h = await startHarness('pglite');
    admin = await signIn(h, 'admin');
    const db = h.database.db.withoutPlugins();
    const json = async <T>(url: string): Promise<T> => {
      const res = await admin.get(url);
      expect(res.statusCode, url).toBe(200);
      return res.json<T>();
    };
    const agencies = await json<{ items: { id: string }[] }>('/api/v1/agencies');
    examples.set('agency', agencies.items[0]);
    const units = await json<{ items: unknown[] }>(`/api/v1/agencies/${agencies.items[0]!.id}/units`);
    examples.set('unit', units.items[0]);
    const people = await json<{ items: Person[] }>('/api/v1/people?pageSize=200');
    examples.set('officer', officerRecordOf(people.items.find((p) => p.certificates.length > 0)!));
    const powers = await json<{ items: unknown[] }>('/api/v1/powers/published');
    examples.set('power_list_version', powers.items[0]);
    const published = await db
      .selectFrom('publications')
      .select('id')
      .where('status', '=', 'published')
      .where('kind', '=', 'penalty')
      .limit(1)
      .executeTakeFirstOrThrow();
    examples.set('publication', await json<PublicationDetail>(`/api/v1/publications/${published.id}`));
    const withdrawn = await db
      .selectFrom('publications')
      .select(['id', 'withdrawal_occurred_on'])
      .where('status', '=', 'withdrawn')
      .limit(1)
      .executeTakeFirstOrThrow();
    examples.set(
      'publication_withdrawal',
      publicationWithdrawalOf(
        await json<PublicationDetail>(`/api/v1/publications/${withdrawn.id}`),
        withdrawn.withdrawal_occurred_on!,
      ),
    );
    const decided = await db
      .selectFrom('cases')
      .select('id')
      .where('action_kind', '=', 'penalty')
      .where('decided_on', 'is not', null)
      .limit(1)
      .executeTakeFirstOrThrow();
    const review = await db
      .selectFrom('reviews')
      .select('result')
      .where('case_id', '=', decided.id)
      .where('result', 'is not', null)
      .limit(1)
      .executeTakeFirst();
    examples.set(
      'case_summary',
      caseSummaryOf(await json<CaseDetail>(`/api/v1/cases/${decided.id}`), review?.result ?? null),
    );
    const inspection = await db
      .selectFrom('cases')
      .select('id')
      .where('kind', '=', 'inspection')
      .limit(1)
      .executeTakeFirstOrThrow();
    const passed = await db
      .selectFrom('case_events')
      .select('to_state')
      .where('case_id', '=', inspection.id)
      .execute();
    examples.set(
      'inspection_result',
      inspectionResultOf(
        await json<CaseDetail>(`/api/v1/cases/${inspection.id}`),
        passed.map((e) => e.to_state),
      ),
    );
    const keys = generateNoteKeys('test.sanxiang.example/log');
    await integrateAll({
      db: h.database.db,
      clock: h.clock,
      signers: [parseSignerKey(keys.signerKey)],
      origin: 'test.sanxiang.example/log',
      staging: testStagingKey,
    });
    const checkpoint = await h.app.inject({ method: 'GET', url: '/log/checkpoint' });
    expect(checkpoint.statusCode).toBe(200);
    examples.set('checkpoint', checkpointRecordOf(checkpoint.body));
  });
  afterAll(() => h.close());

  // The record types; the envelope, its proof and the receipt are checked where the sender makes them
  // (test/exchange/sender.test.ts) and the platform answers (test/county/county-push.http.test.ts).
  it.each(pushRecordTypes)('a demo %s is valid under its schema, as zod reads it', (type) => {
    const raw = examples.get(type);
    expect(raw, type).toBeDefined();
    // What is pushed is the record as its zod schema reads it (extra view fields left out).
    const record = pushSchemas[type].parse(raw);
    const validate = validator(type);
    expect(validate(record) ? [] : validate.errors, type).toEqual([]);
    // The raw view passes too: a field more is additive (docs/exchange.md).
    expect(validate(raw), type).toBe(true);
  });

  it('masks natural persons in a case summary as the portal does (姓＋某某, no identity number)', () => {
    const summary = pushSchemas.case_summary.parse(examples.get('case_summary'));
    const persons = summary.parties.filter((p) => p.type === 'person');
    expect(persons.length).toBeGreaterThan(0);
    for (const p of persons) expect(p.name).toMatch(/^.{1,2}某某$/);
    expect(JSON.stringify(examples.get('case_summary'))).not.toMatch(/\d{17}[\dX]/);
  });

  it('a batch of one record of each type is valid under batch.json; a broken one is not', () => {
    const records = [...examples.entries()].map(([type, raw], i) => {
      const content = pushSchemas[type].parse(raw);
      return {
        sequence: i + 1,
        type,
        contentHash: createHash('sha256').update(canonicalize(content)!).digest('hex'),
        logIndex: i,
        content,
      };
    });
    const batch = {
      format: 'sanxiang-push/v1',
      agencyCreditCode: (examples.get('agency') as { creditCode: string }).creditCode,
      firstSequence: 1,
      lastSequence: records.length,
      records,
    };
    const validate = validator('batch');
    expect(validate(batch) ? [] : validate.errors).toEqual([]);
    expect(pushSchemas.batch.safeParse(batch).success).toBe(true);
    const wrong = { ...batch, records: [{ ...records[0]!, type: 'case_summary' }] };
    expect(validate(wrong)).toBe(false);
    expect(validate({ ...batch, records: [{ ...records[0]!, contentHash: 'x' }] })).toBe(false);
  });
});
