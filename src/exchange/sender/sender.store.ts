import { sql } from 'kysely';
import { inScope, unscoped, type OwnAgency } from '../../platform/db/agency-scope.ts';
import type { Db } from '../../platform/db/database.ts';

/**
 * The sender's SQL (docs/county-push.md "The sender"): the pairing in force, sequences given to committed
 * outbox rows, the rows to send with the log index of their event, and the journal of deliveries,
 * receipts and rejections (migration 0027). Every statement on a business table is in the agency's scope.
 */

export interface Upstream {
  readonly agencyId: string;
  readonly id: string;
  readonly url: string;
  readonly witnessKey: string;
  readonly receiptKey: string;
}

/** The pairing in force of every paired agency of this instance (the newest `upstreams` row of each). */
export async function currentUpstreamsUnscoped(db: Db): Promise<Upstream[]> {
  const rows = await db
    .selectFrom('upstreams')
    .select(['agency_id', 'id', 'url', 'witness_key', 'receipt_key'])
    .distinctOn('agency_id')
    .orderBy('agency_id')
    .orderBy('paired_at', 'desc')
    .orderBy('id', 'desc')
    .$call(unscoped)
    .execute();
  return rows.map((r) => ({
    agencyId: r.agency_id,
    id: r.id,
    url: r.url,
    witnessKey: r.witness_key,
    receiptKey: r.receipt_key,
  }));
}

/** The agency's unified social credit code (agencies are instance-wide, not a business table). */
export async function agencyCreditCode(db: Db, agencyId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('agencies')
    .select('credit_code')
    .where('id', '=', agencyId)
    .executeTakeFirst();
  return row?.credit_code;
}

/** pg_advisory_xact_lock's first key for sequencing an agency's outbox: ASCII "sxps". */
const SEQUENCE_LOCK = 0x73787073;

/**
 * Gives the committed outbox rows without a sequence the next sequences of their agency, in `id` order, in
 * one transaction under the agency's advisory lock (dense, as the integrator gives log indexes: a row still
 * being written is invisible, so it gets the next free sequence later). Returns how many were given.
 */
