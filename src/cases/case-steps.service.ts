import { runCommand, type Actor, type CommandContext, type CommandDeps } from '../platform/audit/command.ts';
import { authorize } from '../platform/auth/policy.ts';
import { actorOf, type Principal } from '../platform/auth/principal.ts';
import { roleLabels } from '../platform/auth/roles.ts';
import { workingCalendar } from '../platform/calendar/calendar.service.ts';
import type { WorkingCalendar } from '../platform/calendar/working-days.rules.ts';
import type { Db } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';
import { chinaDate } from '../platform/clock.ts';
import { AppError, type FieldError } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { versionInForce } from '../powers/power-list.rules.ts';
import { lateCheck } from './case-deadlines.rules.ts';
import { earliestHearingOn } from './deadlines.rules.ts';
import { judgeDecision, mustPublish, type Outcome } from './decision.rules.ts';
import { deliberationReasonsOf } from './deliberation.queries.ts';
import { deliberationMessage } from './deliberation.rules.ts';
import { hearingRight } from './hearing-right.rules.ts';
import { partyTypeOf } from './party.rules.ts';
import { fineOf, sanctionsOfRequest, type CaseSanction } from './sanctions.rules.ts';
import { noPenaltyProblems } from './no-penalty.rules.ts';
import { allowedWhileSuspended, suspensionKindLabels, suspensionKindOf } from './excluded-time.rules.ts';
import { exitSteps, isExitStep, terminationGroundLabels } from './exit.rules.ts';
import { reviewGate } from '../review/gate.service.ts';
import { getCase, type CaseDetail } from './cases.queries.ts';
import { casesPolicy } from './cases.policy.ts';
import type { DecisionInput, StepInput } from './cases.schema.ts';
import { actingDay, insertCase } from './cases.service.ts';
import {
  appendEvent,
  assignedOfficers,
  endDeadline,
  lockCase,
  meetDeadline,
  openDeadline,
  openDeadlinesOf,
  recomputeDeadlines,
  writeCase,
  type CaseChanges,
  type CaseRow,
} from './cases.store.ts';
import {
  officerProblems,
  officersRequired,
  recusalPending,
  requirementProblems,
  stateLabel,
  transitionFor,
  mayTake,
  type AssignedOfficer,
} from './lifecycle.rules.ts';
import { lifecycles, type Lifecycle, type Transition } from './lifecycles/index.ts';
import { nonPaymentSteps } from './lifecycles/non-payment.ts';
import { recordPaymentInCommand, stepPaymentInput } from './payment.service.ts';
import { summaryProblems } from './summary.rules.ts';
import {
  hearingExclusion,
  receiptCheck,
  type LicensingExclusion,
  type ReceiptAnswer,
} from './licensing.rules.ts';

/**
 * Lifecycle steps and decisions. `takeStep` moves a case along its lifecycle (lifecycles/) after the pure
 * checks of lifecycle.rules.ts; `decide` is the decision command, kept apart so that checks can stand in
 * front of every decision:
 *
 * - The legal-review gate (src/review/gate.service.ts `reviewGate`, 行政处罚法 §58) is not a dependency
 *   but part of the decision: `decide` always runs it first, whoever calls it (route, CLI, demo, job).
 * - The gate and any further `beforeDecision` hooks (CaseDeps) run twice: on the request before its body
 *   is read (the route's preValidation, `phase: 'request'`) and inside the decision's transaction on the
 *   locked case (`phase: 'command'`), so no race and no body can pass a gate. A hook refuses by throwing an
 *   AppError (e.g. 409 REVIEW_REQUIRED). It should record a refused attempt in a command of its own
 *   (`runCommand(ctx.deps, ...)`), because the refused decision's transaction rolls back.
 * - The legal-review steps (`reviewSteps`: submit_review, pass_review, return_review) are taken only by the
 *   legal review itself (src/review/review.service.ts, through `takeStepInCommand` in its own transaction),
 *   so the case's state and the review's status are one truth; the step route refuses them.
 * - `afterDecision` hooks run inside the decision's transaction once it is written: a decision that must
 *   be published creates its publication draft there (src/publicity/), in the same transaction.
 *
 * Both lists are given by the composition root (src/app.ts) through `casesRoutes(deps)`.
 */

