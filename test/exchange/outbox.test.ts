import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCosignerKey, parseCosignerKey } from '../../src/county/witness/cosigner-key.ts';
import { loadDemo } from '../../src/demo/load-demo.ts';
import { countyOutbox } from '../../src/exchange/outbox/outbox.service.ts';
import { pair, pairUpstream } from '../../src/exchange/upstream/pairing.service.ts';
import { contentHashOf, subjectIdOf } from '../../src/exchange/push-envelope.ts';
import { pushRecords, type PushRecordType } from '../../src/exchange/push.schema.ts';
import { changeCertificateStatus } from '../../src/org/certificates.service.ts';
import { updatePerson } from '../../src/org/people.service.ts';
import { reviewPublication } from '../../src/publicity/publication-review.service.ts';
import { runCommand, systemActor, type CommandDeps } from '../../src/platform/audit/command.ts';
import { isRole, type Role } from '../../src/platform/auth/roles.ts';
import type { Principal } from '../../src/platform/auth/principal.ts';
import type { Database } from '../../src/platform/db/database.ts';
import { generateNoteKeys } from '../../src/platform/record-log/note.ts';
import { databaseKinds, freshDatabase } from '../databases.ts';
import { TestClock } from '../harness.ts';
import { testStagingKey } from '../test-env.ts';

/**
 * The county outbox on a real database with the demo (docs/county-push.md "Pairing", "The outbox"):
 * nothing while not paired; the first pairing queues the whole present state; then each command that
 * changes what the county sees queues its records in its own transaction, and only when they changed.
 */
const platform = {
  url: 'https://jiandu.example.gov.cn',
  witnessKey: parseCosignerKey(generateCosignerKey('jiandu.example.gov.cn/witness')).verifierKey,
  receiptKey: generateNoteKeys('jiandu.example.gov.cn/receipt').verifierKey,
};

