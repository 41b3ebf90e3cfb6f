import type { CommandDeps } from '../platform/audit/command.ts';
import type { Principal } from '../platform/auth/principal.ts';
import { isRole, type Role } from '../platform/auth/roles.ts';

/**
 * The principal of a person of the demo bureau (衡县市监) by name, with the roles granted to them, as a
 * signed-in session would carry it: the demo loaders act through the same service functions as the routes.
 */
export async function principal(deps: CommandDeps, name: string): Promise<Principal> {
  const person = await deps.db
    .selectFrom('people as p')
    .innerJoin('agencies as a', 'a.id', 'p.agency_id')
    .leftJoin('accounts as ac', 'ac.person_id', 'p.id')
    .select(['p.id', 'p.agency_id', 'p.name', 'ac.id as account_id', 'ac.username'])
    .where('a.short_name', '=', '衡县市监')
    .where('p.name', '=', name)
    .executeTakeFirstOrThrow();
  const grants = await deps.db
    .selectFrom('role_grants')
    .select('role')
    .where('person_id', '=', person.id)
    .where('revoked_at', 'is', null)
    .execute();
  return {
    accountId: person.account_id ?? person.id,
    personId: person.id,
    agencyId: person.agency_id,
    username: person.username ?? name,
    name: person.name,
    roles: new Set<Role>(grants.map((g) => g.role).filter(isRole)),
    supervisedAgencyIds: new Set(),
    via: 'session',
    scopes: null,
    ip: null,
  };
}