export interface DecisionGateContext {
  /** The decision's transaction (`phase: 'command'`), or the database before the body is read. */
  db: Db;
  phase: 'request' | 'command';
  actor: Actor;
  principal: Principal;
  now: Date;
  /** For a hook that records a refusal in a command of its own. */
  deps: CommandDeps;
}

/** Refuses a decision by throwing; returns normally to let it pass. */
export type BeforeDecision = (ctx: DecisionGateContext, kase: CaseRow) => Promise<void>;

/** What a decision decided, for the hooks after it. */
export interface DecisionMade {
  caseId: string;
  eventId: string;
  outcome: Outcome;
  amountFen: number;
  /** The decided sanctions (行政处罚法 §9): what the publication's period and early end come from. */
  sanctions: CaseSanction[];
  decidedOn: string;
  /** Whether it must be published (decision.rules.ts `mustPublish`), and so get a publication draft. */
  mustPublish: boolean;
  major: boolean;
  majorReasons: string[];
}

/** Runs in the decision's transaction after the case is written (e.g. the publication draft). */
export type AfterDecision = (ctx: CommandContext, kase: CaseRow, decision: DecisionMade) => Promise<void>;

/** The legal-review gate every decision passes (src/review/), before any further hook. */
const legalReviewGate: BeforeDecision = reviewGate();

/**
 * The dependencies of the cases area. The legal-review gate is not among them: `decide` always runs it, so
 * no caller (route, CLI, job, test) can make a decision without it. `beforeDecision` adds further checks.
 */
export interface CaseDeps extends CommandDeps {
  beforeDecision?: readonly BeforeDecision[];
  afterDecision?: readonly AfterDecision[];
}

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

/** AV checklist codes for steps that are not AV steps themselves (records/av-checklist.rules.ts `otherSteps`). */
const procedureStepCodes: Readonly<Record<string, string>> = {
  file: 'filing',
  not_file: 'filing',
  notify: 'notice',
  submit_review: 'legal_review',
  pass_review: 'legal_review',
  return_review: 'legal_review',
  deliberate: 'collective_deliberation',
  refuse_hearing: 'hearing',
  withdraw_hearing: 'hearing',
  hearing_no_show: 'hearing',
  decide: 'decision',
  record_payment: 'execution',
  demand_payment: 'execution',
  apply_court_enforcement: 'execution',
  record_court_result: 'execution',
  close: 'closing',
};

function stepRefused(lc: Lifecycle, kase: CaseRow, step: string): AppError {
  const check = transitionFor(lc, kase.state, step);
  const allowed = check.ok ? [] : check.allowed;
  const list = allowed.length ? allowed.map((a) => `${a.label}（${a.step}）`).join('、') : '无（已办结）';
  return new AppError('CASE_STEP_NOT_ALLOWED', {
    detail: `案件 ${kase.case_number} 处于「${stateLabel(lc, kase.state)}」状态，不能办理「${step}」；当前可办理：${list}`,
    extra: { state: kase.state, stateLabel: stateLabel(lc, kase.state), allowed },
  });
}

/** The steps must follow one another in time: no step dated before the case's last event. */
async function lastEventDay(ctx: CommandContext, caseId: string): Promise<string | null> {
  const row = await ctx.trx
    .selectFrom('case_events')
    .select((eb) => eb.fn.max('on_date').as('on'))
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  return (row?.on as string | null | undefined) ?? null;
}

export interface Checked {
  transition: Transition;
  officers: AssignedOfficer[];
  /** The case's open periods by code, read once for the checks and the write of the step. */
  openDeadlines: Map<string, Row<'case_deadlines'>>;
  late: { code: string; dueOn: string } | null;
  /** An application that counts as accepted on the day its materials were received (行政许可法 §32). */
  deemedAccepted: { acceptedOn: string; reason: string } | null;
}

/**
 * The checks every step and decision pass, in the order a clerk would want to hear them: state, role,
 * date order, officers (named), requirements (with field paths), and the period the step must meet.
 */
