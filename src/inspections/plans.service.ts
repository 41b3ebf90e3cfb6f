import { runCommand, type CommandDeps } from '../platform/audit/command.ts';
import { authorize } from '../platform/auth/policy.ts';
import { actorOf, type Principal } from '../platform/auth/principal.ts';
import { chinaDate } from '../platform/china-date.ts';
import { ownScopeOf, reachScopeOf, type AgencyScope } from '../platform/db/agency-scope.ts';
import type { Db } from '../platform/db/database.ts';
import { AppError, fieldError } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { fieldLabel } from '../org/certificate.rules.ts';
import { publishedItem } from '../powers/power-list.queries.ts';
import { personNames } from '../records/evidence.store.ts';
import { inspectionsPolicy } from './inspections.policy.ts';
import { periodProblem, planStateLabels, planStateOf, taskStateLabels, taskStateOf } from './plans.rules.ts';
import type { Plan, PlanInput, Task, TaskInput } from './plans.schema.ts';
import {
  insertPlan,
  insertTask,
  lockPlan,
  lockTask,
  planById,
  plansOf,
  planWithTitle,
  setPlanApproved,
  setPlanPublished,
  setTaskCancelled,
  tasksOfPlans,
  type PlanRow,
} from './plans.store.ts';

/**
 * Yearly random-inspection plans (issue 15 item 2): a plan of tasks per random-inspection item (scope,
 * count or share per risk grade, period, joint inspections), approved by the agency head and published on
 * the portal before it starts. Tasks are added while the plan is a draft; a published task may only be
 * cancelled, with its reason (a new fact; the task and anything drawn for it stay).
 */

async function plansView(db: Db, scope: AgencyScope, rows: readonly PlanRow[], on: string): Promise<Plan[]> {
  const tasks = await tasksOfPlans(
    db,
    scope,
    rows.map((r) => r.id),
  );
  const approvers = [...new Set(rows.flatMap((r) => (r.approved_by ? [r.approved_by] : [])))];
  const names = new Map((await personNames(db, scope, approvers)).map((p) => [p.id, p.name]));
  const itemNames = new Map<string, string | null>();
  for (const t of tasks) {
    if (itemNames.has(t.power_item_id)) continue;
    const item = await publishedItem(db, { agencyIds: [t.agency_id] }, t.power_item_id, on);
    itemNames.set(t.power_item_id, item?.name ?? null);
  }
  return rows.map((r) => {
    const state = planStateOf(r);
    return {
      id: r.id,
      agencyId: r.agency_id,
      year: r.year,
      title: r.title,
      state,
      stateLabel: planStateLabels[state],
      approvedOn: r.approved_on,
      approvedByName: r.approved_by ? (names.get(r.approved_by) ?? null) : null,
      publishedAt: r.published_at ? new Date(r.published_at).toISOString() : null,
      tasks: tasks
        .filter((t) => t.plan_id === r.id)
        .map((t): Task => {
          const taskState = taskStateOf({
            cancelled: t.cancelled_at !== null,
            committed: t.commitment_id !== null,
            drawn: t.draw_id !== null,
          });
          return {
            id: t.id,
            planId: t.plan_id,
            powerItemId: t.power_item_id,
            itemName: itemNames.get(t.power_item_id) ?? null,
            title: t.title,
            field: t.field,
            fieldLabel: fieldLabel(t.field),
            scope: t.scope,
            quotas: t.quotas,
            startsOn: t.starts_on,
            endsOn: t.ends_on,
            jointAgencies: t.joint_agencies,
            state: taskState,
            stateLabel: taskStateLabels[taskState],
            cancelledReason: t.cancelled_reason,
            commitmentId: t.commitment_id,
            drawId: t.draw_id,
          };
        }),
    };
  });
}

export async function listPlans(db: Db, principal: Principal, now: Date): Promise<Plan[]> {
  authorize(principal, inspectionsPolicy.read, principal.agencyId);
  const scope = reachScopeOf(principal, inspectionsPolicy.read);
  return plansView(db, scope, await plansOf(db, scope), chinaDate(now));
}

