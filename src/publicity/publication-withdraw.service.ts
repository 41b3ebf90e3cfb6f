import type { z } from 'zod';
import { runCommand, type CommandDeps } from '../platform/audit/command.ts';
import { authorize } from '../platform/auth/policy.ts';
import { actorOf, type Principal } from '../platform/auth/principal.ts';
import { workingCalendar } from '../platform/calendar/calendar.service.ts';
import { chinaDate } from '../platform/clock.ts';
import { ownAgency, ownScopeOf } from '../platform/db/agency-scope.ts';
import { AppError } from '../platform/errors.ts';
import { earlyEndUnmet, earlyEndUnmetMessages, withdrawalDue } from './deadlines.rules.ts';
import { refuseFindings, rowMaskingRecords } from './publication-masking.ts';
import { invalidState, moveRow, stateMessage } from './publication-steps.ts';
import { publicitySettings } from './publicity-settings.service.ts';
import { publicationsPolicy } from './publications.policy.ts';
import { guardFindings, shownStatus } from './publications.rules.ts';
import type { earlyEndBody } from './publications.schema.ts';
import { caseField, lockPublication, publicationAgency } from './publications.store.ts';

/**
 * Ending a publication before its period runs out: withdrawn when the decision was changed, revoked or
 * found illegal (行政处罚法 §48; 公示规定 §11), or ended early on the party's request (公示规定 §14).
 */

/**
 * Withdraws a published decision that was changed, revoked, or found illegal or void, with the public
 * reason (行政处罚法 §48; 公示规定 §11). A late withdrawal is still made, and its lateness shows.
 */
export async function withdrawPublication(
  deps: CommandDeps,
  principal: Principal,
  id: string,
  body: { reason: string; occurredOn: string },
): Promise<void> {
  authorize(
    principal,
    publicationsPolicy.publish,
    await publicationAgency(deps.db, ownScopeOf(principal), id),
  );
  const today = chinaDate(deps.clock.now());
  if (body.occurredOn > today) {
    throw new AppError('VALIDATION_FAILED', {
      errors: [{ path: 'body.occurredOn', message: '变更、撤销或确认违法之日不能晚于今天' }],
    });
  }
  await runCommand(deps, actorOf(principal), async (ctx) => {
    const row = await lockPublication(ctx.trx, ownScopeOf(principal), id);
    // The reason is public (公示规定 §11): the same guard as the decision's own texts.
    const findings = guardFindings({ withdrawalReason: body.reason }, rowMaskingRecords(row));
    if (findings.length > 0) refuseFindings(findings, () => 'body.reason');
    const config = await publicitySettings(ctx.trx, row.agency_id);
    const due = withdrawalDue(await workingCalendar(ctx.trx), body.occurredOn, config); // 行政处罚法 §48
    await moveRow(
      ctx,
      row,
      'withdraw',
      {
        withdrawal_reason: body.reason,
        withdrawal_occurred_on: body.occurredOn,
        withdrawal_due_on: due.date,
        withdrawn_at: ctx.now,
      },
      body.reason,
    );
  });
}

/** Ends publicity early on the party's request when 公示规定 §14's conditions are all met. */
export async function endPublicationEarly(
  deps: CommandDeps,
  principal: Principal,
  id: string,
  body: z.infer<typeof earlyEndBody>,
): Promise<void> {
  authorize(
    principal,
    publicationsPolicy.publish,
    await publicationAgency(deps.db, ownScopeOf(principal), id),
  );
  await runCommand(deps, actorOf(principal), async (ctx) => {
    const row = await lockPublication(ctx.trx, ownScopeOf(principal), id);
    if (row.status !== 'published' || !row.published_on) throw invalidState(stateMessage('end_early'));
    if (shownStatus(row.status, row.period_ends_on, chinaDate(ctx.now)) === 'ended')
      throw invalidState('公示期已届满，无需提前停止');
    const config = await publicitySettings(ctx.trx, row.agency_id);
    // The case's enforcement field sets the wait (信用修复管理办法 §6); an item without a case waits 6 months.
    const field = row.case_id ? await caseField(ctx.trx, ownAgency(row.agency_id), row.case_id) : null;
    const unmet = earlyEndUnmet(
      {
        ...body,
        sanctions: row.sanctions,
        party: row.party_kind,
        field,
        publishedOn: row.published_on,
      },
      config,
    );
    if (unmet.length > 0) {
      throw new AppError('PUBLICATION_EARLY_END_REFUSED', {
        detail: unmet.map((u) => earlyEndUnmetMessages[u]).join('；'),
        errors: unmet.map((u) => ({ path: 'body', message: earlyEndUnmetMessages[u] })),
        extra: { unmet },
      });
    }
    const reason = `经 ${body.applicant} 于 ${body.requestedOn} 申请，符合提前停止公示条件（市场监督管理行政处罚信息公示规定第十四条）${body.note ? `：${body.note}` : ''}`;
    await moveRow(ctx, row, 'end_early', { ended_at: ctx.now, end_reason: reason }, reason);
  });
}
