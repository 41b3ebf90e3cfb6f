import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/demo/load-demo.ts';
import type { Database } from '../../src/platform/db/database.ts';
import { TestClock } from '../harness.ts';
import { freshDatabase } from '../databases.ts';
import { testStagingKey } from '../test-env.ts';

/**
 * Keys scoped by agency (issue 11 item 3, migration 0022): a row of a distributed table points only at
 * rows of its own agency — the foreign key includes `agency_id` on both sides — so the database itself
 * refuses a case's party, event or review that names another agency's case, whatever the code does.
 */
describe('keys scoped by agency', () => {
  let database: Database;
  beforeAll(async () => {
    database = await freshDatabase('pglite');
    await loadDemo({ db: database.db, clock: new TestClock(), staging: testStagingKey });
  });
  afterAll(() => database.close());

  it('keys every distributed table by (agency_id, id)', async () => {
    const { rows } = await sql<{ table: string; key: string }>`
      select c.conrelid::regclass::text as table, pg_get_constraintdef(c.oid) as key
      from pg_constraint c where c.contype = 'p' and c.conrelid::regclass::text in ('cases', 'case_events', 'reviews', 'publications', 'evidence_files', 'issued_documents')
      order by 1`.execute(database.db.withoutPlugins());
    expect(rows.map((r) => r.key)).toEqual(Array(6).fill('PRIMARY KEY (agency_id, id)'));
  });

  it('refuses a party of one agency on another agency’s case', async () => {
    // (parties are never changed once written, so the wrong one is a new row)
    const { rows } = await sql<{ id: string; agency_id: string }>`
      select p.id, p.agency_id from case_parties p where p.agency_id is not null limit 1`.execute(
      database.db,
    );
    const party = rows[0]!;
    const other = await sql<{ id: string }>`
      select id from agencies where id <> ${party.agency_id} limit 1`.execute(database.db.withoutPlugins());
    // the same party copied, with a new id, into the other agency: its case is not that agency's
    await expect(
      sql`insert into case_parties
          select (jsonb_populate_record(null::case_parties,
            to_jsonb(p) || jsonb_build_object('id', gen_random_uuid(), 'agency_id', ${other.rows[0]!.id}::uuid))).*
          from case_parties p where p.id = ${party.id} and p.agency_id = ${party.agency_id}`.execute(
        database.db,
      ),
    ).rejects.toThrow(/case_parties_case_id_fkey/);
  });
});
