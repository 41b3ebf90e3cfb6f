import type { Actor, CommandDeps } from '../platform/audit/command.ts';
import { authorize } from '../platform/auth/policy.ts';
import { actorOf, type Principal } from '../platform/auth/principal.ts';
import { AppError, fieldError } from '../platform/errors.ts';
import { actingDay } from './case-command.ts';
import { openDeadline } from './case-deadlines.store.ts';
import { checkStep } from './case-step.checks.ts';
import { writeStep } from './case-step.write.ts';
import type { CaseDetail } from './case-view.ts';
import { casesPolicy } from './cases.policy.ts';
import { endPeriods, onPaymentCase } from './payment-command.ts';
import { approvedPlanOf, ledgerOf } from './payment-ledger.service.ts';
import {
  courtApplicationProblems,
  courtApplicationStart,
  planEndsOn,
  remedyPeriodEnds,
} from './payment.rules.ts';
import type { CourtApplicationInput, CourtResultInput, DemandInput } from './payment.schema.ts';

/**
 * Execution of an unpaid fine (行政强制法 §35, §53–§58; 行政处罚法 §72): the demand, the application to the
 * people's court and what the court did.
 */

/**
 * `POST /api/v1/cases/{id}/payment-demand`: the written demand (催告书) served once the payment period has
 * ended unpaid (行政强制法 §35, §54; 行政处罚法 §72). It opens the 10 working days to perform and the
 * agency's window to apply to the court (行政强制法 §53), which starts when the party's period to sue ends
 * (payment.rules.ts `remedyPeriodEnds`) or, if later, the approved deferral or instalments (§72 ¶2).
 */
export async function demandPayment(
  deps: CommandDeps,
  principal: Principal,
  id: string,
  input: DemandInput,
  actor: Actor = actorOf(principal),
): Promise<CaseDetail> {
  authorize(principal, casesPolicy.step, principal.agencyId);
  const on = actingDay(deps.clock.now(), input.on);
  return onPaymentCase(deps, principal, id, input.version, actor, async (ctx, kase, cal) => {
    const checked = await checkStep(ctx, cal, principal, kase, 'demand_payment', {
      on,
      reason: null,
      lateReason: null,
      amountFen: null,
    });
    const { due, period, plans } = await ledgerOf(ctx.trx, kase, on);
    if (plans.some((p) => p.decided_on === null)) {
      throw new AppError('PAYMENT_PLAN_INVALID_STATE', {
        detail: '当事人的暂缓或分期缴纳申请尚未审批，不能催告',
      });
    }
    const current = checked.openDeadlines.get('payment') ?? period;
    if (on <= current.due_on) {
      throw fieldError(
        'VALIDATION_FAILED',
        'body.on',
        `缴纳期限至 ${current.due_on} 届满，届满仍未缴纳的方可催告（行政处罚法 §72；行政强制法 §54）`,
      );
    }
    const { event, after } = await writeStep(ctx, cal, kase, checked, on, {
      reason: null,
      lateReason: null,
      details: {
        serviceMethod: input.serviceMethod,
        documentNumber: input.documentNumber,
        outstandingFen: due.outstandingFen,
        surchargeFen: due.surchargeFen,
        totalFen: due.totalFen,
      },
      changes: {},
    });
    // The party's period ended unpaid: the demand takes over from it.
    await endPeriods(ctx, checked, ['payment'], on, event.id);
    const start = courtApplicationStart(
      remedyPeriodEnds(cal, period.opened_on).date,
      planEndsOn(approvedPlanOf(plans)),
    );
    await openDeadline(ctx, cal, after, 'court_application', start, event.id);
  });
}

/**
 * `POST /api/v1/cases/{id}/court-application`: the application to the people's court for enforcement
 * (行政强制法 §53–§55), by the agency's head, once the demand's 10 working days and the party's remedy period
 * have ended; late (past the 3 months) it needs a reason, recorded as the defect it is.
 */
export async function applyCourtEnforcement(
  deps: CommandDeps,
  principal: Principal,
  id: string,
  input: CourtApplicationInput,
  actor: Actor = actorOf(principal),
): Promise<CaseDetail> {
  authorize(principal, casesPolicy.step, principal.agencyId);
  const on = actingDay(deps.clock.now(), input.on);
  return onPaymentCase(deps, principal, id, input.version, actor, async (ctx, kase, cal) => {
    const checked = await checkStep(ctx, cal, principal, kase, 'apply_court_enforcement', {
      on,
      reason: null,
      lateReason: input.lateReason,
      amountFen: null,
    });
    const demand = checked.openDeadlines.get('payment_demand');
    const window = checked.openDeadlines.get('court_application');
    const problems = courtApplicationProblems({
      on,
      demandDueOn: demand?.due_on ?? null,
      windowStartsOn: window?.opened_on ?? on,
      noRemedySought: input.noRemedySought,
    });
    if (problems.length > 0) {
      const timing = problems.some((p) => p.path !== 'body.noRemedySought');
      throw new AppError(timing ? 'COURT_APPLICATION_PREMATURE' : 'VALIDATION_FAILED', {
        detail: problems.map((p) => p.message).join('；'),
        errors: problems,
        extra: { demandDueOn: demand?.due_on ?? null, windowStartsOn: window?.opened_on ?? null },
      });
    }
    const { due } = await ledgerOf(ctx.trx, kase, on);
    const { event } = await writeStep(ctx, cal, kase, checked, on, {
      reason: null,
      lateReason: input.lateReason,
      details: {
        court: input.court,
        noRemedySought: true,
        outstandingFen: due.outstandingFen,
        surchargeFen: due.surchargeFen,
        totalFen: due.totalFen,
      },
      changes: {},
    });
    await endPeriods(ctx, checked, ['payment_demand'], on, event.id, 'elapsed');
  });
}

/** `POST /api/v1/cases/{id}/court-result`: what the court answered or did (行政强制法 §56–§58). */
export async function recordCourtResult(
  deps: CommandDeps,
  principal: Principal,
  id: string,
  input: CourtResultInput,
  actor: Actor = actorOf(principal),
): Promise<CaseDetail> {
  authorize(principal, casesPolicy.step, principal.agencyId);
  const on = actingDay(deps.clock.now(), input.on);
  return onPaymentCase(deps, principal, id, input.version, actor, async (ctx, kase, cal) => {
    const checked = await checkStep(ctx, cal, principal, kase, 'record_court_result', {
      on,
      reason: null,
      lateReason: null,
      amountFen: null,
    });
    await writeStep(ctx, cal, kase, checked, on, {
      reason: input.note,
      lateReason: null,
      details: { result: input.result, amountFen: input.amountFen, documentNumber: input.documentNumber },
      changes: {},
    });
  });
}
