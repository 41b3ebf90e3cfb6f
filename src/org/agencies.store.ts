import type { Insertable, Updateable } from 'kysely';
import { inScope, type AgencyScope, type OwnAgency } from '../platform/db/agency-scope.ts';
import type { Db } from '../platform/db/database.ts';
import type { DB } from '../platform/db/schema.ts';

/**
 * Agencies and their units (issue 11: the only module that knows their SQL). `agencies` is the tree of
 * scopes itself (no `agency_id`): its reads take the ids the principal may read. Units are scoped.
 */

export const agenciesByIds = (db: Db, ids: readonly string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db.selectFrom('agencies').selectAll().where('id', 'in', ids).orderBy('name').execute();

export const agencyById = (db: Db, id: string) =>
  db.selectFrom('agencies').selectAll().where('id', '=', id).executeTakeFirst();

export const agencyIdByCreditCode = (db: Db, creditCode: string) =>
  db.selectFrom('agencies').select('id').where('credit_code', '=', creditCode).executeTakeFirst();

/** What the workbench shows of the principal's own agency. */
export const agencySummary = (db: Db, id: string) =>
  db
    .selectFrom('agencies')
    .select(['id', 'name', 'short_name as shortName', 'kind'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

export const lockAgency = (db: Db, id: string) =>
  db.selectFrom('agencies').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export const insertAgencyRow = (db: Db, values: Insertable<DB['agencies']>) =>
  db.insertInto('agencies').values(values).returningAll().executeTakeFirstOrThrow();

export const updateAgencyRow = (db: Db, id: string, set: Updateable<DB['agencies']>) =>
  db.updateTable('agencies').set(set).where('id', '=', id).returningAll().executeTakeFirstOrThrow();

export const unitRows = (db: Db, scope: AgencyScope) =>
  db.selectFrom('units').selectAll().where(inScope('agency_id', scope)).orderBy('name').execute();

/** The agency of a unit in scope (undefined: no such unit there). */
export const unitAgency = async (db: Db, scope: AgencyScope, id: string) =>
  (
    await db
      .selectFrom('units')
      .select('agency_id')
      .where('id', '=', id)
      .where(inScope('agency_id', scope))
      .executeTakeFirst()
  )?.agency_id;

/** Whether the unit is one of the agency's. */
export const isUnitOf = async (db: Db, own: OwnAgency, unitId: string) =>
  (await db
    .selectFrom('units')
    .select('id')
    .where('id', '=', unitId)
    .where('agency_id', '=', own.agencyId)
    .executeTakeFirst()) !== undefined;

export const insertUnitRow = (db: Db, own: OwnAgency, values: Omit<Insertable<DB['units']>, 'agency_id'>) =>
  db
    .insertInto('units')
    .values({ ...values, agency_id: own.agencyId })
    .returningAll()
    .executeTakeFirstOrThrow();

/** The unit's row, locked until the command ends. */
export const lockUnit = (db: Db, own: OwnAgency, id: string) =>
  db
    .selectFrom('units')
    .selectAll()
    .where('id', '=', id)
    .where('agency_id', '=', own.agencyId)
    .forUpdate()
    .executeTakeFirstOrThrow();

export const updateUnitRow = (db: Db, own: OwnAgency, id: string, set: Updateable<DB['units']>) =>
  db
    .updateTable('units')
    .set(set)
    .where('id', '=', id)
    .where('agency_id', '=', own.agencyId)
    .returningAll()
    .executeTakeFirstOrThrow();
