import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/demo/load-demo.ts';
import type { Database } from '../../src/platform/db/database.ts';
import { backstopFunctions } from '../../src/review/backstops.store.ts';
import { decisionDocuments } from '../../src/review/decision-documents.rules.ts';
import { databaseKinds, freshDatabase } from '../databases.ts';
import { TestClock } from '../harness.ts';
import { testStagingKey } from '../test-env.ts';

/**
 * The database's backstops of the gate are generated from the lists the code uses (issue 11 item 5): a
 * fresh database has exactly what src/review/backstops.store.ts generates now, so a change of the decision
 * document types or of the passing statuses without a migration fails here; and the summary decision of a
 * case marked major is held by the database as the gate holds it.
 */
describe.each(databaseKinds)('the gate backstops on %s', (kind) => {
  let database: Database;
  beforeAll(async () => {
    database = await freshDatabase(kind);
  });
  afterAll(() => database.close());

  it('has the functions the generator gives from the lists now', async () => {
    for (const f of backstopFunctions()) {
      const { rows } = await sql<{
        prosrc: string;
      }>`select prosrc from pg_proc where proname = ${f.name}`.execute(database.db.withoutPlugins());
      expect(
        rows.map((r) => r.prosrc),
        f.name,
      ).toEqual([f.body]);
    }
  });

  it('names every decision document type the gate names', () => {
    const body = backstopFunctions().find((f) => f.name === 'decision_document_needs_review')!.body;
    for (const type of Object.keys(decisionDocuments)) expect(body).toContain(`'${type}'`);
  });

  it('refuses a summary decision document of a case marked major without its review; numbers it otherwise', async () => {
    await loadDemo({ db: database.db, clock: new TestClock(), staging: testStagingKey });
    const kase = await database.db
      .withoutPlugins()
      .selectFrom('cases')
      .select(['id', 'agency_id'])
      .where('decided_on', 'is', null)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('reviews')
              .select('reviews.id')
              .whereRef('reviews.case_id', '=', 'cases.id')
              .where('reviews.status', 'in', ['approved', 'approved_with_changes']),
          ),
        ),
      )
      .limit(1)
      .executeTakeFirstOrThrow();
    const summary = (serial: number) =>
      database.db
        .withoutPlugins()
        .insertInto('issued_documents')
        .values({
          id: randomUUID(),
          agency_id: kase.agency_id,
          subject_type: 'case',
          subject_id: kase.id,
          type: 'summary_penalty_decision',
          year: 2099,
          serial,
          number: `测试〔2099〕${serial}号`,
          template_id: null,
          template_version: 0,
          template_sha256: '0'.repeat(64),
          data: JSON.stringify({}),
          issued_at: new Date(),
          issued_by: null,
        })
        .execute();
    await database.db
      .withoutPlugins()
      .updateTable('cases')
      .set({ major: true })
      .where('id', '=', kase.id)
      .execute();
    await expect(summary(1)).rejects.toThrow(/REVIEW_REQUIRED/);
    await database.db
      .withoutPlugins()
      .updateTable('cases')
      .set({ major: false })
      .where('id', '=', kase.id)
      .execute();
    await summary(2);
    const numbered = await database.db
      .withoutPlugins()
      .selectFrom('issued_documents')
      .select('serial')
      .where('subject_id', '=', kase.id)
      .where('type', '=', 'summary_penalty_decision')
      .execute();
    expect(numbered).toEqual([{ serial: 2 }]);
  });
});
