import type { Transaction } from 'kysely';
import type { OwnAgency } from '../platform/db/agency-scope.ts';
import type { Db } from '../platform/db/database.ts';
import type { DB, Row } from '../platform/db/schema.ts';
import { newId } from '../platform/ids.ts';

/** Retention policies' SQL (retention.service.ts): one row per agency. */

type Reader = Db | Transaction<DB>;

export async function retentionPolicyRow(
  db: Reader,
  own: OwnAgency,
): Promise<Row<'retention_policies'> | undefined> {
  return db
    .selectFrom('retention_policies')
    .selectAll()
    .where('agency_id', '=', own.agencyId)
    .executeTakeFirst();
}

/** Sets the agency's periods (the row is created the first time). */
export async function upsertRetentionPolicy(
  trx: Reader,
  own: OwnAgency,
  periods: unknown,
  now: Date,
): Promise<Row<'retention_policies'>> {
  return trx
    .insertInto('retention_policies')
    .values({ id: newId(), agency_id: own.agencyId, periods: JSON.stringify(periods), updated_at: now })
    .onConflict((oc) =>
      oc.column('agency_id').doUpdateSet((eb) => ({
        periods: eb.ref('excluded.periods'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}
