import type { CommandDeps } from '../platform/audit/command.ts';
import type { Principal } from '../platform/auth/principal.ts';
import { inScope } from '../platform/db/agency-scope.ts';
import { listScopeOf } from './cases.queries.ts';
import { partyTypeOf } from './party.rules.ts';
import type { DecidedPenalty } from './sanction-statistics.rules.ts';

/**
 * The penalty decisions of a period (决定日期 from … to, China dates) that the principal may read: the
 * agency's own, or for a supervisor those of the agencies below (or one of them). With each its outcome,
 * its sanctions and its first party's type (as the catalogue and the hearing right classify it).
 */
export async function decidedPenalties(
  deps: CommandDeps,
  principal: Principal,
  query: { from: string; to: string; agencyId?: string },
): Promise<DecidedPenalty[]> {
  const scope = listScopeOf(principal, query.agencyId);
  if (scope.agencyIds.length === 0) return [];
  const rows = await deps.db
    .selectFrom('cases as c')
    .where(inScope('c.agency_id', scope))
    .where('c.decided_on', '>=', query.from)
    .where('c.decided_on', '<=', query.to)
    .where('c.decision_outcome', 'in', ['penalty', 'warning', 'no_penalty'])
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('case_parties as p')
          .select(['p.party_type', 'p.credit_code'])
          .whereRef('p.case_id', '=', 'c.id')
          .whereRef('p.agency_id', '=', 'c.agency_id')
          .orderBy('p.created_at')
          .orderBy('p.id')
          .limit(1)
          .as('fp'),
      (join) => join.onTrue(),
    )
    .select(['c.decision_outcome', 'c.sanctions', 'fp.party_type', 'fp.credit_code'])
    .orderBy('c.decided_on')
    .execute();
  return rows.map((r) => ({
    outcome: r.decision_outcome ?? 'penalty',
    sanctions: r.sanctions,
    partyType: partyTypeOf(r.party_type ?? 'organisation', r.credit_code ?? null),
  }));
}
