import type { Db } from '../../platform/db/database.ts';

/** What the portal reads: public facts only (agencies are public bodies). */
export interface PublicAgency {
  id: string;
  name: string;
  kind: 'enforcement' | 'supervision';
  level: string;
}

export async function publicAgencies(db: Db): Promise<PublicAgency[]> {
  return db
    .selectFrom('agencies')
    .select(['id', 'name', 'kind', 'level'])
    .orderBy('kind')
    .orderBy('name')
    .execute();
}

export async function publicAgency(db: Db, id: string): Promise<PublicAgency | undefined> {
  return db
    .selectFrom('agencies')
    .select(['id', 'name', 'kind', 'level'])
    .where('id', '=', id)
    .executeTakeFirst();
}
