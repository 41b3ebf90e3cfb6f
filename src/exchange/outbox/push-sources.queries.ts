import type { Reader } from '../../cases/cases.store.ts';
import { inScope, type OwnAgency } from '../../platform/db/agency-scope.ts';

/**
 * The few reads of other areas' tables that their views do not give and a push record needs (the review
 * result of a case, the states an inspection passed through, the day a withdrawn decision changed, a
 * certificate's holder), and the subjects of an agency's snapshot (pairing.service.ts).
 */

/** The result of the case's latest review round (null while none is concluded). */
export async function reviewResultOf(db: Reader, own: OwnAgency, caseId: string): Promise<string | null> {
  const row = await db
    .selectFrom('reviews')
    .select('result')
    .where(inScope('agency_id', own))
    .where('case_id', '=', caseId)
    .orderBy('round', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.result ?? null;
}

/** The states the case has been in (its events' `to_state`s). */
export async function statesPassedOf(db: Reader, own: OwnAgency, caseId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('case_events')
    .select('to_state')
    .distinct()
    .where(inScope('agency_id', own))
    .where('case_id', '=', caseId)
    .execute();
  return rows.map((r) => r.to_state);
}

/** A publication's status and the stored day its decision was changed, revoked or found unlawful. */
export async function publicationStateOf(db: Reader, own: OwnAgency, id: string) {
  return db
    .selectFrom('publications')
    .select(['status', 'withdrawal_occurred_on'])
    .where(inScope('agency_id', own))
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function certificateHolderOf(
  db: Reader,
  own: OwnAgency,
  id: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('certificates')
    .select('person_id')
    .where(inScope('agency_id', own))
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.person_id;
}

/** Every case of the agency, oldest first (ids are UUIDv7). */
export async function caseIdsOf(db: Reader, own: OwnAgency): Promise<string[]> {
  const rows = await db
    .selectFrom('cases')
    .select('id')
    .where(inScope('agency_id', own))
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

/** The agency's publications the public has been shown: published, ended or withdrawn. */
export async function shownPublicationIdsOf(db: Reader, own: OwnAgency): Promise<string[]> {
  const rows = await db
    .selectFrom('publications')
    .select('id')
    .where(inScope('agency_id', own))
    .where('status', 'in', ['published', 'ended', 'withdrawn'])
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

export async function personIdsOf(db: Reader, own: OwnAgency): Promise<string[]> {
  const rows = await db
    .selectFrom('people')
    .select('id')
    .where(inScope('agency_id', own))
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}