export async function getPlan(db: Db, principal: Principal, id: string, now: Date): Promise<Plan> {
  const scope = reachScopeOf(principal, inspectionsPolicy.read);
  const row = await planById(db, scope, id);
  if (!row) throw new AppError('NOT_FOUND', { detail: '没有该抽查计划' });
  authorize(principal, inspectionsPolicy.read, row.agency_id);
  return (await plansView(db, scope, [row], chinaDate(now)))[0]!;
}

/** The published plans of an agency (the portal: 抽查计划公告, before the inspections start). */
export async function publishedPlans(db: Db, agencyId: string, now: Date): Promise<Plan[]> {
  const scope = { agencyIds: [agencyId] };
  return plansView(db, scope, await plansOf(db, scope, { published: true }), chinaDate(now));
}

export async function createPlan(deps: CommandDeps, principal: Principal, input: PlanInput): Promise<Plan> {
  authorize(principal, inspectionsPolicy.plan, principal.agencyId);
  const scope = ownScopeOf(principal);
  const id = newId();
  await runCommand(deps, actorOf(principal), async (ctx) => {
    if (await planWithTitle(ctx.trx, scope, input.year, input.title))
      throw fieldError('DUPLICATE', 'body.title', `${input.year} 年度已有名为「${input.title}」的计划`);
    await insertPlan(ctx.trx, {
      id,
      agency_id: scope.agencyId,
      year: input.year,
      title: input.title,
      created_by: ctx.actor.personId,
      created_at: ctx.now,
      approved_by: null,
      approved_on: null,
      published_at: null,
    });
    await ctx.record({
      kind: 'inspection.plan_created',
      agencyId: scope.agencyId,
      subjectType: 'inspection_plan',
      subjectId: id,
      record: input,
    });
  });
  return getPlan(deps.db, principal, id, deps.clock.now());
}

export async function addTask(
  deps: CommandDeps,
  principal: Principal,
  planId: string,
  input: TaskInput,
): Promise<Plan> {
  authorize(principal, inspectionsPolicy.plan, principal.agencyId);
  const scope = ownScopeOf(principal);
  const today = chinaDate(deps.clock.now());
  await runCommand(deps, actorOf(principal), async (ctx) => {
    const plan = await lockPlan(ctx.trx, scope, planId);
    if (!plan) throw new AppError('NOT_FOUND', { detail: '没有该抽查计划' });
    if (planStateOf(plan) !== 'draft')
      throw new AppError('INSPECTION_PLAN_NOT_DRAFT', {
        detail: `计划「${plan.title}」已批准，不能再增加任务`,
      });
    const problem = periodProblem(plan.year, input.startsOn, input.endsOn);
    if (problem) throw fieldError('VALIDATION_FAILED', 'body.startsOn', problem);
    const item = await publishedItem(ctx.trx, scope, input.powerItemId, today);
    if (!item?.randomInspection)
      throw fieldError(
        'VALIDATION_FAILED',
        'body.powerItemId',
        '该事项不在已公示的随机抽查事项清单中：抽查事项须先列入权力清单并公示',
      );
    const id = newId();
    await insertTask(ctx.trx, {
      id,
      agency_id: scope.agencyId,
      plan_id: planId,
      power_item_id: input.powerItemId,
      title: input.title,
      field: input.field,
      scope: input.scope,
      quotas: input.quotas,
      starts_on: input.startsOn,
      ends_on: input.endsOn,
      joint_agencies: input.jointAgencies,
      created_at: ctx.now,
      cancelled_at: null,
      cancelled_reason: null,
      cancelled_by: null,
    });
    await ctx.record({
      kind: 'inspection.task_added',
      agencyId: scope.agencyId,
      subjectType: 'inspection_task',
      subjectId: id,
      record: { planId, ...input },
    });
  });
  return getPlan(deps.db, principal, planId, deps.clock.now());
}

