import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import { readableAgencies, type Rule } from '../auth/policy.ts';
import type { Principal } from '../auth/principal.ts';

/**
 * The agencies a statement may touch (issue 11, DESIGN.md principle 4). Every store function on a business
 * table (one with `agency_id`: business-tables.ts) takes a scope and every statement filters by it, so a
 * query cannot forget its agency: `agency-scope.guard.ts` fails any statement that does not constrain
 * `agency_id`, and it is on in every test run.
 *
 * - `OwnAgency` — the principal's agency. Every write takes one (writes never reach beyond it).
 * - `AgencyScope` — an own agency or, for a supervisor reading, the agencies below it as well.
 *
 * The few lookups that cannot know the agency before they run (a sign-in by username, a session by its
 * token, a public verification code, the instance-wide verify) are named `…Unscoped` and mark their
 * statements with `unscoped` (a test keeps the mark inside functions so named).
 */
export interface AgencyScope {
  readonly agencyIds: readonly string[];
}

export interface OwnAgency extends AgencyScope {
  readonly agencyId: string;
}

/** One agency: the principal's own, or the agency a command acts for. */
export const ownAgency = (agencyId: string): OwnAgency => ({ agencyId, agencyIds: [agencyId] });

/** The principal's own agency (every write). */
export const ownScopeOf = (principal: Pick<Principal, 'agencyId'>): OwnAgency =>
  ownAgency(principal.agencyId);

/** The agencies the principal may read under the rule: its own and, for supervisors, those below. */
export const readScopeOf = (principal: Principal, rule: Rule): AgencyScope => ({
  agencyIds: readableAgencies(principal, rule),
});

/**
 * The agencies a principal reaches under a rule (policy.ts `reaches`): its own and, for a supervisor
 * reading, those below — whether or not it holds the rule's role there. A row is looked up by id in this
 * scope before `authorize`, so a row outside the reach stays NOT_FOUND and one inside it without the role
 * FORBIDDEN.
 */
export function reachScopeOf(principal: Principal, rule: Rule): AgencyScope {
  const below =
    rule.reach === 'supervised' && !rule.writes && principal.roles.has('supervisor')
      ? [...principal.supervisedAgencyIds]
      : [];
  return { agencyIds: [principal.agencyId, ...below] };
}

/** A scope of several agencies (a supervisor's, the county platform's). */
export const agenciesScope = (agencyIds: readonly string[]): AgencyScope => ({ agencyIds: [...agencyIds] });

/**
 * `column` within the scope: `= id` for one agency, `in (ids)` for several, `is null` (nothing) for none (a principal
 * who may read no agency under the rule reads nothing).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the condition fits any statement's builder
type AnyBuilder = ExpressionBuilder<any, any>;

export function inScope(column: string, scope: AgencyScope): (eb: AnyBuilder) => Expression<SqlBool> {
  return (eb) => {
    if (scope.agencyIds.length === 1) return eb(column, '=', scope.agencyIds[0]);
    if (scope.agencyIds.length === 0) return eb(column, 'is', null);
    return eb(column, 'in', scope.agencyIds);
  };
}

/** The SQL comment that marks a statement as deliberately unscoped (agency-scope.guard.ts lets it pass). */
export const UNSCOPED_MARK = '/* sanxiang:unscoped */';

/**
 * Marks a statement as unscoped on purpose: `.$call(unscoped)`. Only in store functions named `…Unscoped`
 * (test/conventions/sql-home.test.ts checks).
 */
export function unscoped<QB extends { modifyEnd(modifier: Expression<unknown>): QB }>(qb: QB): QB {
  return qb.modifyEnd(sql.raw(UNSCOPED_MARK));
}
