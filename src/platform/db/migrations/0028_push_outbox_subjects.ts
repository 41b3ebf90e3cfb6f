import { sql, type Kysely } from 'kysely';

/**
 * The county outbox's look-up of the last record queued for a (type, subject) of an agency, which every
 * command that changes what the county sees makes before queueing (src/exchange/outbox/outbox.store.ts
 * `lastQueuedHash`): an index, so its cost does not grow with the outbox.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index push_outbox_subject on push_outbox(agency_id, type, subject_id, id desc)`.execute(
    db,
  );
}
