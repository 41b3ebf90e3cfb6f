import { runCommand, type Actor, type CommandContext, type CommandDeps } from '../platform/audit/command.ts';
import type { Principal } from '../platform/auth/principal.ts';
import { chinaDate } from '../platform/clock.ts';
import { ownScopeOf } from '../platform/db/agency-scope.ts';
import { AppError, fieldError } from '../platform/errors.ts';
import { getCase } from './case-detail.queries.ts';
import type { CaseDetail } from './case-view.ts';
import { lockCase, type CaseRow } from './cases.store.ts';
import { lifecycles } from './lifecycles/index.ts';

/**
 * What every command on a case shares: the day it acts on, the case locked at the version the client saw
 * (in the principal's own agency), and the refusals of a case that is done or has left the procedure.
 */

/** The day a command acts on: the date given, else today in China; never a day still to come. */
export function actingDay(now: Date, on: string | undefined, path = 'body.on'): string {
  const today = chinaDate(now);
  const day = on ?? today;
  if (day > today) throw fieldError('VALIDATION_FAILED', path, `日期不能晚于今天（${today}）`);
  return day;
}

/** Runs a command on a case locked at the client's version, and answers with the case as it is after. */
export async function onCase(
  deps: CommandDeps,
  principal: Principal,
  id: string,
  version: number,
  actor: Actor,
  fn: (ctx: CommandContext, kase: CaseRow) => Promise<void>,
): Promise<CaseDetail> {
  await runCommand(deps, actor, async (ctx) => {
    const kase = await lockCase(ctx, ownScopeOf(principal), id, version);
    await fn(ctx, kase);
  });
  return getCase(deps, principal, id);
}

/** A case that left the procedure (移送、终止调查) is only archived: no suspension, no extension. */
export function refuseExited(kase: CaseRow): void {
  const lc = lifecycles[kase.kind];
  const state = lc.states.find((s) => s.id === kase.state);
  if (state?.exit) {
    throw new AppError('CASE_STEP_NOT_ALLOWED', {
      detail: `案件 ${kase.case_number} 已${state.label.replace(/^已/, '')}，只能归档`,
    });
  }
}

export function refuseFinal(kase: CaseRow): void {
  const lc = lifecycles[kase.kind];
  if (lc.states.find((s) => s.id === kase.state)?.final) {
    throw new AppError('CASE_STEP_NOT_ALLOWED', { detail: `案件 ${kase.case_number} 已办结，不能再变更` });
  }
}
