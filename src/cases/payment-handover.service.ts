import type { Actor, CommandDeps } from '../platform/audit/command.ts';
import { authorize } from '../platform/auth/policy.ts';
import { actorOf, type Principal } from '../platform/auth/principal.ts';
import { ownAgency } from '../platform/db/agency-scope.ts';
import { AppError, fieldError } from '../platform/errors.ts';
import { actingDay } from './case-command.ts';
import { lateCheck } from './case-deadlines.rules.ts';
import { meetDeadline, openDeadline, openDeadlineOf } from './case-deadlines.store.ts';
import type { CaseDetail } from './case-view.ts';
import { casesPolicy } from './cases.policy.ts';
import { appendEvent, writeCase } from './cases.store.ts';
import { lifecycles } from './lifecycles/index.ts';
import { onPaymentCase } from './payment-command.ts';
import { cashDepositDue, cashHandoverDue } from './payment.rules.ts';
import type { HandoverInput } from './payment.schema.ts';
import { handoversOfPayment, insertHandover, paymentOf } from './payment.store.ts';

/**
 * `POST /api/v1/cases/{id}/payments/{paymentId}/handovers`: cash collected on the spot handed by the officer
 * to the agency, then by the agency to the designated bank, each within 2 working days (§71, §85); late,
 * with a reason.
 */
export async function recordHandover(
  deps: CommandDeps,
  principal: Principal,
  id: string,
  paymentId: string,
  input: HandoverInput,
  actor: Actor = actorOf(principal),
): Promise<CaseDetail> {
  authorize(principal, casesPolicy.step, principal.agencyId);
  const on = actingDay(deps.clock.now(), input.on);
  return onPaymentCase(deps, principal, id, input.version, actor, async (ctx, kase, cal) => {
    const lc = lifecycles[kase.kind];
    if (lc.states.find((s) => s.id === kase.state)?.final) {
      throw new AppError('CASE_STEP_NOT_ALLOWED', { detail: `案件 ${kase.case_number} 已归档，不能再变更` });
    }
    const payment = await paymentOf(ctx.trx, kase, paymentId);
    if (!payment) throw new AppError('NOT_FOUND', { detail: '未找到该缴款记录' });
    if (payment.method !== 'on_the_spot') {
      throw fieldError('VALIDATION_FAILED', 'body.stage', '只有当场收缴的罚款须交款（行政处罚法 §71）');
    }
    const handovers = await handoversOfPayment(ctx.trx, payment);
    if (handovers.some((h) => h.stage === input.stage)) {
      throw new AppError('DUPLICATE', {
        detail: input.stage === 'to_agency' ? '已登记交至行政机关' : '已登记缴付银行',
      });
    }
    const toAgency = handovers.find((h) => h.stage === 'to_agency');
    if (input.stage === 'to_bank' && !toAgency) {
      throw fieldError('VALIDATION_FAILED', 'body.stage', '请先登记执法人员交至行政机关');
    }
    const from =
      input.stage === 'to_agency' ? (payment.landed_on ?? payment.paid_on) : (toAgency?.handed_on ?? on);
    if (on < from) throw fieldError('VALIDATION_FAILED', 'body.on', `交款日期不能早于 ${from}`);
    const code = input.stage === 'to_agency' ? 'cash_handover' : 'cash_deposit';
    const dueOn = (input.stage === 'to_agency' ? cashHandoverDue(cal, from) : cashDepositDue(cal, from)).date;
    const late = lateCheck(code, dueOn, on, input.lateReason);
    if (late.late && !late.allowed) {
      throw new AppError('CASE_DEADLINE_PASSED', {
        detail: late.message,
        errors: [{ path: 'body.lateReason', message: late.message }],
        extra: { deadline: code, dueOn },
      });
    }
    const event = await appendEvent(ctx, kase, {
      action: 'cash_handed_over',
      on,
      lateReason: late.late ? input.lateReason : null,
      details: { paymentId, stage: input.stage, reference: input.reference, dueOn },
    });
    await insertHandover(ctx, kase, {
      payment_id: payment.id,
      event_id: event.id,
      stage: input.stage,
      handed_on: on,
      due_on: dueOn,
      late: late.late,
      late_reason: late.late ? input.lateReason : null,
      reference: input.reference,
      recorded_by: ctx.actor.personId,
      recorded_at: ctx.now,
    });
    const open = await openDeadlineOf(ctx.trx, ownAgency(kase.agency_id), kase.id, code);
    if (open) await meetDeadline(ctx, open, on, event.id);
    if (input.stage === 'to_agency') await openDeadline(ctx, cal, kase, 'cash_deposit', on, event.id);
    await writeCase(ctx, kase, {});
  });
}
