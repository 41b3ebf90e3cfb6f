import type { Reader } from '../../cases/cases.store.ts';
import { inScope, type OwnAgency } from '../../platform/db/agency-scope.ts';

/**
 * How an agency's push goes (docs/county-push.md "The sender": `sanxiang upstream status`), from the
 * outbox, the delivery attempts, the receipts and the rejections.
 */

export async function outboxCounts(db: Reader, own: OwnAgency, acknowledgedUpTo: number) {
  const row = await db
    .selectFrom('push_outbox')
    .select((eb) => [
      eb.fn.countAll<number>().as('total'),
      eb.fn.count<number>('id').filterWhere('sequence', 'is', null).as('queued'),
      eb.fn.count<number>('id').filterWhere('sequence', '>', acknowledgedUpTo).as('waiting'),
      eb.fn.max('sequence').as('last_sequence'),
    ])
    .where(inScope('agency_id', own))
    .executeTakeFirstOrThrow();
  return {
    total: Number(row.total),
    queued: Number(row.queued),
    waiting: Number(row.waiting),
    lastSequence: row.last_sequence === null ? null : Number(row.last_sequence),
  };
}

/** The highest sequence the platform's receipts acknowledge (0 before any). */
export async function acknowledgedUpTo(db: Reader, own: OwnAgency): Promise<number> {
  const row = await db
    .selectFrom('push_receipts')
    .select((eb) => eb.fn.max('last_sequence').as('n'))
    .where(inScope('agency_id', own))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function lastDelivery(db: Reader, own: OwnAgency) {
  return db
    .selectFrom('push_deliveries')
    .selectAll()
    .where(inScope('agency_id', own))
    .orderBy('attempted_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function rejectionCount(db: Reader, own: OwnAgency): Promise<number> {
  const row = await db
    .selectFrom('push_rejections')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(inScope('agency_id', own))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The rejections, newest first, each with the record refused (its type and subject). */
export async function rejectionsOf(db: Reader, own: OwnAgency, limit: number) {
  return db
    .selectFrom('push_rejections as r')
    .leftJoin('push_outbox as o', (j) =>
      j.onRef('o.agency_id', '=', 'r.agency_id').onRef('o.sequence', '=', 'r.sequence'),
    )
    .select([
      'r.id',
      'r.sequence',
      'r.code',
      'r.reason',
      'r.rejected_at',
      'o.type',
      'o.subject_id',
      'o.queued_at',
    ])
    .where(inScope('r.agency_id', own))
    .orderBy('r.rejected_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(limit)
    .execute();
}
