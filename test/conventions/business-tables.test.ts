import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { businessTables } from '../../src/platform/db/business-tables.ts';
import { freshDatabase } from '../databases.ts';

describe('the business tables (issue 11)', () => {
  it('are exactly the tables of the migrated schema with an agency_id column', async () => {
    const database = await freshDatabase('pglite');
    try {
      const { rows } = await sql<{ table_name: string }>`
        select table_name from information_schema.columns
        where table_schema = 'public' and column_name = 'agency_id' order by table_name`.execute(database.db);
      expect([...businessTables].sort()).toEqual(rows.map((r) => r.table_name));
    } finally {
      await database.close();
    }
  });
});
