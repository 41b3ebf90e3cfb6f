import { runCommand, type Actor, type CommandContext, type CommandDeps } from '../platform/audit/command.ts';
import { authorize } from '../platform/auth/policy.ts';
import { actorOf, type Principal } from '../platform/auth/principal.ts';
import { workingCalendar } from '../platform/calendar/calendar.service.ts';
import type { WorkingCalendar } from '../platform/calendar/working-days.rules.ts';
import type { Db } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';
import { AppError, fieldError, type FieldError } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { lateCheck } from './case-deadlines.rules.ts';
import { checkStep, writeStep, type Checked } from './case-steps.service.ts';
import { getCase, type CaseDetail } from './cases.queries.ts';
import { casesPolicy } from './cases.policy.ts';
import type { StepInput } from './cases.schema.ts';
import { actingDay } from './cases.service.ts';
import { appendEvent, lockCase, meetDeadline, openDeadline, writeCase, type CaseRow } from './cases.store.ts';
import { stateLabel } from './lifecycle.rules.ts';
import { lifecycles } from './lifecycles/index.ts';
import type {
  CourtApplicationInput,
  CourtResultInput,
  DemandInput,
  HandoverInput,
  PaymentInput,
  PaymentPlanInput,
  PlanDecisionInput,
} from './payment.schema.ts';
import {
  amountDue,
  cashDepositDue,
  cashHandoverDue,
  collectionProblems,
  courtApplicationProblems,
  courtApplicationStart,
  paymentPlanProblems,
  planEndsOn,
  planLastDay,
  remedyPeriodEnds,
  type AmountDue,
  type ApprovedPlan,
  type PaymentProblem,
} from './payment.rules.ts';

/**
 * Payment and execution of fines (行政处罚法 §66–§72; 行政强制法 §35, §53–§55): payments recorded with their
 * receipt or collected on the spot, deferral and instalments, the hand-over of cash, the demand and the
 * application to the people's court. Each command is one transaction through `runCommand`, on the case at
 * the version the client saw; the lifecycle's steps (record_payment, demand_payment,
 * apply_court_enforcement, record_court_result) go through `checkStep` and `writeStep` like every step.
 */

/** The `payment` period of the case: opened on service, its first last day the 15 days of §67. */
async function paymentPeriod(db: Db, caseId: string) {
  return db
    .selectFrom('case_deadlines')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('code', '=', 'payment')
    .orderBy('opened_on', 'desc')
    .executeTakeFirst();
}

async function plansOf(db: Db, caseId: string) {
  return db
    .selectFrom('case_payment_plans')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('applied_on')
    .orderBy('id')
    .execute();
}

/** The approved plan of the case as the ledger needs it (payment.rules.ts `ApprovedPlan`). */
export function approvedPlanOf(plans: readonly Row<'case_payment_plans'>[]): ApprovedPlan | null {
  const plan = plans.find((p) => p.approved === true);
  if (!plan) return null;
  if (plan.kind === 'deferral') {
    return { kind: 'deferral', appliedOn: plan.applied_on, lastDay: plan.last_day ?? plan.until ?? '' };
  }
  return {
    kind: 'instalments',
    instalments: plan.instalments.map((i) => ({ amountFen: i.amountFen, lastDay: i.lastDay ?? i.dueOn })),
  };
}

/** What the case owes on `asOf`, from its payments, its plans and the first last day of its payment period. */
export async function ledgerOf(
  db: Db,
  kase: CaseRow,
  asOf: string,
): Promise<{ due: AmountDue; period: Row<'case_deadlines'>; plans: Row<'case_payment_plans'>[] }> {
  const period = await paymentPeriod(db, kase.id);
  if (!period || !(kase.amount_fen && kase.amount_fen > 0)) {
    throw new AppError('CASE_STEP_NOT_ALLOWED', { detail: `案件 ${kase.case_number} 没有须缴纳的罚款` });
  }
  const plans = await plansOf(db, kase.id);
  const payments = await db
    .selectFrom('case_payments')
    .select(['fine_fen', 'instalment'])
    .where('case_id', '=', kase.id)
    .execute();
  const due = amountDue(
    {
      fineFen: kase.amount_fen,
      // The 15 days of §67 as first counted: a deferral moves the period's last day, not this one.
      originalDueOn: plans[0]?.original_due_on ?? period.due_on,
      paidFineFen: payments.reduce((sum, p) => sum + p.fine_fen, 0),
      instalmentsPaid: payments.filter((p) => p.instalment !== null).length,
      plan: approvedPlanOf(plans),
    },
    asOf,
  );
  return { due, period, plans };
}

