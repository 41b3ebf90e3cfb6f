import type { Kysely, Updateable } from 'kysely';
import { inScope, unscoped, type AgencyScope, type OwnAgency } from '../platform/db/agency-scope.ts';
import type { DB, NewRow, Row } from '../platform/db/schema.ts';
import { AppError } from '../platform/errors.ts';
import type { PublicityDeadlineConfig } from './deadlines.rules.ts';

/**
 * Publications (公示) in SQL: the rows, their history and the agency's publicity numbers. Every statement
 * is scoped by the agency (issue 11); the lists are read in publications.queries.ts.
 */

type Reader = Kysely<DB>;

type PublicationRow = Row<'publications'>;

/** The agency's newest publicity settings, if it saved any. */
export async function newestSettings(
  db: Reader,
  scope: OwnAgency,
): Promise<Partial<PublicityDeadlineConfig> | undefined> {
  const row = await db
    .selectFrom('publicity_settings')
    .select('config')
    .where(inScope('agency_id', scope))
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.config;
}

export async function insertSettingsRow(db: Reader, scope: OwnAgency, values: NewRow<'publicity_settings'>) {
  return db
    .insertInto('publicity_settings')
    .values({ ...values, agency_id: scope.agencyId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Whether the unit is one of the agency's. (The table is the org area's: here until the lead consolidates
 * issue 11's stores.)
 */
export async function isAgencyUnit(db: Reader, scope: OwnAgency, unitId: string): Promise<boolean> {
  const unit = await db
    .selectFrom('units')
    .select('id')
    .where('id', '=', unitId)
    .where(inScope('agency_id', scope))
    .executeTakeFirst();
  return unit !== undefined;
}

/** The enforcement field of the agency's case, or null (the cases area's table, read here for now). */
export async function caseField(db: Reader, scope: OwnAgency, caseId: string): Promise<string | null> {
  const kase = await db
    .selectFrom('cases')
    .select('field')
    .where('id', '=', caseId)
    .where(inScope('agency_id', scope))
    .executeTakeFirst();
  return kase?.field ?? null;
}

/** The agency of a publication within the scope; NOT_FOUND outside it. */
export async function publicationAgency(db: Reader, scope: AgencyScope, id: string): Promise<string> {
  const row = await db
    .selectFrom('publications')
    .select('agency_id')
    .where('id', '=', id)
    .where(inScope('agency_id', scope))
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return row.agency_id;
}

/** The publication locked for a command; NOT_FOUND when it is not the agency's. */
export async function lockPublication(db: Reader, scope: OwnAgency, id: string): Promise<PublicationRow> {
  const row = await db
    .selectFrom('publications')
    .selectAll()
    .where('id', '=', id)
    .where(inScope('agency_id', scope))
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

export async function insertPublicationRow(db: Reader, scope: OwnAgency, values: NewRow<'publications'>) {
  return db
    .insertInto('publications')
    .values({ ...values, agency_id: scope.agencyId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updatePublicationRow(
  db: Reader,
  scope: OwnAgency,
  id: string,
  set: Updateable<DB['publications']>,
): Promise<PublicationRow> {
  return db
    .updateTable('publications')
    .set(set)
    .where('id', '=', id)
    .where(inScope('agency_id', scope))
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertPublicationEvent(
  db: Reader,
  scope: OwnAgency,
  values: NewRow<'publication_events'>,
) {
  return db
    .insertInto('publication_events')
    .values({ ...values, agency_id: scope.agencyId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * A publication the public asks to correct, by its id from the portal's page: the public does not say
 * which agency published it, so the row (and with it the agency every later statement is scoped by) is
 * found first.
 */
export async function publicationForCorrectionUnscoped(db: Reader, id: string) {
  return db
    .selectFrom('publications')
    .select(['id', 'agency_id', 'status', 'period_ends_on'])
    .where('id', '=', id)
    .$call(unscoped)
    .executeTakeFirst();
}
