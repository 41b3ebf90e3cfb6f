import { sql } from 'kysely';
import type { Reader } from '../../cases/cases.store.ts';
import { inScope, type AgencyScope, type OwnAgency } from '../../platform/db/agency-scope.ts';

/** SQL of the county outbox (push_outbox, upstreams; migrations 0027 and 0028). */

/**
 * Orders a command's first queueing against a pairing of the same agency (pairing.service.ts holds the
 * same key exclusively): either the pairing's snapshot sees the command's writes, or the command sees the
 * pairing's `upstreams` row and queues its own records. Nothing falls between the two.
 */
export async function sharePairingLock(trx: Reader, agencyId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock_shared(hashtextextended(${`${agencyId}/upstream`}, 0))`.execute(trx);
}

export async function holdPairingLock(trx: Reader, agencyId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`${agencyId}/upstream`}, 0))`.execute(trx);
}

/** The agencies of the scope that are paired with a county platform (an `upstreams` row). */
export async function pairedAgencies(db: Reader, scope: AgencyScope): Promise<string[]> {
  if (scope.agencyIds.length === 0) return [];
  const rows = await db
    .selectFrom('upstreams')
    .select('agency_id')
    .distinct()
    .where(inScope('agency_id', scope))
    .execute();
  return rows.map((r) => r.agency_id);
}

/** The content hash of the last row queued for (type, subject) of the agency, if any. */
export async function lastQueuedHash(
  db: Reader,
  own: OwnAgency,
  type: string,
  subjectId: string | null,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('push_outbox')
    .select('content_hash')
    .where(inScope('agency_id', own))
    .where('type', '=', type)
    .where((eb) => (subjectId === null ? eb('subject_id', 'is', null) : eb('subject_id', '=', subjectId)))
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.content_hash;
}

export interface OutboxValues {
  type: string;
  subjectId: string | null;
  content: unknown;
  contentHash: string;
  auditEventId: string | null;
  queuedAt: Date;
}

export async function insertOutboxRow(db: Reader, own: OwnAgency, v: OutboxValues): Promise<number> {
  const row = await db
    .insertInto('push_outbox')
    .values({
      agency_id: own.agencyId,
      type: v.type,
      subject_id: v.subjectId,
      content: JSON.stringify(v.content),
      content_hash: v.contentHash,
      audit_event_id: v.auditEventId,
      queued_at: v.queuedAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}
