import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { AgencyScopeViolation } from '../../src/platform/db/agency-scope.guard.ts';
import { businessTables } from '../../src/platform/db/business-tables.ts';
import { freshDatabase } from '../databases.ts';

describe('the business tables (issue 11)', () => {
  it('are exactly the tables of the migrated schema with an agency_id column', async () => {
    const database = await freshDatabase('pglite');
    try {
      const { rows } = await sql<{ table_name: string }>`
        select table_name from information_schema.columns
        where table_schema = 'public' and column_name = 'agency_id' order by table_name`.execute(
        database.db.withoutPlugins(),
      );
      expect([...businessTables].sort()).toEqual(rows.map((r) => r.table_name));
    } finally {
      await database.close();
    }
  });

  it('are guarded in this test run: a read by id alone fails before it reaches the database', async () => {
    const database = await freshDatabase('pglite');
    try {
      await expect(
        database.db
          .selectFrom('cases')
          .selectAll()
          .where('id', '=', '01900000-0000-7000-8000-000000000001')
          .execute(),
      ).rejects.toThrow(AgencyScopeViolation);
    } finally {
      await database.close();
    }
  });
});
