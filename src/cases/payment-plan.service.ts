import type { Actor, CommandDeps } from '../platform/audit/command.ts';
import { authorize, permits } from '../platform/auth/policy.ts';
import { actorOf, type Principal } from '../platform/auth/principal.ts';
import type { WorkingCalendar } from '../platform/calendar/working-days.rules.ts';
import { ownAgency } from '../platform/db/agency-scope.ts';
import { AppError, fieldError } from '../platform/errors.ts';
import { actingDay } from './case-command.ts';
import { latestDeadlineOf, moveDeadline } from './case-deadlines.store.ts';
import type { CaseDetail } from './case-view.ts';
import { casesPolicy } from './cases.policy.ts';
import { appendEvent, writeCase } from './cases.store.ts';
import { stateLabel } from './lifecycle.rules.ts';
import { lifecycles } from './lifecycles/index.ts';
import { onPaymentCase, refuse } from './payment-command.ts';
import { ledgerOf } from './payment-ledger.service.ts';
import { paymentPlanProblems, planLastDay } from './payment.rules.ts';
import type { PaymentPlanInput, PlanDecisionInput } from './payment.schema.ts';
import { insertPlan, planOf, writePlanDecision } from './payment.store.ts';

/** Deferral and instalments of a fine (行政处罚法 §66 ¶2): the party's application and the head's decision. */

const rolledInstalments = (cal: WorkingCalendar, list: readonly { dueOn: string; amountFen: number }[]) =>
  list.map((i) => ({ ...i, lastDay: planLastDay(cal, i.dueOn).date }));

/**
 * `POST /api/v1/cases/{id}/payment-plans`: the party's application for deferral or instalments (§66 ¶2:
 * 当事人确有经济困难，需要延期或者分期缴纳罚款的，经当事人申请和行政机关批准), recorded by the officer while the
 * fine is unpaid and before the demand.
 */
export async function applyPaymentPlan(
  deps: CommandDeps,
  principal: Principal,
  id: string,
  input: PaymentPlanInput,
  actor: Actor = actorOf(principal),
): Promise<CaseDetail> {
  authorize(principal, casesPolicy.step, principal.agencyId);
  const appliedOn = actingDay(deps.clock.now(), input.appliedOn, 'body.appliedOn');
  return onPaymentCase(deps, principal, id, input.version, actor, async (ctx, kase, cal) => {
    if (kase.action_kind !== 'penalty' || kase.state !== 'served') {
      const lc = lifecycles[kase.kind];
      throw new AppError('CASE_STEP_NOT_ALLOWED', {
        detail: `案件处于「${stateLabel(lc, kase.state)}」状态，不能申请暂缓或分期缴纳罚款（须在决定送达后、催告前，行政处罚法 §66）`,
      });
    }
    const { due, period, plans } = await ledgerOf(ctx.trx, kase, appliedOn);
    if (plans.some((p) => p.decided_on === null)) {
      throw new AppError('PAYMENT_PLAN_INVALID_STATE', { detail: '已有尚未审批的暂缓或分期缴纳申请' });
    }
    if (plans.some((p) => p.approved === true)) {
      throw new AppError('PAYMENT_PLAN_INVALID_STATE', { detail: '本案已批准暂缓或分期缴纳' });
    }
    const problems = paymentPlanProblems(
      input.kind === 'deferral'
        ? { kind: 'deferral', until: input.until }
        : { kind: 'instalments', instalments: input.instalments },
      { appliedOn, paymentDueOn: period.due_on, outstandingFen: due.outstandingFen },
    );
    if (problems.length > 0) throw refuse('VALIDATION_FAILED', problems);
    const event = await appendEvent(ctx, kase, {
      action: 'payment_plan_applied',
      on: appliedOn,
      reason: input.application,
      details:
        input.kind === 'deferral'
          ? { kind: 'deferral', until: input.until }
          : { kind: 'instalments', instalments: input.instalments },
    });
    await insertPlan(ctx, kase, {
      kind: input.kind,
      applied_on: appliedOn,
      application: input.application,
      until: input.kind === 'deferral' ? input.until : null,
      instalments: JSON.stringify(
        input.kind === 'instalments' ? rolledInstalments(cal, input.instalments) : [],
      ),
      original_due_on: plans[0]?.original_due_on ?? period.due_on,
      applied_event_id: event.id,
      decided_on: null,
      approved: null,
      decision_reason: null,
      decided_by: null,
      decided_event_id: null,
      last_day: null,
    });
    await writeCase(ctx, kase, {});
  });
}

/**
 * `POST /api/v1/cases/{id}/payment-plans/{planId}/decision`: the agency's head approves or refuses (with a
 * reason) the application (§66 ¶2: 经行政机关批准). Approved, the payment period's last day moves to the
 * deferral's last day or the first instalment's, and no surcharge runs in between.
 */
export async function decidePaymentPlan(
  deps: CommandDeps,
  principal: Principal,
  id: string,
  planId: string,
  input: PlanDecisionInput,
  actor: Actor = actorOf(principal),
): Promise<CaseDetail> {
  authorize(principal, casesPolicy.step, principal.agencyId);
  if (!permits(principal, casesPolicy.decidePayment, principal.agencyId)) {
    throw new AppError('FORBIDDEN', { detail: '暂缓或分期缴纳罚款须经行政机关负责人批准（行政处罚法 §66）' });
  }
  if (!input.approved && !input.reason?.trim()) {
    throw fieldError('VALIDATION_FAILED', 'body.reason', '不予批准的，须填写理由');
  }
  const on = actingDay(deps.clock.now(), input.on);
  return onPaymentCase(deps, principal, id, input.version, actor, async (ctx, kase, cal) => {
    const plan = await planOf(ctx.trx, kase, planId);
    if (!plan) throw new AppError('NOT_FOUND', { detail: '未找到该暂缓或分期缴纳申请' });
    if (plan.decided_on !== null)
      throw new AppError('PAYMENT_PLAN_INVALID_STATE', { detail: '该申请已审批' });
    if (on < plan.applied_on) {
      throw fieldError('VALIDATION_FAILED', 'body.on', `审批日期不能早于申请日期 ${plan.applied_on}`);
    }
    const lastDay = !input.approved
      ? null
      : plan.kind === 'deferral'
        ? planLastDay(cal, plan.until ?? plan.applied_on).date
        : (plan.instalments.at(-1)?.lastDay ?? null);
    const event = await appendEvent(ctx, kase, {
      action: 'payment_plan_decided',
      on,
      reason: input.reason,
      details: { planId, kind: plan.kind, approved: input.approved, lastDay },
    });
    await writePlanDecision(ctx, plan, {
      decided_on: on,
      approved: input.approved,
      decision_reason: input.reason,
      decided_by: ctx.actor.personId,
      decided_event_id: event.id,
      last_day: lastDay,
    });
    if (input.approved) {
      const period = await latestDeadlineOf(ctx.trx, ownAgency(kase.agency_id), kase.id, 'payment');
      const first = plan.kind === 'deferral' ? lastDay : (plan.instalments[0]?.lastDay ?? null);
      if (period && first) await moveDeadline(ctx, period, first);
    }
    await writeCase(ctx, kase, {});
  });
}
