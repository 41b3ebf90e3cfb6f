import type { CommandDeps } from '../platform/audit/command.ts';
import { authorize } from '../platform/auth/policy.ts';
import { actorOf, type Principal } from '../platform/auth/principal.ts';
import { chinaDate } from '../platform/clock.ts';
import { AppError } from '../platform/errors.ts';
import { actingDay, onCase, refuseFinal } from './case-command.ts';
import { decideApplication, officerRow, recuse } from './case-officers.service.ts';
import type { CaseDetail } from './case-view.ts';
import { casesPolicy } from './cases.policy.ts';
import { appendEvent, writeCase } from './cases.store.ts';
import { applicationOf, insertApplication, pendingApplicationsOf } from './recusal.store.ts';

/**
 * The party's application for an officer's recusal (行政处罚法 §43 ¶2: 当事人认为执法人员与案件有直接利害关系
 * 或者有其他关系可能影响公正执法的，有权申请回避) and the head's decision on it (¶3: 行政机关应当依法审查，由
 * 行政机关负责人决定；决定作出之前，不停止调查). The officer who receives the written application enters it;
 * while it is pending, investigating acts go on and every other step waits (lifecycle.rules.ts
 * `recusalPending`). Granted, the officer is recused as on a declared conflict (case-officers.service.ts `recuse`);
 * refused, the reason is recorded.
 */

export async function applyForRecusal(
  deps: CommandDeps,
  principal: Principal,
  id: string,
  personId: string,
  input: { version: number; applicant: string; grounds: string; receivedOn?: string | undefined },
): Promise<CaseDetail> {
  authorize(principal, casesPolicy.applyRecusal, principal.agencyId);
  const receivedOn = actingDay(deps.clock.now(), input.receivedOn, 'body.receivedOn');
  return onCase(deps, principal, id, input.version, actorOf(principal), async (ctx, kase) => {
    refuseFinal(kase);
    const officer = await officerRow(ctx, kase, personId);
    if (officer.recused_at) throw new AppError('CONFLICT', { detail: '该执法人员已决定回避' });
    const [pending] = await pendingApplicationsOf(ctx.trx, kase, personId);
    if (pending) {
      throw new AppError('CONFLICT', { detail: '当事人对该执法人员的回避申请尚待负责人决定' });
    }
    const row = await insertApplication(ctx, kase, {
      personId,
      applicant: input.applicant,
      grounds: input.grounds,
      receivedOn,
    });
    await appendEvent(ctx, kase, {
      action: 'recusal_applied',
      on: receivedOn,
      officerIds: [personId],
      reason: input.grounds,
      details: { applicationId: row.id, applicant: input.applicant },
    });
    await writeCase(ctx, kase, {});
  });
}

/** The agency head's decision on the party's application: granted (recused) or refused with its reason. */
export async function decideRecusalApplication(
  deps: CommandDeps,
  principal: Principal,
  id: string,
  applicationId: string,
  input: { version: number; granted: boolean; reason: string },
): Promise<CaseDetail> {
  authorize(principal, casesPolicy.recuse, principal.agencyId);
  return onCase(deps, principal, id, input.version, actorOf(principal), async (ctx, kase) => {
    refuseFinal(kase);
    const application = await applicationOf(ctx.trx, kase, applicationId);
    if (!application) throw new AppError('NOT_FOUND', { detail: '未找到该回避申请' });
    if (application.decided_at) throw new AppError('CONFLICT', { detail: '该回避申请已作出决定' });
    if (input.granted) {
      // The recusal decides the application with it (granted).
      await recuse(ctx, kase, await officerRow(ctx, kase, application.person_id), input.reason);
    } else {
      await decideApplication(ctx, kase, application.id, false, input.reason);
      await appendEvent(ctx, kase, {
        action: 'recusal_refused',
        on: chinaDate(ctx.now),
        officerIds: [application.person_id],
        reason: input.reason,
        details: { applicationId: application.id },
      });
    }
    await writeCase(ctx, kase, {});
  });
}
