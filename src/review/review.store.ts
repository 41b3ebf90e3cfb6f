import type { Transaction, Updateable } from 'kysely';
import { inScope, type AgencyScope, type OwnAgency } from '../platform/db/agency-scope.ts';
import type { Db } from '../platform/db/database.ts';
import type { DB, NewRow, Row } from '../platform/db/schema.ts';

/**
 * The commands of legal review, their SQL (review.service.ts): reviews and what hangs off them (findings,
 * participants, deliberations), each statement within the agency. The two case-table reads (the officers
 * assigned to a case, its lock and state) live here until the cases store offers them.
 */

type Reader = Db | Transaction<DB>;
type ReviewRow = Row<'reviews'>;

/** One review of the agency, locked for the command. */
export async function lockReview(trx: Reader, own: OwnAgency, id: string): Promise<ReviewRow | undefined> {
  return trx
    .selectFrom('reviews')
    .selectAll()
    .where('id', '=', id)
    .where('agency_id', '=', own.agencyId)
    .forUpdate()
    .executeTakeFirst();
}

export async function insertReview(
  trx: Reader,
  own: OwnAgency,
  values: Omit<NewRow<'reviews'>, 'agency_id'>,
): Promise<ReviewRow> {
  return trx
    .insertInto('reviews')
    .values({ ...values, agency_id: own.agencyId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateReview(
  trx: Reader,
  own: OwnAgency,
  id: string,
  set: Updateable<DB['reviews']>,
): Promise<ReviewRow> {
  return trx
    .updateTable('reviews')
    .set(set)
    .where('id', '=', id)
    .where('agency_id', '=', own.agencyId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertParticipant(
  trx: Reader,
  own: OwnAgency,
  values: Omit<NewRow<'review_participants'>, 'agency_id'>,
): Promise<Row<'review_participants'>> {
  return trx
    .insertInto('review_participants')
    .values({ ...values, agency_id: own.agencyId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertFinding(
  trx: Reader,
  own: OwnAgency,
  values: Omit<NewRow<'review_findings'>, 'agency_id'>,
): Promise<Row<'review_findings'>> {
  return trx
    .insertInto('review_findings')
    .values({ ...values, agency_id: own.agencyId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertDeliberation(
  trx: Reader,
  own: OwnAgency,
  values: Omit<NewRow<'review_deliberations'>, 'agency_id'>,
): Promise<Row<'review_deliberations'>> {
  return trx
    .insertInto('review_deliberations')
    .values({ ...values, agency_id: own.agencyId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The officers assigned to a case (cases area's table). */
export async function caseOfficerIds(trx: Reader, scope: AgencyScope, caseId: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('case_officers')
    .select('person_id')
    .where('case_id', '=', caseId)
    .where(inScope('agency_id', scope))
    .execute();
  return rows.map((r) => r.person_id);
}

/** Locks the case row: submissions of one case are taken one at a time. */
export async function lockCaseForReview(trx: Reader, own: OwnAgency, caseId: string): Promise<void> {
  await trx
    .selectFrom('cases')
    .select('id')
    .where('id', '=', caseId)
    .where('agency_id', '=', own.agencyId)
    .forUpdate()
    .execute();
}

/** The state of a case of the agency. */
export async function caseState(trx: Reader, own: OwnAgency, caseId: string): Promise<string> {
  const row = await trx
    .selectFrom('cases')
    .select('state')
    .where('id', '=', caseId)
    .where('agency_id', '=', own.agencyId)
    .executeTakeFirstOrThrow();
  return row.state;
}

/** A case of the agency, whole (the accountability report classifies it as the gate did). */
export async function caseById(db: Reader, scope: AgencyScope, caseId: string): Promise<Row<'cases'>> {
  return db
    .selectFrom('cases')
    .selectAll()
    .where('id', '=', caseId)
    .where(inScope('agency_id', scope))
    .executeTakeFirstOrThrow();
}
