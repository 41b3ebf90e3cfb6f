import { sql } from 'kysely';
import type { CommandDeps } from '../platform/audit/command.ts';
import { authorize } from '../platform/auth/policy.ts';
import type { Principal } from '../platform/auth/principal.ts';
import { chinaDate } from '../platform/clock.ts';
import { ownScopeOf } from '../platform/db/agency-scope.ts';
import { caseDeadlineDefs } from './case-deadlines.rules.ts';
import { runningDeadlinesOfCases } from './case-deadlines.store.ts';
import { partyNames } from './case-parties.store.ts';
import { nextStepsOf, toCaseView, type CaseView } from './case-view.ts';
import { casesPolicy } from './cases.policy.ts';
import { finalStates } from './cases.queries.ts';
import { isExitStep } from './exit.rules.ts';
import type { CaseDeadlineCode } from './lifecycles/index.ts';

/** An officer's tasks (the workbench's 我的待办). */

export interface Task {
  case: CaseView;
  partyNames: string[];
  /** The next steps the principal may take. */
  steps: { step: string; label: string; decision: boolean }[];
  /** The earliest running period of the case. */
  nextDue: { code: string; label: string; dueOn: string; overdue: boolean } | null;
}

/**
 * My tasks: open cases of the principal's agency where a next step is theirs to take — as an assigned
 * officer for officers' steps, by role for approvals, reviews and decisions — earliest deadline first.
 */
export async function myTasks(deps: CommandDeps, principal: Principal): Promise<Task[]> {
  authorize(principal, casesPolicy.read, principal.agencyId);
  const scope = ownScopeOf(principal);
  const today = chinaDate(deps.clock.now());
  const rows = await deps.db
    .selectFrom('cases as c')
    .selectAll('c')
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('case_officers as o')
            .select('o.id')
            .whereRef('o.case_id', '=', 'c.id')
            .whereRef('o.agency_id', '=', 'c.agency_id')
            .where('o.person_id', '=', principal.personId)
            .where('o.recused_at', 'is', null),
        )
        .as('assigned'),
    )
    .where('c.agency_id', '=', scope.agencyId)
    .where((eb) => eb.not(eb(sql<string>`c.kind || ':' || c.state`, 'in', finalStates())))
    .orderBy('c.updated_at', 'desc')
    .limit(2000)
    .execute();
  const tasks: Task[] = [];
  const mine = rows.filter((r) => {
    const steps = nextStepsOf(r, principal).filter((s) => s.mayTake && !isExitStep(s.step));
    // An exit (移送, 终止调查) is a way out, not a task. Officers' steps belong to the officers assigned; approvals and decisions to the role.
    return steps.some((s) => s.roles.some((x) => x.role !== 'officer') || r.assigned);
  });
  const deadlines = await runningDeadlinesOfCases(
    deps.db,
    scope,
    mine.map((r) => r.id),
  );
  const names = await partyNames(
    deps.db,
    scope,
    mine.map((r) => r.id),
    principal.agencyId,
  );
  for (const r of mine) {
    const { assigned: _assigned, ...kase } = r;
    const next = deadlines.find((d) => d.case_id === r.id);
    tasks.push({
      case: toCaseView(kase),
      partyNames: names.get(r.id) ?? [],
      steps: nextStepsOf(kase, principal)
        .filter((s) => s.mayTake && !isExitStep(s.step))
        .map((s) => ({ step: s.step, label: s.label, decision: s.decision })),
      nextDue: next
        ? {
            code: next.code,
            label: caseDeadlineDefs[next.code as CaseDeadlineCode].label,
            dueOn: next.due_on,
            overdue: next.due_on < today,
          }
        : null,
    });
  }
  return tasks.sort((a, b) => (a.nextDue?.dueOn ?? '9999').localeCompare(b.nextDue?.dueOn ?? '9999'));
}
