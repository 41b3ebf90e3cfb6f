import type { Insertable, Updateable } from 'kysely';
import { inScope, unscoped, type AgencyScope, type OwnAgency } from '../platform/db/agency-scope.ts';
import type { Db } from '../platform/db/database.ts';
import type { DB } from '../platform/db/schema.ts';

/**
 * People, their accounts and their role grants (issue 11: the only module that knows their SQL). Reads
 * take the agencies a principal may read; writes the own agency.
 */

/** People with their unit's name and their username (unit and account are of the person's agency). */
export const peopleRows = (db: Db, scope: AgencyScope, ids: readonly string[]) =>
  db
    .selectFrom('people')
    .leftJoin('units', (j) =>
      j.onRef('units.id', '=', 'people.unit_id').onRef('units.agency_id', '=', 'people.agency_id'),
    )
    .leftJoin('accounts', (j) =>
      j.onRef('accounts.person_id', '=', 'people.id').onRef('accounts.agency_id', '=', 'people.agency_id'),
    )
    .selectAll('people')
    .select(['units.name as unit_name', 'accounts.username'])
    .where('people.id', 'in', ids)
    .where(inScope('people.agency_id', scope))
    .execute();

/** The roles the given people hold now. */
export const activeRoleRows = (db: Db, scope: AgencyScope, personIds: readonly string[]) =>
  db
    .selectFrom('role_grants')
    .select(['person_id', 'role'])
    .where('person_id', 'in', personIds)
    .where(inScope('agency_id', scope))
    .where('revoked_at', 'is', null)
    .execute();

export interface PeopleFilters {
  unitId?: string | undefined;
  active?: 'true' | 'false' | undefined;
  q?: string | undefined;
  role?: string | undefined;
}

/** A page of the ids of the people in scope, by name, and how many match. */
export async function listPeopleIds(
  db: Db,
  scope: AgencyScope,
  filters: PeopleFilters,
  paging: { page: number; pageSize: number },
): Promise<{ ids: string[]; total: number }> {
  let q = db.selectFrom('people').where(inScope('people.agency_id', scope));
  if (filters.unitId) q = q.where('people.unit_id', '=', filters.unitId);
  if (filters.active) q = q.where('people.active', '=', filters.active === 'true');
  if (filters.q) {
    const like = `%${filters.q}%`;
    q = q.where((eb) =>
      eb.or([
        eb('people.name', 'like', like),
        eb.exists(
          eb
            .selectFrom('certificates')
            .select('certificates.id')
            .whereRef('certificates.person_id', '=', 'people.id')
            .whereRef('certificates.agency_id', '=', 'people.agency_id')
            .where('certificates.number', 'like', like),
        ),
      ]),
    );
  }
  if (filters.role) {
    const role = filters.role;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('role_grants')
          .select('role_grants.id')
          .whereRef('role_grants.person_id', '=', 'people.id')
          .whereRef('role_grants.agency_id', '=', 'people.agency_id')
          .where('role_grants.role', '=', role)
          .where('role_grants.revoked_at', 'is', null),
      ),
    );
  }
  const { total } = await q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await q
    .select('people.id')
    .orderBy('people.name')
    .orderBy('people.id')
    .limit(paging.pageSize)
    .offset((paging.page - 1) * paging.pageSize)
    .execute();
  return { ids: rows.map((r) => r.id), total: Number(total) };
}

/** The agency of a person in scope (undefined: no such person there). */
export const personAgency = async (db: Db, scope: AgencyScope, id: string) =>
  (
    await db
      .selectFrom('people')
      .select('agency_id')
      .where('id', '=', id)
      .where(inScope('agency_id', scope))
      .executeTakeFirst()
  )?.agency_id;

/** Whether an account has the username: a username is unique in the whole instance (any agency's). */
export const usernameTakenUnscoped = async (db: Db, username: string) =>
  (await db
    .selectFrom('accounts')
    .select('id')
    .where('username', '=', username)
    .$call(unscoped)
    .executeTakeFirst()) !== undefined;

export const insertPersonRow = (
  db: Db,
  own: OwnAgency,
  values: Omit<Insertable<DB['people']>, 'agency_id'>,
) =>
  db
    .insertInto('people')
    .values({ ...values, agency_id: own.agencyId })
    .returningAll()
    .executeTakeFirstOrThrow();

export const insertAccount = (
  db: Db,
  own: OwnAgency,
  values: Omit<Insertable<DB['accounts']>, 'agency_id'>,
) =>
  db
    .insertInto('accounts')
    .values({ ...values, agency_id: own.agencyId })
    .execute();

/** The person's row, locked until the command ends. */
export const lockPerson = (db: Db, own: OwnAgency, id: string) =>
  db
    .selectFrom('people')
    .selectAll()
    .where('id', '=', id)
    .where('agency_id', '=', own.agencyId)
    .forUpdate()
    .executeTakeFirstOrThrow();

export const updatePersonRow = (db: Db, own: OwnAgency, id: string, set: Updateable<DB['people']>) =>
  db
    .updateTable('people')
    .set(set)
    .where('id', '=', id)
    .where('agency_id', '=', own.agencyId)
    .returningAll()
    .executeTakeFirstOrThrow();

/** The roles a person holds now (sign-in's principal); `lock` keeps the grants locked until the command ends. */
export const activeRoles = async (db: Db, own: OwnAgency, personId: string, lock = false) =>
  (
    await db
      .selectFrom('role_grants')
      .select('role')
      .where('person_id', '=', personId)
      .where('agency_id', '=', own.agencyId)
      .where('revoked_at', 'is', null)
      .$if(lock, (q) => q.forUpdate())
      .execute()
  ).map((r) => r.role);

export const insertRoleGrant = (
  db: Db,
  own: OwnAgency,
  values: Omit<Insertable<DB['role_grants']>, 'agency_id'>,
) =>
  db
    .insertInto('role_grants')
    .values({ ...values, agency_id: own.agencyId })
    .execute();

/** Ends the person's grants of the roles. */
export const revokeRoleGrants = (
  db: Db,
  own: OwnAgency,
  personId: string,
  roles: readonly string[],
  at: Date,
  by: string | null,
) =>
  db
    .updateTable('role_grants')
    .set({ revoked_at: at, revoked_by: by })
    .where('person_id', '=', personId)
    .where('agency_id', '=', own.agencyId)
    .where('role', 'in', roles)
    .where('revoked_at', 'is', null)
    .execute();
