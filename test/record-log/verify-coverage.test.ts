import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/platform/db/database.ts';
import { comparedTables, notCompared } from '../../src/platform/record-log/verify-coverage.ts';
import { databaseKinds, freshDatabase } from '../databases.ts';

/**
 * Issue 11 item 6: `sanxiang verify` covers every table a command writes. Every table of the migrated
 * schema is either compared by verify (verify-coverage.ts builds that list from the checks verify runs) or
 * declared not compared, with its reason; a table in neither is named here.
 */
describe.each(databaseKinds)('what sanxiang verify covers, on %s', (kind) => {
  let database: Database;
  let tables: string[];
  beforeAll(async () => {
    database = await freshDatabase(kind);
    const { rows } = await sql<{ table_name: string }>`
      select table_name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(
      database.db.withoutPlugins(),
    );
    tables = rows.map((r) => r.table_name);
  });
  afterAll(() => database.close());

  it('compares or declares every table of the schema', () => {
    expect(tables.length).toBeGreaterThan(40);
    const neither = tables.filter((t) => !comparedTables.includes(t) && !(t in notCompared));
    expect(neither).toEqual([]);
  });

  it('declares no table it compares, and none the schema does not have', () => {
    expect(Object.keys(notCompared).filter((t) => comparedTables.includes(t))).toEqual([]);
    expect([...comparedTables, ...Object.keys(notCompared)].filter((t) => !tables.includes(t))).toEqual([]);
  });

  it('gives a reason for every table it does not compare', () => {
    for (const [table, reason] of Object.entries(notCompared)) {
      expect(reason.length, table).toBeGreaterThan(20);
    }
  });

  it('compares the append-only tables whose rows are recorded', () => {
    for (const table of [
      'certificate_events',
      'publication_events',
      'power_item_versions',
      'power_review_events',
      'case_events',
      'role_grants',
      'sessions',
    ]) {
      expect(comparedTables).toContain(table);
    }
  });
});