export async function assignSequences(db: Db, scope: OwnAgency): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${SEQUENCE_LOCK}, hashtext(${scope.agencyId}))`.execute(trx);
    const last = await trx
      .selectFrom('push_outbox')
      .select((eb) => eb.fn.max('sequence').as('last'))
      .where(inScope('agency_id', scope))
      .executeTakeFirst();
    const waiting = await trx
      .selectFrom('push_outbox')
      .select('id')
      .where(inScope('agency_id', scope))
      .where('sequence', 'is', null)
      .orderBy('id')
      .execute();
    if (waiting.length === 0) return 0;
    const first = Number(last?.last ?? 0) + 1;
    const ids = waiting.map((r) => Number(r.id));
    const sequences = ids.map((_, i) => first + i);
    const result = await sql`
      update push_outbox set sequence = v.seq
      from unnest(${ids}::bigint[], ${sequences}::bigint[]) as v(id, seq)
      where push_outbox.agency_id = ${scope.agencyId} and push_outbox.id = v.id
        and push_outbox.sequence is null`.execute(trx);
    if (Number(result.numAffectedRows) !== ids.length)
      throw new Error('push outbox changed under the sender');
    return ids.length;
  });
}

/** An outbox row with a sequence, and the log index of its event (null: not integrated yet, or none). */
export interface OutboxRecord {
  readonly sequence: number;
  readonly type: string;
  readonly content: unknown;
  readonly contentHash: string;
  readonly auditEventId: string | null;
  readonly logIndex: number | null;
}

/** Up to `limit` sequenced rows from `from` on, in sequence order. */
export async function sequencedFrom(
  db: Db,
  scope: OwnAgency,
  from: number,
  limit: number,
): Promise<OutboxRecord[]> {
  const rows = await db
    .selectFrom('push_outbox')
    .leftJoin('log_entries', 'log_entries.event_id', 'push_outbox.audit_event_id')
    .select([
      'push_outbox.sequence',
      'push_outbox.type',
      'push_outbox.content',
      'push_outbox.content_hash',
      'push_outbox.audit_event_id',
      'log_entries.log_index',
    ])
    .where(inScope('push_outbox.agency_id', scope))
    .where('push_outbox.sequence', '>=', from)
    .orderBy('push_outbox.sequence')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    sequence: Number(r.sequence),
    type: r.type,
    content: r.content,
    contentHash: r.content_hash,
    auditEventId: r.audit_event_id,
    logIndex: r.log_index === null ? null : Number(r.log_index),
  }));
}

/** The last sequence acknowledged by a stored receipt (0: none). */
export async function acknowledgedThrough(db: Db, scope: OwnAgency): Promise<number> {
  const row = await db
    .selectFrom('push_receipts')
    .select((eb) => eb.fn.max('last_sequence').as('last'))
    .where(inScope('agency_id', scope))
    .executeTakeFirst();
  return Number(row?.last ?? 0);
}

export interface Delivery {
  readonly id: string;
  readonly firstSequence: number;
  readonly lastSequence: number;
  readonly attemptedAt: Date;
  readonly outcome: 'acknowledged' | 'refused' | 'failed';
  readonly httpStatus: number | null;
  readonly code: string | null;
  readonly error: string | null;
}

/** One attempt to deliver a batch (the sender's journal: not a command, see docs/county-push.md). */
export async function insertDelivery(db: Db, scope: OwnAgency, d: Delivery): Promise<void> {
  await db
    .insertInto('push_deliveries')
    .values({
      agency_id: scope.agencyId,
      id: d.id,
      first_sequence: d.firstSequence,
      last_sequence: d.lastSequence,
      attempted_at: d.attemptedAt,
      outcome: d.outcome,
      http_status: d.httpStatus,
      code: d.code,
      error: d.error === null ? null : d.error.slice(0, 2000),
    })
    .execute();
}

/** A receipt opened with the pinned receipt key; a second copy of the same batch's receipt is ignored. */
export async function insertReceipt(
  db: Db,
  scope: OwnAgency,
  r: { firstSequence: number; lastSequence: number; receipt: unknown; receivedAt: Date },
): Promise<void> {
  await db
    .insertInto('push_receipts')
    .values({
      agency_id: scope.agencyId,
      first_sequence: r.firstSequence,
      last_sequence: r.lastSequence,
      receipt: JSON.stringify(r.receipt),
      received_at: r.receivedAt,
    })
    .onConflict((oc) => oc.columns(['agency_id', 'first_sequence']).doNothing())
    .execute();
}

/** A record the platform refused (written by the `exchange.push_rejected` command). */
export const insertRejection = (
  db: Db,
  scope: OwnAgency,
  r: { id: string; sequence: number; code: string; reason: string; rejected_at: Date },
) =>
  db
    .insertInto('push_rejections')
    .values({ agency_id: scope.agencyId, ...r, reason: r.reason.slice(0, 2000) })
    .returningAll()
    .executeTakeFirstOrThrow();

/** The latest rejection of `sequence`, if any (so one refusal, retried every 5 minutes, is stored once). */
export async function rejectionOf(db: Db, scope: OwnAgency, sequence: number) {
  return db
    .selectFrom('push_rejections')
    .selectAll()
    .where(inScope('agency_id', scope))
    .where('sequence', '=', sequence)
    .orderBy('rejected_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The agency's deliveries, oldest first (tests and status). */
export async function deliveriesOf(db: Db, scope: OwnAgency): Promise<Delivery[]> {
  const rows = await db
    .selectFrom('push_deliveries')
    .selectAll()
    .where(inScope('agency_id', scope))
    .orderBy('attempted_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    firstSequence: Number(r.first_sequence),
    lastSequence: Number(r.last_sequence),
    attemptedAt: r.attempted_at,
    outcome: r.outcome,
    httpStatus: r.http_status,
    code: r.code,
    error: r.error,
  }));
}

/** The agency's stored receipts in sequence order (tests and status). */
export async function receiptsOf(db: Db, scope: OwnAgency) {
  const rows = await db
    .selectFrom('push_receipts')
    .selectAll()
    .where(inScope('agency_id', scope))
    .orderBy('first_sequence')
    .execute();
  return rows.map((r) => ({
    firstSequence: Number(r.first_sequence),
    lastSequence: Number(r.last_sequence),
    receipt: r.receipt,
  }));
}

/**
 * Queues a `checkpoint` record for the agency (docs/county-push.md "The outbox": when a witness's
 * cosignature of a new checkpoint is stored; not a command, as the cosignature itself is not).
 */
export async function insertCheckpointRecord(
  db: Db,
  scope: OwnAgency,
  r: { content: unknown; contentHash: string; queuedAt: Date },
): Promise<void> {
  await db
    .insertInto('push_outbox')
    .values({
      agency_id: scope.agencyId,
      type: 'checkpoint',
      subject_id: null,
      content: JSON.stringify(r.content),
      content_hash: r.contentHash,
      audit_event_id: null,
      queued_at: r.queuedAt,
    })
    .execute();
}
