import { runCommand, type CommandDeps } from '../platform/audit/command.ts';
import { authorize } from '../platform/auth/policy.ts';
import { actorOf, type Principal } from '../platform/auth/principal.ts';
import { workingCalendar } from '../platform/calendar/calendar.service.ts';
import { deadlineStatus, type WorkingCalendar } from '../platform/calendar/working-days.rules.ts';
import { chinaDate } from '../platform/china-date.ts';
import { ownScopeOf, reachScopeOf, type AgencyScope } from '../platform/db/agency-scope.ts';
import type { Db } from '../platform/db/database.ts';
import { AppError, fieldError } from '../platform/errors.ts';
import { stateLabel } from '../cases/lifecycle.rules.ts';
import { lifecycles } from '../cases/lifecycles/index.ts';
import { inspectionsPolicy } from './inspections.policy.ts';
import { personNames } from '../records/evidence.store.ts';
import { publishDueOn, resultLabels, resultRefusal } from './results.rules.ts';
import type { Assignment, AssignmentsQuery, ResultInput } from './results.schema.ts';
import {
  assignmentsOf,
  lockAssignment,
  setPublished,
  setResult,
  type AssignmentListRow,
} from './assignments.store.ts';

/**
 * Drawn inspections and their results (issue 15 item 5): each drawn target is an inspection case (the
 * lifecycle's steps, record and AV); once the case has its result (出具检查结果, and an order to correct
 * or a referral where there is one), an inspector records it here and it is published within 20 working
 * days (results.rules.ts), the countdown shown until then.
 */

const inspection = lifecycles.inspection;

async function view(
  db: Db,
  scope: AgencyScope,
  rows: readonly AssignmentListRow[],
  cal: WorkingCalendar,
  today: string,
): Promise<Assignment[]> {
  const names = new Map(
    (await personNames(db, scope, [...new Set(rows.flatMap((r) => r.inspector_ids))])).map((p) => [
      p.id,
      p.name,
    ]),
  );
  return rows.map((r) => {
    const status = r.publish_due_on && !r.published_at ? deadlineStatus(r.publish_due_on, today, cal) : null;
    return {
      id: r.id,
      drawId: r.draw_id,
      position: r.position,
      taskId: r.task_id,
      taskTitle: r.task_title,
      creditCode: r.credit_code,
      targetName: r.target_name,
      targetAddress: r.target_address,
      inspectors: r.inspector_ids.map((id) => ({ personId: id, name: names.get(id) ?? '' })),
      caseId: r.case_id,
      caseNumber: r.case_number,
      caseState: r.case_state,
      caseStateLabel: r.case_state ? stateLabel(inspection, r.case_state) : null,
      result: r.result,
      resultLabel: r.result ? resultLabels[r.result] : null,
      resultOn: r.result_on,
      summary: r.result_summary,
      publishDueOn: r.publish_due_on,
      workingDaysLeft: status?.daysLeft ?? null,
      overdue: status?.overdue ?? false,
      publishedAt: r.published_at ? new Date(r.published_at).toISOString() : null,
    };
  });
}

export async function listAssignments(
  deps: CommandDeps,
  principal: Principal,
  query: AssignmentsQuery,
): Promise<Assignment[]> {
  authorize(principal, inspectionsPolicy.read, principal.agencyId);
  const scope = reachScopeOf(principal, inspectionsPolicy.read);
  const rows = await assignmentsOf(deps.db, scope, {
    ...(query.mine === 'true' ? { personId: principal.personId } : {}),
    ...(query.drawId ? { drawId: query.drawId } : {}),
  });
  return view(deps.db, scope, rows, await workingCalendar(deps.db), chinaDate(deps.clock.now()));
}

async function one(deps: CommandDeps, principal: Principal, id: string): Promise<Assignment> {
  const scope = reachScopeOf(principal, inspectionsPolicy.read);
  const rows = await assignmentsOf(deps.db, scope, { id });
  if (rows.length === 0) throw new AppError('NOT_FOUND', { detail: '没有该抽查检查' });
  return (await view(deps.db, scope, rows, await workingCalendar(deps.db), chinaDate(deps.clock.now())))[0]!;
}

