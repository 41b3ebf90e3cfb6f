import type { CommandContext } from '../platform/audit/command.ts';
import type { WorkingCalendar } from '../platform/calendar/working-days.rules.ts';
import { chinaDate } from '../platform/clock.ts';
import { endDeadline, meetDeadline, openDeadline, recomputeDeadlines } from './case-deadlines.store.ts';
import type { Checked } from './case-step.checks.ts';
import { insertEnforcementStep } from './case-steps.store.ts';
import { appendEvent, writeCase, type CaseChanges, type CaseRow } from './cases.store.ts';
import { exitSteps, isExitStep } from './exit.rules.ts';

/**
 * The write of a checked step or decision: the enforcement step the AV checklist judges, the case's event,
 * the periods it meets, ends and opens, and the case one version on.
 */

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
  return insertEnforcementStep(ctx, kase, {
    step: code,
    startedAt,
    endedAt: input.endedAt ?? null,
    place: input.place ?? null,
  });
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
