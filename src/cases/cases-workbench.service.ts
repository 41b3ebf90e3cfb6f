import type { CommandDeps } from '../platform/audit/command.ts';
import type { Principal } from '../platform/auth/principal.ts';
import { workingCalendar } from '../platform/calendar/calendar.service.ts';
import { deadlineStatus } from '../platform/calendar/working-days.rules.ts';
import { chinaDate } from '../platform/clock.ts';
import { ownAgency } from '../platform/db/agency-scope.ts';
import { dueDeadlines, type DueItem } from './case-deadlines.queries.ts';
import { runningDeadlinesOfCases } from './case-deadlines.store.ts';
import { readableCase } from './case-detail.queries.ts';
import type { CaseListItem } from './case-view.ts';
import { listCases } from './cases.queries.ts';
import type { DeadlinesQuery, WorkbenchCasesQuery } from './cases.schema.ts';

/**
 * Reads for the officer's workbench (issue 5 item 10) that the cases routes do not offer: the running
 * periods with a countdown in working days (the calendar's holidays and make-up days counted), and the
 * case list with the filters the workbench keeps in its address (dates of discovery, overdue only) — the
 * one case list of cases.queries.ts, every filter honoured. Read-only; the cases area's own routes stay
 * the place for every write.
 */

export interface WorkbenchDueItem extends DueItem {
  /** Working days left after today up to the last day (negative once overdue). */
  workingDaysLeft: number;
}

export async function workbenchDeadlines(
  deps: CommandDeps,
  principal: Principal,
  query: DeadlinesQuery,
): Promise<WorkbenchDueItem[]> {
  const [items, calendar] = await Promise.all([
    dueDeadlines(deps, principal, query),
    workingCalendar(deps.db),
  ]);
  const today = chinaDate(deps.clock.now());
  return items.map((d) => ({ ...d, workingDaysLeft: deadlineStatus(d.dueOn, today, calendar).daysLeft }));
}

/** The workbench's case list: the case list with the workbench's filters too. */
export async function workbenchCases(
  deps: CommandDeps,
  principal: Principal,
  query: WorkbenchCasesQuery,
): Promise<{ items: CaseListItem[]; total: number }> {
  return listCases(deps, principal, query);
}

/** A case's running periods with working days left (the case page's countdowns). */
export async function caseCountdowns(
  deps: CommandDeps,
  principal: Principal,
  id: string,
): Promise<{ id: string; code: string; dueOn: string; workingDaysLeft: number }[]> {
  const kase = await readableCase(deps, principal, id);
  const [rows, calendar] = await Promise.all([
    runningDeadlinesOfCases(deps.db, ownAgency(kase.agency_id), [kase.id]),
    workingCalendar(deps.db),
  ]);
  const today = chinaDate(deps.clock.now());
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    dueOn: r.due_on,
    workingDaysLeft: deadlineStatus(r.due_on, today, calendar).daysLeft,
  }));
}
