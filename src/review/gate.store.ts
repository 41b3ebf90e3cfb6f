import type { Transaction } from 'kysely';
import { inScope, type AgencyScope, type OwnAgency } from '../platform/db/agency-scope.ts';
import type { Db } from '../platform/db/database.ts';
import type { DB, NewRow, Row } from '../platform/db/schema.ts';

/**
 * The gate's SQL (gate.service.ts): a case's latest review, the case-table facts the catalogue classifies
 * (its first party, whether a hearing was held) and the refusals recorded. The case-table reads live here
 * until the cases store offers them (issue 11: "a case's first party" belongs to the cases store).
 */

type Reader = Db | Transaction<DB>;

/** The latest round of review of a case. */
export async function latestReview(
  db: Reader,
  scope: AgencyScope,
  caseId: string,
): Promise<Row<'reviews'> | undefined> {
  return db
    .selectFrom('reviews')
    .selectAll()
    .where('case_id', '=', caseId)
    .where(inScope('agency_id', scope))
    .orderBy('round', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** A case's first party: the cases area's one home of it (issue 11). */
export { firstPartyOf as firstPartyOfCase } from '../cases/case-parties.store.ts';

/** Whether the case has had its hearing (行政处罚法 §58 (二)). */
export async function hearingHeldInCase(db: Reader, scope: AgencyScope, caseId: string): Promise<boolean> {
  const event = await db
    .selectFrom('case_events')
    .select('id')
    .where('case_id', '=', caseId)
    .where(inScope('agency_id', scope))
    .where('step', '=', 'hold_hearing')
    .executeTakeFirst();
  return event !== undefined;
}

/** Writes one refused attempt to decide. */
export async function insertRefusal(
  trx: Reader,
  own: OwnAgency,
  values: Omit<NewRow<'review_refusals'>, 'agency_id'>,
): Promise<Row<'review_refusals'>> {
  return trx
    .insertInto('review_refusals')
    .values({ ...values, agency_id: own.agencyId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** How many refused attempts the case has had. */
export async function countRefusals(db: Reader, scope: AgencyScope, caseId: string): Promise<number> {
  const count = await db
    .selectFrom('review_refusals')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('case_id', '=', caseId)
    .where(inScope('agency_id', scope))
    .executeTakeFirstOrThrow();
  return Number(count.n);
}
