import { runCommand, type CommandDeps } from '../platform/audit/command.ts';
import { authorize } from '../platform/auth/policy.ts';
import { actorOf, type Principal } from '../platform/auth/principal.ts';
import { workingCalendar } from '../platform/calendar/calendar.service.ts';
import { ownScopeOf } from '../platform/db/agency-scope.ts';
import { AppError, fieldError } from '../platform/errors.ts';
import { actingDay } from './case-command.ts';
import { openDeadlineOf, recomputeDeadlines } from './case-deadlines.store.ts';
import { getCase } from './case-detail.queries.ts';
import type { CaseDetail } from './case-view.ts';
import { casesPolicy } from './cases.policy.ts';
import type { ExcludedTimeInput } from './cases.schema.ts';
import { appendEvent, lockCase, writeCase } from './cases.store.ts';
import { licensingExclusionLabels, type LicensingExclusion } from './licensing.rules.ts';

/**
 * Time not counted in a licensing decision period (行政许可法 §45): tender, auction, inspection, testing,
 * quarantine, appraisal or expert review, told to the applicant in writing. Recorded as a new fact on the
 * case (`POST /api/v1/cases/{id}/excluded-time`); the hearing's time is recorded by `hold_hearing` itself.
 */
export async function excludeLicensingTime(
  deps: CommandDeps,
  principal: Principal,
  id: string,
  input: ExcludedTimeInput,
): Promise<CaseDetail> {
  authorize(principal, casesPolicy.step, principal.agencyId);
  const to = actingDay(deps.clock.now(), input.to, 'body.to');
  const notifiedOn = actingDay(deps.clock.now(), input.notifiedOn, 'body.notifiedOn');
  const cal = await workingCalendar(deps.db);
  await runCommand(deps, actorOf(principal), async (ctx) => {
    const scope = ownScopeOf(principal);
    const kase = await lockCase(ctx, scope, id, input.version);
    if (kase.kind !== 'licensing') {
      throw new AppError('CASE_STEP_NOT_ALLOWED', {
        detail: '仅行政许可案件可扣除检验、检测、鉴定等时间（行政许可法 §45）',
      });
    }
    const period = await openDeadlineOf(ctx.trx, scope, kase.id, 'licensing_decision');
    if (!period) {
      throw new AppError('CASE_STEP_NOT_ALLOWED', { detail: '本案没有正在计算的「作出许可决定」期限' });
    }
    if (input.from < period.opened_on) {
      throw fieldError('VALIDATION_FAILED', 'body.from', `扣除期间不能早于受理之日（${period.opened_on}）`);
    }
    const overlaps = (kase.excluded_time as LicensingExclusion[]).find(
      (e) => e.from <= to && input.from <= e.to,
    );
    if (overlaps) {
      throw fieldError(
        'VALIDATION_FAILED',
        'body.from',
        `与已扣除的${licensingExclusionLabels[overlaps.kind]}时间（${overlaps.from} 至 ${overlaps.to}）重叠`,
      );
    }
    const exclusion: LicensingExclusion = { kind: input.kind, from: input.from, to, notifiedOn };
    await appendEvent(ctx, kase, {
      action: 'time_excluded',
      on: notifiedOn,
      reason: input.reason,
      details: { excluded: exclusion },
    });
    const after = await writeCase(ctx, kase, {
      excluded_time: [...(kase.excluded_time as LicensingExclusion[]), exclusion],
    });
    await recomputeDeadlines(ctx, cal, after);
  });
  return getCase(deps, principal, id);
}
