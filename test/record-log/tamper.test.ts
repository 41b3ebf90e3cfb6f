import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken, revokeToken } from '../../src/org/tokens.service.ts';
import { newId } from '../../src/platform/ids.ts';
import { SALT_SIZE, sealEvent } from '../../src/platform/record-log/entry.ts';
import { integrate } from '../../src/platform/record-log/integrator.ts';
import { stagingKeyOf, type StagingKey } from '../../src/platform/record-log/staging-key.ts';
import { verifyRecordLog } from '../../src/platform/record-log/verify.service.ts';
import { databaseKinds } from '../databases.ts';
import { signIn } from '../harness.ts';
import { testStagingKey } from '../test-env.ts';
import { startLogHarness, type LogHarness } from './log-harness.ts';

/**
 * Issue 10 item 6 (security sweep M1–M3): each tampering a database owner can make by SQL, with the
 * triggers off where they refuse it, and `sanxiang verify` naming the table and the row. Last, the
 * forged event that hashes to its own pending entry: without the staging key it has no valid MAC, so
 * the integrator refuses it, records the refusal, and verify names both the refusal and the row the
 * forgery was covering.
 */
describe.each(databaseKinds)('tampering that sanxiang verify sees, on %s', (kind) => {
  let h: LogHarness;
  const db = () => h.database.db.withoutPlugins(); // tampering, outside the app's scope rule

  const report = () =>
    verifyRecordLog(db(), { verifiers: [h.verifier], origin: h.origin, staging: testStagingKey });
  /** Verify names `table` and `id`, in Chinese; after `undo` it passes again. */
  const expectNamed = async (table: string, id: string, undo: () => Promise<unknown>) => {
    const { problems } = await report();
    const named = problems.find((p) => p.table === table && p.id === id);
    expect(named, JSON.stringify(problems.slice(0, 3))).toBeDefined();
    expect(named!.message).toMatch(/[\u4e00-\u9fff]/);
    await undo();
    expect((await report()).problems).toEqual([]);
  };
  /** Runs statements with the table's triggers off, as a database owner could. */
  const withoutTriggers = async (table: string, statement: string) => {
    await sql.raw(`alter table ${table} disable trigger user`).execute(db());
    try {
      await sql.raw(statement).execute(db());
    } finally {
      await sql.raw(`alter table ${table} enable trigger user`).execute(db());
    }
  };
  const one = async <T>(query: string): Promise<T> => (await sql.raw<T>(query).execute(db())).rows[0]!;
  const accountOf = (username: string) =>
    one<{ id: string; person_id: string; password_hash: string; agency_id: string }>(
      `select id, person_id, password_hash, agency_id from accounts where username = '${username}'`,
    );

  beforeAll(async () => {
    h = await startLogHarness(kind);
    await signIn(h, 'admin'); // enrols TOTP: the account's secret is recorded as a digest
    const deps = { db: db(), clock: h.clock, staging: testStagingKey };
    const kept = await createToken(deps, {
      username: 'admin',
      name: '上级平台',
      scopes: ['read'],
      expiresAt: null,
    });
    const gone = await createToken(deps, {
      username: 'zhangwei',
      name: '旧接口',
      scopes: ['read'],
      expiresAt: null,
    });
    await revokeToken(deps, gone.id);
    expect(kept.id).not.toBe(gone.id);
    await h.integrate();
  });
  afterAll(() => h.close());

  it('passes on an untouched database', async () => {
    const untouched = await report();
    expect(untouched.problems).toEqual([]);
    expect(untouched.subjects).toBeGreaterThan(100);
  });

  it('names a role granted by SQL, changed or inserted', async () => {
    const grant = await one<{ id: string; role: string }>(
      `select g.id, g.role from role_grants g join accounts a on a.person_id = g.person_id
       where a.username = 'zhangwei' and g.revoked_at is null order by g.id limit 1`,
    );
    await sql`update role_grants set role = 'administrator' where id = ${grant.id}`.execute(db());
    await expectNamed('role_grants', grant.id, () =>
      sql`update role_grants set role = ${grant.role} where id = ${grant.id}`.execute(db()),
    );
    const officer = await accountOf('zhangwei');
    const id = newId();
    await sql`insert into role_grants (id, agency_id, person_id, role, granted_at)
      values (${id}, ${officer.agency_id}, ${officer.person_id}, 'administrator', now())`.execute(db());
    await expectNamed('role_grants', id, () => sql`delete from role_grants where id = ${id}`.execute(db()));
  });

  it('names a session inserted by SQL (a sign-in nobody made), and one moved to another account', async () => {
    const officer = await accountOf('zhangwei');
    const id = newId();
    await sql`insert into sessions (id, agency_id, account_id, token_hash, csrf_token, stage, expires_at)
      values (${id}, ${officer.agency_id}, ${officer.id}, ${randomBytes(16).toString('hex')}, 'csrf', 'full',
        now() + interval '1 day')`.execute(db());
    await expectNamed('sessions', id, () => sql`delete from sessions where id = ${id}`.execute(db()));
    const session = await one<{ id: string; account_id: string }>(
      `select id, account_id from sessions order by id limit 1`,
    );
    await sql`update sessions set account_id = ${officer.id} where id = ${session.id}`.execute(db());
    await expectNamed('sessions', session.id, () =>
      sql`update sessions set account_id = ${session.account_id} where id = ${session.id}`.execute(db()),
    );
  });

  it('names a power list review event changed with the triggers off, or inserted', async () => {
    const event = await one<{ id: string; note: string; agency_id: string; version_id: string }>(
      // a submission: its review record carries the note (a list loaded as published records the version only)
      `select id, note, agency_id, version_id from power_review_events where action = 'submitted'
       order by id limit 1`,
    );
    await withoutTriggers(
      'power_review_events',
      `update power_review_events set note = '篡改' where id = '${event.id}'`,
    );
    await expectNamed('power_review_events', event.id, () =>
      withoutTriggers(
        'power_review_events',
        `update power_review_events set note = '${event.note}' where id = '${event.id}'`,
      ),
    );
    const id = newId();
    await sql`insert into power_review_events (id, agency_id, version_id, action, note, at)
      values (${id}, ${event.agency_id}, ${event.version_id}, 'rejected', '', now())`.execute(db());
    await expectNamed('power_review_events', id, () =>
      withoutTriggers('power_review_events', `delete from power_review_events where id = '${id}'`),
    );
  });

  it('names an account whose password hash or TOTP secret was replaced', async () => {
    const officer = await accountOf('zhangwei');
    await sql`update accounts set password_hash = '$argon2id$v=19$m=19456,t=2,p=1$Zm9yZ2Vk$Zm9yZ2VkZm9yZ2Vk'
      where id = ${officer.id}`.execute(db());
    await expectNamed('accounts', officer.id, () =>
      sql`update accounts set password_hash = ${officer.password_hash} where id = ${officer.id}`.execute(
        db(),
      ),
    );
    await sql`update accounts set totp_secret = 'JBSWY3DPEHPK3PXP', totp_enabled = true where id = ${officer.id}`.execute(
      db(),
    );
    await expectNamed('accounts', officer.id, () =>
      sql`update accounts set totp_secret = null, totp_enabled = false where id = ${officer.id}`.execute(
        db(),
      ),
    );
    const admin = await accountOf('admin');
    const { totp_secret } = await one<{ totp_secret: string }>(
      `select totp_secret from accounts where id = '${admin.id}'`,
    );
    await sql`update accounts set totp_secret = 'JBSWY3DPEHPK3PXP' where id = ${admin.id}`.execute(db());
    await expectNamed('accounts', admin.id, () =>
      sql`update accounts set totp_secret = ${totp_secret} where id = ${admin.id}`.execute(db()),
    );
  });

  it('names an account disabled or enabled by SQL', async () => {
    const admin = await accountOf('admin');
    await sql`update accounts set disabled = true where id = ${admin.id}`.execute(db());
    await expectNamed('accounts', admin.id, () =>
      sql`update accounts set disabled = false where id = ${admin.id}`.execute(db()),
    );
  });

  it('names an API token inserted by SQL, and a revoked one brought back', async () => {
    const admin = await accountOf('admin');
    const id = newId();
    await sql`insert into api_tokens (id, agency_id, account_id, name, token_hash, scopes)
      values (${id}, ${admin.agency_id}, ${admin.id}, '后门', ${'f'.repeat(64)}, '["read","write"]')`.execute(
      db(),
    );
    await expectNamed('api_tokens', id, () => sql`delete from api_tokens where id = ${id}`.execute(db()));
    const revoked = await one<{ id: string; revoked_at: Date }>(
      `select id, revoked_at from api_tokens where revoked_at is not null limit 1`,
    );
    await sql`update api_tokens set revoked_at = null where id = ${revoked.id}`.execute(db());
    await expectNamed('api_tokens', revoked.id, () =>
      sql`update api_tokens set revoked_at = ${revoked.revoked_at} where id = ${revoked.id}`.execute(db()),
    );
  });

  it('names history rows changed with the triggers off: certificate events, publication events, power list versions', async () => {
    const cert = await one<{ id: string; reason: string }>(
      `select id, reason from certificate_events order by id limit 1`,
    );
    await withoutTriggers(
      'certificate_events',
      `update certificate_events set reason = '篡改' where id = '${cert.id}'`,
    );
    await expectNamed('certificate_events', cert.id, () =>
      withoutTriggers(
        'certificate_events',
        `update certificate_events set reason = '${cert.reason}' where id = '${cert.id}'`,
      ),
    );
    const pub = await one<{ id: string; note: string }>(
      `select id, note from publication_events order by id limit 1`,
    );
    await withoutTriggers(
      'publication_events',
      `update publication_events set note = '篡改' where id = '${pub.id}'`,
    );
    await expectNamed('publication_events', pub.id, () =>
      withoutTriggers(
        'publication_events',
        `update publication_events set note = '${pub.note}' where id = '${pub.id}'`,
      ),
    );
    const version = await one<{ id: string; benchmarks: string; legal_bases: string }>(
      `select id, benchmarks::text, legal_bases::text from power_item_versions
       where status = 'published' and jsonb_array_length(benchmarks) > 0 order by id limit 1`,
    );
    await withoutTriggers(
      'power_item_versions',
      `update power_item_versions set benchmarks = jsonb_set(benchmarks, '{0,maxFen}', '1') where id = '${version.id}'`,
    );
    await expectNamed('power_item_versions', version.id, () =>
      withoutTriggers(
        'power_item_versions',
        `update power_item_versions set benchmarks = '${version.benchmarks}'::jsonb where id = '${version.id}'`,
      ),
    );
    await withoutTriggers(
      'power_item_versions',
      `update power_item_versions set legal_bases = '[]'::jsonb where id = '${version.id}'`,
    );
    await expectNamed('power_item_versions', version.id, () =>
      withoutTriggers(
        'power_item_versions',
        `update power_item_versions set legal_bases = '${version.legal_bases}'::jsonb where id = '${version.id}'`,
      ),
    );
    const certificate = await one<{ id: string; agency_id: string }>(
      `select id, agency_id from certificates limit 1`,
    );
    const forged = newId();
    await sql`insert into certificate_events (id, agency_id, certificate_id, action, effective_on, reason, changes, at)
      values (${forged}, ${certificate.agency_id}, ${certificate.id}, 'reinstated', '2026-11-01', '伪造', '[]', now())`.execute(
      db(),
    );
    await expectNamed('certificate_events', forged, () =>
      withoutTriggers('certificate_events', `delete from certificate_events where id = '${forged}'`),
    );
  });

  it('refuses a forged event with a matching pending entry, records the refusal, and names it', async () => {
    const person = await one<Record<string, unknown> & { id: string; agency_id: string }>(
      `select * from people where post <> '' order by id limit 1`,
    );
    /** An audit row and its staged entry built as a command builds them, but with `mac` (no key). */
    const forge = async (mac: (id: string, entry: Uint8Array) => Uint8Array | null) => {
      const fields = {
        id: newId(),
        kind: 'org.person_updated',
        time: h.clock.now(),
        agency: person.agency_id,
        actor: null,
        via: 'session' as const,
        ip: null,
        subjectType: 'person',
        subjectId: person.id,
        changes: ['post'],
        fileSha256: null,
      };
      const sealed = sealEvent(fields, { ...person, post: '伪造岗位' }, randomBytes(SALT_SIZE));
      const tag = mac(fields.id, sealed.entry);
      await sql`insert into audit_events (id, kind, at, agency_id, actor_id, via, ip, subject_type, subject_id,
          changes, digest, salt, record, file_sha256)
        values (${fields.id}, ${fields.kind}, ${fields.time}, ${fields.agency}, null, 'session', null, 'person',
          ${person.id}, '["post"]', ${sealed.digests.sha256}, ${Buffer.from(sealed.salt)}, ${sealed.recordJson}, null)`.execute(
        db(),
      );
      await sql`insert into log_entries (event_id, entry, mac)
        values (${fields.id}, ${Buffer.from(sealed.entry)}, ${tag === null ? null : Buffer.from(tag)})`.execute(
        db(),
      );
      return (await one<{ seq: string }>(`select seq from log_entries where event_id = '${fields.id}'`)).seq;
    };
    const otherKey: StagingKey = stagingKeyOf(randomBytes(32));
    const unsigned = await forge(() => null);
    const wrongKey = await forge((id, entry) => otherKey.mac(id, entry));
    await sql`update people set post = '伪造岗位' where id = ${person.id}`.execute(db());

    // Before the integrator runs, verify (holding the key) names both pending entries.
    const before = await report();
    expect(before.problems.filter((p) => p.table === 'log_entries').map((p) => p.id)).toEqual([
      `seq=${unsigned}`,
      `seq=${wrongKey}`,
    ]);

    const run = await integrate(h.integrateDeps);
    expect(run).toMatchObject({ added: 0, refused: 2 });
    await h.integrate(); // the refusals' own events enter the log
    const refusals = await sql<{ id: string; seq: string; reason: string }>`
      select id, seq, reason from log_entry_refusals order by seq`.execute(db());
    expect(refusals.rows.map((r) => [String(r.seq), r.reason])).toEqual([
      [String(unsigned), 'missing_mac'],
      [String(wrongKey), 'invalid_mac'],
    ]);
    const pending = await sql<{ n: number }>`
      select count(*)::int as n from log_entries where seq in (${unsigned}, ${wrongKey}) and log_index is not null`.execute(
      db(),
    );
    expect(pending.rows[0]!.n).toBe(0);
    const events = await sql<{ kind: string; integrated: boolean }>`
      select a.kind, e.log_index is not null as integrated from audit_events a join log_entries e on e.event_id = a.id
      where a.kind = 'record_log.entry_refused'`.execute(db());
    expect(events.rows).toEqual([
      { kind: 'record_log.entry_refused', integrated: true },
      { kind: 'record_log.entry_refused', integrated: true },
    ]);

    // Verify names each refusal, and the row the forgery covered is again a row changed outside a command.
    const after = await report();
    for (const r of refusals.rows) {
      expect(after.problems).toContainEqual(
        expect.objectContaining({ table: 'log_entry_refusals', id: r.id }),
      );
    }
    expect(after.problems).toContainEqual(expect.objectContaining({ table: 'people', id: person.id }));
    expect(after.problems.every((p) => /[\u4e00-\u9fff]/.test(p.message))).toBe(true);
  });
});
