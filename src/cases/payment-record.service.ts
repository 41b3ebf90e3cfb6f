import { runCommand, type Actor, type CommandContext, type CommandDeps } from '../platform/audit/command.ts';
import { authorize } from '../platform/auth/policy.ts';
import { actorOf, type Principal } from '../platform/auth/principal.ts';
import { workingCalendar } from '../platform/calendar/calendar.service.ts';
import type { WorkingCalendar } from '../platform/calendar/working-days.rules.ts';
import { ownScopeOf } from '../platform/db/agency-scope.ts';
import type { Row } from '../platform/db/schema.ts';
import { AppError, fieldError } from '../platform/errors.ts';
import { actingDay } from './case-command.ts';
import { moveDeadline, openDeadline } from './case-deadlines.store.ts';
import { getCase } from './case-detail.queries.ts';
import { checkStep } from './case-step.checks.ts';
import { writeStep } from './case-step.write.ts';
import type { CaseDetail } from './case-view.ts';
import { casesPolicy } from './cases.policy.ts';
import type { StepInput } from './cases.schema.ts';
import { appendEvent, lockCase, writeCase, type CaseRow } from './cases.store.ts';
import { endPeriods, refuse } from './payment-command.ts';
import { approvedPlanOf, ledgerOf } from './payment-ledger.service.ts';
import { collectionProblems } from './payment.rules.ts';
import type { PaymentInput } from './payment.schema.ts';
import { insertPayment } from './payment.store.ts';

/**
 * Recording a fine's payment (行政处罚法 §66–§71): with its bank receipt, or collected on the spot, the whole
 * fine taking the case's `record_payment` step and an earlier instalment moving the payment period on.
 */

/** The payment of the generic step route (`POST /steps/record_payment`): at the bank, no receipt given. */
export function stepPaymentInput(input: StepInput, on: string): PaymentInput & { viaStepRoute: true } {
  return {
    version: input.version,
    paidOn: on,
    amountFen: input.amountFen ?? 0,
    method: 'bank',
    bankReceiptRef: null,
    ground: null,
    receiptNumber: null,
    partyRequested: false,
    landedOn: null,
    lateReason: input.lateReason,
    viaStepRoute: true,
  };
}

/**
 * Records a payment inside a running command, on the locked case. The whole fine (or the last instalment)
 * takes the case's `record_payment` step; an earlier instalment is recorded as a payment event and moves the
 * payment period to the next instalment's last day (§66 ¶2).
 */
