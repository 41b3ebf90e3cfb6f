import { sql } from 'kysely';
import type { OwnAgency } from '../platform/db/agency-scope.ts';
import type { Reader } from './cases.store.ts';

/** Whether the agency has a row with this id in the subject's table (a table with `agency_id`). */
export async function subjectRowExists(
  db: Reader,
  scope: OwnAgency,
  table: string,
  id: string,
): Promise<boolean> {
  const found = await sql<{ id: string }>`
    select id from ${sql.table(table)} where id = ${id}::uuid and agency_id = ${scope.agencyId}::uuid`.execute(
    db,
  );
  return found.rows.length > 0;
}
