import type { CommandDeps } from '../platform/audit/command.ts';
import type { Principal } from '../platform/auth/principal.ts';
import { addCalendarDays } from '../platform/calendar/working-days.rules.ts';
import { chinaDate } from '../platform/clock.ts';
import { inScope } from '../platform/db/agency-scope.ts';
import { toDeadline, type DeadlineView } from './case-view.ts';
import { listScopeOf } from './cases.queries.ts';
import type { DeadlinesQuery } from './cases.schema.ts';
import { stateLabel } from './lifecycle.rules.ts';
import { lifecycles, type LifecycleKind } from './lifecycles/index.ts';

/** The running periods due soon or overdue, across cases (workbench and supervision). */

export interface DueItem extends DeadlineView {
  caseNumber: string;
  title: string;
  kind: LifecycleKind;
  state: string;
  stateLabel: string;
  agencyId: string;
}

/**
 * Running periods due within `days` days (overdue ones included), or only the overdue ones: for an
 * officer's workbench (`mine`: cases they are assigned to) and for supervision (the agencies below).
 */
export async function dueDeadlines(
  deps: CommandDeps,
  principal: Principal,
  query: DeadlinesQuery,
): Promise<DueItem[]> {
  const scope = listScopeOf(principal, query.agencyId);
  if (scope.agencyIds.length === 0) return [];
  const today = chinaDate(deps.clock.now());
  let q = deps.db
    .selectFrom('case_deadlines as d')
    .innerJoin('cases as c', (j) =>
      j.onRef('c.id', '=', 'd.case_id').onRef('c.agency_id', '=', 'd.agency_id'),
    )
    .selectAll('d')
    .select(['c.case_number', 'c.title', 'c.kind', 'c.state', 'c.suspensions'])
    .where(inScope('d.agency_id', scope))
    .where('d.met_on', 'is', null);
  q =
    query.status === 'overdue'
      ? q.where('d.due_on', '<', today)
      : q.where('d.due_on', '<=', addCalendarDays(today, query.days));
  if (query.mine === 'true') {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('case_officers as o')
          .select('o.id')
          .whereRef('o.case_id', '=', 'c.id')
          .whereRef('o.agency_id', '=', 'c.agency_id')
          .where('o.person_id', '=', principal.personId)
          .where('o.recused_at', 'is', null),
      ),
    );
  }
  const rows = await q.orderBy('d.due_on').orderBy('d.id').limit(1000).execute();
  return rows.map((r) => ({
    ...toDeadline(r, today, r),
    caseNumber: r.case_number,
    title: r.title,
    kind: r.kind,
    state: r.state,
    stateLabel: stateLabel(lifecycles[r.kind], r.state),
    agencyId: r.agency_id,
  }));
}
