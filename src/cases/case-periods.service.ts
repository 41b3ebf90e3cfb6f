import type { CommandDeps } from '../platform/audit/command.ts';
import { authorize } from '../platform/auth/policy.ts';
import { actorOf, type Principal } from '../platform/auth/principal.ts';
import { workingCalendar } from '../platform/calendar/calendar.service.ts';
import { ownAgency } from '../platform/db/agency-scope.ts';
import { AppError, fieldError } from '../platform/errors.ts';
import { actingDay, onCase, refuseExited, refuseFinal } from './case-command.ts';
import { caseDeadlineDefs, suspensionInterval } from './case-deadlines.rules.ts';
import { openDeadlineOf, recomputeDeadlines } from './case-deadlines.store.ts';
import type { CaseDetail } from './case-view.ts';
import { casesPolicy } from './cases.policy.ts';
import { appendEvent, latestEventOf, writeCase } from './cases.store.ts';
import { suspensionKindLabels, suspensionKindOf, type SuspensionKind } from './excluded-time.rules.ts';

/**
 * The time of a case's periods: suspension (中止/期间扣除) and its resumption, and approved extensions. Each
 * is one transaction on the case at the version the client saw.
 */

/**
 * Suspends the case (中止/期间扣除) for a typed reason: from that day each period stops running only if the
 * law excludes that kind of time from it (excluded-time.rules.ts: testing from the seizure, the lead's
 * verification and the 90 days; hearing and public notice from the 90 days; another ground of 中止 from the
 * 90 days only). No step is taken until it resumes, except the hearing's own steps while it is suspended
 * for a hearing.
 */
export async function suspendCase(
  deps: CommandDeps,
  principal: Principal,
  id: string,
  input: { version: number; on?: string | undefined; kind: SuspensionKind; reason: string },
): Promise<CaseDetail> {
  authorize(principal, casesPolicy.suspend, principal.agencyId);
  const on = actingDay(deps.clock.now(), input.on);
  return onCase(deps, principal, id, input.version, actorOf(principal), async (ctx, kase) => {
    refuseFinal(kase);
    if (kase.suspended_since)
      throw new AppError('CASE_SUSPENDED', { detail: `案件已于 ${kase.suspended_since} 中止` });
    refuseExited(kase);
    await appendEvent(ctx, kase, {
      action: 'suspended',
      on,
      reason: input.reason,
      details: { kind: input.kind, kindLabel: suspensionKindLabels[input.kind] },
    });
    await writeCase(ctx, kase, { suspended_since: on, suspension_kind: input.kind });
  });
}

/** Resumes a suspended case: the suspended days are added to its suspensions and its periods move on. */
export async function resumeCase(
  deps: CommandDeps,
  principal: Principal,
  id: string,
  input: { version: number; on?: string | undefined },
): Promise<CaseDetail> {
  authorize(principal, casesPolicy.suspend, principal.agencyId);
  const on = actingDay(deps.clock.now(), input.on);
  const cal = await workingCalendar(deps.db);
  return onCase(deps, principal, id, input.version, actorOf(principal), async (ctx, kase) => {
    if (!kase.suspended_since) throw new AppError('CONFLICT', { detail: '案件未中止' });
    if (on < kase.suspended_since) {
      throw fieldError('VALIDATION_FAILED', 'body.on', `恢复日期不能早于中止日期 ${kase.suspended_since}`);
    }
    const suspendedEvent = await latestEventOf(ctx.trx, ownAgency(kase.agency_id), kase.id, {
      action: 'suspended',
    });
    const interval = suspensionInterval(kase.suspended_since, on);
    // A suspension begun before migration 0018 has no type: it is recorded as `other`.
    const kind = suspensionKindOf({ kind: kase.suspension_kind });
    const suspensions = interval
      ? [...kase.suspensions, { ...interval, reason: suspendedEvent?.reason ?? '', kind }]
      : kase.suspensions;
    await appendEvent(ctx, kase, { action: 'resumed', on, details: { interval, kind } });
    const after = await writeCase(ctx, kase, {
      suspended_since: null,
      suspension_kind: null,
      suspensions,
    });
    await recomputeDeadlines(ctx, cal, after);
  });
}

/**
 * An approved extension of a running period (e.g. the 90 days of 行政处罚法 §60: +30 by the head under
 * 程序规定 §64; beyond that only by collective deliberation, with the days it fixed). Asked for before the
 * period ends.
 */
export async function extendDeadline(
  deps: CommandDeps,
  principal: Principal,
  id: string,
  input: {
    version: number;
    code: 'lead_verification' | 'decision' | 'coercive_measure' | 'licensing_decision';
    on?: string | undefined;
    reason: string;
    deliberatedDays: number | null;
  },
): Promise<CaseDetail> {
  authorize(principal, casesPolicy.extend, principal.agencyId);
  const def = caseDeadlineDefs[input.code];
  const extension = def.extension;
  if (!extension) throw fieldError('VALIDATION_FAILED', 'body.code', '该期限不能延长');
  if (!extension.roles.some((r) => principal.roles.has(r))) {
    throw new AppError('FORBIDDEN', { detail: `「${def.label}」的延长须经机关负责人批准` });
  }
  const on = actingDay(deps.clock.now(), input.on);
  const cal = await workingCalendar(deps.db);
  return onCase(deps, principal, id, input.version, actorOf(principal), async (ctx, kase) => {
    refuseExited(kase);
    const deadline = await openDeadlineOf(ctx.trx, ownAgency(kase.agency_id), kase.id, input.code);
    if (!deadline)
      throw fieldError('VALIDATION_FAILED', 'body.code', `本案没有正在计算的「${def.label}」期限`);
    if (on > deadline.due_on) {
      throw new AppError('CASE_DEADLINE_PASSED', {
        detail: `「${def.label}」已于 ${deadline.due_on} 届满，不能再延长`,
      });
    }
    const count = kase.extensions[input.code] ?? 0;
    let deliberated = kase.deliberated_days;
    if (count >= 1) {
      // 程序规定 §64 (not 行政处罚法 §60, which has no extension): the head extends once; the decision period further only by deliberation
      if (input.code !== 'decision') {
        throw new AppError('CASE_DEADLINE_PASSED', { detail: `「${def.label}」只能延长一次` });
      }
      if (!input.deliberatedDays) {
        throw fieldError(
          'VALIDATION_FAILED',
          'body.deliberatedDays',
          '再次延长须经集体讨论，请填写集体讨论决定的天数',
        );
      }
      deliberated += input.deliberatedDays;
    }
    await appendEvent(ctx, kase, {
      action: 'extended',
      on,
      reason: input.reason,
      details: { code: input.code, deliberatedDays: count >= 1 ? input.deliberatedDays : null },
    });
    const after = await writeCase(ctx, kase, {
      extensions: { ...kase.extensions, [input.code]: count + 1 },
      deliberated_days: deliberated,
    });
    await recomputeDeadlines(ctx, cal, after);
  });
}
