import type { CommandContext } from '../platform/audit/command.ts';
import type { Principal } from '../platform/auth/principal.ts';
import { roleLabels } from '../platform/auth/roles.ts';
import type { WorkingCalendar } from '../platform/calendar/working-days.rules.ts';
import { ownAgency } from '../platform/db/agency-scope.ts';
import type { Row } from '../platform/db/schema.ts';
import { AppError, type FieldError } from '../platform/errors.ts';
import { caseFileAssembled } from '../case-file/case-file.service.ts';
import { lateCheck } from './case-deadlines.rules.ts';
import { openDeadlinesOf } from './case-deadlines.store.ts';
import { assignedOfficers } from './case-officers.store.ts';
import type { StepInput } from './cases.schema.ts';
import { lastEventDay, type CaseRow } from './cases.store.ts';
import { earliestHearingOn } from './deadlines.rules.ts';
import { allowedWhileSuspended, suspensionKindLabels, suspensionKindOf } from './excluded-time.rules.ts';
import {
  mayTake,
  officerProblems,
  officersRequired,
  recusalPending,
  requirementProblems,
  stateLabel,
  transitionFor,
  type AssignedOfficer,
} from './lifecycle.rules.ts';
import { receiptCheck, type ReceiptAnswer } from './licensing.rules.ts';
import type { Lifecycle, Transition } from './lifecycles/index.ts';
import { lifecycles } from './lifecycles/index.ts';

/**
 * The checks every step and decision pass before anything is written (the step's state, role, date
 * order, officers, requirements and period), read on the case locked in the command.
 */

/** The refusal of a step the case's state does not allow, naming the state and the steps it allows. */
export function stepRefused(lc: Lifecycle, kase: CaseRow, step: string): AppError {
  const check = transitionFor(lc, kase.state, step);
  const allowed = check.ok ? [] : check.allowed;
  const list = allowed.length ? allowed.map((a) => `${a.label}（${a.step}）`).join('、') : '无（已办结）';
  return new AppError('CASE_STEP_NOT_ALLOWED', {
    detail: `案件 ${kase.case_number} 处于「${stateLabel(lc, kase.state)}」状态，不能办理「${step}」；当前可办理：${list}`,
    extra: { state: kase.state, stateLabel: stateLabel(lc, kase.state), allowed },
  });
}

/** The archive's own document: a step that names it files the case, which must then be assembled. */
const CASE_FILE_COVER = '卷宗封面';

const subjectOf = (kase: CaseRow) => ({ agencyId: kase.agency_id, subjectType: 'case', subjectId: kase.id });

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
  const scope = ownAgency(kase.agency_id);
  if (t.documents?.includes(CASE_FILE_COVER) && !(await caseFileAssembled(ctx.trx, subjectOf(kase)))) {
    throw new AppError('CASE_FILE_NOT_ASSEMBLED', {
      detail: `案件 ${kase.case_number} 尚未组卷，或组卷后又有新的文书、证据：请先组卷（卷宗封面、卷内文件目录、卷内备考表），再归档`,
    });
  }
  const last = await lastEventDay(ctx.trx, scope, kase.id);
  if (last && input.on < last) {
    throw new AppError('VALIDATION_FAILED', {
      errors: [{ path: 'body.on', message: `日期不能早于上一环节（${last}）` }],
    });
  }
  const officers = await assignedOfficers(ctx.trx, scope, kase.id);
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
  const openDeadlines = await openDeadlinesOf(ctx.trx, scope, kase.id);
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
