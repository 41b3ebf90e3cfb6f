import type { Transaction } from 'kysely';
import { type OwnAgency } from '../platform/db/agency-scope.ts';
import type { Db } from '../platform/db/database.ts';
import type { DB, NewRow, Row } from '../platform/db/schema.ts';
import { openStatuses } from './review.rules.ts';

/** Reviewers' SQL (reviewers.service.ts): people of the agency, their qualifications, trainings, workload. */

type Reader = Db | Transaction<DB>;

/** A person of the agency with the kind of their unit. */
export async function personWithUnit(db: Reader, own: OwnAgency, personId: string) {
  return db
    .selectFrom('people')
    .leftJoin('units', (j) =>
      j.onRef('units.id', '=', 'people.unit_id').onRef('units.agency_id', '=', 'people.agency_id'),
    )
    .select(['people.id', 'people.agency_id', 'people.active', 'units.kind as unit_kind'])
    .where('people.id', '=', personId)
    .where('people.agency_id', '=', own.agencyId)
    .executeTakeFirst();
}

/** Whether the person holds the reviewer role now. */
export async function holdsReviewerRole(db: Reader, own: OwnAgency, personId: string): Promise<boolean> {
  const grant = await db
    .selectFrom('role_grants')
    .select('id')
    .where('person_id', '=', personId)
    .where('agency_id', '=', own.agencyId)
    .where('role', '=', 'reviewer')
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return grant !== undefined;
}

/** How many reviews the person has concluded. */
export async function completedReviewCount(db: Reader, own: OwnAgency, personId: string): Promise<number> {
  const count = await db
    .selectFrom('reviews')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('reviewer_id', '=', personId)
    .where('agency_id', '=', own.agencyId)
    .where('result', 'is not', null)
    .executeTakeFirstOrThrow();
  return Number(count.n);
}

/** Whether the person holds the legal professional qualification (法律职业资格). */
export async function holdsLegalQualification(
  db: Reader,
  own: OwnAgency,
  personId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('reviewer_qualifications')
    .select('id')
    .where('person_id', '=', personId)
    .where('agency_id', '=', own.agencyId)
    .where('kind', '=', 'legal_professional')
    .executeTakeFirst();
  return row !== undefined;
}

/** Whether the person is one of the agency's. */
export async function isPersonOfAgency(db: Reader, own: OwnAgency, personId: string): Promise<boolean> {
  const p = await db
    .selectFrom('people')
    .select('id')
    .where('id', '=', personId)
    .where('agency_id', '=', own.agencyId)
    .executeTakeFirst();
  return p !== undefined;
}

export async function insertQualification(
  trx: Reader,
  own: OwnAgency,
  values: Omit<NewRow<'reviewer_qualifications'>, 'agency_id'>,
): Promise<Row<'reviewer_qualifications'>> {
  return trx
    .insertInto('reviewer_qualifications')
    .values({ ...values, agency_id: own.agencyId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertTraining(
  trx: Reader,
  own: OwnAgency,
  values: Omit<NewRow<'reviewer_trainings'>, 'agency_id'>,
): Promise<Row<'reviewer_trainings'>> {
  return trx
    .insertInto('reviewer_trainings')
    .values({ ...values, agency_id: own.agencyId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The agency's active people holding the reviewer role, with their unit. */
export async function activeReviewers(db: Reader, own: OwnAgency) {
  return db
    .selectFrom('people')
    .innerJoin('role_grants', (j) =>
      j
        .onRef('role_grants.person_id', '=', 'people.id')
        .onRef('role_grants.agency_id', '=', 'people.agency_id'),
    )
    .leftJoin('units', (j) =>
      j.onRef('units.id', '=', 'people.unit_id').onRef('units.agency_id', '=', 'people.agency_id'),
    )
    .select(['people.id', 'people.name', 'units.name as unit_name', 'units.kind as unit_kind'])
    .where('people.agency_id', '=', own.agencyId)
    .where('people.active', '=', true)
    .where('role_grants.role', '=', 'reviewer')
    .where('role_grants.revoked_at', 'is', null)
    .orderBy('people.name')
    .execute();
}

export async function qualificationsOf(db: Reader, own: OwnAgency, personIds: string[]) {
  return db
    .selectFrom('reviewer_qualifications')
    .selectAll()
    .where('person_id', 'in', personIds)
    .where('agency_id', '=', own.agencyId)
    .execute();
}

export async function trainingsOf(db: Reader, own: OwnAgency, personIds: string[]) {
  return db
    .selectFrom('reviewer_trainings')
    .selectAll()
    .where('person_id', 'in', personIds)
    .where('agency_id', '=', own.agencyId)
    .orderBy('held_on', 'desc')
    .execute();
}

/** Per reviewer: reviews concluded and reviews open. */
export async function reviewWorkloads(db: Reader, own: OwnAgency, personIds: string[]) {
  return db
    .selectFrom('reviews')
    .select((eb) => [
      'reviewer_id',
      eb.fn.count<string>('id').filterWhere('result', 'is not', null).as('done'),
      eb.fn
        .count<string>('id')
        .filterWhere('status', 'in', [...openStatuses])
        .as('open'),
    ])
    .where('reviewer_id', 'in', personIds)
    .where('agency_id', '=', own.agencyId)
    .groupBy('reviewer_id')
    .execute();
}