export async function recordPaymentInCommand(
  ctx: CommandContext,
  cal: WorkingCalendar,
  principal: Principal,
  kase: CaseRow,
  input: PaymentInput & { viaStepRoute?: true },
): Promise<{ event: Row<'case_events'>; late: boolean; paymentId: string }> {
  const on = actingDay(ctx.now, input.paidOn, 'body.paidOn');
  const checked = await checkStep(ctx, cal, principal, kase, 'record_payment', {
    on,
    reason: null,
    lateReason: input.lateReason,
    amountFen: input.viaStepRoute && input.amountFen === 0 ? null : input.amountFen,
  });
  // The step route records what the bank received, as it always did; the payment route names the receipt.
  const problems = collectionProblems({
    procedure: kase.procedure,
    method: input.method,
    fineFen: kase.amount_fen ?? 0,
    bankReceiptRef: input.viaStepRoute ? '—' : input.bankReceiptRef,
    ground: input.ground,
    receiptNumber: input.receiptNumber,
    partyRequested: input.partyRequested,
  });
  if (problems.length > 0) throw refuse('PAYMENT_COLLECTION_REFUSED', problems);
  if (input.landedOn && (input.method !== 'on_the_spot' || input.landedOn < on)) {
    throw fieldError('VALIDATION_FAILED', 'body.landedOn', '抵岸日期仅用于水上当场收缴，且不能早于收缴日期');
  }
  const { due, period, plans } = await ledgerOf(ctx.trx, kase, on);
  if (input.amountFen < due.totalFen) {
    const what = due.instalment ? `第 ${due.instalment} 期应缴` : '应缴';
    const message = `${what} ${due.totalFen / 100} 元${due.surchargeFen > 0 ? `（含逾期加处罚款 ${due.surchargeFen / 100} 元，行政处罚法 §72）` : ''}${due.instalment ? '' : '；未经批准分期的，罚款应一次缴清（行政处罚法 §66）'}`;
    throw new AppError('VALIDATION_FAILED', {
      detail: message,
      errors: [{ path: 'body.amountFen', message }],
    });
  }
  const final = due.fineDueFen === due.outstandingFen;
  const details = {
    method: input.method,
    paidFen: input.amountFen,
    fineFen: due.fineDueFen,
    surchargeFen: due.surchargeFen,
    instalment: due.instalment,
    bankReceiptRef: input.bankReceiptRef,
    receiptNumber: input.receiptNumber,
    ground: input.ground,
  };
  const changes = {
    paid_fen: kase.paid_fen + input.amountFen,
    surcharge_fen: kase.surcharge_fen + due.surchargeFen,
  };
  let event: Row<'case_events'>;
  if (final) {
    ({ event } = await writeStep(ctx, cal, kase, checked, on, {
      reason: null,
      lateReason: input.lateReason,
      details,
      changes,
    }));
    // Paid after the demand: the demand and the court's window end with the payment.
    await endPeriods(ctx, checked, ['payment_demand', 'court_application'], on, event.id);
  } else {
    event = await appendEvent(ctx, kase, {
      action: 'payment_recorded',
      on,
      reason: null,
      lateReason: checked.late ? input.lateReason : null,
      details: { ...details, ...(checked.late ? { lateFor: checked.late } : {}) },
    });
    // §66 ¶2: the payment period runs on to the next instalment's own last day
    const plan = approvedPlanOf(plans);
    const next =
      plan?.kind === 'instalments' && due.instalment ? plan.instalments[due.instalment] : undefined;
    if (next) await moveDeadline(ctx, period, next.lastDay);
    await writeCase(ctx, kase, changes);
  }
  const row = await insertPayment(ctx, kase, {
    event_id: event.id,
    method: input.method,
    paid_on: on,
    amount_fen: input.amountFen,
    fine_fen: due.fineDueFen,
    surcharge_fen: due.surchargeFen,
    instalment: due.instalment,
    bank_receipt_ref: input.bankReceiptRef,
    receipt_number: input.method === 'on_the_spot' ? input.receiptNumber : null,
    ground: input.method === 'on_the_spot' ? input.ground : null,
    party_requested: input.partyRequested,
    landed_on: input.landedOn,
    recorded_by: ctx.actor.personId,
    recorded_at: ctx.now,
  });
  // §71: cash collected on the spot goes to the agency within 2 working days (on water, of landing).
  if (input.method === 'on_the_spot') {
    await openDeadline(ctx, cal, kase, 'cash_handover', input.landedOn ?? on, event.id);
  }
  return { event, late: checked.late !== null, paymentId: row.id };
}

/** `POST /api/v1/cases/{id}/payments`: a payment recorded with its receipt, or collected on the spot. */
export async function recordPayment(
  deps: CommandDeps,
  principal: Principal,
  id: string,
  input: PaymentInput,
  actor: Actor = actorOf(principal),
): Promise<CaseDetail & { paymentId: string }> {
  authorize(principal, casesPolicy.step, principal.agencyId);
  const cal = await workingCalendar(deps.db);
  const { paymentId } = await runCommand(deps, actor, async (ctx) => {
    const kase = await lockCase(ctx, ownScopeOf(principal), id, input.version);
    if (kase.action_kind !== 'penalty') {
      throw new AppError('BAD_REQUEST', {
        detail: `征收、收费的缴纳请使用 POST /api/v1/cases/${id}/steps/record_payment`,
      });
    }
    return recordPaymentInCommand(ctx, cal, principal, kase, input);
  });
  return { ...(await getCase(deps, principal, id)), paymentId };
}
