import { isRole, type Role } from '../src/platform/auth/roles.ts';
import type { Principal } from '../src/platform/auth/principal.ts';
import type { Db } from '../src/platform/db/database.ts';

/**
 * A demo person as a signed-in principal, by username, with the roles granted and not revoked: for a test
 * that calls a service directly. The test's own lookup, so it reads past the agency-scope guard.
 */
export async function demoPrincipal(app: Db, username: string): Promise<Principal> {
  const db = app.withoutPlugins();
  const row = await db
    .selectFrom('accounts')
    .innerJoin('people', 'people.id', 'accounts.person_id')
    .select(['accounts.id as account_id', 'people.id', 'people.agency_id', 'people.name'])
    .where('accounts.username', '=', username)
    .executeTakeFirstOrThrow();
  const grants = await db
    .selectFrom('role_grants')
    .select('role')
    .where('person_id', '=', row.id)
    .where('revoked_at', 'is', null)
    .execute();
  return {
    accountId: row.account_id,
    personId: row.id,
    agencyId: row.agency_id,
    username,
    name: row.name,
    roles: new Set<Role>(grants.map((g) => g.role).filter(isRole)),
    supervisedAgencyIds: new Set(),
    via: 'session',
    scopes: null,
    ip: null,
  };
}
