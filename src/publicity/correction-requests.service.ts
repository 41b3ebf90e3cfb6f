import { runCommand, type Actor, type CommandContext, type CommandDeps } from '../platform/audit/command.ts';
import { authorize } from '../platform/auth/policy.ts';
import { actorOf, type Principal } from '../platform/auth/principal.ts';
import { workingCalendar } from '../platform/calendar/calendar.service.ts';
import { chinaDate } from '../platform/clock.ts';
import type { RateLimit } from '../platform/config.ts';
import { ownAgency, ownScopeOf } from '../platform/db/agency-scope.ts';
import { AppError } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import type { AntiRobot } from './anti-robot.ts';
import {
  correctionAgency,
  insertCorrectionRow,
  lockCorrection,
  nextReceiptSerial,
  updateCorrectionRow,
} from './correction-requests.store.ts';
import { invalidState } from './publication-steps.ts';
import { publicationsPolicy } from './publications.policy.ts';
import { correctionDue, publicVisibility, shownStatus } from './publications.rules.ts';
import { insertPublicationEvent, publicationForCorrectionUnscoped } from './publications.store.ts';
import { formatReceiptNumber } from './receipt-number.rules.ts';

/** Correction requests from the public (更正申请, 公示规定 §12) and the publisher's answers. */

/** What the portal's correction form and the public API share. */
export interface CorrectionDeps extends CommandDeps {
  antiRobot: AntiRobot;
}

/** The public routes' deps: the correction form's limit and the lookups' (per client address). */
export interface PublicRouteDeps extends CorrectionDeps {
  limits: { corrections: RateLimit; lookups: RateLimit };
}

/**
 * A correction request from the public (公示规定 §12): rate-limited per client address at the route
 * (platform/http/rate-limit.ts, counted in the database across instances), with the anti-robot check,
 * about a publication the public can see; answered by a deadline (publications.rules.ts).
 */
export async function requestCorrection(
  deps: CorrectionDeps,
  publicationId: string,
  input: { name: string; contact: string; content: string; altcha: string },
  ip: string,
): Promise<{ id: string; receiptNumber: string; dueOn: string }> {
  if (!(await deps.antiRobot.verify(input.altcha))) {
    throw new AppError('ANTI_ROBOT_FAILED', {
      errors: [{ path: 'body.altcha', message: '人机验证未通过或已过期，请重新验证' }],
    });
  }
  const pub = await publicationForCorrectionUnscoped(deps.db, publicationId);
  const today = chinaDate(deps.clock.now());
  if (!pub || publicVisibility(shownStatus(pub.status, pub.period_ends_on, today)) !== 'full')
    throw new AppError('NOT_FOUND');
  const actor: Actor = { personId: null, agencyId: pub.agency_id, via: 'anonymous', ip };
  return runCommand(deps, actor, async (ctx) => {
    const due = correctionDue(await workingCalendar(ctx.trx), today);
    const row = await insertCorrectionRow(ctx.trx, ownAgency(pub.agency_id), {
      id: newId(),
      agency_id: pub.agency_id,
      publication_id: pub.id,
      receipt_number: await nextReceiptNumber(ctx, pub.agency_id, Number(today.slice(0, 4))),
      status: 'open',
      requester_name: input.name,
      requester_contact: input.contact,
      content: input.content,
      received_on: today,
      due_on: due.date,
      answer: null,
      corrected: null,
      answered_by: null,
      answered_at: null,
      created_at: ctx.now,
    });
    await ctx.record({
      kind: 'publicity.correction_requested',
      agencyId: pub.agency_id,
      subjectType: 'correction_request',
      subjectId: row.id,
      record: row,
    });
    return { id: row.id, receiptNumber: row.receipt_number, dueOn: row.due_on };
  });
}

/**
 * The agency's next receipt number of the year (receipt-number.rules.ts). The upsert takes the series
 * row's lock: concurrent requests queue here, each gets the next serial, and a request rolled back
 * takes none, so the numbers have no gaps.
 */
async function nextReceiptNumber(ctx: CommandContext, agencyId: string, year: number): Promise<string> {
  return formatReceiptNumber(year, await nextReceiptSerial(ctx.trx, ownAgency(agencyId), year));
}

/** The publisher answers a correction request; a correction made is noted on the publication too. */
export async function answerCorrection(
  deps: CommandDeps,
  principal: Principal,
  id: string,
  body: { answer: string; corrected: boolean },
): Promise<void> {
  const scope = ownScopeOf(principal);
  const agencyId = await correctionAgency(deps.db, scope, id);
  if (!agencyId) throw new AppError('NOT_FOUND');
  authorize(principal, publicationsPolicy.publish, agencyId);
  await runCommand(deps, actorOf(principal), async (ctx) => {
    const open = await lockCorrection(ctx.trx, scope, id);
    if (open.status !== 'open') throw invalidState('该更正申请已答复');
    const row = await updateCorrectionRow(ctx.trx, scope, id, {
      status: 'answered',
      answer: body.answer,
      corrected: body.corrected,
      answered_by: principal.personId,
      answered_at: ctx.now,
    });
    await ctx.record({
      kind: 'publicity.correction_answered',
      agencyId: row.agency_id,
      subjectType: 'correction_request',
      subjectId: row.id,
      record: row,
      changes: ['status', 'answer', 'corrected'],
    });
    if (body.corrected) {
      const history = await insertPublicationEvent(ctx.trx, scope, {
        id: newId(),
        agency_id: row.agency_id,
        publication_id: row.publication_id,
        action: 'corrected',
        note: body.answer,
        actor_id: principal.personId,
        at: ctx.now,
      });
      // The publication's history row is recorded about the publication (verify-history.ts).
      await ctx.record({
        kind: 'publicity.publication_corrected',
        agencyId: row.agency_id,
        subjectType: 'publication',
        subjectId: row.publication_id,
        record: { history: [history] },
        changes: ['corrected'],
      });
    }
  });
}
