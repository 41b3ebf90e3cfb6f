import type { Db } from '../../platform/db/database.ts';

/**
 * The agencies as the portal lists them (agencies are public bodies; the table has no agency scope).
 * The table is the org area's: read here until the lead consolidates issue 11's stores.
 */

export async function agencyRows(db: Db) {
  return db
    .selectFrom('agencies')
    .select(['id', 'name', 'kind', 'level'])
    .orderBy('kind')
    .orderBy('name')
    .execute();
}

export async function agencyRow(db: Db, id: string) {
  return db
    .selectFrom('agencies')
    .select(['id', 'name', 'kind', 'level'])
    .where('id', '=', id)
    .executeTakeFirst();
}
