import type { CommandDeps } from '../platform/audit/command.ts';
import { authorize, readableAgencies } from '../platform/auth/policy.ts';
import type { Principal } from '../platform/auth/principal.ts';
import { chinaDate } from '../platform/clock.ts';
import { agenciesScope, ownAgency, type AgencyScope } from '../platform/db/agency-scope.ts';
import { AppError } from '../platform/errors.ts';
import { deadlinesOfCase } from './case-deadlines.store.ts';
import { officersOfCase } from './case-officers.store.ts';
import { partiesOf } from './case-parties.store.ts';
import {
  nextStepsOf,
  toCaseView,
  toDeadline,
  toParty,
  toPartyForOutsider,
  type CaseDetail,
} from './case-view.ts';
import { casesPolicy } from './cases.policy.ts';
import { caseIn, type CaseRow, type Reader } from './cases.store.ts';
import { deliberationReasonsOf } from './deliberation.queries.ts';
import { applicationsOfCase } from './recusal.store.ts';

/** One case as its page shows it: the case, its parties, officers, periods and what can happen next. */

/**
 * The agencies whose cases the principal reaches: its own, and for a supervisor those below. Within the
 * reach `authorize` answers 403 without the role; outside it the case is not found.
 */
export function caseReachOf(principal: Principal): AgencyScope {
  return agenciesScope([...new Set([principal.agencyId, ...readableAgencies(principal, casesPolicy.read)])]);
}

/** The case row, if the principal may read it (404 otherwise, never a hint that it exists). */
export async function readableCase(deps: CommandDeps, principal: Principal, id: string): Promise<CaseRow> {
  const row = await caseIn(deps.db, caseReachOf(principal), id);
  if (!row) throw new AppError('NOT_FOUND');
  authorize(principal, casesPolicy.read, row.agency_id);
  return row;
}

export async function caseDetail(
  db: Reader,
  kase: CaseRow,
  principal: Principal | null,
  today: string,
): Promise<CaseDetail> {
  // The case's own agency: what it holds is read there, whoever reads it.
  const scope = ownAgency(kase.agency_id);
  const [parties, officers, deadlines, deliberationRequired, applications] = await Promise.all([
    partiesOf(db, scope, kase.id),
    officersOfCase(db, scope, kase.id),
    deadlinesOfCase(db, scope, kase.id),
    deliberationReasonsOf(db, kase),
    applicationsOfCase(db, scope, kase.id),
  ]);
  return {
    case: toCaseView(kase),
    parties: parties
      .map(toParty)
      .map((p) => (principal && principal.agencyId !== kase.agency_id ? toPartyForOutsider(p) : p)),
    officers: officers.map((o) => ({
      personId: o.person_id,
      name: o.name,
      lead: o.lead,
      assignedOn: o.assigned_on,
      declaredAt: o.declared_at?.toISOString() ?? null,
      conflict: o.conflict,
      declaration: o.declaration,
      recusedAt: o.recused_at?.toISOString() ?? null,
      recusalReason: o.recusal_reason,
      applications: applications
        .filter((a) => a.person_id === o.person_id)
        .map((a) => ({
          id: a.id,
          applicant: a.applicant,
          grounds: a.grounds,
          receivedOn: a.received_on,
          decidedAt: a.decided_at?.toISOString() ?? null,
          granted: a.granted,
          decisionReason: a.decision_reason,
        })),
      recusalPending:
        o.recused_at === null &&
        (o.conflict === true || applications.some((a) => a.person_id === o.person_id && !a.decided_at)),
    })),
    deadlines: deadlines.map((d) => toDeadline(d, today, kase)),
    nextSteps: nextStepsOf(kase, principal),
    deliberationRequired,
  };
}

export async function getCase(deps: CommandDeps, principal: Principal, id: string): Promise<CaseDetail> {
  const kase = await readableCase(deps, principal, id);
  return caseDetail(deps.db, kase, principal, chinaDate(deps.clock.now()));
}