/** Records the result of a drawn inspection, once, by one of its two inspectors or a unit head. */
export async function recordResult(
  deps: CommandDeps,
  principal: Principal,
  id: string,
  input: ResultInput,
): Promise<Assignment> {
  authorize(principal, inspectionsPolicy.inspect, principal.agencyId);
  const scope = ownScopeOf(principal);
  const today = chinaDate(deps.clock.now());
  const on = input.on ?? today;
  if (on > today) throw fieldError('VALIDATION_FAILED', 'body.on', '日期不能晚于今天');
  const cal = await workingCalendar(deps.db);
  await runCommand(deps, actorOf(principal), async (ctx) => {
    const row = await lockAssignment(ctx.trx, scope, id);
    if (!row) throw new AppError('NOT_FOUND', { detail: '没有该抽查检查' });
    const [listed] = await assignmentsOf(ctx.trx, scope, { id });
    if (!row.inspector_ids.includes(principal.personId) && !principal.roles.has('unit_head'))
      throw new AppError('FORBIDDEN', { detail: '只有抽中的两名检查人员或科室（所）负责人可以记录检查结果' });
    if (row.result)
      throw new AppError('CONFLICT', {
        detail: `检查结果已于 ${row.result_on} 记录为「${resultLabels[row.result]}」，不能更改`,
      });
    const state = listed?.case_state ?? '';
    const refusal = resultRefusal(input.result, state, stateLabel(inspection, state));
    if (refusal) throw new AppError('INSPECTION_TASK_STATE', { detail: refusal });
    const dueOn = publishDueOn(cal, on);
    await setResult(ctx.trx, scope, id, {
      result: input.result,
      on,
      summary: input.summary,
      by: ctx.actor.personId,
      dueOn,
    });
    await ctx.record({
      kind: 'inspection.result_recorded',
      agencyId: scope.agencyId,
      subjectType: 'inspection_assignment',
      subjectId: id,
      record: { caseId: row.case_id, result: input.result, on, summary: input.summary, publishDueOn: dueOn },
    });
  });
  return one(deps, principal, id);
}

/** Publishes a recorded result on the portal (一公开). */
export async function publishResult(
  deps: CommandDeps,
  principal: Principal,
  id: string,
): Promise<Assignment> {
  authorize(principal, inspectionsPolicy.publishResult, principal.agencyId);
  const scope = ownScopeOf(principal);
  await runCommand(deps, actorOf(principal), async (ctx) => {
    const row = await lockAssignment(ctx.trx, scope, id);
    if (!row) throw new AppError('NOT_FOUND', { detail: '没有该抽查检查' });
    if (!row.result) throw new AppError('INSPECTION_TASK_STATE', { detail: '尚未记录检查结果' });
    if (row.published_at) throw new AppError('CONFLICT', { detail: '检查结果已公示' });
    await setPublished(ctx.trx, scope, id, ctx.now, ctx.actor.personId);
    await ctx.record({
      kind: 'inspection.result_published',
      agencyId: scope.agencyId,
      subjectType: 'inspection_assignment',
      subjectId: id,
      record: {
        result: row.result,
        resultOn: row.result_on,
        late: chinaDate(ctx.now) > (row.publish_due_on ?? ''),
      },
    });
  });
  return one(deps, principal, id);
}

/** The published results of these agencies (the portal's 抽查结果公告). */
export async function publishedResults(db: Db, agencyIds: readonly string[]) {
  const rows = await assignmentsOf(db, { agencyIds: [...agencyIds] }, { published: true });
  return rows.map((r) => ({
    drawId: r.draw_id,
    taskTitle: r.task_title,
    creditCode: r.credit_code,
    targetName: r.target_name,
    result: r.result!,
    resultLabel: resultLabels[r.result!],
    resultOn: r.result_on!,
    summary: r.result_summary ?? '',
  }));
}
