import { runCommand, type Actor, type CommandContext, type CommandDeps } from '../platform/audit/command.ts';
import type { Principal } from '../platform/auth/principal.ts';
import { workingCalendar } from '../platform/calendar/calendar.service.ts';
import type { WorkingCalendar } from '../platform/calendar/working-days.rules.ts';
import { ownScopeOf } from '../platform/db/agency-scope.ts';
import { AppError, type FieldError } from '../platform/errors.ts';
import { meetDeadline } from './case-deadlines.store.ts';
import { getCase } from './case-detail.queries.ts';
import type { Checked } from './case-step.checks.ts';
import type { CaseDetail } from './case-view.ts';
import { lockCase, type CaseRow } from './cases.store.ts';
import type { PaymentProblem } from './payment.rules.ts';

/**
 * Payment and execution of fines (行政处罚法 §66–§72; 行政强制法 §35, §53–§55): payments recorded with their
 * receipt or collected on the spot, deferral and instalments, the hand-over of cash, the demand and the
 * application to the people's court. Each command is one transaction through `runCommand`, on the case at
 * the version the client saw; the lifecycle's steps (record_payment, demand_payment,
 * apply_court_enforcement, record_court_result) go through `checkStep` and `writeStep` like every step.
 */

/** A refusal naming each problem with its field. */
export function refuse(code: 'VALIDATION_FAILED' | 'PAYMENT_COLLECTION_REFUSED', problems: PaymentProblem[]) {
  return new AppError(code, {
    detail: problems.map((p) => p.message).join('；'),
    errors: problems.map((p): FieldError => ({ path: p.path, message: p.message })),
  });
}

/**
 * Ends the given running periods of the case with the event (the step made them moot). `late` on the period
 * then says whether the party let it pass (the 15 days ended unpaid: late) — unless it merely `elapsed`, as
 * the demand's 10 days do before the court application.
 */
export async function endPeriods(
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

/** Runs a command on a case locked at the client's version; answers with the case as it is after. */
export async function onPaymentCase<T>(
  deps: CommandDeps,
  principal: Principal,
  id: string,
  version: number,
  actor: Actor,
  fn: (ctx: CommandContext, kase: CaseRow, cal: WorkingCalendar) => Promise<T>,
): Promise<CaseDetail> {
  const cal = await workingCalendar(deps.db);
  await runCommand(deps, actor, async (ctx) => {
    const kase = await lockCase(ctx, ownScopeOf(principal), id, version);
    if (kase.suspended_since) {
      throw new AppError('CASE_SUSPENDED', {
        detail: `案件 ${kase.case_number} 已于 ${kase.suspended_since} 中止，请先恢复`,
      });
    }
    return fn(ctx, kase, cal);
  });
  return getCase(deps, principal, id);
}