describe.each(databaseKinds)('the county outbox on %s', (kind) => {
  let database: Database;
  const clock = new TestClock();
  let deps: CommandDeps;
  let bureau: string;
  let admin: Principal;

  const db = () => database.db.withoutPlugins(); // the test's own reads of the outbox
  const outboxRows = () =>
    db().selectFrom('push_outbox').selectAll().where('agency_id', '=', bureau).orderBy('id').execute();
  const rowsAfter = async (id: number) => (await outboxRows()).filter((r) => Number(r.id) > id);
  const lastId = async () => Number((await outboxRows()).at(-1)?.id ?? 0);

  async function principal(username: string): Promise<Principal> {
    const row = await db()
      .selectFrom('accounts')
      .innerJoin('people', 'people.id', 'accounts.person_id')
      .select(['accounts.id as account_id', 'people.id', 'people.agency_id', 'people.name'])
      .where('accounts.username', '=', username)
      .executeTakeFirstOrThrow();
    const grants = await db()
      .selectFrom('role_grants')
      .select('role')
      .where('person_id', '=', row.id)
      .where('revoked_at', 'is', null)
      .execute();
    return {
      accountId: row.account_id,
      personId: row.id,
      agencyId: row.agency_id,
      username,
      name: row.name,
      roles: new Set<Role>(grants.map((g) => g.role).filter(isRole)),
      supervisedAgencyIds: new Set(),
      via: 'session',
      scopes: null,
      ip: null,
    };
  }

  beforeAll(async () => {
    database = await freshDatabase(kind);
    // The demo is loaded by an instance that is not paired: nothing is queued by it.
    deps = { db: database.db, clock, staging: testStagingKey, outbox: countyOutbox().hook };
    await loadDemo(deps);
    admin = await principal('admin');
    bureau = admin.agencyId;
  });
  afterAll(() => database.close());

  it('queues nothing while the agency is not paired', async () => {
    expect(await outboxRows()).toEqual([]);
    const someone = await db()
      .selectFrom('people')
      .select('id')
      .where('agency_id', '=', bureau)
      .executeTakeFirstOrThrow();
    await updatePerson(deps, admin, someone.id, { post: '未配对时修改的职务' });
    expect(await outboxRows()).toEqual([]);
  });

  it('pairing queues the snapshot of the present state, each record valid, hashed and proven', async () => {
    const result = await pairUpstream(deps, admin, platform);
    expect(result.first).toBe(true);
    const rows = await outboxRows();
    expect(rows.length).toBe(result.queued);
    const event = await db()
      .selectFrom('audit_events')
      .select(['id', 'kind', 'subject_id'])
      .where('agency_id', '=', bureau)
      .where('kind', '=', 'upstream.paired')
      .executeTakeFirstOrThrow();
    expect(event.subject_id).toBe(result.upstream.id);
    for (const r of rows) {
      const type = r.type as PushRecordType;
      expect(pushRecords[type].safeParse(r.content).success, `${type} ${r.subject_id}`).toBe(true);
      expect(r.content_hash).toBe(contentHashOf(r.content));
      expect(r.subject_id).toBe(subjectIdOf(type, r.content as Record<string, unknown>));
      expect(r.audit_event_id).toBe(event.id);
      expect(r.sequence).toBeNull();
    }
    const count = (type: string) => rows.filter((r) => r.type === type).length;
    const inDb = async (table: 'people' | 'units' | 'cases') =>
      Number(
        (
          await db()
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('agency_id', '=', bureau)
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(rows[0]!.type).toBe('agency');
    expect(count('agency')).toBe(1);
    expect(count('unit')).toBe(await inDb('units'));
    expect(count('officer')).toBe(await inDb('people'));
    expect(count('case_summary')).toBe(await inDb('cases'));
    expect(count('power_list_version')).toBeGreaterThan(0);
    expect(count('publication')).toBeGreaterThan(0);
    expect(count('publication_withdrawal')).toBeGreaterThan(0);
    // what the county gets of a person: no phone, account or roles
    const officer = rows.find((r) => r.type === 'officer')!.content as Record<string, unknown>;
    expect(Object.keys(officer).sort()).toEqual(
      ['active', 'agencyId', 'certificates', 'id', 'name', 'post', 'unitId', 'unitName'].sort(),
    );
    // natural persons are masked in case summaries as on the portal
    const parties = rows
      .filter((r) => r.type === 'case_summary')
      .flatMap((r) => (r.content as { parties: { type: string; name: string }[] }).parties);
    for (const p of parties.filter((x) => x.type === 'person')) expect(p.name).toMatch(/某/);
  });

  it('pairing again writes the new pairing and queues nothing more', async () => {
    const before = await lastId();
    const again = await pair(deps, systemActor, bureau, {
      ...platform,
      url: 'https://jiandu2.example.gov.cn/',
    });
    expect(again).toMatchObject({
      first: false,
      queued: 0,
      upstream: { url: 'https://jiandu2.example.gov.cn' },
    });
    expect(await rowsAfter(before)).toEqual([]);
    const pairings = await db()
      .selectFrom('upstreams')
      .select('url')
      .where('agency_id', '=', bureau)
      .execute();
    expect(pairings).toHaveLength(2);
  });

  it('a change of an officer queues the officer record, in the command’s transaction and with its event', async () => {
    const before = await lastId();
    const cert = await db()
      .selectFrom('certificates')
      .select(['id', 'person_id'])
      .where('agency_id', '=', bureau)
      .where('status', '=', 'valid')
      .executeTakeFirstOrThrow();
    await changeCertificateStatus(deps, admin, cert.id, 'suspended', {
      reason: '涉嫌违纪，暂扣执法证',
      effectiveOn: '2026-11-28',
    });
    const rows = await rowsAfter(before);
    expect(rows.map((r) => [r.type, r.subject_id])).toEqual([['officer', cert.person_id]]);
    const content = rows[0]!.content as { certificates: { id: string; status: string }[] };
    expect(content.certificates.find((c) => c.id === cert.id)?.status).toBe('suspended');
    const event = await db()
      .selectFrom('audit_events')
      .select('kind')
      .where('agency_id', '=', bureau)
      .where('id', '=', rows[0]!.audit_event_id!)
      .executeTakeFirstOrThrow();
    expect(event.kind).toBe('org.certificate_suspended');
  });

  it('a record equal to the last one queued for it is not queued again', async () => {
    const person = await db()
      .selectFrom('people')
      .select(['id', 'post'])
      .where('agency_id', '=', bureau)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const before = await lastId();
    // the phone is not in the officer record: the record is the same
    await updatePerson(deps, admin, person.id, { phone: '0734-1234567' });
    expect(await rowsAfter(before)).toEqual([]);
    await updatePerson(deps, admin, person.id, { post: `${person.post}（兼）` });
    expect((await rowsAfter(before)).map((r) => r.type)).toEqual(['officer']);
  });

  it('publishing a publication queues the publication as the portal shows it', async () => {
    const pending = await db()
      .selectFrom('publications')
      .select('id')
      .where('agency_id', '=', bureau)
      .where('status', '=', 'in_review')
      .executeTakeFirstOrThrow();
    const before = await lastId();
    await reviewPublication(deps, await principal('zhaoli'), pending.id, { action: 'approve', note: '' });
    const rows = await rowsAfter(before);
    expect(rows.map((r) => [r.type, r.subject_id])).toEqual([['publication', pending.id]]);
    expect(pushRecords.publication.safeParse(rows[0]!.content).success).toBe(true);
    expect(Object.keys(rows[0]!.content as object)).not.toContain('personalRecords');
  });

  it('a command that rolls back queues nothing; the same command committed has its rows', async () => {
    const person = await db()
      .selectFrom('people')
      .select('id')
      .where('agency_id', '=', bureau)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const before = await lastId();
    const change = (post: string, fail: boolean) =>
      runCommand(deps, systemActor, async (ctx) => {
        const row = await ctx.trx
          .updateTable('people')
          .set({ post })
          .where('agency_id', '=', bureau)
          .where('id', '=', person.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await ctx.record({
          kind: 'org.person_updated',
          agencyId: bureau,
          subjectType: 'person',
          subjectId: person.id,
          record: row,
          changes: ['post'],
        });
        if (fail) throw new Error('the command fails after its writes');
      });
    await expect(change('回滚的职务', true)).rejects.toThrow('the command fails');
    expect(await rowsAfter(before)).toEqual([]);
    await change('提交的职务', false);
    const rows = await rowsAfter(before);
    expect(rows.map((r) => [r.type, r.subject_id, (r.content as { post: string }).post])).toEqual([
      ['officer', person.id, '提交的职务'],
    ]);
  });

  it('queues nothing for another agency of the instance that is not paired', async () => {
    const other = await principal('nyadmin');
    expect(other.agencyId).not.toBe(bureau);
    const person = await db()
      .selectFrom('people')
      .select('id')
      .where('agency_id', '=', other.agencyId)
      .executeTakeFirstOrThrow();
    await updatePerson(deps, other, person.id, { post: '另一机关的职务' });
    const rows = await db()
      .selectFrom('push_outbox')
      .select('id')
      .where('agency_id', '=', other.agencyId)
      .execute();
    expect(rows).toEqual([]);
  });
});
