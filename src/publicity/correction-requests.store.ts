import type { Kysely, Updateable } from 'kysely';
import { inScope, unscoped, type OwnAgency } from '../platform/db/agency-scope.ts';
import type { DB, NewRow } from '../platform/db/schema.ts';

/** Correction requests (更正申请, 公示规定 §12) in SQL, with the agency's receipt-number series. */

type Reader = Kysely<DB>;

export async function insertCorrectionRow(
  db: Reader,
  scope: OwnAgency,
  values: NewRow<'correction_requests'>,
) {
  return db
    .insertInto('correction_requests')
    .values({ ...values, agency_id: scope.agencyId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * The agency's next serial of the year. The upsert takes the series row's lock: concurrent requests queue
 * here, each gets the next serial, and a request rolled back takes none, so the numbers have no gaps.
 */
export async function nextReceiptSerial(db: Reader, scope: OwnAgency, year: number): Promise<number> {
  const { last } = await db
    .insertInto('correction_number_series')
    .values({ agency_id: scope.agencyId, year, last: 1 })
    .onConflict((oc) =>
      oc
        .columns(['agency_id', 'year'])
        .doUpdateSet((eb) => ({ last: eb('correction_number_series.last', '+', 1) })),
    )
    .returning('last')
    .executeTakeFirstOrThrow();
  return last;
}

/** The agency of a correction request within the principal's own agency, or undefined. */
export async function correctionAgency(
  db: Reader,
  scope: OwnAgency,
  id: string,
): Promise<string | undefined> {
  const found = await db
    .selectFrom('correction_requests')
    .select('agency_id')
    .where('id', '=', id)
    .where(inScope('agency_id', scope))
    .executeTakeFirst();
  return found?.agency_id;
}

export async function lockCorrection(db: Reader, scope: OwnAgency, id: string) {
  return db
    .selectFrom('correction_requests')
    .selectAll()
    .where('id', '=', id)
    .where(inScope('agency_id', scope))
    .forUpdate()
    .executeTakeFirstOrThrow();
}

export async function updateCorrectionRow(
  db: Reader,
  scope: OwnAgency,
  id: string,
  set: Updateable<DB['correction_requests']>,
) {
  return db
    .updateTable('correction_requests')
    .set(set)
    .where('id', '=', id)
    .where(inScope('agency_id', scope))
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * The correction requests of a receipt number at every agency, for the portal's lookup: the requester
 * gives the number and a contact, not the agency (numbers are per agency, so one may match at two).
 */
export async function correctionsByReceiptUnscoped(db: Reader, receiptNumber: string) {
  return db
    .selectFrom('correction_requests as c')
    .innerJoin('publications as p', (j) =>
      j.onRef('p.id', '=', 'c.publication_id').onRef('p.agency_id', '=', 'c.agency_id'),
    )
    .innerJoin('agencies as a', 'a.id', 'c.agency_id')
    .select([
      'c.receipt_number',
      'c.requester_contact',
      'c.received_on',
      'c.due_on',
      'c.status',
      'c.answer',
      'c.corrected',
      'p.document_number',
      'a.name as agency_name',
    ])
    .where('c.receipt_number', '=', receiptNumber)
    .orderBy('a.name')
    .$call(unscoped)
    .execute();
}