export async function checkStep(
  ctx: CommandContext,
  cal: WorkingCalendar,
  principal: Principal,
  kase: CaseRow,
  step: string,
  input: {
    on: string;
    reason: string | null;
    lateReason: string | null;
    amountFen: number | null;
  } & Partial<StepInput>,
): Promise<Checked> {
  const lc = lifecycles[kase.kind];
  if (kase.suspended_since) {
    // While suspended for a hearing, the hearing's own steps go on (its time is what is not counted).
    const kind = suspensionKindOf({ kind: kase.suspension_kind });
    if (!allowedWhileSuspended(kind, step)) {
      throw new AppError('CASE_SUSPENDED', {
        detail: `案件 ${kase.case_number} 已于 ${kase.suspended_since} 中止（${suspensionKindLabels[kind]}），请先恢复${kind === 'hearing' ? '；听证期间只能办理听证环节' : ''}`,
        extra: { suspendedSince: kase.suspended_since, kind },
      });
    }
  }
  const check = transitionFor(lc, kase.state, step);
  if (!check.ok) throw stepRefused(lc, kase, step);
  const t = check.transition;
  if (!mayTake(t, principal.roles)) {
    throw new AppError('FORBIDDEN', {
      detail: `「${t.label}」须由${t.roles.map((r) => roleLabels[r]).join('或')}办理`,
    });
  }
  const last = await lastEventDay(ctx, kase.id);
  if (last && input.on < last) {
    throw new AppError('VALIDATION_FAILED', {
      errors: [{ path: 'body.on', message: `日期不能早于上一环节（${last}）` }],
    });
  }
  const officers = await assignedOfficers(ctx.trx, kase.id);
  const pending = recusalPending(t, officers);
  if (pending.length > 0) {
    throw new AppError('CASE_RECUSAL_PENDING', {
      detail: pending.map((p) => p.message).join('；'),
      extra: { officers: pending },
    });
  }
  const required = officersRequired(t, input.serviceMethod ?? null);
  if (required > 0) {
    const problems = officerProblems(required, officers, kase.field, input.on);
    if (problems.length > 0) {
      throw new AppError('CASE_OFFICERS_INVALID', {
        detail: problems.map((p) => p.message).join('；'),
        extra: { officers: problems },
      });
    }
  }
  const openDeadlines = await openDeadlinesOf(ctx, kase.id);
  const hearingDeadline =
    openDeadlines.get('hearing_request') ?? openDeadlines.get('licensing_hearing_request');
  const active = officers.filter((o) => !o.recused);
  const problems = requirementProblems(t, {
    reason: input.reason,
    amountFen: input.amountFen,
    hearingRequestDue: hearingDeadline?.due_on ?? null,
    rightsWaived: kase.rights_waived || input.rightsWaived === true,
    hearingChairId: input.hearingChairId ?? null,
    investigatorIds: active.map((o) => o.personId),
    hearingOn: input.on,
    earliestHearingOn: input.hearingNotifiedOn ? earliestHearingOn(cal, input.hearingNotifiedOn).date : null,
    serviceMethod: input.serviceMethod ?? null,
    electronicConsent: input.electronicConsent === true,
    decidedAmountFen: kase.amount_fen,
    terminationGround: input.terminationGround ?? null,
    transferee: input.transferee ?? null,
    decidedOutcome: kase.decision_outcome,
    remedy: input.remedy ?? null,
    hearingRecordSigned: input.hearingRecordSigned === true,
    on: input.on,
  });
  if (problems.length > 0) {
    throw new AppError('VALIDATION_FAILED', {
      detail: problems.map((p) => p.message).join('；'),
      errors: problems.map((p): FieldError => ({ path: p.path, message: p.message })),
    });
  }
  let late: Checked['late'] = null;
  let deemedAccepted: Checked['deemedAccepted'] = null;
  const receipt = openDeadlines.get('licensing_completion_notice');
  if (t.meets === 'licensing_completion_notice' && receipt) {
    // 行政许可法 §32 ¶1 (四): past the 5 days the application already counts as accepted on receipt
    const answer = receiptCheck(t.step as ReceiptAnswer, receipt.opened_on, receipt.due_on, input.on);
    if (answer.kind === 'refused') {
      throw new AppError('CASE_DEADLINE_PASSED', {
        detail: answer.message,
        extra: { deadline: t.meets, dueOn: receipt.due_on, acceptedOn: receipt.opened_on },
      });
    }
    if (answer.kind === 'deemed_accepted') deemedAccepted = answer;
  } else if (t.meets) {
    const deadline = openDeadlines.get(t.meets);
    if (deadline) {
      const lc2 = lateCheck(t.meets, deadline.due_on, input.on, input.lateReason);
      if (lc2.late && !lc2.allowed) {
        throw new AppError('CASE_DEADLINE_PASSED', {
          detail: lc2.message,
          errors: lc2.message.includes('lateReason')
            ? [{ path: 'body.lateReason', message: lc2.message }]
            : [],
          extra: { deadline: t.meets, dueOn: lc2.dueOn },
        });
      }
      if (lc2.late) late = { code: t.meets, dueOn: lc2.dueOn };
    }
  }
  return { transition: t, officers, openDeadlines, late, deemedAccepted };
}

