import type { Db } from '../../platform/db/database.ts';
import { agencyRow, agencyRows } from './portal.store.ts';

/** What the portal reads: public facts only (agencies are public bodies). */
export interface PublicAgency {
  id: string;
  name: string;
  kind: 'enforcement' | 'supervision';
  level: string;
}

export async function publicAgencies(db: Db): Promise<PublicAgency[]> {
  return agencyRows(db);
}

export async function publicAgency(db: Db, id: string): Promise<PublicAgency | undefined> {
  return agencyRow(db, id);
}
