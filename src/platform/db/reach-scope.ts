import type { Rule } from '../auth/policy.ts';
import type { Principal } from '../auth/principal.ts';
import { agenciesScope, type AgencyScope } from './agency-scope.ts';

/**
 * The agencies a principal reaches under a rule (policy.ts `reaches`): its own and, for a supervisor
 * reading, those below — whether or not it holds the rule's role there. A row is looked up by id in this
 * scope before `authorize`, so a row outside the reach stays NOT_FOUND and one inside it without the role
 * FORBIDDEN, as before the scope (issue 11).
 */
export function reachScopeOf(principal: Principal, rule: Rule): AgencyScope {
  const below =
    rule.reach === 'supervised' && !rule.writes && principal.roles.has('supervisor')
      ? [...principal.supervisedAgencyIds]
      : [];
  return agenciesScope([principal.agencyId, ...below]);
}