/** The enforcement step the AV checklist judges, taken over by the case (records' enforcement_steps). */
async function recordEnforcementStep(
  ctx: CommandContext,
  kase: CaseRow,
  code: string,
  on: string,
  input: { startedAt?: string | null; endedAt?: string | null; place?: string | null },
): Promise<string> {
  // A step recorded on its day starts now; one recorded later for an earlier day, at that day's start
  // (China time) unless the form gave its times.
  const startedAt = input.startedAt ?? (on === chinaDate(ctx.now) ? ctx.now : `${on}T00:00:00+08:00`);
  const row = await ctx.trx
    .insertInto('enforcement_steps')
    .values({
      id: newId(),
      agency_id: kase.agency_id,
      subject_type: 'case',
      subject_id: kase.id,
      step: code,
      started_at: startedAt,
      ended_at: input.endedAt ?? null,
      place: input.place ?? null,
      recorded_by: ctx.actor.personId,
      recorded_at: ctx.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await ctx.record({
    kind: 'records.step_recorded',
    agencyId: kase.agency_id,
    subjectType: 'enforcement_step',
    subjectId: row.id,
    record: row,
  });
  return row.id;
}

/** Writes a checked step: the enforcement step, the event, its periods and the case one version on. */
export async function writeStep(
  ctx: CommandContext,
  cal: WorkingCalendar,
  kase: CaseRow,
  checked: Checked,
  on: string,
  write: {
    avCode?: string;
    reason: string | null;
    lateReason: string | null;
    details: Record<string, unknown>;
    changes: CaseChanges;
    timing?: { startedAt?: string | null; endedAt?: string | null; place?: string | null };
  },
) {
  const t = checked.transition;
  const code = write.avCode ?? t.av ?? procedureStepCodes[t.step] ?? t.step;
  const enforcementStepId = await recordEnforcementStep(ctx, kase, code, on, write.timing ?? {});
  const deemed = checked.deemedAccepted;
  const event = await appendEvent(ctx, kase, {
    action: t.decision ? 'decision' : 'step',
    step: t.step,
    toState: t.to,
    on,
    officerIds: checked.officers.filter((o) => !o.recused).map((o) => o.personId),
    reason: deemed ? [deemed.reason, write.reason].filter(Boolean).join('；') : write.reason,
    lateReason: checked.late ? write.lateReason : null,
    details: {
      ...write.details,
      ...(checked.late ? { lateFor: checked.late } : {}),
      ...(deemed ? { deemedAcceptedOn: deemed.acceptedOn, deemedReason: deemed.reason } : {}),
    },
    enforcementStepId,
  });
  if (isExitStep(t.step)) {
    // The case leaves the procedure: every running period ends with it, neither met in time nor late.
    for (const deadline of checked.openDeadlines.values()) {
      await endDeadline(ctx, deadline, on, event.id, exitSteps[t.step]!);
    }
  } else if (t.meets) {
    const deadline = checked.openDeadlines.get(t.meets);
    if (deadline) await meetDeadline(ctx, deadline, on, event.id);
  }
  // A party's period ends unmet when the procedure moves past it (no hearing was asked for).
  const partyPeriod =
    t.from === 'notified'
      ? 'hearing_request'
      : t.from === 'hearing_notified'
        ? 'licensing_hearing_request'
        : null;
  if (partyPeriod && t.meets !== partyPeriod && !isExitStep(t.step)) {
    const hearing = checked.openDeadlines.get(partyPeriod);
    if (hearing)
      await meetDeadline(
        ctx,
        { ...hearing, due_on: on > hearing.due_on ? on : hearing.due_on },
        on,
        event.id,
      );
  }
  for (const opened of t.opens ?? []) {
    // Nothing to pay, no payment period (a warning, no penalty).
    if (opened === 'payment' && !(kase.amount_fen && kase.amount_fen > 0)) continue;
    // 行政许可法 §44: a licence is issued on a grant only.
    if (
      opened === 'licence_issuance' &&
      (write.changes.decision_outcome ?? kase.decision_outcome) !== 'grant'
    )
      continue;
    // §32 ¶1 (四): the decision period of a deemed acceptance runs from the day of receipt.
    const from = opened === 'licensing_decision' && deemed ? deemed.acceptedOn : on;
    await openDeadline(ctx, cal, kase, opened, from, event.id);
  }
  const after = await writeCase(ctx, kase, { ...write.changes, state: t.to });
  // Time excluded by the step (行政许可法 §45: the hearing) moves the running periods.
  if (write.changes.excluded_time) await recomputeDeadlines(ctx, cal, after);
  return { event, after };
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
    const kase = await lockCase(ctx, principal.agencyId, id, input.version);
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
  const kase = await ctx.trx
    .selectFrom('cases')
    .selectAll()
    .where('id', '=', caseId)
    .forUpdate()
    .executeTakeFirst();
  if (!kase || kase.agency_id !== input.principal.agencyId) throw new AppError('NOT_FOUND');
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

/** What a step changes on the case beyond its state, and the facts its event keeps. */
async function stepEffects(
  ctx: CommandContext,
  kase: CaseRow,
  checked: Checked,
  input: StepInput,
  on: string,
): Promise<{ changes: CaseChanges; details: Record<string, unknown>; leadCaseId?: string }> {
  const t = checked.transition;
  switch (t.step) {
    case 'file':
      return { changes: { filed_on: on }, details: {} };
    case 'notify':
      return noticeEffects(ctx, kase, input);
    case 'refuse_hearing':
      // 行政处罚法 §63: where the right exists, the request is granted; only one out of scope is refused
      if (kase.hearing_right === true) {
        throw new AppError('CASE_STEP_NOT_ALLOWED', {
          detail: `案件 ${kase.case_number} 拟作出的处罚属于听证范围（${kase.hearing_right_grounds.join('；')}），当事人要求听证的，应当组织听证（行政处罚法 §63），不得不予听证`,
          extra: { state: kase.state, step: t.step, hearingRight: true },
        });
      }
      return { changes: {}, details: { hearingRight: kase.hearing_right } };
    case 'hold_hearing':
      if (kase.kind === 'licensing') return licensingHearingEffects(ctx, kase, input, on);
      return {
        changes: {},
        details: { hearingChairId: input.hearingChairId, hearingNotifiedOn: input.hearingNotifiedOn },
      };
    case 'serve':
      return {
        changes: {},
        details: {
          serviceMethod: input.serviceMethod ?? 'direct',
          electronicConsent: input.electronicConsent,
        },
      };
    case 'enforce':
      return { changes: {}, details: { measure: input.measure ?? 'sealing' } };
    case 'refuse_acceptance':
      return { changes: {}, details: { remedy: input.remedy } };
    case 'receive_completion':
      // 行政许可法 §32: the completed materials received again; the 5 days run anew from this day
      return { changes: {}, details: { receivedAgainOn: on } };
    case 'record_payment':
      return paymentEffects(kase, input);
    case 'close':
    case 'file_with_agency':
    case 'verify_correction':
      return { changes: { closed_on: on }, details: {} };
    case 'transfer_judiciary':
    case 'transfer_jurisdiction':
      return { changes: { closed_on: on }, details: { transferee: input.transferee } };
    case 'terminate_investigation':
      return {
        changes: { closed_on: on },
        details: {
          terminationGround: input.terminationGround,
          terminationGroundLabel: input.terminationGround
            ? terminationGroundLabels[input.terminationGround]
            : null,
        },
      };
    case 'refer_lead': {
      // An inspection's finding becomes a penalty lead (程序规定 §17–18): a new case, pointing back here.
      const parties = await ctx.trx
        .selectFrom('case_parties')
        .selectAll()
        .where('case_id', '=', kase.id)
        .execute();
      const lead = await insertCase(
        ctx,
        kase.agency_id,
        {
          kind: 'penalty_ordinary',
          title: kase.title,
          itemId: input.leadItemId,
          field: kase.field as never,
          unitId: kase.unit_id,
          source: `检查发现（${kase.case_number}）`,
          parties: parties.map((p) =>
            p.party_type === 'person'
              ? { type: 'person', name: p.name, idNumber: p.id_number, phone: p.phone, address: p.address }
              : p.party_type === 'individual_business'
                ? {
                    type: 'individual_business',
                    name: p.name,
                    creditCode: p.credit_code,
                    operatorName: p.operator_name ?? p.name,
                    idNumber: p.id_number,
                    phone: p.phone,
                    address: p.address,
                  }
                : {
                    type: 'organisation',
                    name: p.name,
                    creditCode: p.credit_code,
                    legalRepresentative: p.legal_representative,
                    phone: p.phone,
                    address: p.address,
                  },
          ),
          officerIds: [],
        },
        on,
        { originCaseId: kase.id },
      );
      return {
        changes: {},
        details: { leadCaseId: lead.id, leadCaseNumber: lead.case_number },
        leadCaseId: lead.id,
      };
    }
    default:
      return { changes: {}, details: {} };
  }
}

/**
 * The notice of the proposed penalty (行政处罚法 §44): the proposed sanctions (a list, or for older callers
 * one fine of `proposedAmountFen`), and the hearing right they give the party (§63; 听证办法 §5), stored on
 * the case and in the step's details with its grounds, so the notice document states it when it applies.
 */
async function noticeEffects(ctx: CommandContext, kase: CaseRow, input: StepInput) {
  const { sanctions, mismatch } = sanctionsOfRequest(input.proposedSanctions, input.proposedAmountFen);
  if (mismatch) {
    const message = `拟罚款金额与拟处罚种类中的罚款（${fineOf(sanctions) / 100} 元）不一致`;
    throw new AppError('VALIDATION_FAILED', {
      detail: message,
      errors: [{ path: 'body.proposedAmountFen', message }],
    });
  }
  // An empty list sent as such proposes no penalty (行政处罚法 §33, e.g. after a review of 不予处罚); a notice
  // that names neither a list nor an amount has forgotten its content.
  if (kase.kind === 'penalty_ordinary' && sanctions.length === 0 && input.proposedSanctions === null) {
    const message = '请列出拟作出的行政处罚（行政处罚法 §44：告知拟作出的行政处罚内容）';
    throw new AppError('VALIDATION_FAILED', {
      detail: message,
      errors: [{ path: 'body.proposedSanctions', message }],
    });
  }
  const party = await ctx.trx
    .selectFrom('case_parties')
    .select(['party_type', 'credit_code'])
    .where('case_id', '=', kase.id)
    .orderBy('created_at')
    .orderBy('id')
    .executeTakeFirst();
  const partyType = partyTypeOf(party?.party_type ?? 'organisation', party?.credit_code);
  const right = hearingRight(partyType, sanctions);
  const proposedAmountFen = input.proposedSanctions === null ? input.proposedAmountFen : fineOf(sanctions);
  return {
    changes: {
      proposed_amount_fen: proposedAmountFen,
      proposed_sanctions: sanctions,
      hearing_right: right.hearingRight,
      hearing_right_grounds: right.grounds,
      rights_waived: input.rightsWaived,
    },
    details: {
      proposedAmountFen,
      proposedSanctions: sanctions,
      partyType,
      hearingRight: right,
      rightsWaived: input.rightsWaived,
    },
  };
}

/**
 * A licensing hearing held (行政许可法 §48): its chair and record, and its time — from the request (§47) or
 * the announcement (§46) to the hearing — excluded from the decision period (§45).
 */
async function licensingHearingEffects(ctx: CommandContext, kase: CaseRow, input: StepInput, on: string) {
  const started = await ctx.trx
    .selectFrom('case_events')
    .select('on_date')
    .where('case_id', '=', kase.id)
    .where('step', 'in', ['request_hearing', 'announce_hearing'])
    .orderBy('seq', 'desc')
    .executeTakeFirst();
  const exclusion = hearingExclusion(started?.on_date ?? on, on);
  return {
    changes: { excluded_time: [...(kase.excluded_time as LicensingExclusion[]), exclusion] },
    details: {
      hearingChairId: input.hearingChairId,
      hearingNotifiedOn: input.hearingNotifiedOn,
      hearingRecordSigned: input.hearingRecordSigned,
      excluded: exclusion,
    },
  };
}

/**
 * Payment of a levy or a fee: the amount paid must cover what was decided. (A fine's payment, with its
 * surcharge, deferral and collection rules, is the payment service's: payment.service.ts.)
 */
function paymentEffects(kase: CaseRow, input: StepInput) {
  const owed = kase.amount_fen ?? 0;
  const paid = input.amountFen ?? 0;
  if (paid < owed) {
    const message = `应缴 ${owed / 100} 元`;
    throw new AppError('VALIDATION_FAILED', {
      detail: message,
      errors: [{ path: 'body.amountFen', message }],
    });
  }
  return { changes: { paid_fen: paid }, details: { paidFen: paid } };
}

/** Runs the legal-review gate, then every further gate; the first to refuse throws. */
async function runGates(deps: CaseDeps, ctx: DecisionGateContext, kase: CaseRow): Promise<void> {
  await legalReviewGate(ctx, kase);
  for (const gate of deps.beforeDecision ?? []) await gate(ctx, kase);
}

/**
 * The gates on the request, before its body is read (the decision route's preValidation): a decision
 * refused by a gate is refused whatever the body holds. Unknown or unreadable cases pass through to the
 * route, which answers 404.
 */
export async function checkDecisionGates(deps: CaseDeps, principal: Principal, id: string): Promise<void> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return;
  const kase = await deps.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
  if (!kase || kase.agency_id !== principal.agencyId) return;
  await runGates(
    deps,
    { db: deps.db, phase: 'request', actor: actorOf(principal), principal, now: deps.clock.now(), deps },
    kase,
  );
}

/** The benchmarks of the case's item in the version in force on the decision date. */
async function itemOn(ctx: CommandContext, itemId: string | null, on: string) {
  if (!itemId) return null;
  const item = await ctx.trx
    .selectFrom('power_items')
    .select('kind')
    .where('id', '=', itemId)
    .executeTakeFirst();
  if (!item) return null;
  const versions = await ctx.trx
    .selectFrom('power_item_versions')
    .select(['version', 'status', 'effective_from', 'withdrawn', 'benchmarks'])
    .where('item_id', '=', itemId)
    .execute();
  const inForce = versionInForce(
    versions.map((v) => ({ ...v, effectiveFrom: v.effective_from })),
    on,
  );
  return inForce ? { kind: item.kind, benchmarks: inForce.benchmarks } : null;
}

/**
 * The decision (`POST /api/v1/cases/{id}/decision`): the gates, the step checks, the content checks
 * (outcome, summary-procedure limits, discretion benchmark, no heavier than notified), then the case
 * decided and the hooks after it, all in one transaction.
 */
export async function decide(
  deps: CaseDeps,
  principal: Principal,
  id: string,
  input: DecisionInput,
  actor: Actor = actorOf(principal),
): Promise<StepResult> {
  authorize(principal, casesPolicy.step, principal.agencyId);
  const on = actingDay(deps.clock.now(), input.on);
  const cal = await workingCalendar(deps.db);
  const result = await runCommand(deps, actor, async (ctx) => {
    const kase = await lockCase(ctx, principal.agencyId, id, input.version);
    // The gates first, as on the request: a decision without its review is refused as such in any state.
    await runGates(
      deps,
      { db: ctx.trx, phase: 'command', actor: ctx.actor, principal, now: ctx.now, deps },
      kase,
    );
    const lc = lifecycles[kase.kind];
    const decisionStep = lc.transitions.find((t) => t.from === kase.state && t.decision)?.step;
    if (!decisionStep) throw stepRefused(lc, kase, 'decide');
    const checked = await checkStep(ctx, cal, principal, kase, decisionStep, {
      on,
      reason: input.reason,
      lateReason: input.lateReason,
      amountFen: input.amountFen,
    });
    // 行政处罚法 §57 ¶2: a complex or major case is decided by the heads collectively, after `deliberate`
    if (kase.state !== 'deliberated' && (input.outcome === 'penalty' || input.outcome === 'warning')) {
      const reasons = await deliberationReasonsOf(ctx.trx, kase);
      if (reasons.length > 0) {
        throw new AppError('DELIBERATION_REQUIRED', {
          detail: deliberationMessage(kase.case_number, reasons),
          extra: { deliberationRequired: reasons, state: kase.state },
        });
      }
    }
    const requested = sanctionsOfRequest(input.sanctions, input.amountFen);
    const sanctions: CaseSanction[] =
      input.outcome === 'penalty'
        ? requested.sanctions
        : input.outcome === 'warning'
          ? [{ kind: 'warning' }]
          : [];
    if (input.outcome === 'penalty' && requested.mismatch) {
      const message = `罚款金额与处罚种类中的罚款（${fineOf(sanctions) / 100} 元）不一致`;
      throw new AppError('VALIDATION_FAILED', {
        detail: message,
        errors: [{ path: 'body.amountFen', message }],
      });
    }
    if (input.sanctions !== null && input.outcome !== 'penalty' && input.sanctions.length > 0) {
      const message = '仅「给予行政处罚」的决定列出处罚种类';
      throw new AppError('VALIDATION_FAILED', {
        detail: message,
        errors: [{ path: 'body.sanctions', message }],
      });
    }
    const amountFen =
      input.outcome === 'penalty' && input.sanctions !== null ? fineOf(sanctions) : input.amountFen;
    const item = await itemOn(ctx, kase.item_id, on);
    const judged = judgeDecision({
      kind: kase.kind,
      outcome: input.outcome,
      amountFen,
      sanctions,
      proposedSanctions: kase.proposed_sanctions.length > 0 ? kase.proposed_sanctions : null,
      listGiven: input.sanctions !== null,
      circumstance: input.circumstance,
      discretionReason: input.discretionReason,
      reason: input.reason,
      proposedAmountFen: kase.proposed_amount_fen,
      item,
    });
    // 行政处罚法 §33: the ground of not punishing, the 免罚清单 (the item's 不予处罚 benchmark), the education
    const listed = item?.benchmarks.find((b) => b.circumstance === 'exempt');
    const problems = [
      ...judged.problems,
      ...noPenaltyProblems({
        outcome: input.outcome,
        ground: input.noPenaltyGround,
        education: input.education,
        reason: input.reason,
        listedEntry: listed ? listed.description || listed.measures || '不予处罚' : null,
      }),
    ];
    if (kase.kind === 'penalty_summary') {
      const party = await ctx.trx
        .selectFrom('case_parties')
        .select(['party_type', 'credit_code'])
        .where('case_id', '=', kase.id)
        .orderBy('created_at')
        .executeTakeFirst();
      if (!input.formNumber)
        problems.push({ path: 'body.formNumber', message: '请填写预定格式决定书的编号（行政处罚法 §52）' });
      problems.push(
        ...summaryProblems({
          // 行政处罚法 §51: a 个体工商户 (also one entered before 0018 as an organisation with a 92 code) is a
          // natural person: 200 yuan
          partyType: party ? partyTypeOf(party.party_type, party.credit_code) : 'person',
          outcome: input.outcome === 'warning' ? 'warning' : 'fine',
          fineFen: amountFen,
          mitigated: input.circumstance === 'mitigated',
          illegalGains: input.illegalGains,
        }),
      );
      const excluded = problems.find((p) => p.path !== 'body.formNumber' && p.path !== 'body.outcome');
      if (excluded) {
        throw new AppError('SUMMARY_PROCEDURE_EXCLUDED', {
          detail: problems.map((p) => p.message).join('；'),
          errors: problems,
        });
      }
    }
    if (problems.length > 0) {
      throw new AppError('VALIDATION_FAILED', {
        detail: problems.map((p) => p.message).join('；'),
        errors: problems,
      });
    }
    const majorReasons = [...new Set([...kase.major_reasons, ...judged.majorReasons])];
    const { event, after } = await writeStep(ctx, cal, kase, checked, on, {
      reason: input.reason,
      lateReason: input.lateReason,
      details: {
        outcome: input.outcome,
        amountFen,
        sanctions,
        circumstance: input.circumstance,
        benchmark: judged.benchmark,
        formNumber: input.formNumber,
        ...(input.noPenaltyGround
          ? { noPenaltyGround: input.noPenaltyGround, education: input.education }
          : {}),
      },
      changes: {
        decided_on: on,
        decision_outcome: input.outcome,
        amount_fen: amountFen,
        sanctions,
        circumstance: input.circumstance,
        benchmark_outcome: judged.benchmark,
        discretion_reason: input.discretionReason,
        major: kase.major || majorReasons.length > 0,
        major_reasons: majorReasons,
      },
      timing: { place: input.place },
    });
    const made: DecisionMade = {
      caseId: after.id,
      eventId: event.id,
      outcome: input.outcome,
      amountFen,
      sanctions,
      decidedOn: on,
      mustPublish: mustPublish(kase.kind, input.outcome, sanctions),
      major: after.major,
      majorReasons,
    };
    for (const hook of deps.afterDecision ?? []) await hook(ctx, after, made);
    return { event, late: checked.late !== null, mustPublish: made.mustPublish };
  });
  return {
    ...(await getCase(deps, principal, id)),
    event: { id: result.event.id, seq: result.event.seq, step: 'decide', late: result.late },
    mustPublish: result.mustPublish,
  };
}
