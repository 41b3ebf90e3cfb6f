import type { CommandDeps } from '../platform/audit/command.ts';
import { authorize } from '../platform/auth/policy.ts';
import { actorOf, type Principal } from '../platform/auth/principal.ts';
import { AppError } from '../platform/errors.ts';
import { actingDay, onCase, refuseFinal } from './case-command.ts';
import type { CaseDetail } from './case-view.ts';
import { casesPolicy } from './cases.policy.ts';
import { appendEvent, writeCase } from './cases.store.ts';

/**
 * Marks the case of social impact, or takes the mark off (行政处罚法 §48: decisions with some social impact
 * are published; §57 ¶2: such a case is decided by the heads collectively). An officer of the case or a
 * head may set it, with the reason recorded; the decision is made before the mark can change no more.
 */
export async function setSocialImpact(
  deps: CommandDeps,
  principal: Principal,
  id: string,
  input: { version: number; on?: string | undefined; socialImpact: boolean; reason: string },
): Promise<CaseDetail> {
  authorize(principal, casesPolicy.socialImpact, principal.agencyId);
  const on = actingDay(deps.clock.now(), input.on);
  return onCase(deps, principal, id, input.version, actorOf(principal), async (ctx, kase) => {
    refuseFinal(kase);
    if (kase.decided_on !== null) {
      throw new AppError('CASE_STEP_NOT_ALLOWED', {
        detail: `案件 ${kase.case_number} 已于 ${kase.decided_on} 作出决定，不能再变更社会影响标记`,
      });
    }
    await appendEvent(ctx, kase, {
      action: 'social_impact_marked',
      on,
      reason: input.reason,
      details: { socialImpact: input.socialImpact },
    });
    await writeCase(ctx, kase, { social_impact: input.socialImpact });
  });
}