function refuse(code: 'VALIDATION_FAILED' | 'PAYMENT_COLLECTION_REFUSED', problems: PaymentProblem[]) {
  return new AppError(code, {
    detail: problems.map((p) => p.message).join('；'),
    errors: problems.map((p): FieldError => ({ path: p.path, message: p.message })),
  });
}

/** Moves the last day of a running period (an approved plan, the next instalment) and records it. */
async function moveDeadline(ctx: CommandContext, deadline: Row<'case_deadlines'>, dueOn: string) {
  if (deadline.met_on !== null || deadline.due_on === dueOn) return;
  const row = await ctx.trx
    .updateTable('case_deadlines')
    .set({ due_on: dueOn, updated_at: ctx.now })
    .where('id', '=', deadline.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await ctx.record({
    kind: 'cases.deadline_moved',
    agencyId: row.agency_id,
    subjectType: 'case_deadline',
    subjectId: row.id,
    record: row,
    changes: ['due_on'],
  });
}

/**
 * Ends the given running periods of the case with the event (the step made them moot). `late` on the period
 * then says whether the party let it pass (the 15 days ended unpaid: late) — unless it merely `elapsed`, as
 * the demand's 10 days do before the court application.
 */
async function endPeriods(
  ctx: CommandContext,
  checked: Checked,
  codes: readonly string[],
  on: string,
  eventId: string,
  how: 'actual' | 'elapsed' = 'actual',
) {
  for (const code of codes) {
    const deadline = checked.openDeadlines.get(code);
    if (!deadline) continue;
    const dueOn = how === 'elapsed' && on > deadline.due_on ? on : deadline.due_on;
    await meetDeadline(ctx, { ...deadline, due_on: dueOn }, on, eventId);
  }
}

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
  const row = await ctx.trx
    .insertInto('case_payments')
    .values({
      id: newId(),
      agency_id: kase.agency_id,
      case_id: kase.id,
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
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await ctx.record({
    kind: 'cases.payment_recorded',
    agencyId: kase.agency_id,
    subjectType: 'case_payment',
    subjectId: row.id,
    record: row,
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
    const kase = await lockCase(ctx, principal.agencyId, id, input.version);
    if (kase.action_kind !== 'penalty') {
      throw new AppError('BAD_REQUEST', {
        detail: `征收、收费的缴纳请使用 POST /api/v1/cases/${id}/steps/record_payment`,
      });
    }
    return recordPaymentInCommand(ctx, cal, principal, kase, input);
  });
  return { ...(await getCase(deps, principal, id)), paymentId };
}

/** Runs a command on a case locked at the client's version; answers with the case as it is after. */
async function onCase<T>(
  deps: CommandDeps,
  principal: Principal,
  id: string,
  version: number,
  actor: Actor,
  fn: (ctx: CommandContext, kase: CaseRow, cal: WorkingCalendar) => Promise<T>,
): Promise<CaseDetail> {
  const cal = await workingCalendar(deps.db);
  await runCommand(deps, actor, async (ctx) => {
    const kase = await lockCase(ctx, principal.agencyId, id, version);
    if (kase.suspended_since) {
      throw new AppError('CASE_SUSPENDED', {
        detail: `案件 ${kase.case_number} 已于 ${kase.suspended_since} 中止，请先恢复`,
      });
    }
    return fn(ctx, kase, cal);
  });
  return getCase(deps, principal, id);
}

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
  return onCase(deps, principal, id, input.version, actor, async (ctx, kase, cal) => {
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
    const row = await ctx.trx
      .insertInto('case_payment_plans')
      .values({
        id: newId(),
        agency_id: kase.agency_id,
        case_id: kase.id,
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
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await ctx.record({
      kind: 'cases.payment_plan_applied',
      agencyId: kase.agency_id,
      subjectType: 'case_payment_plan',
      subjectId: row.id,
      record: row,
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
  if (!principal.roles.has('agency_head')) {
    throw new AppError('FORBIDDEN', { detail: '暂缓或分期缴纳罚款须经行政机关负责人批准（行政处罚法 §66）' });
  }
  if (!input.approved && !input.reason?.trim()) {
    throw fieldError('VALIDATION_FAILED', 'body.reason', '不予批准的，须填写理由');
  }
  const on = actingDay(deps.clock.now(), input.on);
  return onCase(deps, principal, id, input.version, actor, async (ctx, kase, cal) => {
    const plan = await ctx.trx
      .selectFrom('case_payment_plans')
      .selectAll()
      .where('id', '=', planId)
      .where('case_id', '=', kase.id)
      .executeTakeFirst();
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
    const row = await ctx.trx
      .updateTable('case_payment_plans')
      .set({
        decided_on: on,
        approved: input.approved,
        decision_reason: input.reason,
        decided_by: ctx.actor.personId,
        decided_event_id: event.id,
        last_day: lastDay,
      })
      .where('id', '=', plan.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await ctx.record({
      kind: 'cases.payment_plan_decided',
      agencyId: kase.agency_id,
      subjectType: 'case_payment_plan',
      subjectId: row.id,
      record: row,
      changes: ['decided_on', 'approved', 'decision_reason', 'decided_by', 'decided_event_id', 'last_day'],
    });
    if (input.approved) {
      const period = await paymentPeriod(ctx.trx, kase.id);
      const first = plan.kind === 'deferral' ? lastDay : (plan.instalments[0]?.lastDay ?? null);
      if (period && first) await moveDeadline(ctx, period, first);
    }
    await writeCase(ctx, kase, {});
  });
}

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
  return onCase(deps, principal, id, input.version, actor, async (ctx, kase, cal) => {
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
  return onCase(deps, principal, id, input.version, actor, async (ctx, kase, cal) => {
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
  return onCase(deps, principal, id, input.version, actor, async (ctx, kase, cal) => {
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
  return onCase(deps, principal, id, input.version, actor, async (ctx, kase, cal) => {
    const lc = lifecycles[kase.kind];
    if (lc.states.find((s) => s.id === kase.state)?.final) {
      throw new AppError('CASE_STEP_NOT_ALLOWED', { detail: `案件 ${kase.case_number} 已归档，不能再变更` });
    }
    const payment = await ctx.trx
      .selectFrom('case_payments')
      .selectAll()
      .where('id', '=', paymentId)
      .where('case_id', '=', kase.id)
      .executeTakeFirst();
    if (!payment) throw new AppError('NOT_FOUND', { detail: '未找到该缴款记录' });
    if (payment.method !== 'on_the_spot') {
      throw fieldError('VALIDATION_FAILED', 'body.stage', '只有当场收缴的罚款须交款（行政处罚法 §71）');
    }
    const handovers = await ctx.trx
      .selectFrom('case_cash_handovers')
      .selectAll()
      .where('payment_id', '=', payment.id)
      .execute();
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
    const row = await ctx.trx
      .insertInto('case_cash_handovers')
      .values({
        id: newId(),
        agency_id: kase.agency_id,
        case_id: kase.id,
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
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await ctx.record({
      kind: 'cases.cash_handed_over',
      agencyId: kase.agency_id,
      subjectType: 'case_cash_handover',
      subjectId: row.id,
      record: row,
    });
    const open = await ctx.trx
      .selectFrom('case_deadlines')
      .selectAll()
      .where('case_id', '=', kase.id)
      .where('code', '=', code)
      .where('met_on', 'is', null)
      .executeTakeFirst();
    if (open) await meetDeadline(ctx, open, on, event.id);
    if (input.stage === 'to_agency') await openDeadline(ctx, cal, kase, 'cash_deposit', on, event.id);
    await writeCase(ctx, kase, {});
  });
}
