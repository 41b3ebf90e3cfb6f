import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/demo/load-demo.ts';
import type { Database } from '../../src/platform/db/database.ts';
import { subjectTables } from '../../src/platform/record-log/subject-tables.ts';
import { verifySubjects } from '../../src/platform/record-log/verify-subjects.ts';
import { findUnmaskedPersonalData } from '../../src/publicity/masking.rules.ts';
import { freshDatabase } from '../databases.ts';
import { TestClock } from '../harness.ts';
import { testStagingKey } from '../test-env.ts';

describe('demo publications', () => {
  let database: Database;
  beforeAll(async () => {
    database = await freshDatabase('pglite');
    await loadDemo({ db: database.db, clock: new TestClock(), staging: testStagingKey });
  });
  afterAll(() => database.close());

  it('has at least 200 over the last two years, some withdrawn, some expired, natural persons masked', async () => {
    const rows = await database.db.withoutPlugins().selectFrom('publications').selectAll().execute();
    expect(rows.length).toBeGreaterThanOrEqual(200);
    expect(rows.every((r) => r.decided_on >= '2024-11-28')).toBe(true);
    expect(rows.filter((r) => r.status === 'withdrawn').length).toBeGreaterThanOrEqual(3);
    expect(
      rows.filter((r) => r.status === 'published' && r.period_ends_on! < '2026-11-28').length,
    ).toBeGreaterThan(3);
    const persons = rows.filter((r) => r.party_kind === 'natural_person');
    expect(persons.length).toBeGreaterThan(20);
    for (const r of persons) {
      const record = r.personal_records.naturalPersons?.[0];
      expect(record?.idNumber).toMatch(/^\d{17}[\dX]$/);
      expect(r.document_text).not.toContain(record!.idNumber);
      expect(r.party_name).toMatch(/某某$/);
      // The final guard finds nothing in what is published (浙江 §7).
      expect(findUnmaskedPersonalData(r.document_text, r.personal_records)).toEqual([]);
    }
    const { problems } = await verifySubjects(database.db, subjectTables);
    expect(problems.filter((p) => p.table === 'publications')).toEqual([]);
  });
});
