import type { Transaction } from 'kysely';
import { type AgencyScope, inScope, type OwnAgency } from '../platform/db/agency-scope.ts';
import type { Db } from '../platform/db/database.ts';
import type { DB, NewRow, Row } from '../platform/db/schema.ts';
import { defaultCatalogue, type Catalogue } from './catalogue.rules.ts';

/** The review catalogue's versions (catalogue.service.ts): their SQL, scoped to the agency. */

type Reader = Db | Transaction<DB>;

/** The approved version in force on a day (latest effective date, then highest version), else the default. */
export async function catalogueInForce(
  db: Reader,
  own: OwnAgency,
  on: string,
): Promise<{ id: string | null; catalogue: Catalogue }> {
  const row = await db
    .selectFrom('review_catalogues')
    .selectAll()
    .where('agency_id', '=', own.agencyId)
    .where('approved_on', 'is not', null)
    .where('effective_from', '<=', on)
    .orderBy('effective_from', 'desc')
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row
    ? { id: row.id, catalogue: { rules: row.rules, period: row.period } }
    : { id: null, catalogue: defaultCatalogue };
}

/** Every version of the agency's catalogue, in order. */
export async function catalogueVersions(db: Reader, scope: AgencyScope): Promise<Row<'review_catalogues'>[]> {
  return db
    .selectFrom('review_catalogues')
    .selectAll()
    .where(inScope('agency_id', scope))
    .orderBy('version')
    .execute();
}

/** The highest version number of the agency's catalogue (0 when it has none). */
export async function lastCatalogueVersion(trx: Reader, own: OwnAgency): Promise<number> {
  const last = await trx
    .selectFrom('review_catalogues')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('agency_id', '=', own.agencyId)
    .executeTakeFirst();
  return Number(last?.v ?? 0);
}

export async function insertCatalogue(
  trx: Reader,
  own: OwnAgency,
  values: Omit<NewRow<'review_catalogues'>, 'agency_id'>,
): Promise<Row<'review_catalogues'>> {
  return trx
    .insertInto('review_catalogues')
    .values({ ...values, agency_id: own.agencyId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** One version of the agency's catalogue, locked. */
export async function lockCatalogue(
  trx: Reader,
  own: OwnAgency,
  id: string,
): Promise<Row<'review_catalogues'> | undefined> {
  return trx
    .selectFrom('review_catalogues')
    .selectAll()
    .where('id', '=', id)
    .where('agency_id', '=', own.agencyId)
    .forUpdate()
    .executeTakeFirst();
}

export async function recordCatalogueApproval(
  trx: Reader,
  own: OwnAgency,
  id: string,
  approval: Pick<
    NewRow<'review_catalogues'>,
    | 'approved_by_body'
    | 'approval_reference'
    | 'approved_on'
    | 'approval_recorded_by'
    | 'approval_recorded_at'
  >,
): Promise<Row<'review_catalogues'>> {
  return trx
    .updateTable('review_catalogues')
    .set(approval)
    .where('id', '=', id)
    .where('agency_id', '=', own.agencyId)
    .returningAll()
    .executeTakeFirstOrThrow();
}
