import type { CommandDeps } from '../platform/audit/command.ts';
import type { Principal } from '../platform/auth/principal.ts';
import { isRole, type Role } from '../platform/auth/roles.ts';
import { ownAgency } from '../platform/db/agency-scope.ts';
import { agencyIdByShortName, personByName, rolesHeld } from './demo.store.ts';

/**
 * The principal of a person of the demo bureau (衡县市监) by name, with the roles granted to them, as a
 * signed-in session would carry it: the demo loaders act through the same service functions as the routes.
 */
export async function principal(deps: CommandDeps, name: string): Promise<Principal> {
  const own = ownAgency(await agencyIdByShortName(deps.db, '衡县市监'));
  const person = await personByName(deps.db, own, name);
  const roles = await rolesHeld(deps.db, own, person.id);
  return {
    accountId: person.account_id ?? person.id,
    personId: person.id,
    agencyId: person.agency_id,
    username: person.username ?? name,
    name: person.name,
    roles: new Set<Role>(roles.filter(isRole)),
    supervisedAgencyIds: new Set(),
    via: 'session',
    scopes: null,
    ip: null,
  };
}
