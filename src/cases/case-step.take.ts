import { runCommand, type Actor, type CommandContext, type CommandDeps } from '../platform/audit/command.ts';
import { authorize } from '../platform/auth/policy.ts';
import { actorOf, type Principal } from '../platform/auth/principal.ts';
import { workingCalendar } from '../platform/calendar/calendar.service.ts';
import { chinaDate } from '../platform/clock.ts';
import { ownScopeOf } from '../platform/db/agency-scope.ts';
import { AppError } from '../platform/errors.ts';
import { actingDay } from './case-command.ts';
import { getCase } from './case-detail.queries.ts';
import { checkStep } from './case-step.checks.ts';
import { issueStepDocuments } from './case-step.documents.ts';
import { stepEffects } from './case-step.effects.ts';
import { writeStep } from './case-step.write.ts';
import type { CaseDetail } from './case-view.ts';
import { casesPolicy } from './cases.policy.ts';
import type { StepInput } from './cases.schema.ts';
import { lockCase, lockOwnCase, type CaseRow } from './cases.store.ts';
import { stateLabel } from './lifecycle.rules.ts';
import { lifecycles, type Lifecycle } from './lifecycles/index.ts';
import { nonPaymentSteps } from './lifecycles/non-payment.ts';
import { recordPaymentInCommand, stepPaymentInput } from './payment-record.service.ts';

/**
 * Taking a lifecycle step (`POST /api/v1/cases/{id}/steps/{step}`), and the legal review's own steps
 * taken inside its transaction. Decisions are case-decision.service.ts's; the checks and the write are
 * case-step.checks.ts and case-step.write.ts.
 */

/** The steps of legal review: taken through the review (src/review/), never through the step route. */
export const reviewSteps: ReadonlySet<string> = new Set(['submit_review', 'pass_review', 'return_review']);

/** What a step's response carries beyond the case: e.g. the lead opened from an inspection. */
export interface StepResult extends CaseDetail {
  event: { id: string; seq: number; step: string; late: boolean };
  /** For `refer_lead`: the new penalty case. */
  leadCaseId?: string;
  /** For a decision: whether a publication draft is due. */
  mustPublish?: boolean;
}

/**
 * Takes a lifecycle step (`POST /api/v1/cases/{id}/steps/{step}`). A step the state does not allow is
 * refused naming the state and the steps it allows; decisions go through `decide`.
 */
export async function takeStep(
  deps: CommandDeps,
  principal: Principal,
  id: string,
  step: string,
  input: StepInput,
  /** Who the record names; the principal's own channel unless a loader acts for them (the demo). */
  actor: Actor = actorOf(principal),
): Promise<StepResult> {
  authorize(principal, casesPolicy.step, principal.agencyId);
  const on = actingDay(deps.clock.now(), input.on);
  const cal = await workingCalendar(deps.db);
  const result = await runCommand(deps, actor, async (ctx) => {
    const kase = await lockCase(ctx, ownScopeOf(principal), id, input.version);
    const lc = lifecycles[kase.kind];
    if (lc.transitions.some((t) => t.step === step && t.decision)) {
      throw new AppError('BAD_REQUEST', { detail: `作出决定请使用 POST /api/v1/cases/${id}/decision` });
    }
    if (reviewSteps.has(step)) throw reviewStepRefused(lc, kase, step);
    if (nonPaymentSteps.has(step)) {
      throw new AppError('BAD_REQUEST', {
        detail: `催告、申请人民法院强制执行和法院执行情况请使用 /api/v1/cases/${id}/payment-demand、/court-application、/court-result`,
      });
    }
    // A fine's payment is recorded by the payment service (行政处罚法 §67–§72), the step route kept for it.
    if (step === 'record_payment' && kase.action_kind === 'penalty') {
      const paid = await recordPaymentInCommand(ctx, cal, principal, kase, stepPaymentInput(input, on));
      return { event: paid.event, late: paid.late, leadCaseId: undefined };
    }
    const checked = await checkStep(ctx, cal, principal, kase, step, { ...input, on });
    const effects = await stepEffects(ctx, kase, checked, input, on);
    const { event } = await writeStep(ctx, cal, kase, checked, on, {
      ...(input.measure ? { avCode: input.measure } : {}),
      reason: input.reason,
      lateReason: input.lateReason,
      details: effects.details,
      changes: effects.changes,
      timing: input,
    });
    await issueStepDocuments(ctx, kase, step, on, input.documents);
    return { event, late: checked.late !== null, leadCaseId: effects.leadCaseId };
  });
  return {
    ...(await getCase(deps, principal, id)),
    event: { id: result.event.id, seq: result.event.seq, step, late: result.late },
    ...(result.leadCaseId ? { leadCaseId: result.leadCaseId } : {}),
  };
}

/** A legal-review step asked of the step route: it is taken through the legal review (法制审核) only. */
function reviewStepRefused(lc: Lifecycle, kase: CaseRow, step: string): AppError {
  const label = lc.transitions.find((t) => t.step === step)?.label ?? step;
  return new AppError('CASE_STEP_NOT_ALLOWED', {
    detail: `「${label}」不能在案件办理中直接办理，须通过法制审核办理（提交审核：POST /api/v1/reviews；审核结论由法制审核人员作出），案件状态随审核结果变化`,
    extra: { state: kase.state, stateLabel: stateLabel(lc, kase.state), step, via: 'legal_review' },
  });
}

/** What the legal review hands the case when it takes one of its steps. */
export interface ReviewStepInput {
  /** Who takes it: their roles are checked against the step's (lifecycle.rules.ts `mayTake`). */
  principal: Principal;
  /** The reason a return names (the review's opinion). */
  reason?: string | null;
  /** Facts the case event keeps (e.g. the review's id and round). */
  details?: Record<string, unknown>;
}

/**
 * Takes a legal-review step (`reviewSteps`) of a case inside the caller's command (the review service's
 * transaction), with every check of the lifecycle (state, role, date order, requirements), dated today.
 * Returns null when the case's lifecycle has no such step at all (kinds without a review stage in their
 * lifecycle: the review stands beside them, its gate before the decision).
 */
export async function takeStepInCommand(
  ctx: CommandContext,
  caseId: string,
  step: string,
  input: ReviewStepInput,
): Promise<{ eventId: string; state: string } | null> {
  if (!reviewSteps.has(step)) throw new Error(`takeStepInCommand: ${step} is not a legal-review step`);
  const kase = await lockOwnCase(ctx, ownScopeOf(input.principal), caseId);
  const lc = lifecycles[kase.kind];
  if (!lc.transitions.some((t) => t.step === step)) return null;
  const on = chinaDate(ctx.now);
  const cal = await workingCalendar(ctx.trx);
  const checked = await checkStep(ctx, cal, input.principal, kase, step, {
    on,
    reason: input.reason ?? null,
    lateReason: null,
    amountFen: null,
  });
  const { event, after } = await writeStep(ctx, cal, kase, checked, on, {
    reason: input.reason ?? null,
    lateReason: null,
    details: input.details ?? {},
    changes: {},
  });
  return { eventId: event.id, state: after.state };
}
