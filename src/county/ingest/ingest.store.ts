import type { Insertable } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { DB } from '../../platform/db/schema.ts';

/** What the platform received (migration 0027): batches, records, refusals. Only ever inserted. */

/** The largest sequence held for an agency (0 if none). */
export async function heldLastSequence(db: Db, countyAgencyId: string): Promise<number> {
  const row = await db
    .selectFrom('county_records')
    .select((eb) => eb.fn.max('sequence').as('last'))
    .where('county_agency_id', '=', countyAgencyId)
    .executeTakeFirst();
  return row?.last == null ? 0 : Number(row.last);
}

/** The stored hashes of an agency's records in [first, last]. */
export async function heldHashes(
  db: Db,
  countyAgencyId: string,
  first: number,
  last: number,
): Promise<Map<number, string>> {
  const rows = await db
    .selectFrom('county_records')
    .select(['sequence', 'content_hash'])
    .where('county_agency_id', '=', countyAgencyId)
    .where('sequence', '>=', first)
    .where('sequence', '<=', last)
    .execute();
  return new Map(rows.map((r) => [Number(r.sequence), r.content_hash]));
}

/** A stored batch of exactly this range and body (a repeat gets its receipt). */
export const storedBatch = (
  db: Db,
  countyAgencyId: string,
  first: number,
  last: number,
  bodySha256: string,
) =>
  db
    .selectFrom('county_batches')
    .selectAll()
    .where('county_agency_id', '=', countyAgencyId)
    .where('first_sequence', '=', first)
    .where('last_sequence', '=', last)
    .where('body_sha256', '=', bodySha256)
    .orderBy('received_at')
    .limit(1)
    .executeTakeFirst();

/** When the last of the records in [first, last] arrived. */
export async function heldReceivedAt(db: Db, countyAgencyId: string, first: number, last: number) {
  const row = await db
    .selectFrom('county_records')
    .select((eb) => eb.fn.max('received_at').as('at'))
    .where('county_agency_id', '=', countyAgencyId)
    .where('sequence', '>=', first)
    .where('sequence', '<=', last)
    .executeTakeFirst();
  return row?.at ? new Date(row.at) : null;
}

/** The root the witness holds for the log's checkpoint of this size (base64), if it cosigned one. */
export async function witnessedRoot(db: Db, origin: string, size: number): Promise<string | undefined> {
  const row = await db
    .selectFrom('witness_checkpoints')
    .select('root_hash')
    .where('origin', '=', origin)
    .where('size', '=', size)
    .executeTakeFirst();
  return row?.root_hash;
}

export const insertBatch = (db: Db, values: Insertable<DB['county_batches']>) =>
  db.insertInto('county_batches').values(values).returningAll().executeTakeFirstOrThrow();

export const insertRecords = (db: Db, values: Insertable<DB['county_records']>[]) =>
  db.insertInto('county_records').values(values).returningAll().execute();

export const insertRejection = (db: Db, values: Insertable<DB['county_push_rejections']>) =>
  db.insertInto('county_push_rejections').values(values).returningAll().executeTakeFirstOrThrow();