export async function approvePlan(
  deps: CommandDeps,
  principal: Principal,
  planId: string,
  on: string | undefined,
): Promise<Plan> {
  authorize(principal, inspectionsPolicy.approve, principal.agencyId);
  const scope = ownScopeOf(principal);
  const today = chinaDate(deps.clock.now());
  const day = on ?? today;
  if (day > today) throw fieldError('VALIDATION_FAILED', 'body.on', '批准日期不能晚于今天');
  await runCommand(deps, actorOf(principal), async (ctx) => {
    const plan = await lockPlan(ctx.trx, scope, planId);
    if (!plan) throw new AppError('NOT_FOUND', { detail: '没有该抽查计划' });
    if (planStateOf(plan) !== 'draft')
      throw new AppError('INSPECTION_PLAN_NOT_DRAFT', { detail: `计划「${plan.title}」已批准` });
    const tasks = await tasksOfPlans(ctx.trx, scope, [planId]);
    if (tasks.length === 0)
      throw new AppError('INSPECTION_PLAN_EMPTY', { detail: `计划「${plan.title}」还没有抽查任务` });
    await setPlanApproved(ctx.trx, scope, planId, ctx.actor.personId, day);
    await ctx.record({
      kind: 'inspection.plan_approved',
      agencyId: scope.agencyId,
      subjectType: 'inspection_plan',
      subjectId: planId,
      record: { on: day, tasks: tasks.map((t) => t.id) },
    });
  });
  return getPlan(deps.db, principal, planId, deps.clock.now());
}

/** Publishes an approved plan on the portal; it must be before its first task starts. */
export async function publishPlan(deps: CommandDeps, principal: Principal, planId: string): Promise<Plan> {
  authorize(principal, inspectionsPolicy.plan, principal.agencyId);
  const scope = ownScopeOf(principal);
  const today = chinaDate(deps.clock.now());
  await runCommand(deps, actorOf(principal), async (ctx) => {
    const plan = await lockPlan(ctx.trx, scope, planId);
    if (!plan) throw new AppError('NOT_FOUND', { detail: '没有该抽查计划' });
    const state = planStateOf(plan);
    if (state !== 'approved')
      throw new AppError('INSPECTION_PLAN_NOT_APPROVED', {
        detail: state === 'draft' ? `计划「${plan.title}」尚未批准` : `计划「${plan.title}」已公示`,
      });
    const tasks = await tasksOfPlans(ctx.trx, scope, [planId]);
    const started = tasks.filter((t) => t.starts_on <= today && t.cancelled_at === null);
    if (started.length > 0)
      throw new AppError('INSPECTION_PLAN_STARTED', {
        detail: `任务「${started[0]!.title}」已于 ${started[0]!.starts_on} 开始：计划应在任务开始前公示（国办发〔2015〕58号）`,
      });
    await setPlanPublished(ctx.trx, scope, planId, ctx.now);
    await ctx.record({
      kind: 'inspection.plan_published',
      agencyId: scope.agencyId,
      subjectType: 'inspection_plan',
      subjectId: planId,
      record: { on: today },
    });
  });
  return getPlan(deps.db, principal, planId, deps.clock.now());
}

export async function cancelTask(
  deps: CommandDeps,
  principal: Principal,
  taskId: string,
  reason: string,
): Promise<Plan> {
  authorize(principal, inspectionsPolicy.plan, principal.agencyId);
  const scope = ownScopeOf(principal);
  const planId = await runCommand(deps, actorOf(principal), async (ctx) => {
    const task = await lockTask(ctx.trx, scope, taskId);
    if (!task) throw new AppError('NOT_FOUND', { detail: '没有该抽查任务' });
    if (task.cancelled_at)
      throw new AppError('CONFLICT', { detail: `任务「${task.title}」已取消：${task.cancelled_reason}` });
    await setTaskCancelled(ctx.trx, scope, taskId, { at: ctx.now, reason, by: ctx.actor.personId });
    await ctx.record({
      kind: 'inspection.task_cancelled',
      agencyId: scope.agencyId,
      subjectType: 'inspection_task',
      subjectId: taskId,
      record: { reason },
    });
    return task.plan_id;
  });
  return getPlan(deps.db, principal, planId, deps.clock.now());
}
